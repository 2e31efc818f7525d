import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../spec-harness.js';

interface SnapshotPage {
  total: number;
  next_offset?: number;
  snapshots: {
    id: string;
    dataset: string;
    name: string;
    created_at: string;
    used: string;
    referenced_bytes: number;
  }[];
}

for (const version of ['25.04', '25.10']) {
  describe(`snapshot tools on TrueNAS ${version}`, () => {
    let h: Harness;
    const prefix = version === '25.04' ? 'zfs.snapshot' : 'pool.snapshot';
    const other = version === '25.04' ? 'pool.snapshot' : 'zfs.snapshot';
    before(async () => {
      h = await startHarness({ version });
    });
    after(() => h.close());

    it(`lists newest first through ${prefix}.query, paged, with readable sizes`, async () => {
      const page = await h.json<SnapshotPage>('truenas_list_snapshots', {
        dataset: 'tank/documents',
        limit: 3,
      });
      assert.equal(page.total, 7);
      assert.equal(page.snapshots.length, 3);
      assert.equal(page.next_offset, 3);
      const times = page.snapshots.map((s) => Date.parse(s.created_at));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
      );
      assert.match(page.snapshots[0]?.used ?? '', /MiB$/);
      assert.ok((h.sim.state.methodCalls.get(`${prefix}.query`) ?? 0) >= 2);
      assert.equal(h.sim.state.methodCalls.get(`${other}.query`), undefined);
      const recursive = await h.json<SnapshotPage>('truenas_list_snapshots', {
        dataset: 'tank/media',
        recursive: true,
      });
      assert.deepEqual(recursive.snapshots.map((s) => s.dataset).sort(), ['tank/media', 'tank/media/movies']);
      const search = await h.json<SnapshotPage>('truenas_list_snapshots', { search: 'MANUAL' });
      assert.equal(search.total, 2);
    });

    it('creates, rolls back (refusing to skip newer ones unless asked) and deletes', async () => {
      const first = await h.json<{ created: { id: string } }>('truenas_create_snapshot', {
        dataset: 'tank/documents',
        name: 'before-cleanup',
      });
      assert.equal(first.created.id, 'tank/documents@before-cleanup');
      const auto = await h.json<{ created: { id: string; name: string } }>('truenas_create_snapshot', {
        dataset: 'tank/documents',
      });
      assert.match(auto.created.name, /^manual-\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}$/);
      const duplicate = await h.toolError('truenas_create_snapshot', {
        dataset: 'tank/documents',
        name: 'before-cleanup',
      });
      assert.match(duplicate, /already exists \(EEXIST\)/);
      const missing = await h.toolError('truenas_create_snapshot', { dataset: 'tank/nope', name: 'x' });
      assert.match(missing, /dataset does not exist/);

      const blocked = await h.toolError('truenas_rollback_snapshot', {
        snapshot: 'tank/documents@before-cleanup',
      });
      assert.match(blocked, /more recent snapshots or bookmarks exist/);
      assert.match(blocked, new RegExp(auto.created.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      const rolled = await h.json<{ rolled_back_to: string }>('truenas_rollback_snapshot', {
        snapshot: 'tank/documents@before-cleanup',
        destroy_newer: true,
      });
      assert.equal(rolled.rolled_back_to, 'tank/documents@before-cleanup');
      assert.ok(!h.sim.state.snapshots.some((s) => s.id === auto.created.id), 'newer snapshot destroyed');

      await h.json('truenas_delete_snapshot', { snapshot: 'tank/documents@before-cleanup' });
      assert.ok(!h.sim.state.snapshots.some((s) => s.id === 'tank/documents@before-cleanup'));
      const gone = await h.toolError('truenas_delete_snapshot', {
        snapshot: 'tank/documents@before-cleanup',
      });
      assert.match(gone, /cannot open 'tank\/documents@before-cleanup': dataset does not exist/);
      assert.ok((h.sim.state.methodCalls.get(`${prefix}.delete`) ?? 0) >= 2);
      assert.equal(h.sim.state.methodCalls.get(`${other}.delete`), undefined);
    });

    it('recursive snapshots cover child datasets', async () => {
      await h.json('truenas_create_snapshot', { dataset: 'tank/media', name: 'weekly', recursive: true });
      const page = await h.json<SnapshotPage>('truenas_list_snapshots', { search: 'weekly' });
      assert.deepEqual(page.snapshots.map((s) => s.dataset).sort(), [
        'tank/media',
        'tank/media/movies',
        'tank/media/music',
        'tank/media/photos',
      ]);
      await h.json('truenas_delete_snapshot', { snapshot: 'tank/media@weekly', recursive: true });
      const after = await h.json<SnapshotPage>('truenas_list_snapshots', { search: 'weekly' });
      assert.equal(after.total, 0);
    });
  });
}
