import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { messagesOf, startSpecSimulator } from './spec-client.js';

type Started = Awaited<ReturnType<typeof startSpecSimulator>>;
type Doc = Record<string, unknown>;

describe('ERPNext simulator: documents and their lifecycle', () => {
  let s: Started;
  before(async () => (s = await startSpecSimulator()));
  after(() => s.sim.close());

  it('reads a document with its child rows and without nulls', async () => {
    const reply = await s.request('GET', '/api/resource/Sales%20Invoice/ACC-SINV-2026-00006');
    const doc = reply.json['data'] as Doc;
    assert.equal(doc['doctype'], 'Sales Invoice');
    assert.equal(doc['docstatus'], 1);
    assert.equal(doc['status'], 'Overdue');
    const items = doc['items'] as Doc[];
    assert.equal(items[0]?.['parent'], 'ACC-SINV-2026-00006');
    assert.equal(items[0]?.['parenttype'], 'Sales Invoice');
    assert.equal(items[0]?.['doctype'], 'Sales Invoice Item');
    assert.ok(
      Object.values(doc).every((v) => v !== null),
      'as_dict(no_nulls=True)',
    );
    assert.equal(doc['_liked_by'], '["Administrator"]');
  });

  it('creates a draft from a naming series, fetching item and customer details, and shows it in lists', async () => {
    const created = await s.request('POST', '/api/resource/Sales%20Invoice', {
      body: { customer: 'acme corporation', items: [{ item_code: 'widget-pro', qty: 2 }], colour: 'blue' },
    });
    assert.equal(created.status, 200, created.text);
    const doc = created.json['data'] as Doc;
    assert.equal(doc['name'], 'ACC-SINV-2026-00015');
    assert.equal(doc['customer'], 'Acme Corporation', 'link case corrected');
    assert.equal(doc['company'], 'Northwind Trading Co.', 'user default company');
    assert.equal(doc['due_date'], '2026-04-14');
    assert.equal(doc['grand_total'], 130);
    assert.equal(doc['status'], 'Draft');
    assert.equal(doc['colour'], undefined, 'unknown keys are dropped');
    const listed = await s.request('GET', '/api/resource/Sales%20Invoice', {
      query: { filters: { name: doc['name'] } },
    });
    assert.deepEqual(listed.json['data'], [{ name: 'ACC-SINV-2026-00015' }]);
  });

  it('submits and cancels through run_method, moving docstatus 0 → 1 → 2', async () => {
    const submitted = await s.request('POST', '/api/resource/Sales%20Invoice/ACC-SINV-2026-00013', {
      body: { run_method: 'submit' },
    });
    assert.equal(submitted.status, 200, submitted.text);
    assert.equal((submitted.json['data'] as Doc)['docstatus'], 1);
    assert.equal((submitted.json['data'] as Doc)['status'], 'Unpaid');
    const cancelled = await s.request('POST', '/api/resource/Sales%20Invoice/ACC-SINV-2026-00013', {
      body: { run_method: 'cancel' },
    });
    assert.equal((cancelled.json['data'] as Doc)['docstatus'], 2);
    assert.equal((cancelled.json['data'] as Doc)['status'], 'Cancelled');
    const again = await s.request('PUT', '/api/resource/Sales%20Invoice/ACC-SINV-2026-00013', {
      body: { remarks: 'x' },
    });
    assert.equal(again.status, 417);
    assert.equal(again.json['exc_type'], 'ValidationError');
    assert.equal(
      again.json['exception'],
      'frappe.exceptions.ValidationError: Cannot edit cancelled document',
    );
    assert.equal(again.json['_server_messages'], undefined, 'a bare raise logs no message');
  });

  it('refuses what Frappe refuses, with its exception classes and statuses', async () => {
    const draftCancel = await s.request('POST', '/api/resource/Sales%20Invoice/ACC-SINV-2026-00014', {
      body: { run_method: 'cancel' },
    });
    assert.equal(draftCancel.status, 417);
    assert.equal(draftCancel.json['exc_type'], 'DocstatusTransitionError');
    const afterSubmit = await s.request('PUT', '/api/resource/Sales%20Invoice/ACC-SINV-2026-00006', {
      body: { customer: 'Initech' },
    });
    assert.equal(afterSubmit.json['exc_type'], 'UpdateAfterSubmitError');
    assert.equal(messagesOf(afterSubmit)[0]?.title, 'Cannot Update After Submit');
    const allowed = await s.request('PUT', '/api/resource/Sales%20Invoice/ACC-SINV-2026-00006', {
      body: { po_no: 'ACME-4411' },
    });
    assert.equal(allowed.status, 200, 'allow_on_submit fields may change');
    const mandatory = await s.request('POST', '/api/resource/Sales%20Invoice', {
      body: { customer: 'Initech' },
    });
    assert.equal(mandatory.status, 417);
    assert.equal(mandatory.json['exc_type'], 'MandatoryError');
    assert.equal(messagesOf(mandatory)[0]?.message, 'Error: Data missing in table: Items');
    const link = await s.request('POST', '/api/resource/ToDo', {
      body: { description: 'x', status: 'Someday' },
    });
    assert.equal(link.status, 417);
    assert.match(
      messagesOf(link)[0]?.message ?? '',
      /Status cannot be "Someday"\. It should be one of "Open", "Closed", "Cancelled"/,
    );
    const badLink = await s.request('POST', '/api/resource/Customer', {
      body: { customer_name: 'New Co', territory: 'Mars' },
    });
    assert.equal(badLink.json['exc_type'], 'LinkValidationError');
    assert.equal(messagesOf(badLink)[0]?.message, 'Could not find Territory: Mars');
    const duplicate = await s.request('POST', '/api/resource/Item', {
      body: { item_code: 'GEAR-SM', item_name: 'Again', item_group: 'Products', stock_uom: 'Nos' },
    });
    assert.equal(duplicate.status, 409);
    assert.equal(duplicate.json['exc_type'], 'DuplicateEntryError');
    assert.equal(messagesOf(duplicate)[0]?.message, 'Item <strong>GEAR-SM</strong> already exists');
    const missing = await s.request('GET', '/api/resource/Customer/Nobody');
    assert.equal(missing.status, 404);
    assert.equal(missing.json['exception'], undefined, 'no traceback on 404');
    assert.equal(messagesOf(missing)[0]?.message, 'Customer Nobody not found');
  });

  it('renames a duplicate customer with a note, as ERPNext does, and rolls series back on failure', async () => {
    const again = await s.request('POST', '/api/resource/Customer', { body: { customer_name: 'Hooli' } });
    assert.equal((again.json['data'] as Doc)['name'], 'Hooli - 1');
    assert.match(messagesOf(again)[0]?.message ?? '', /Changed customer name to 'Hooli - 1'/);
    await s.request('POST', '/api/resource/Sales%20Invoice', { body: { customer: 'Hooli' } });
    const next = await s.request('POST', '/api/resource/Sales%20Invoice', {
      body: { customer: 'Hooli', items: [{ item_code: 'INSTALL' }] },
    });
    assert.equal((next.json['data'] as Doc)['name'], 'ACC-SINV-2026-00016');
  });

  it('deletes drafts (v15: 202 {"data":"ok"}) but not submitted or linked documents', async () => {
    const deleted = await s.request('DELETE', '/api/resource/Sales%20Invoice/ACC-SINV-2026-00014');
    assert.equal(deleted.status, 202);
    assert.deepEqual(deleted.json, { data: 'ok' });
    assert.equal((await s.request('GET', '/api/resource/Sales%20Invoice/ACC-SINV-2026-00014')).status, 404);
    const submitted = await s.request('DELETE', '/api/resource/Sales%20Invoice/ACC-SINV-2026-00012');
    assert.equal(submitted.status, 417);
    assert.match(messagesOf(submitted)[0]?.message ?? '', /Submitted Record cannot be deleted/);
    const linked = await s.request('DELETE', '/api/resource/Customer/Initech');
    assert.equal(linked.json['exc_type'], 'LinkExistsError');
  });

  it('answers v14 deletes with {"message":"ok"}', async () => {
    const v14 = await startSpecSimulator({ version: 14 });
    try {
      const todo = ((await v14.request('GET', '/api/resource/ToDo')).json['data'] as Doc[])[0];
      const reply = await v14.request('DELETE', `/api/resource/ToDo/${String(todo?.['name'])}`);
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.json, { message: 'ok' });
    } finally {
      await v14.sim.close();
    }
  });
});

