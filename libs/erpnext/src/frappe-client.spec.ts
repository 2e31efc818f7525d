import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { BusError } from '@mcp-gateway/contracts';
import { Metrics } from '@mcp-gateway/observability';
import { startErpnextSimulator, type RunningErpnextSimulator } from '@mcp-gateway/simulator-erpnext';
import { ErpnextBackend } from './backend.js';
import { FrappeRequestError } from './frappe-errors.js';

const config = (url: string, secret = 'secret', timeoutMs = 2_000) => ({
  baseUrl: new URL(url),
  apiKey: 'key',
  apiSecret: secret,
  timeoutMs,
});

const isRequestError = (status: number, excType: string, text: RegExp) => (e: unknown) =>
  e instanceof FrappeRequestError && e.status === status && e.excType === excType && text.test(e.message);

describe('FrappeClient against the simulator: every error shape', () => {
  let sim: RunningErpnextSimulator;
  let backend: ErpnextBackend;
  before(async () => {
    sim = await startErpnextSimulator({ port: 0, apiKey: 'key', apiSecret: 'secret' });
    backend = new ErpnextBackend(config(sim.url), new Metrics('test'));
  });
  after(async () => {
    await backend.close();
    await sim.close();
  });

  it('probes with the logged-in user', async () => {
    assert.deepEqual(await backend.probe(AbortSignal.timeout(1_000)), {
      healthy: true,
      detail: 'authenticated as integrations@northwind.example',
    });
  });

  it('404 DoesNotExistError: the message decoded from _server_messages', async () => {
    await assert.rejects(
      backend.client.get('Customer', 'Nobody'),
      isRequestError(
        404,
        'DoesNotExistError',
        /^Not found \(DoesNotExistError, HTTP 404\): Customer Nobody not found\.$/,
      ),
    );
  });

  it('417 MandatoryError and LinkValidationError: every logged message', async () => {
    await assert.rejects(
      backend.client.insert('Sales Invoice', {}),
      (e: unknown) =>
        isRequestError(417, 'MandatoryError', /Value missing for Sales Invoice: Customer/)(e) &&
        (e as FrappeRequestError).messages.includes('Error: Data missing in table: Items'),
    );
    await assert.rejects(
      backend.client.insert('Customer', { customer_name: 'X', territory: 'Mars' }),
      isRequestError(417, 'LinkValidationError', /Could not find Territory: Mars/),
    );
  });

  it('417 without a message log: the text of `exception`', async () => {
    await assert.rejects(
      backend.client.runMethod('Sales Invoice', 'ACC-SINV-2026-00014', 'cancel'),
      isRequestError(
        417,
        'DocstatusTransitionError',
        /Cannot change docstatus from 0 \(Draft\) to 2 \(Cancelled\)/,
      ),
    );
  });

  it('409 DuplicateEntryError, with the HTML stripped', async () => {
    await assert.rejects(
      backend.client.insert('Supplier', { supplier_name: 'Bolt & Nut Supply' }),
      isRequestError(
        409,
        'DuplicateEntryError',
        /^Conflict \(DuplicateEntryError, HTTP 409\): Supplier Bolt & Nut Supply already exists\.$/,
      ),
    );
  });

  it('403 PermissionError: _error_message when nothing was logged', async () => {
    await assert.rejects(
      backend.client.list('Salary Slip', {}),
      isRequestError(403, 'PermissionError', /Insufficient Permission for Salary Slip\. The roles/),
    );
  });

  it('429: RATE_LIMITED with Retry-After as retryAfterMs', async () => {
    sim.throttle(1, 7);
    await assert.rejects(
      backend.client.list('ToDo', {}),
      (e: unknown) =>
        e instanceof BusError &&
        e.code === 'RATE_LIMITED' &&
        e.retryAfterMs === 7_000 &&
        e.message.includes('retry after 7 s'),
    );
  });

  it('401: BACKEND_AUTH_FAILED without echoing the secret; the probe says so', async () => {
    const bad = new ErpnextBackend(config(sim.url, 'wrong-secret-xyz'), new Metrics('test'));
    try {
      await assert.rejects(
        bad.client.list('Customer', {}),
        (e: unknown) =>
          e instanceof BusError &&
          e.code === 'BACKEND_AUTH_FAILED' &&
          !e.message.includes('wrong-secret-xyz'),
      );
      const probe = await bad.probe(AbortSignal.timeout(1_000));
      assert.equal(probe.healthy, false);
      assert.match(probe.detail ?? '', /rejected the API key/);
    } finally {
      await bad.close();
    }
  });

  it('keeps success notes (a renamed customer) and reads deletes in both versions', async () => {
    const saved = await backend.client.insert('Customer', { customer_name: 'Initech' });
    assert.equal(saved.value['name'], 'Initech - 1');
    assert.deepEqual(saved.notes, ["Changed customer name to 'Initech - 1' as 'Initech' already exists."]);
    await backend.client.delete('Customer', 'Initech - 1');
    const v14 = await startErpnextSimulator({ port: 0, apiKey: 'key', apiSecret: 'secret', version: 14 });
    const old = new ErpnextBackend(config(v14.url), new Metrics('test'));
    try {
      const [todo] = await old.client.list('ToDo', {});
      await old.client.delete('ToDo', String(todo?.['name']));
      assert.equal((await old.client.list('ToDo', {})).length, 2);
    } finally {
      await old.close();
      await v14.close();
    }
  });
});

