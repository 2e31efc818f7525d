import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { BusError } from '@mcp-gateway/contracts';
import { Metrics } from '@mcp-gateway/observability';
import { BackendPolicy, type BackendPolicyOptions } from './backend-policy.js';
import { withCallScope } from './call-scope.js';
import { HttpBackend } from './http-backend.js';

interface Scripted {
  readonly status: number;
  readonly retryAfter?: string;
}

/** A backend that answers each request with the next scripted status (200 once the script runs out). */
class FakeBackend {
  readonly server: Server;
  script: Scripted[] = [];
  readonly seen: { method: string; at: number }[] = [];

  constructor() {
    this.server = createServer((req, res) => {
      this.seen.push({ method: req.method ?? '', at: Date.now() });
      const next = this.script.shift() ?? { status: 200 };
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (next.retryAfter !== undefined) headers['retry-after'] = next.retryAfter;
      res.writeHead(next.status, headers).end(JSON.stringify({ status: next.status }));
    });
  }

  get url(): URL {
    return new URL(`http://127.0.0.1:${(this.server.address() as { port: number }).port}`);
  }
}

function client(baseUrl: URL, options: Partial<BackendPolicyOptions> = {}) {
  const metrics = new Metrics('test');
  const policy = new BackendPolicy({
    connector: 'fake',
    displayName: 'Fake',
    metrics,
    initialRetryDelayMs: 50,
    minAttemptMs: 100,
    ...options,
  });
  const http = new HttpBackend({
    connector: 'fake',
    displayName: 'Fake',
    baseUrl,
    headers: {},
    timeoutMs: 2_000,
    metrics,
    policy,
  });
  return { http, policy };
}

describe('HttpBackend through its BackendPolicy', () => {
  const fake = new FakeBackend();
  const opened: HttpBackend[] = [];
  const make = (options: Partial<BackendPolicyOptions> = {}) => {
    const made = client(fake.url, options);
    opened.push(made.http);
    return made;
  };

  before(async () => {
    fake.server.listen(0, '127.0.0.1');
    await once(fake.server, 'listening');
  });
  beforeEach(() => {
    fake.script = [];
    fake.seen.length = 0;
  });
  after(async () => {
    await Promise.all(opened.map((h) => h.close()));
    fake.server.close();
  });

  it('retries a GET on 503 with jittered backoff and returns the success', async () => {
    const { http } = make();
    fake.script = [{ status: 503 }, { status: 503 }];
    const res = await http.request({ method: 'GET', path: '/api/states' });
    assert.equal(res.status, 200);
    assert.equal(fake.seen.length, 3);
    const [a, b, c] = fake.seen.map((s) => s.at);
    assert.ok(a !== undefined && b !== undefined && c !== undefined);
    assert.ok(b - a >= 0 && c - b >= 0);
  });

  it('never retries a POST: the 503 goes back to the connector to interpret', async () => {
    const { http } = make();
    fake.script = [{ status: 503 }];
    const res = await http.request({ method: 'POST', path: '/api/services/light/turn_on', body: {} });
    assert.equal(res.status, 503);
    assert.deepEqual(
      fake.seen.map((s) => s.method),
      ['POST'],
    );
  });

  it('retries a POST the caller marks idempotent', async () => {
    const { http } = make();
    fake.script = [{ status: 502 }];
    const res = await http.request({ method: 'POST', path: '/api/template', body: {}, idempotent: true });
    assert.equal(res.status, 200);
    assert.equal(fake.seen.length, 2);
  });

  it('honours Retry-After on a 429 before trying the GET again', async () => {
    const { http } = make();
    fake.script = [{ status: 429, retryAfter: '1' }];
    const res = await http.request({ method: 'GET', path: '/api/states' });
    assert.equal(res.status, 200);
    const [first, second] = fake.seen.map((s) => s.at);
    assert.ok(first !== undefined && second !== undefined && second - first >= 990, `${second! - first!} ms`);
  });

  it('hands back a 429 at once when its Retry-After does not fit before the deadline', async () => {
    const { http } = make();
    fake.script = [{ status: 429, retryAfter: '5' }];
    const started = Date.now();
    const res = await withCallScope({ deadline: Date.now() + 1_500 }, () =>
      http.request({ method: 'GET', path: '/api/states' }),
    );
    assert.equal(res.status, 429);
    assert.equal(res.retryAfter, '5');
    assert.equal(fake.seen.length, 1);
    assert.ok(Date.now() - started < 500);
  });

  it('404s do not trip the circuit', async () => {
    const { http, policy } = make({ breakerThreshold: 2 });
    fake.script = [{ status: 404 }, { status: 404 }, { status: 404 }, { status: 417 }];
    for (let i = 0; i < 4; i++) {
      assert.ok([404, 417].includes((await http.request({ method: 'GET', path: '/x' })).status));
    }
    assert.equal(policy.circuit, 'closed');
  });

  it('5xx answers trip it; then calls fail fast without reaching the backend', async () => {
    const { http, policy } = make({ breakerThreshold: 2, retries: 0 });
    fake.script = [{ status: 500 }, { status: 503 }];
    assert.equal((await http.request({ method: 'GET', path: '/x' })).status, 500);
    assert.equal((await http.request({ method: 'GET', path: '/x' })).status, 503);
    assert.equal(policy.circuit, 'open');
    await assert.rejects(
      http.request({ method: 'GET', path: '/x' }),
      (e: unknown) =>
        e instanceof BusError &&
        e.code === 'BACKEND_UNAVAILABLE' &&
        /^Fake is unavailable \(circuit open after 2 failures in a row; next try in 10 s\)\. Last error: Fake answered HTTP 503\.$/.test(
          e.message,
        ),
    );
    assert.equal(fake.seen.length, 2);
  });
});

describe('HttpBackend with its backend down', () => {
  it('refused connections open the circuit; calls then fail fast until a trial call succeeds', async () => {
    const fake = new FakeBackend();
    fake.server.listen(0, '127.0.0.1');
    await once(fake.server, 'listening');
    const url = fake.url;
    fake.server.close();
    await once(fake.server, 'close');
    const { http, policy } = client(url, { breakerThreshold: 2, halfOpenAfterMs: 300, retries: 1 });
    try {
      for (let i = 0; i < 2; i++) {
        await assert.rejects(
          http.request({ method: 'GET', path: '/api/' }),
          (e: unknown) => e instanceof BusError && /^Fake is unreachable \(ECONNREFUSED\)\.$/.test(e.message),
        );
      }
      await assert.rejects(
        http.request({ method: 'GET', path: '/api/' }),
        /Fake is unavailable \(circuit open/,
      );

      const back = new FakeBackend();
      back.server.listen(Number(url.port), '127.0.0.1');
      await once(back.server, 'listening');
      try {
        await assert.rejects(http.request({ method: 'GET', path: '/api/' }), /circuit open/);
        await new Promise((r) => setTimeout(r, 350));
        assert.equal((await http.request({ method: 'GET', path: '/api/' })).status, 200);
        assert.equal(policy.circuit, 'closed');
      } finally {
        back.server.close();
      }
    } finally {
      await http.close();
    }
  });
});
