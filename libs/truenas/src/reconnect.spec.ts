import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ProgressUpdate } from '@mcp-gateway/contracts';
import { waitForCondition } from './spec-wait.js';
import { startHarness, type Harness } from './spec-harness.js';

describe('the kept connection, against the simulator', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ jobStepMs: 30 });
  });
  after(() => h.close());

  it('uses one connection for many calls, and after a drop logs in and subscribes to jobs again', async () => {
    await h.json('truenas_system_info', {});
    await h.json('truenas_list_pools', {});
    await h.json('truenas_list_alerts', {});
    assert.equal(h.sim.state.methodCalls.get('auth.login_ex'), 1, 'one login for three tools');
    h.sim.dropConnections();
    await waitForCondition(async () => {
      const reply = await h.call('truenas_list_pools', {});
      return 'ok' in reply && reply.ok;
    }, 5_000);
    assert.equal(h.sim.state.methodCalls.get('auth.login_ex'), 2);
    assert.equal(h.sim.state.methodCalls.get('core.subscribe'), 2);
    const progress: ProgressUpdate[] = [];
    await h.json('truenas_start_app', { name: 'immich' }, progress);
    assert.deepEqual(
      progress.map((p) => p.progress),
      [20, 100],
      'job events flow on the new connection',
    );
  });
});
