import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ToolDescriptorSchema, compileSchema, schemaProblem } from '@mcp-gateway/contracts';
import { describeTool } from '@mcp-gateway/connector-kit';
import { trueNasConnector } from './connector.js';

/** INTERFACES.md "Tool names every install has", plus the ones the issue asks for. */
const REQUIRED_TOOLS = [
  'truenas_system_info',
  'truenas_list_pools',
  'truenas_list_datasets',
  'truenas_list_snapshots',
  'truenas_create_snapshot',
  'truenas_list_alerts',
  'truenas_create_dataset',
  'truenas_delete_snapshot',
  'truenas_rollback_snapshot',
  'truenas_dismiss_alert',
  'truenas_list_apps',
  'truenas_start_app',
  'truenas_stop_app',
  'truenas_list_shares',
  'truenas_list_disks',
  'truenas_list_services',
];

describe('trueNasConnector', () => {
  const descriptors = trueNasConnector.tools.map((t) =>
    describeTool(t as Parameters<typeof describeTool>[0]),
  );
  const byName = new Map(descriptors.map((d) => [d.name, d]));

  it('offers the required tools under the connector name', () => {
    for (const name of REQUIRED_TOOLS) assert.ok(byName.has(name), `${name} is missing`);
    assert.equal(trueNasConnector.name, 'truenas');
    assert.equal(trueNasConnector.defaultMetricsPort, 9103);
  });

  it('describes every tool within client limits, with a title, an example and a strict schema', () => {
    const validDescriptor = compileSchema(ToolDescriptorSchema);
    for (const d of descriptors) {
      assert.ok(validDescriptor(d), `${d.name}: ${JSON.stringify(validDescriptor.errors)}`);
      assert.ok(d.title?.startsWith('TrueNAS: '), `${d.name} title`);
      assert.ok(d.description.length < 2048, `${d.name} description is ${d.description.length} chars`);
      assert.match(d.description, /Example: \{/, `${d.name} has no example`);
      assert.equal(schemaProblem(d.inputSchema), undefined);
      assert.equal((d.inputSchema as { additionalProperties?: unknown }).additionalProperties, false, d.name);
    }
  });

  it('marks reads read-only, deletes and rollbacks destructive, and the rest as writes', () => {
    const destructive = ['truenas_delete_snapshot', 'truenas_rollback_snapshot'];
    for (const d of descriptors) {
      const reads =
        d.name.startsWith('truenas_list_') ||
        d.name === 'truenas_system_info' ||
        d.name === 'truenas_get_job';
      assert.equal(d.annotations.readOnlyHint, reads, d.name);
      assert.equal(d.annotations.destructiveHint, destructive.includes(d.name), d.name);
    }
    assert.equal(byName.get('truenas_dismiss_alert')?.annotations.idempotentHint, true);
    assert.equal(byName.get('truenas_create_snapshot')?.annotations.idempotentHint, false);
  });

  it('validates names in arguments before they reach TrueNAS', () => {
    const validator = (name: string) => {
      const d = byName.get(name);
      assert.ok(d);
      return compileSchema(d.inputSchema);
    };
    const del = validator('truenas_delete_snapshot');
    assert.equal(del({ snapshot: 'tank/documents@auto-2025-01-01_00-00' }), true);
    assert.equal(del({ snapshot: 'tank/documents' }), false);
    assert.equal(del({ snapshot: 'tank/docs@x; rm -rf /' }), false);
    assert.equal(del({ snapshot: 'tank@x', extra: 1 }), false);
    const create = validator('truenas_create_dataset');
    assert.equal(create({ name: 'tank/new' }), true);
    assert.equal(create({ name: 'tank' }), false);
    const start = validator('truenas_start_app');
    assert.equal(start({ name: 'plex' }), true);
    assert.equal(start({ name: 'Plex App' }), false);
  });
});
