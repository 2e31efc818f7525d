import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../spec-harness.js';

interface Shares {
  smb?: { name: string; path: string; read_only: boolean; time_machine?: boolean; purpose: string }[];
  nfs?: { path: string; read_only: boolean; networks?: string[]; hosts?: string[]; enabled: boolean }[];
}

for (const version of ['25.04', '25.10']) {
  describe(`shares, disks and services on TrueNAS ${version}`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness({ version });
    });
    after(() => h.close());

    it('truenas_list_shares: the same rows from either SMB schema', async () => {
      const shares = await h.json<Shares>('truenas_list_shares', {});
      assert.deepEqual(
        shares.smb?.map((s) => [s.name, s.path, s.read_only, s.time_machine ?? false]),
        [
          ['Documents', '/mnt/tank/documents', false, false],
          ['Media', '/mnt/tank/media', true, false],
          ['TimeMachine', '/mnt/tank/backups', false, true],
        ],
      );
      assert.deepEqual(
        shares.nfs?.map((s) => [s.path, s.enabled, s.networks ?? s.hosts]),
        [
          ['/mnt/backup/tank-replica', false, ['10.0.0.20']],
          ['/mnt/tank/media', true, ['192.168.1.0/24']],
        ],
      );
      const smbOnly = await h.json<Shares>('truenas_list_shares', { protocol: 'smb' });
      assert.equal(smbOnly.nfs, undefined);
    });

    it('truenas_list_disks: pools, sizes and temperatures', async () => {
      const { disks } = await h.json<{ disks: Record<string, unknown>[] }>('truenas_list_disks', {});
      const sdg = disks.find((d) => d['name'] === 'sdg');
      assert.equal(sdg?.['pool'], 'backup');
      assert.equal(sdg?.['temperature_c'], 41);
      assert.equal(sdg?.['size'], '3.64 TiB');
      assert.equal(sdg?.['serial'], 'WD-WX12D4007');
      const cold = await h.json<{ disks: Record<string, unknown>[] }>('truenas_list_disks', {
        include_temperatures: false,
      });
      assert.equal(cold.disks[0]?.['temperature_c'], undefined);
    });

    it('truenas_list_services and truenas_control_service (service.control on 25.10, service.stop before)', async () => {
      const { services } = await h.json<{ services: { service: string; running: boolean; label: string }[] }>(
        'truenas_list_services',
        {},
      );
      assert.deepEqual(
        services.find((s) => s.service === 'cifs'),
        {
          service: 'cifs',
          label: 'SMB (Windows file sharing)',
          running: true,
          start_on_boot: true,
        },
      );
      const stopped = await h.json<{ running: boolean; job?: { state: string } }>('truenas_control_service', {
        service: 'ssh',
        action: 'stop',
      });
      assert.equal(stopped.running, false);
      if (version === '25.10') {
        assert.equal(stopped.job?.state, 'SUCCESS');
        assert.equal(h.sim.state.methodCalls.get('service.control'), 1);
        assert.equal(h.sim.state.methodCalls.get('service.stop'), undefined);
      } else {
        assert.equal(h.sim.state.methodCalls.get('service.stop'), 1);
        assert.equal(h.sim.state.methodCalls.get('service.control'), undefined);
      }
      const started = await h.json<{ running: boolean }>('truenas_control_service', {
        service: 'ssh',
        action: 'start',
      });
      assert.equal(started.running, true);
      const unknown = await h.toolError('truenas_control_service', { service: 'telnet', action: 'start' });
      assert.match(unknown, /No service "telnet"/);
    });
  });
}
