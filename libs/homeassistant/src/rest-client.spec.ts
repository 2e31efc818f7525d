import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { BusError } from '@mcp-gateway/contracts';
import { Metrics } from '@mcp-gateway/observability';
import { HomeAssistantBackend } from './backend.js';
import { HomeAssistantRequestError } from './rest-client.js';

/** Answers each path with a fixed status and body, the way Home Assistant shapes its errors. */
const ROUTES: Record<string, { status: number; type: string; body: string }> = {
  '/api/': { status: 200, type: 'application/json', body: '{"message":"API running."}' },
  '/api/states/light.missing': {
    status: 404,
    type: 'application/json',
    body: '{"message":"Entity not found."}',
  },
  '/api/services/light/nope': { status: 400, type: 'text/plain', body: '400: Bad Request' },
  '/api/error': {
    status: 500,
    type: 'text/plain',
    body: '500 Internal Server Error\n\nServer got itself in trouble',
  },
};

describe('HomeAssistantRest', () => {
  let server: Server;
  let base: URL;
  let backend: HomeAssistantBackend;
  let badToken: HomeAssistantBackend;
  const seenAuth: string[] = [];

  before(async () => {
    server = createServer((req, res) => {
      seenAuth.push(req.headers.authorization ?? '');
      if (req.headers.authorization !== 'Bearer good') {
        res.writeHead(401, { 'content-type': 'text/plain' }).end('401: Unauthorized');
        return;
      }
      const route = ROUTES[(req.url ?? '').split('?')[0] ?? ''] ?? {
        status: 404,
        type: 'text/plain',
        body: '404: Not Found',
      };
      res.writeHead(route.status, { 'content-type': route.type }).end(route.body);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = new URL(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
    const metrics = new Metrics('test');
    backend = new HomeAssistantBackend({ baseUrl: base, token: 'good', timeoutMs: 2_000 }, metrics);
    badToken = new HomeAssistantBackend({ baseUrl: base, token: 'bad', timeoutMs: 2_000 }, metrics);
  });

  after(async () => {
    await Promise.all([backend.close(), badToken.close()]);
    server.close();
  });

  it('sends the bearer token and probes GET /api/', async () => {
    assert.deepEqual(await backend.probe(AbortSignal.timeout(1_000)), {
      healthy: true,
      detail: 'API running.',
    });
    assert.equal(seenAuth.at(-1), 'Bearer good');
  });

  it('maps 401 to BACKEND_AUTH_FAILED without echoing the token', async () => {
    await assert.rejects(
      badToken.rest.get('/api/states'),
      (e: unknown) => e instanceof BusError && e.code === 'BACKEND_AUTH_FAILED' && !e.message.includes('bad'),
    );
    const probe = await badToken.probe(AbortSignal.timeout(1_000));
    assert.equal(probe.healthy, false);
    assert.match(probe.detail ?? '', /rejected the access token/);
  });

  it("surfaces Home Assistant's message on 400/404 as a tool error", async () => {
    await assert.rejects(
      backend.rest.get('/api/states/light.missing'),
      (e: unknown) =>
        e instanceof HomeAssistantRequestError && e.status === 404 && e.message === 'Entity not found.',
    );
    await assert.rejects(
      backend.rest.post('/api/services/light/nope', {}),
      (e: unknown) =>
        e instanceof HomeAssistantRequestError &&
        e.haMessage === undefined &&
        e.message.includes('400: Bad Request'),
    );
  });

  it('maps 5xx to BACKEND_ERROR', async () => {
    await assert.rejects(
      backend.rest.get('/api/error'),
      (e: unknown) => e instanceof BusError && e.code === 'BACKEND_ERROR' && !e.message.includes('trouble'),
    );
  });

  it('maps an unreachable instance to BACKEND_UNAVAILABLE', async () => {
    const down = new HomeAssistantBackend(
      { baseUrl: new URL('http://127.0.0.1:1'), token: 'good', timeoutMs: 1_000 },
      new Metrics('test'),
    );
    try {
      await assert.rejects(
        down.rest.get('/api/'),
        (e: unknown) => e instanceof BusError && e.code === 'BACKEND_UNAVAILABLE',
      );
      assert.equal((await down.probe(AbortSignal.timeout(1_000))).healthy, false);
    } finally {
      await down.close();
    }
  });
});
