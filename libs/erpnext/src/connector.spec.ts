import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, EnvReader } from '@mcp-gateway/config';
import { ToolDescriptorSchema, compileSchema, schemaProblem } from '@mcp-gateway/contracts';
import { describeTool } from '@mcp-gateway/connector-kit';
import { readConfig } from './config.js';
import { erpnextConnector } from './connector.js';

/** INTERFACES.md "Tool names every install has", plus what the issue asks for. */
const REQUIRED_TOOLS = [
  'erpnext_list_documents',
  'erpnext_get_document',
  'erpnext_create_document',
  'erpnext_update_document',
  'erpnext_run_report',
  'erpnext_submit_document',
  'erpnext_cancel_document',
  'erpnext_delete_document',
  'erpnext_count_documents',
  'erpnext_list_doctypes',
  'erpnext_describe_doctype',
];

const READ_ONLY = new Set([
  'erpnext_list_documents',
  'erpnext_get_document',
  'erpnext_count_documents',
  'erpnext_run_report',
  'erpnext_list_doctypes',
  'erpnext_describe_doctype',
]);
const DESTRUCTIVE = new Set(['erpnext_cancel_document', 'erpnext_delete_document']);

describe('erpnextConnector', () => {
  const descriptors = erpnextConnector.tools.map((t) =>
    describeTool(t as Parameters<typeof describeTool>[0]),
  );
  const byName = new Map(descriptors.map((d) => [d.name, d]));

  it('offers the required tools under its name, metrics on 9102', () => {
    for (const name of REQUIRED_TOOLS) assert.ok(byName.has(name), `${name} is missing`);
    assert.equal(erpnextConnector.name, 'erpnext');
    assert.equal(erpnextConnector.defaultMetricsPort, 9102);
  });

  it('describes every tool within client limits, with a strict schema and an example', () => {
    const validDescriptor = compileSchema(ToolDescriptorSchema);
    for (const d of descriptors) {
      assert.ok(validDescriptor(d), `${d.name}: ${JSON.stringify(validDescriptor.errors)}`);
      assert.ok(d.title.startsWith('ERPNext: '), d.name);
      assert.ok(d.description.length < 2048, `${d.name} description is ${d.description.length} chars`);
      assert.equal(schemaProblem(d.inputSchema), undefined);
      assert.equal((d.inputSchema as { additionalProperties?: unknown }).additionalProperties, false, d.name);
      assert.match(d.description, /Example: \{/, `${d.name} has no example`);
    }
  });

  it('hints reads as read-only, cancel and delete as destructive, update as idempotent', () => {
    for (const d of descriptors) {
      assert.equal(d.annotations.readOnlyHint, READ_ONLY.has(d.name), `${d.name} readOnlyHint`);
      assert.equal(d.annotations.destructiveHint, DESTRUCTIVE.has(d.name), `${d.name} destructiveHint`);
      assert.equal(d.annotations.openWorldHint, true);
    }
    assert.equal(byName.get('erpnext_update_document')?.annotations.idempotentHint, true);
    assert.equal(byName.get('erpnext_create_document')?.annotations.idempotentHint, false);
    assert.equal(byName.get('erpnext_submit_document')?.annotations.idempotentHint, false);
  });

  it('validates DocTypes, fields, filters and order_by in the schema', () => {
    const list = compileSchema(byName.get('erpnext_list_documents')?.inputSchema ?? {});
    assert.equal(list({ doctype: 'Sales Invoice', fields: ['name', 'sum(grand_total) as total'] }), true);
    assert.equal(
      list({ doctype: 'Sales Invoice', filters: [['status', '=', 'Paid']], order_by: 'posting_date desc' }),
      true,
    );
    assert.equal(
      list({ doctype: 'Sales Invoice', filters: { status: 'Paid', grand_total: ['>', 10] } }),
      true,
    );
    assert.equal(
      list({ doctype: 'Sales Invoice', filters: [['Sales Invoice Item', 'item_code', 'in', ['A', 'B']]] }),
      true,
    );
    assert.equal(list({ doctype: 'Sales Invoice', fields: ['name; drop table'] }), false);
    assert.equal(list({ doctype: 'Sales Invoice', order_by: 'name; select 1' }), false);
    assert.equal(list({ doctype: 'Sales Invoice', filters: [['status', '=']] }), false);
    assert.equal(list({ doctype: 'a/b' }), false);
    assert.equal(list({ doctype: 'Sales Invoice', limit: 501 }), false);
    assert.equal(list({ doctype: 'Sales Invoice', colour: 'red' }), false);
    const create = compileSchema(byName.get('erpnext_create_document')?.inputSchema ?? {});
    assert.equal(create({ doctype: 'ToDo', doc: { description: 'x' } }), true);
    assert.equal(create({ doctype: 'ToDo' }), false);
  });
});

describe('readConfig', () => {
  it('reads the URL, key pair and timeout', () => {
    const env = new EnvReader({
      ERPNEXT_URL: 'https://erp.example.com',
      ERPNEXT_API_KEY: 'key',
      ERPNEXT_API_SECRET: 'secret',
      ERPNEXT_TIMEOUT_MS: '5000',
    });
    const config = readConfig(env);
    env.done();
    assert.equal(config.baseUrl.href, 'https://erp.example.com/');
    assert.equal(config.apiKey, 'key');
    assert.equal(config.apiSecret, 'secret');
    assert.equal(config.timeoutMs, 5000);
    assert.equal(
      readConfig(new EnvReader({ ERPNEXT_URL: 'http://x', ERPNEXT_API_KEY: 'k', ERPNEXT_API_SECRET: 's' }))
        .timeoutMs,
      30_000,
    );
  });

  it('names every missing or invalid variable and never echoes the secret', () => {
    const env = new EnvReader({ ERPNEXT_URL: 'ftp://erp', ERPNEXT_API_SECRET: 'super-secret-value' });
    readConfig(env);
    assert.throws(
      () => env.done(),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.message.includes('ERPNEXT_URL') &&
        e.message.includes('ERPNEXT_API_KEY is required') &&
        !e.message.includes('super-secret-value'),
    );
  });
});
