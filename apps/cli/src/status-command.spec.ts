import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type Announcement, AuthKeysGet, BusError } from '@mcp-gateway/contracts';
import { fakeClient, recorder } from './spec-fakes.js';
import { collectStatus, renderStatus, showStatus } from './status-command.js';

const BUS = { server: '127.0.0.1:4222', prefix: 'gw' };

function announcement(connector: string, instance: string, patch: Partial<Announcement> = {}): Announcement {
  return {
    connector,
    instance,
    version: '1.0.0',
    status: 'up',
    toolsDigest: 'd',
    toolCount: 6,
    backend: { healthy: true, checkedAt: '2030-01-01T00:00:00.000Z' },
    startedAt: '2030-01-01T00:00:00.000Z',
    intervalMs: 2000,
    ...patch,
  };
}

/** Connectors that answer the discovery at once, as the real announcer does. */
function answering(announcements: Announcement[]) {
  return (op: string, _message: unknown, deliver: (op: string, message: unknown) => void) => {
    if (op === 'registry.discover') for (const a of announcements) deliver('registry.announce', a);
  };
}

describe('status', () => {
  it('counts replicas per connector and sums up their health', async () => {
    const unhealthy = { healthy: false, detail: 'connection refused', checkedAt: '2030-01-01T00:00:00.000Z' };
    const { client, calls, subscriptions } = fakeClient(
      { [AuthKeysGet.name]: () => ({ keys: [], currentKid: 'k1' }) },
      answering([
        announcement('homeassistant', 'a'),
        announcement('homeassistant', 'b', { backend: { ...unhealthy } }),
        announcement('erpnext', 'c', { backend: { ...unhealthy }, toolCount: 5 }),
        announcement('truenas', 'd', { backend: { healthy: true, demo: true, checkedAt: 'x' } }),
        announcement('truenas', 'e', { status: 'down' }),
        announcement('wave', 'f'),
        announcement('wave', 'f', { status: 'down' }),
      ]),
    );
    const report = await collectStatus(client, BUS, 50);
    assert.equal(subscriptions(), 0, 'stopped listening');
    assert.deepEqual(calls[0]?.options, { timeoutMs: 50 });
    assert.deepEqual(report, {
      bus: BUS,
      auth: { reachable: true },
      listenedMs: 50,
      connectors: [
        {
          name: 'erpnext',
          replicas: 1,
          healthyReplicas: 0,
          health: 'unhealthy',
          detail: 'connection refused',
          demo: false,
          toolCount: 5,
          versions: ['1.0.0'],
        },
        {
          name: 'homeassistant',
          replicas: 2,
          healthyReplicas: 1,
          health: 'degraded',
          detail: 'connection refused',
          demo: false,
          toolCount: 6,
          versions: ['1.0.0'],
        },
        {
          name: 'truenas',
          replicas: 1,
          healthyReplicas: 1,
          health: 'healthy',
          demo: true,
          toolCount: 6,
          versions: ['1.0.0'],
        },
      ],
    });
    assert.equal(
      renderStatus(report),
      [
        'bus         127.0.0.1:4222 (subject prefix gw)',
        'auth        reachable',
        'connectors  3',
        '  NAME           REPLICAS  HEALTH                                        TOOLS',
        '  erpnext        1         unhealthy: connection refused                 5',
        '  homeassistant  2         degraded, 1 of 2 healthy: connection refused  6',
        '  truenas        1         healthy (demo)                                6',
        '',
      ].join('\n'),
    );
  });

  it('reports auth down and no connectors, as a report rather than a failure', async () => {
    const { client } = fakeClient({
      [AuthKeysGet.name]: () => {
        throw new BusError('CONNECTOR_UNAVAILABLE', 'No service is answering auth.keys.get right now.');
      },
    });
    const out = recorder();
    await showStatus(client, out, BUS, false, 20);
    assert.equal(
      out.stdout,
      [
        'bus         127.0.0.1:4222 (subject prefix gw)',
        'auth        not reachable (no responder on the bus)',
        'connectors  none announced within 0.02 s',
        '',
      ].join('\n'),
    );
  });

  it('prints the same report as JSON with --json', async () => {
    const { client } = fakeClient(
      {
        [AuthKeysGet.name]: () => {
          throw new BusError('TIMEOUT', 'auth.keys.get did not answer in time.');
        },
      },
      answering([announcement('wave', 'w')]),
    );
    const out = recorder();
    await showStatus(client, out, BUS, true, 20);
    const report = JSON.parse(out.stdout);
    assert.deepEqual(report.auth, { reachable: false, detail: 'no answer within 20 ms' });
    assert.equal(report.connectors[0].name, 'wave');
    assert.equal(report.bus.server, '127.0.0.1:4222');
  });
});
