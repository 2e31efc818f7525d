import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../spec-harness.js';

interface PoolRow {
  name: string;
  status: string;
  healthy: boolean;
  size: string;
  size_bytes: number;
  used_percent: number;
  unhealthy_devices?: { disk: string; status: string; errors?: { checksum: number } }[];
  vdevs?: { type: string; devices: { disk: string }[] }[];
  last_scan?: { type: string; state: string };
}

interface DatasetPage {
  total: number;
  offset: number;
  next_offset?: number;
  datasets: {
    name: string;
    type: string;
    used: string;
    used_bytes: number;
    compression?: string;
    locked?: boolean;
  }[];
}

describe('storage tools', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('truenas_system_info: a compact summary with memory in both forms', async () => {
    const info = await h.json<Record<string, unknown>>('truenas_system_info', {});
    assert.equal(info['hostname'], 'truenas');
    assert.equal(info['version'], '25.10.0');
    assert.equal(info['memory'], '32 GiB');
    assert.equal(info['memory_bytes'], 34_359_738_368);
    assert.match(String(info['booted_at']), /^\d{4}-\d{2}-\d{2}T/);
    assert.equal(typeof info['uptime_days'], 'number');
  });

  it('truenas_list_pools: health, sizes and the faulted disk, without raw topology by default', async () => {
    const { pools } = await h.json<{ pools: PoolRow[] }>('truenas_list_pools', {});
    assert.deepEqual(
      pools.map((p) => [p.name, p.status, p.healthy]),
      [
        ['backup', 'DEGRADED', false],
        ['tank', 'ONLINE', true],
      ],
    );
    const [backup, tank] = pools;
    assert.match(tank?.size ?? '', /TiB$/);
    assert.equal(tank?.used_percent, 82);
    assert.equal(tank?.vdevs, undefined);
    assert.deepEqual(
      backup?.unhealthy_devices?.map((d) => [d.disk, d.status]),
      [['sdg', 'FAULTED']],
    );
    assert.equal(backup?.last_scan?.type, 'SCRUB');
    const detailed = await h.json<{ pools: PoolRow[] }>('truenas_list_pools', {
      name: 'tank',
      include_topology: true,
    });
    assert.deepEqual(
      detailed.pools[0]?.vdevs?.map((v) => [v.type, v.devices.map((d) => d.disk)]),
      [
        ['MIRROR', ['sda', 'sdb']],
        ['MIRROR', ['sdc', 'sdd']],
      ],
    );
    const none = await h.json<{ pools: unknown[]; hint: string }>('truenas_list_pools', { name: 'nope' });
    assert.equal(none.pools.length, 0);
    assert.match(none.hint, /No pool named/);
  });

  it('truenas_list_datasets: filters and pages on the server, sizes human-readable', async () => {
    const all = await h.json<DatasetPage>('truenas_list_datasets', { pool: 'tank', limit: 3 });
    assert.ok(all.total >= 8);
    assert.equal(all.datasets.length, 3);
    assert.equal(all.next_offset, 3);
    assert.deepEqual(
      all.datasets.map((d) => d.name),
      ['tank', 'tank/backups', 'tank/documents'],
    );
    const next = await h.json<DatasetPage>('truenas_list_datasets', { pool: 'tank', limit: 3, offset: 3 });
    assert.equal(next.datasets[0]?.name, 'tank/media');
    const media = await h.json<DatasetPage>('truenas_list_datasets', { parent: 'tank/media' });
    assert.deepEqual(
      media.datasets.map((d) => d.name),
      ['tank/media', 'tank/media/movies', 'tank/media/music', 'tank/media/photos'],
    );
    assert.match(media.datasets[0]?.used ?? '', /TiB$/);
    assert.equal(typeof media.datasets[0]?.used_bytes, 'number');
    const search = await h.json<DatasetPage>('truenas_list_datasets', { search: 'PHOTO' });
    assert.deepEqual(
      search.datasets.map((d) => d.name),
      ['tank/media/photos'],
    );
    const volumes = await h.json<DatasetPage>('truenas_list_datasets', { type: 'VOLUME' });
    assert.deepEqual(
      volumes.datasets.map((d) => d.name),
      ['tank/vm-win11'],
    );
    const locked = await h.json<DatasetPage>('truenas_list_datasets', { parent: 'backup/secure' });
    assert.equal(locked.datasets[0]?.locked, true);
    const raw = JSON.stringify(all);
    assert.ok(!raw.includes('rawvalue') && !raw.includes('source_info'), 'no raw property objects');
  });

  it('truenas_create_dataset: creates, shows up in the list, and explains refusals', async () => {
    const created = await h.json<{ created: { name: string; quota: string; compression: string } }>(
      'truenas_create_dataset',
      {
        name: 'tank/media/podcasts',
        share_type: 'SMB',
        quota_gib: 200,
        compression: 'ZSTD',
        comments: 'Podcasts',
      },
    );
    assert.equal(created.created.name, 'tank/media/podcasts');
    assert.equal(created.created.quota, '200 GiB');
    assert.equal(created.created.compression, 'ZSTD');
    const listed = await h.json<DatasetPage>('truenas_list_datasets', { search: 'podcasts' });
    assert.equal(listed.total, 1);
    const exists = await h.toolError('truenas_create_dataset', { name: 'tank/media/podcasts' });
    assert.match(exists, /pool_dataset_create\.name: Path \/mnt\/tank\/media\/podcasts already exists/);
    const orphan = await h.toolError('truenas_create_dataset', { name: 'tank/nope/child' });
    assert.match(orphan, /Parent dataset \(tank\/nope\) does not exist/);
    const zvol = await h.toolError('truenas_create_dataset', { name: 'tank/vm2', type: 'VOLUME' });
    assert.match(zvol, /volsize_gib/);
    const vol = await h.json<{ created: { type: string; volsize: string } }>('truenas_create_dataset', {
      name: 'tank/vm2',
      type: 'VOLUME',
      volsize_gib: 32,
    });
    assert.deepEqual([vol.created.type, vol.created.volsize], ['VOLUME', '32 GiB']);
  });
});
