import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CimdFetcher } from './cimd.js';
import { metadataUrlProblem, parseMetadataDocument } from './cimd-document.js';
import { startHttpsServer, type SpecHttpsServer } from './spec-tls.js';

describe('metadata document URL rules (SEP-991)', () => {
  it('accepts an https URL with a path', () => {
    assert.equal(metadataUrlProblem('https://claude.ai/oauth/mcp-oauth-client-metadata'), undefined);
    assert.equal(metadataUrlProblem('https://app.example:8443/client.json?v=2'), undefined);
  });
  for (const [url, why] of [
    ['http://app.example/client.json', /https/],
    ['https://app.example', /path/],
    ['https://app.example/', /path/],
    ['https://app.example/client.json#x', /fragment/],
    ['https://user:pw@app.example/client.json', /user information/],
    ['https://app.example/a/../client.json', /dot segments/],
    ['https://app.example/./client.json', /dot segments/],
    ['https://app.example/%2e%2e/client.json', /dot segments/],
    ['https://app.example/a/..', /dot segments/],
    ['not a url', /not a URL/],
    [`https://app.example/${'x'.repeat(2040)}`, /2048/],
  ] as const) {
    it(`refuses ${url}`, () => assert.match(metadataUrlProblem(url) ?? '', why));
  }
});

describe('parseMetadataDocument', () => {
  const id = 'https://app.example/client.json';
  const doc = { client_id: id, client_name: 'App', redirect_uris: ['https://app.example/cb'] };

  it('returns the client, naming it after the host when the document does not', () => {
    assert.deepEqual(parseMetadataDocument(id, doc), {
      clientId: id,
      clientName: 'App',
      redirectUris: ['https://app.example/cb'],
    });
    const { client_name: _name, ...unnamed } = doc;
    assert.equal((parseMetadataDocument(id, unnamed) as { clientName: string }).clientName, 'app.example');
    assert.ok(!('problem' in parseMetadataDocument(id, { ...doc, token_endpoint_auth_method: 'none' })));
  });

  for (const [name, value, why] of [
    ['an array', [doc], /JSON object/],
    ['another client_id', { ...doc, client_id: `${id}?x` }, /client_id/],
    ['no redirect_uris', { ...doc, redirect_uris: undefined }, /redirect_uris/],
    ['an http redirect', { ...doc, redirect_uris: ['http://app.example/cb'] }, /https/],
    ['a numeric name', { ...doc, client_name: 7 }, /client_name/],
    ['a secret method', { ...doc, token_endpoint_auth_method: 'client_secret_basic' }, /public/],
  ] as const) {
    it(`refuses ${name}`, () => {
      const result = parseMetadataDocument(id, value);
      assert.ok('problem' in result);
      assert.match(result.problem, why);
    });
  }
});

describe('CimdFetcher against a local https server', () => {
  let server: SpecHttpsServer;
  let now = 1_000_000;
  let fetcher: CimdFetcher;
  const url = (path: string) => `https://127.0.0.1:${server.port}${path}`;

  before(async () => {
    server = await startHttpsServer((req, res, port) => {
      const self = `https://127.0.0.1:${port}${req.url ?? ''}`;
      const doc = { client_id: self, client_name: 'Spec App', redirect_uris: ['https://app.example/cb'] };
      switch (req.url ?? '') {
        case '/client.json':
          res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=10' });
          res.end(JSON.stringify(doc));
          return;
        case '/long-lived.json':
          res.writeHead(200, {
            'content-type': 'application/json; charset=utf-8',
            'cache-control': 'max-age=999999',
          });
          res.end(JSON.stringify(doc));
          return;
        case '/redirect':
          res.writeHead(302, { location: '/client.json' }).end();
          return;
        case '/big.json':
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ...doc, padding: 'x'.repeat(70_000) }));
          return;
        case '/page.html':
          res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
          return;
        case '/broken.json':
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"client_id":');
          return;
        case '/slow.json':
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write('{"client_id":');
          return; // never finishes
        default:
          res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
      }
    });
    fetcher = new CimdFetcher({ allowPrivate: true, ca: server.cert, now: () => now, timeoutMs: 1_000 });
  });
  after(async () => {
    await fetcher.close();
    await server.close();
  });

  it('fetches and validates a document', async () => {
    assert.deepEqual(await fetcher.resolve(url('/client.json')), {
      clientId: url('/client.json'),
      clientName: 'Spec App',
      redirectUris: ['https://app.example/cb'],
    });
  });

  it('caches by URL for max-age, raised to at least a minute', async () => {
    const before = server.hits.get('/client.json') ?? 0;
    await fetcher.resolve(url('/client.json'));
    now += 59_000;
    await fetcher.resolve(url('/client.json'));
    assert.equal(server.hits.get('/client.json'), before);
    now += 2_000;
    await fetcher.resolve(url('/client.json'));
    assert.equal(server.hits.get('/client.json'), before + 1);
  });

  it('caps the cache lifetime at a day', async () => {
    await fetcher.resolve(url('/long-lived.json'));
    now += 86_400_000 + 1;
    await fetcher.resolve(url('/long-lived.json'));
    assert.equal(server.hits.get('/long-lived.json'), 2);
  });

  it('shares one fetch between concurrent lookups', async () => {
    const fresh = new CimdFetcher({ allowPrivate: true, ca: server.cert });
    const before = server.hits.get('/client.json') ?? 0;
    await Promise.all([1, 2, 3].map(() => fresh.resolve(url('/client.json'))));
    assert.equal(server.hits.get('/client.json'), before + 1);
    await fresh.close();
  });

  for (const [path, why] of [
    ['/redirect', /redirects are not followed/],
    ['/big.json', /larger than 65536 bytes/],
    ['/page.html', /application\/json/],
    ['/broken.json', /not valid JSON/],
    ['/missing.json', /HTTP 404/],
    ['/slow.json', /time limit/],
  ] as const) {
    it(`refuses ${path}`, async () => {
      const result = await fetcher.resolve(url(path));
      assert.ok('problem' in result);
      assert.match(result.problem, why);
    });
  }

  it('remembers a failure for 30 seconds', async () => {
    const path = '/gone.json';
    await fetcher.resolve(url(path));
    await fetcher.resolve(url(path));
    assert.equal(server.hits.get(path), 1);
    now += 30_001;
    await fetcher.resolve(url(path));
    assert.equal(server.hits.get(path), 2);
  });

  it('does not trust a certificate it was not given', async () => {
    const strict = new CimdFetcher({ allowPrivate: true });
    const result = await strict.resolve(url('/client.json'));
    assert.ok('problem' in result);
    assert.match(result.problem, /certificate|could not be fetched/);
    await strict.close();
  });

  it('refuses loopback addresses unless private addresses are allowed (SSRF)', async () => {
    const guarded = new CimdFetcher({ ca: server.cert });
    const before = server.hits.get('/client.json') ?? 0;
    for (const target of [url('/client.json'), `https://localhost:${server.port}/client.json`]) {
      const result = await guarded.resolve(target);
      assert.ok('problem' in result, target);
      assert.match(result.problem, /private or reserved address/);
      assert.doesNotMatch(result.problem, /127\.0\.0\.1/);
    }
    assert.equal(server.hits.get('/client.json'), before, 'no request reached the server');
    await guarded.close();
  });
});
