import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ProgressUpdate } from '@mcp-gateway/contracts';
import { startHarness, type Harness } from '../spec-harness.js';

interface AlertList {
  total: number;
  dismissed_hidden?: number;
  alerts: { id: string; level: string; kind: string; text: string; raised_at: string }[];
}

interface AppResult {
  app: string;
  state_before: string;
  state: string;
  job: { id: number; state: string; percent: number };
  note?: string;
}

describe('alerts, apps and jobs', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ jobStepMs: 30 });
  });
  after(() => h.close());

  it('truenas_list_alerts: most severe first, plain text, dismissed hidden', async () => {
    const list = await h.json<AlertList>('truenas_list_alerts', {});
    assert.deepEqual(
      list.alerts.map((a) => a.level),
      ['CRITICAL', 'ERROR', 'WARNING', 'INFO'],
    );
    assert.equal(list.dismissed_hidden, 1);
    const critical = list.alerts[0];
    assert.match(
      critical?.text ?? '',
      /^Pool backup state is DEGRADED: .* - Disk WDC WD40EFPX-68C6CN0 WD-WX12D4007 is FAULTED$/,
    );
    assert.ok(!critical?.text.includes('<'), 'no HTML');
    const capacity = list.alerts.find((a) => a.kind === 'ZpoolCapacityWarning');
    assert.match(
      capacity?.text ?? '',
      /is 82%\. Optimal pool performance requires used space remain below 80%\./,
    );
    const serious = await h.json<AlertList>('truenas_list_alerts', { min_level: 'ERROR' });
    assert.deepEqual(
      serious.alerts.map((a) => a.level),
      ['CRITICAL', 'ERROR'],
    );
    const everything = await h.json<AlertList>('truenas_list_alerts', { include_dismissed: true });
    assert.equal(everything.total, 5);
  });

  it('truenas_dismiss_alert: dismisses, and names unknown ids instead of pretending', async () => {
    const { alerts } = await h.json<AlertList>('truenas_list_alerts', { min_level: 'WARNING' });
    const warning = alerts.find((a) => a.level === 'WARNING');
    assert.ok(warning);
    const result = await h.json<{ dismissed: string; was_dismissed_already: boolean }>(
      'truenas_dismiss_alert',
      { id: warning.id },
    );
    assert.deepEqual(result.dismissed, warning.id);
    assert.equal(result.was_dismissed_already, false);
    assert.equal(h.sim.state.alerts.find((a) => a.uuid === warning.id)?.dismissed, true);
    const after = await h.json<AlertList>('truenas_list_alerts', {});
    assert.ok(!after.alerts.some((a) => a.id === warning.id));
    const unknown = await h.toolError('truenas_dismiss_alert', { id: 'no-such-alert' });
    assert.match(unknown, /No alert with id no-such-alert/);
    assert.equal(
      h.sim.state.methodCalls.get('alert.dismiss'),
      1,
      'alert.dismiss is not called for unknown ids',
    );
  });

  it('truenas_list_apps: states, versions, ports and portals', async () => {
    const { apps } = await h.json<{ apps: Record<string, unknown>[] }>('truenas_list_apps', {});
    assert.deepEqual(
      apps.map((a) => [a['name'], a['state']]),
      [
        ['immich', 'STOPPED'],
        ['nextcloud', 'RUNNING'],
        ['plex', 'RUNNING'],
        ['syncthing', 'CRASHED'],
      ],
    );
    const plex = apps.find((a) => a['name'] === 'plex');
    assert.deepEqual(plex?.['ports'], [32400]);
    assert.equal(plex?.['upgrade_available'], true);
    assert.equal(plex?.['version'], '1.41.3.9314');
    const crashed = await h.json<{ apps: unknown[] }>('truenas_list_apps', { state: 'CRASHED' });
    assert.equal(crashed.apps.length, 1);
  });

  it('truenas_start_app: awaits the job, relays its progress, and the state changes', async () => {
    const progress: ProgressUpdate[] = [];
    const result = await h.json<AppResult>('truenas_start_app', { name: 'immich' }, progress);
    assert.equal(result.state_before, 'STOPPED');
    assert.equal(result.state, 'RUNNING');
    assert.equal(result.job.state, 'SUCCESS');
    assert.equal(result.job.percent, 100);
    assert.deepEqual(
      progress.map((p) => [p.progress, p.total, p.message]),
      [
        [20, 100, "Starting 'immich' app"],
        [100, 100, "Started 'immich' app"],
      ],
    );
    assert.equal(h.sim.state.apps.find((a) => a.name === 'immich')?.state, 'RUNNING');
  });

  it('truenas_stop_app: stops a running app', async () => {
    const result = await h.json<AppResult>('truenas_stop_app', { name: 'plex' });
    assert.deepEqual([result.state_before, result.state], ['RUNNING', 'STOPPED']);
  });

  it('a failed job is an error the model can read; unknown apps are named', async () => {
    const failed = await h.toolError('truenas_start_app', { name: 'syncthing' });
    assert.match(
      failed,
      /TrueNAS job \d+ \(app\.start\) failed: Failed 'up' action for 'syncthing' app\. Please check \/var\/log\/app_lifecycle\.log/,
    );
    const unknown = await h.toolError('truenas_start_app', { name: 'jellyfin' });
    assert.match(unknown, /No app named "jellyfin"\. Installed apps: immich, nextcloud, plex, syncthing/);
  });

  it('truenas_get_job: reports a finished job', async () => {
    const started = await h.json<AppResult>('truenas_start_app', { name: 'plex' });
    const job = await h.json<Record<string, unknown>>('truenas_get_job', { id: started.job.id });
    assert.equal(job['state'], 'SUCCESS');
    assert.equal(job['method'], 'app.start');
    assert.match(String(job['finished_at']), /^\d{4}-/);
    const missing = await h.toolError('truenas_get_job', { id: 99_999 });
    assert.match(missing, /No job 99999/);
  });
});

describe('a job that outlives the wait', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ jobStepMs: 400, config: { jobWaitMs: 300 } });
  });
  after(() => h.close());

  it('answers with the job id and a note instead of timing out', async () => {
    const result = await h.json<AppResult>('truenas_start_app', { name: 'immich' });
    assert.notEqual(result.job.state, 'SUCCESS');
    assert.match(result.note ?? '', /still running; check it with truenas_get_job \{"id": \d+\}/);
  });
});
