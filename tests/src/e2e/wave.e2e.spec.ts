import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { freePort, startService, waitFor, type ServiceProcess } from '@mcp-gateway/testing';
import { startGateway, type RunningGateway } from './gateway-harness.js';

/** INTERFACES.md's Wave tools, and the rest of the operations. */
const REQUIRED_TOOLS = [
  'wave_approve_invoice',
  'wave_create_customer',
  'wave_create_invoice',
  'wave_create_money_transaction',
  'wave_create_product',
  'wave_list_accounts',
  'wave_list_businesses',
  'wave_list_customers',
  'wave_list_invoices',
  'wave_list_products',
  'wave_list_vendors',
  'wave_send_invoice',
];

interface CallResult {
  content: { type: string; text?: string }[];
  isError?: boolean;
}

const textOf = (result: unknown): string => (result as CallResult).content.map((c) => c.text ?? '').join('');

describe('MCP clients through the gateway to the Wave simulator', () => {
  let gateway: RunningGateway;
  let simulator: ServiceProcess;
  let connector: ServiceProcess;
  let client: Client;
  let simUrl: string;
  const waveToken = randomBytes(24).toString('base64url');

  before(async () => {
    gateway = await startGateway({ withAuth: false });
    const port = await freePort();
    simUrl = `http://127.0.0.1:${port}`;
    simulator = startService('simulators/wave/dist/main.js', {
      PORT: String(port),
      HOST: '127.0.0.1',
      WAVE_TOKEN: waveToken,
    });
    await simulator.waitForOutput(/Wave simulator listening on http:\/\/127\.0\.0\.1:\d+/);
    connector = startService('connector-wave', {
      ...gateway.env,
      METRICS_PORT: '0',
      ANNOUNCE_INTERVAL_MS: '500',
      WAVE_URL: `${simUrl}/graphql/public`,
      WAVE_TOKEN: waveToken,
      // A short per-request limit, so the slow-backend case below stays quick.
      WAVE_TIMEOUT_MS: '1500',
      LOG_LEVEL: 'log',
    });
    await connector.waitForOutput(/Wave connector .* serving \d+ tools/);
    await waitFor(
      async () => {
        const status = (await (await fetch(`${gateway.baseUrl}/status`)).json()) as {
          tools: { name: string }[];
        };
        return status.tools.some((t) => t.name === 'wave_list_invoices');
      },
      15_000,
      'the front to list the Wave tools',
    );
    client = new Client({ name: 'e2e-wave', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(gateway.mcpUrl), {
        requestInit: { headers: { Authorization: `Bearer ${gateway.token}` } },
      }),
    );
  });

  after(async () => {
    await client?.close();
    await connector?.stop();
    await simulator?.stop();
    await gateway?.stop();
  });

  const call = async (name: string, args: Record<string, unknown>) =>
    client.callTool({ name, arguments: args });
  const json = async <T>(name: string, args: Record<string, unknown>): Promise<T> => {
    const result = await call(name, args);
    assert.notEqual(result.isError, true, `${name}: ${textOf(result)}`);
    return JSON.parse(textOf(result)) as T;
  };
  const toolError = async (name: string, args: Record<string, unknown>): Promise<string> => {
    const result = await call(name, args);
    assert.equal(result.isError, true, `${name} should fail: ${textOf(result).slice(0, 300)}`);
    return textOf(result);
  };
  const control = async (action: string, body: unknown) => {
    const res = await fetch(`${simUrl}/__simulator/${action}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    assert.equal(res.status, 200);
  };
  const simState = async () =>
    (await (await fetch(`${simUrl}/__simulator/state`)).json()) as {
      counts: { transactions: number };
      sentEmails: { invoiceId: string; to: string[] }[];
    };

  it('lists every Wave tool with a title, hints and a strict schema', async () => {
    const { tools } = await client.listTools();
    const wave = tools.filter((t) => t.name.startsWith('wave_'));
    for (const name of REQUIRED_TOOLS)
      assert.ok(
        wave.some((t) => t.name === name),
        `${name} is listed`,
      );
    for (const tool of wave) {
      assert.match(tool.title ?? '', /^Wave: /);
      assert.equal(
        (tool.inputSchema as { additionalProperties?: boolean }).additionalProperties,
        false,
        tool.name,
      );
      assert.equal(typeof tool.annotations?.idempotentHint, 'boolean');
    }
    assert.equal(wave.find((t) => t.name === 'wave_list_invoices')?.annotations?.readOnlyHint, true);
    assert.equal(wave.find((t) => t.name === 'wave_send_invoice')?.annotations?.readOnlyHint, false);
    assert.equal(
      wave.find((t) => t.name === 'wave_create_money_transaction')?.annotations?.idempotentHint,
      true,
    );
  });

  it('finds overdue invoices', async () => {
    const overdue = await json<{
      total_count: number;
      invoices: { status: string; days_overdue?: number; amount_due: { amount: string; currency: string } }[];
    }>('wave_list_invoices', { status: 'OVERDUE' });
    assert.equal(overdue.total_count, 4);
    assert.ok(overdue.invoices.every((i) => i.status === 'OVERDUE' && (i.days_overdue ?? 0) > 0));
    assert.match(overdue.invoices[0]?.amount_due.amount ?? '', /^\d+\.\d{2}$/);
  });

  it('creates a customer, invoices them, approves and sends the invoice', async () => {
    const created = await json<{ customer: { id: string; name: string } }>('wave_create_customer', {
      name: 'Gateway Test Co',
      email: 'billing@gateway-test.example',
    });
    const products = await json<{ products: { id: string; name: string }[] }>('wave_list_products', {});
    const logo = products.products.find((p) => p.name === 'Logo design');
    assert.ok(logo);
    const invoice = await json<{ invoice: { id: string; status: string; total: { amount: string } } }>(
      'wave_create_invoice',
      {
        customer_id: created.customer.id,
        items: [{ product_id: logo.id, quantity: '1', unit_price: '900.00' }],
      },
    );
    assert.equal(invoice.invoice.status, 'DRAFT');
    assert.equal(invoice.invoice.total.amount, '900.00');
    const listed = await json<{ invoices: { id: string }[] }>('wave_list_invoices', {
      customer_id: created.customer.id,
    });
    assert.deepEqual(
      listed.invoices.map((i) => i.id),
      [invoice.invoice.id],
    );
    const approved = await json<{ invoice: { status: string } }>('wave_approve_invoice', {
      invoice_id: invoice.invoice.id,
    });
    assert.equal(approved.invoice.status, 'SAVED');
    const sent = await json<{ to: string[]; invoice: { status: string } }>('wave_send_invoice', {
      invoice_id: invoice.invoice.id,
    });
    assert.deepEqual(sent.to, ['billing@gateway-test.example']);
    assert.equal(sent.invoice.status, 'SENT');
    assert.ok((await simState()).sentEmails.some((e) => e.invoiceId === invoice.invoice.id));
  });

  it('records a money transaction once even when the call is repeated', async () => {
    const bank = await json<{ accounts: { id: string; name: string; balance: { amount: string } }[] }>(
      'wave_list_accounts',
      {
        subtypes: ['CASH_AND_BANK'],
      },
    );
    const expenses = await json<{ accounts: { id: string; name: string }[] }>('wave_list_accounts', {
      types: ['EXPENSE'],
    });
    const checking = bank.accounts.find((a) => a.name === 'Business Checking');
    const travel = expenses.accounts.find((a) => a.name === 'Travel');
    assert.ok(checking && travel);
    const args = {
      date: '2026-09-01',
      description: 'Taxi to client',
      external_id: 'e2e-taxi-1',
      anchor: { account_id: checking.id, amount: '42.00', direction: 'WITHDRAWAL' },
      line_items: [{ account_id: travel.id, amount: '42.00' }],
    };
    const first = await json<{ transaction_id: string }>('wave_create_money_transaction', args);
    const second = await json<{ transaction_id: string }>('wave_create_money_transaction', args);
    assert.equal(second.transaction_id, first.transaction_id);
    assert.equal((await simState()).counts.transactions, 1);
    const after = await json<{ accounts: { id: string; balance: { amount: string } }[] }>(
      'wave_list_accounts',
      { subtypes: ['CASH_AND_BANK'] },
    );
    assert.equal(after.accounts.find((a) => a.id === checking.id)?.balance.amount, '12408.00');
  });

  it('returns each kind of error as a readable tool error', async () => {
    const invalid = await toolError('wave_list_invoices', { status: 'LATE' });
    assert.match(invalid, /Invalid arguments for wave_list_invoices: .*must be one of/);
    const customers = await json<{ customers: { id: string }[] }>('wave_list_customers', {});
    const refused = await toolError('wave_create_invoice', {
      customer_id: customers.customers[0]?.id,
      items: [{ product_id: 'UHJvZHVjdDpub3RoZXJlMDAw' }],
    });
    assert.match(refused, /Wave refused to create the invoice: items\[0\]\.product_id: Product not found\./);
    const graphql = await toolError('wave_create_customer', { name: 'Zed', currency: 'XXX' });
    assert.match(graphql, /Wave rejected a value: .*"XXX"/);
    const missing = await toolError('wave_list_customers', { business_id: 'QnVzaW5lc3M6bm9uZTAw' });
    assert.match(missing, /no business QnVzaW5lc3M6bm9uZTAw .*wave_list_businesses/);
  });

  it('retries a 429 with backoff, and reports rate limiting when it persists', async () => {
    // Only ListVendors is limited, so the connector's health probes do not use the 429s up.
    await control('rate-limit', { count: 1, retryAfterSeconds: 1, operationName: 'ListVendors' });
    const started = Date.now();
    const vendors = await json<{ vendors: unknown[] }>('wave_list_vendors', {});
    assert.ok(vendors.vendors.length > 0);
    assert.ok(Date.now() - started >= 900, 'honoured Retry-After');
    await control('rate-limit', { count: 3, retryAfterSeconds: 1, operationName: 'ListVendors' });
    assert.match(
      await toolError('wave_list_vendors', {}),
      /Wave is rate limiting this token; try again in about 1 s/,
    );
  });

  it('reports a slow backend as a timeout', async () => {
    await control('latency', { ms: 2_500 });
    try {
      assert.match(await toolError('wave_list_businesses', {}), /Wave did not answer within 1500 ms/);
    } finally {
      await control('latency', { ms: 0 });
    }
  });

  it('reports a revoked token as an authentication failure', async () => {
    await control('token', { token: randomBytes(12).toString('hex') });
    assert.match(
      await toolError('wave_list_customers', {}),
      /Wave rejected the access token \(HTTP 401\)\. Check WAVE_TOKEN/,
    );
    await control('token', { token: waveToken });
    await json('wave_list_vendors', {});
  });

  it('reports a backend that is down as unreachable', async () => {
    await simulator.stop();
    assert.match(await toolError('wave_list_vendors', {}), /Wave is unreachable/);
  });
});