describe('ERPNext simulator: methods, reports, metadata and limits', () => {
  let s: Started;
  before(async () => (s = await startSpecSimulator()));
  after(() => s.sim.close());

  it('runs Accounts Receivable with ageing buckets and a server-side total row', async () => {
    const reply = await s.request('GET', '/api/method/frappe.desk.query_report.run', {
      query: { report_name: 'Accounts Receivable', filters: { company: 'Northwind Trading Co.' } },
    });
    const report = reply.json['message'] as {
      result: Doc[];
      columns: Doc[];
      add_total_row: boolean;
      chart: unknown;
    };
    assert.equal(report.add_total_row, true);
    const total = report.result.at(-1);
    assert.equal(total?.['posting_date'], "'Total'");
    const rows = report.result.slice(0, -1);
    assert.ok(rows.every((r) => Number(r['outstanding']) > 0));
    assert.equal(
      total?.['outstanding'],
      Math.round(rows.reduce((a, r) => a + Number(r['outstanding']), 0) * 100) / 100,
    );
    assert.ok(report.columns.some((c) => c['fieldname'] === 'range5'));
    const missing = await s.request('GET', '/api/method/frappe.desk.query_report.run', {
      query: { report_name: 'Accounts Receivable' },
    });
    assert.equal(missing.status, 417);
    const unknown = await s.request('GET', '/api/method/frappe.desk.query_report.run', {
      query: { report_name: 'Nope' },
    });
    assert.equal(unknown.status, 404);
    const forbidden = await s.request('GET', '/api/method/frappe.desk.query_report.run', {
      query: { report_name: 'Salary Register' },
    });
    assert.equal(forbidden.status, 403);
  });

  it('serves DocType metadata via getdoctype and the DocType list', async () => {
    const reply = await s.request('GET', '/api/method/frappe.desk.form.load.getdoctype', {
      query: { doctype: 'Sales Invoice' },
    });
    const docs = reply.json['docs'] as Doc[];
    assert.deepEqual(
      docs.map((d) => d['name']),
      ['Sales Invoice', 'Sales Invoice Item'],
    );
    assert.ok(
      (docs[0]?.['fields'] as Doc[]).some(
        (f) => f['fieldname'] === 'customer' && f['options'] === 'Customer',
      ),
    );
    assert.equal(typeof docs[0]?.['__js'], 'string');
    const list = await s.request('GET', '/api/resource/DocType', {
      query: {
        filters: [
          ['istable', '=', 0],
          ['name', 'like', '%order%'],
        ],
      },
    });
    assert.deepEqual(list.json['data'], [{ name: 'Sales Order' }]);
  });

  it('enforces HTTP verbs of whitelisted methods and names unknown ones', async () => {
    const get = await s.request('GET', '/api/method/frappe.client.insert', {
      query: { doc: { doctype: 'ToDo', description: 'x' } },
    });
    assert.equal(get.status, 403);
    assert.equal(messagesOf(get)[0]?.message, 'Not permitted');
    const unknown = await s.request('GET', '/api/method/frappe.client.explode');
    assert.equal(unknown.status, 417);
    assert.match(
      messagesOf(unknown)[0]?.message ?? '',
      /Failed to get method for command frappe\.client\.explode/,
    );
    const inserted = await s.request('POST', '/api/method/frappe.client.insert', {
      body: { doc: { doctype: 'ToDo', description: 'via method' } },
    });
    assert.equal((inserted.json['message'] as Doc)['description'], 'via method');
  });

  it('throttles on demand: 429 text with Retry-After, then serves again', async () => {
    s.sim.throttle(1, 7);
    const limited = await s.request('GET', '/api/method/ping');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.equal(limited.text, 'Too Many Requests');
    assert.deepEqual((await s.request('GET', '/api/method/ping')).json, { message: 'pong' });
    const control = await fetch(`${s.sim.url}/__simulator/throttle`, {
      method: 'POST',
      body: '{"requests":1,"retry_after":3}',
    });
    assert.equal(control.status, 200);
    assert.equal((await s.request('GET', '/api/method/ping')).headers.get('retry-after'), '3');
  });
});