describe('FrappeClient against a misbehaving site', () => {
  let server: Server;
  let url: string;
  const routes: Record<string, { status: number; type: string; body: string }> = {
    '/api/method/frappe.auth.get_logged_user': {
      status: 200,
      type: 'application/json',
      body: '{"message":"Guest"}',
    },
    '/api/resource/Boom': {
      status: 500,
      type: 'application/json',
      body: '{"exc_type":"OperationalError","exception":"pymysql.err.OperationalError: (1054, \\"Unknown column secret_col\\")"}',
    },
    '/api/resource/Upgrade': { status: 503, type: 'application/json', body: '{"exc_type":"SessionStopped"}' },
    '/api/resource/Html': { status: 200, type: 'text/html', body: '<html>Login</html>' },
  };
  before(async () => {
    server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (path === '/api/resource/Slow') {
        setTimeout(
          () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}'),
          1_500,
        );
        return;
      }
      const route = routes[path] ?? { status: 404, type: 'text/html', body: 'not found' };
      res.writeHead(route.status, { 'content-type': route.type }).end(route.body);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => server.close());

  it('a Guest whoami is unhealthy; 500 is BACKEND_ERROR without internals; 503 is unavailable; HTML is a clear error', async () => {
    const backend = new ErpnextBackend(config(url), new Metrics('test'));
    try {
      assert.equal((await backend.probe(AbortSignal.timeout(1_000))).healthy, false);
      await assert.rejects(
        backend.client.list('Boom', {}),
        (e: unknown) =>
          e instanceof BusError &&
          e.code === 'BACKEND_ERROR' &&
          e.message.includes('OperationalError') &&
          !e.message.includes('secret_col'),
      );
      await assert.rejects(
        backend.client.list('Upgrade', {}),
        (e: unknown) =>
          e instanceof BusError && e.code === 'BACKEND_UNAVAILABLE' && e.message.includes('maintenance'),
      );
      await assert.rejects(
        backend.client.list('Html', {}),
        (e: unknown) =>
          e instanceof BusError && e.code === 'BACKEND_ERROR' && e.message.includes('ERPNEXT_URL'),
      );
    } finally {
      await backend.close();
    }
  });

  it('a slow site is TIMEOUT after ERPNEXT_TIMEOUT_MS; an unreachable one BACKEND_UNAVAILABLE', async () => {
    const slow = new ErpnextBackend(config(url, 'secret', 300), new Metrics('test'));
    const down = new ErpnextBackend(config('http://127.0.0.1:1'), new Metrics('test'));
    try {
      await assert.rejects(
        slow.client.list('Slow', {}),
        (e: unknown) => e instanceof BusError && e.code === 'TIMEOUT' && e.message.includes('300 ms'),
      );
      await assert.rejects(
        down.client.list('Customer', {}),
        (e: unknown) =>
          e instanceof BusError && e.code === 'BACKEND_UNAVAILABLE' && e.message.includes('unreachable'),
      );
      assert.equal((await down.probe(AbortSignal.timeout(1_000))).healthy, false);
    } finally {
      await Promise.all([slow.close(), down.close()]);
    }
  });
});
