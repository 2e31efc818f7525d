import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, EnvReader } from '@mcp-gateway/config';
import { ToolDescriptorSchema, compileSchema, schemaProblem } from '@mcp-gateway/contracts';
import { describeTool } from '@mcp-gateway/connector-kit';
import { DEFAULT_WAVE_URL, readConfig } from './config.js';
import { waveConnector } from './connector.js';

/** INTERFACES.md "Tool names every install has", plus the other operations. */
const REQUIRED_TOOLS = [
  'wave_list_businesses',
  'wave_list_customers',
  'wave_list_invoices',
  'wave_create_customer',
  'wave_create_invoice',
  'wave_list_products',
  'wave_create_product',
  'wave_approve_invoice',
  'wave_send_invoice',
  'wave_list_accounts',
  'wave_list_vendors',
  'wave_create_money_transaction',
];

const READS = new Set([
  'wave_list_businesses',
  'wave_list_customers',
  'wave_list_invoices',
  'wave_get_invoice',
  'wave_list_products',
  'wave_list_accounts',
  'wave_list_vendors',
]);
const IDEMPOTENT_WRITES = new Set(['wave_approve_invoice', 'wave_create_money_transaction']);

describe('waveConnector', () => {
  const descriptors = waveConnector.tools.map((t) => describeTool(t as Parameters<typeof describeTool>[0]));

  it('offers the tools every install has', () => {
    const names = descriptors.map((d) => d.name);
    for (const name of REQUIRED_TOOLS) assert.ok(names.includes(name), `${name} is missing`);
    assert.equal(waveConnector.name, 'wave');
    assert.equal(waveConnector.defaultMetricsPort, 9104);
  });

  it('describes every tool within client limits, with a strict schema and an example', () => {
    const validDescriptor = compileSchema(ToolDescriptorSchema);
    for (const d of descriptors) {
      assert.ok(validDescriptor(d), `${d.name}: ${JSON.stringify(validDescriptor.errors)}`);
      assert.match(d.name, /^[a-zA-Z0-9_-]{1,64}$/);
      assert.match(d.title ?? '', /^Wave: /);
      assert.ok(d.description.length < 2048, `${d.name} description is ${d.description.length} chars`);
      assert.equal(schemaProblem(d.inputSchema), undefined);
      assert.equal((d.inputSchema as { additionalProperties?: unknown }).additionalProperties, false, d.name);
      assert.match(d.description, /Example/, `${d.name} has no example`);
    }
  });

  it('marks reads read-only, and only Wave-deduplicated writes idempotent; nothing is destructive', () => {
    for (const d of descriptors) {
      assert.equal(d.annotations.readOnlyHint, READS.has(d.name), d.name);
      assert.equal(d.annotations.idempotentHint, READS.has(d.name) || IDEMPOTENT_WRITES.has(d.name), d.name);
      assert.equal(d.annotations.destructiveHint, false, d.name);
      assert.equal(d.annotations.openWorldHint, true, d.name);
    }
  });

  it('validates ids, decimal strings, dates and statuses in arguments', () => {
    const byName = new Map(descriptors.map((d) => [d.name, compileSchema(d.inputSchema)]));
    const listInvoices = byName.get('wave_list_invoices');
    const createInvoice = byName.get('wave_create_invoice');
    const transaction = byName.get('wave_create_money_transaction');
    assert.ok(listInvoices && createInvoice && transaction);
    assert.equal(listInvoices({ status: 'OVERDUE' }), true);
    assert.equal(listInvoices({ status: 'LATE' }), false);
    assert.equal(listInvoices({ from_date: '2026-13-45' }), false);
    assert.equal(listInvoices({ page_size: 201 }), false);
    const item = { product_id: 'UHJvZHVjdDoxMjM0', quantity: '2', unit_price: '150.00' };
    assert.equal(createInvoice({ customer_id: 'Q3VzdG9tZXI6MTIz', items: [item] }), true);
    assert.equal(
      createInvoice({ customer_id: 'Q3VzdG9tZXI6MTIz', items: [{ ...item, unit_price: 150 }] }),
      false,
    );
    assert.equal(createInvoice({ customer_id: 'Q3VzdG9tZXI6MTIz', items: [] }), false);
    assert.equal(createInvoice({ customer_id: 'not an id!', items: [item] }), false);
    const anchor = { account_id: 'QWNjb3VudDoxMjM0', amount: '50.00', direction: 'WITHDRAWAL' };
    const line = { account_id: 'QWNjb3VudDo1Njc4', amount: '50.00' };
    assert.equal(transaction({ date: '2026-09-01', description: 'Paper', anchor, line_items: [line] }), true);
    assert.equal(
      transaction({
        date: '2026-09-01',
        description: 'Paper',
        anchor: { ...anchor, direction: 'OUT' },
        line_items: [line],
      }),
      false,
    );
    assert.equal(
      transaction({
        date: '2026-09-01',
        description: 'Paper',
        anchor,
        line_items: [line],
        external_id: 'has spaces',
      }),
      false,
    );
  });
});

describe('readConfig', () => {
  it('defaults the URL to the public endpoint and reads the token and business', () => {
    const env = new EnvReader({ WAVE_TOKEN: 'abc', WAVE_BUSINESS_ID: 'QnVzaW5lc3M6MTIzNDU2' });
    const config = readConfig(env);
    env.done();
    assert.equal(config.url.href, DEFAULT_WAVE_URL);
    assert.equal(config.token, 'abc');
    assert.equal(config.businessId, 'QnVzaW5lc3M6MTIzNDU2');
    assert.equal(config.timeoutMs, 20_000);
  });

  it('takes a simulator URL and a timeout', () => {
    const env = new EnvReader({
      WAVE_URL: 'http://127.0.0.1:8090/graphql/public',
      WAVE_TOKEN: 'abc',
      WAVE_TIMEOUT_MS: '5000',
    });
    const config = readConfig(env);
    env.done();
    assert.equal(config.url.pathname, '/graphql/public');
    assert.equal(config.businessId, undefined);
    assert.equal(config.timeoutMs, 5000);
  });

  it('names every missing or invalid variable and never echoes the token', () => {
    const env = new EnvReader({ WAVE_URL: 'ftp://wave', WAVE_BUSINESS_ID: 'not an id' });
    readConfig(env);
    assert.throws(
      () => env.done(),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.message.includes('WAVE_URL') &&
        e.message.includes('WAVE_TOKEN is required') &&
        e.message.includes('WAVE_BUSINESS_ID'),
    );
    const secret = new EnvReader({ WAVE_TOKEN: 'super-secret-token', WAVE_TIMEOUT_MS: 'soon' });
    readConfig(secret);
    assert.throws(
      () => secret.done(),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.message.includes('WAVE_TIMEOUT_MS') &&
        !e.message.includes('super-secret-token'),
    );
  });
});
