import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { freePort, startService, waitFor, type ServiceProcess } from '@mcp-gateway/testing';
import { startGateway, type RunningGateway } from './gateway-harness.js';

const ERPNEXT_TOOLS = [
  'erpnext_cancel_document',
  'erpnext_count_documents',
  'erpnext_create_document',
  'erpnext_delete_document',
  'erpnext_describe_doctype',
  'erpnext_get_document',
  'erpnext_list_doctypes',
  'erpnext_list_documents',
  'erpnext_run_report',
  'erpnext_submit_document',
  'erpnext_update_document',
];
/** The connector gives up on a call after this long; the slow-backend test waits longer than that. */
const TOOL_TIMEOUT_MS = 1_500;

interface CallResult {
  content: { type: string; text?: string }[];
  isError?: boolean;
}

const text = (result: unknown) => (result as CallResult).content.map((c) => c.text ?? '').join('');

describe('MCP clients through the gateway to the ERPNext simulator', () => {
  let gateway: RunningGateway;
  let simulator: ServiceProcess;
  let connector: ServiceProcess;
  let client: Client;
  let simUrl: string;
  const apiKey = randomBytes(8).toString('hex');
  const apiSecret = randomBytes(16).toString('hex');
  let simEnv: Record<string, string>;

  const startSimulator = async (secret = apiSecret) => {
    simulator = startService('simulators/erpnext/dist/main.js', { ...simEnv, ERPNEXT_API_SECRET: secret });
    await simulator.waitForOutput(/ERPNext simulator listening on http:\/\//);
  };
  const call = async (name: string, args: Record<string, unknown>) => {
    const result = (await client.callTool({ name, arguments: args })) as CallResult;
    return { result, text: text(result) };
  };
  const ok = async <T = Record<string, unknown>>(name: string, args: Record<string, unknown>): Promise<T> => {
    const { result, text: body } = await call(name, args);
    assert.notEqual(result.isError, true, `${name}: ${body}`);
    return JSON.parse(body) as T;
  };
  const failure = async (name: string, args: Record<string, unknown>): Promise<string> => {
    const { result, text: body } = await call(name, args);
    assert.equal(result.isError, true, `${name} should fail: ${body.slice(0, 300)}`);
    return body;
  };
  const control = (what: string, body: Record<string, unknown>) =>
    fetch(`${simUrl}/__simulator/${what}`, { method: 'POST', body: JSON.stringify(body) });

  before(async () => {
    gateway = await startGateway();
    const port = await freePort();
    simUrl = `http://127.0.0.1:${port}`;
    simEnv = { PORT: String(port), HOST: '127.0.0.1', ERPNEXT_API_KEY: apiKey, SIM_LATENCY_MS: '0' };
    await startSimulator();
    connector = startService('connector-erpnext', {
      ...gateway.env,
      METRICS_PORT: '0',
      ANNOUNCE_INTERVAL_MS: '500',
      TOOL_TIMEOUT_MS: String(TOOL_TIMEOUT_MS),
      ERPNEXT_URL: simUrl,
      ERPNEXT_API_KEY: apiKey,
      ERPNEXT_API_SECRET: apiSecret,
      LOG_LEVEL: 'log',
    });
    await connector.waitForOutput(/serving 11 tools/);
    await waitFor(
      async () =>
        (await (await fetch(`${gateway.baseUrl}/status`)).text()).includes('erpnext_list_documents'),
      10_000,
      'the front to list the ERPNext tools',
    );
    client = new Client({ name: 'e2e-erpnext', version: '1.0.0' });
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

  it('lists every ERPNext tool with a title, a strict schema and its hints', async () => {
    const tools: Awaited<ReturnType<Client['listTools']>>['tools'] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor === undefined ? {} : { cursor });
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    const erpnext = tools.filter((t) => t.name.startsWith('erpnext_'));
    assert.deepEqual(
      erpnext.map((t) => t.name),
      ERPNEXT_TOOLS,
    );
    for (const tool of erpnext) {
      assert.ok(tool.title?.startsWith('ERPNext: '), tool.name);
      assert.equal(
        (tool.inputSchema as { additionalProperties?: unknown }).additionalProperties,
        false,
        tool.name,
      );
    }
    const hint = (name: string) => erpnext.find((t) => t.name === name)?.annotations;
    assert.equal(hint('erpnext_list_documents')?.readOnlyHint, true);
    assert.equal(hint('erpnext_delete_document')?.destructiveHint, true);
    assert.equal(hint('erpnext_create_document')?.readOnlyHint, false);
  });

  it('happy paths: list with filters, create then get, submit, run a report', async () => {
    const overdue = await ok<{ documents: { name: string; status: string }[]; total: number }>(
      'erpnext_list_documents',
      {
        doctype: 'Sales Invoice',
        fields: ['name', 'customer', 'status', 'outstanding_amount'],
        filters: [['status', '=', 'Overdue']],
        order_by: 'due_date asc',
        with_total: true,
      },
    );
    assert.ok(overdue.total >= 4);
    assert.ok(overdue.documents.every((d) => d.status === 'Overdue'));

    const created = await ok<{ created: string; document: { docstatus: number } }>(
      'erpnext_create_document',
      {
        doctype: 'Sales Invoice',
        doc: { customer: 'Acme Corporation', items: [{ item_code: 'WIDGET-PRO', qty: 3 }] },
      },
    );
    assert.equal(created.document.docstatus, 0);
    const read = await ok<{ name: string; grand_total: number; items: unknown[] }>('erpnext_get_document', {
      doctype: 'Sales Invoice',
      name: created.created,
    });
    assert.equal(read.grand_total, 195);
    assert.equal(read.items.length, 1);

    const submitted = await ok<{ docstatus: number; state: string }>('erpnext_submit_document', {
      doctype: 'Sales Invoice',
      name: created.created,
    });
    assert.deepEqual([submitted.docstatus, submitted.state], [1, 'Submitted']);

    const report = await ok<{ rows: { voucher_no: string }[]; totals: Record<string, number> }>(
      'erpnext_run_report',
      {
        report_name: 'Accounts Receivable',
        filters: { company: 'Northwind Trading Co.' },
      },
    );
    assert.ok(
      report.rows.some((r) => r.voucher_no === created.created),
      'the new invoice is receivable',
    );
    assert.ok((report.totals['outstanding'] ?? 0) > 0);
  });

  it("turns each of Frappe's error shapes into a clear tool error", async () => {
    assert.match(
      await failure('erpnext_get_document', { doctype: 'Customer', name: 'Nobody Inc' }),
      /Not found \(DoesNotExistError, HTTP 404\): Customer Nobody Inc not found\./,
    );
    assert.match(
      await failure('erpnext_create_document', { doctype: 'Sales Invoice', doc: { customer: 'Initech' } }),
      /MandatoryError, HTTP 417\): Error: Data missing in table: Items\./,
    );
    assert.match(
      await failure('erpnext_create_document', {
        doctype: 'Supplier',
        doc: { supplier_name: 'Bolt & Nut Supply' },
      }),
      /Conflict \(DuplicateEntryError, HTTP 409\): Supplier Bolt & Nut Supply already exists\./,
    );
    assert.match(
      await failure('erpnext_list_documents', { doctype: 'Salary Slip' }),
      /PermissionError, HTTP 403\): Insufficient Permission for Salary Slip/,
    );
    assert.equal((await control('throttle', { requests: 1, retry_after: 11 })).status, 200);
    assert.match(
      await failure('erpnext_count_documents', { doctype: 'ToDo' }),
      /rate limiting requests \(HTTP 429\); retry after 11 s/,
    );
    assert.match(
      await failure('erpnext_list_documents', { doctype: 'Customer', filters: [['name', '=']] }),
      /Invalid arguments for erpnext_list_documents/,
    );
  });

  it('a slow backend times out at TOOL_TIMEOUT_MS with a clear error', async () => {
    await control('latency', { ms: TOOL_TIMEOUT_MS + 1_000 });
    try {
      assert.match(
        await failure('erpnext_count_documents', { doctype: 'Customer' }),
        new RegExp(`erpnext_count_documents did not finish within ${TOOL_TIMEOUT_MS} ms`),
      );
    } finally {
      await control('latency', { ms: 0 });
    }
  });

  it('a backend that is down, then back with other credentials, then healthy again', async () => {
    await simulator.stop();
    assert.match(await failure('erpnext_list_documents', { doctype: 'Customer' }), /ERPNext is unreachable/);

    await startSimulator('a-different-secret');
    const rejected = await failure('erpnext_list_documents', { doctype: 'Customer' });
    assert.match(rejected, /ERPNext rejected the API key and secret \(401 AuthenticationError\)/);
    assert.ok(!rejected.includes(apiSecret), 'the secret never reaches the model');
    await waitFor(
      async () => {
        const status = (await (await fetch(`${gateway.baseUrl}/status`)).json()) as {
          connectors: { name: string; instances: { backend: { healthy: boolean; detail?: string } }[] }[];
        };
        const backend = status.connectors.find((c) => c.name === 'erpnext')?.instances[0]?.backend;
        return backend?.healthy === false && (backend.detail ?? '').includes('rejected the API key');
      },
      5_000,
      'the status page to show the credentials problem',
    );

    await simulator.stop();
    await startSimulator();
    await waitFor(
      async () => (await call('erpnext_count_documents', { doctype: 'Customer' })).result.isError !== true,
      10_000,
      'calls to succeed again',
    );
  });
});
