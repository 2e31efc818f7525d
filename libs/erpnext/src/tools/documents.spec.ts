import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../spec-harness.js';

type Doc = Record<string, unknown>;
interface ListResult {
  doctype: string;
  count: number;
  offset: number;
  next_offset?: number;
  total?: number;
  documents: Doc[];
}

describe('erpnext list, get, count', () => {
  let h: Harness;
  before(async () => (h = await startHarness()));
  after(() => h.close());

  it('lists with the list-view columns by default, filters, and pages with next_offset and total', async () => {
    const page = await h.json<ListResult>('erpnext_list_documents', {
      doctype: 'Sales Invoice',
      filters: [['status', '=', 'Overdue']],
      order_by: 'due_date asc',
      limit: 2,
      with_total: true,
    });
    assert.equal(page.count, 2);
    assert.equal(page.next_offset, 2);
    assert.ok((page.total ?? 0) >= 4);
    assert.deepEqual(Object.keys(page.documents[0] ?? {}).slice(0, 2), ['name', 'customer_name']);
    assert.ok(page.documents.every((d) => d['status'] === 'Overdue' && d['docstatus'] === 1));
    const last = await h.json<ListResult>('erpnext_list_documents', {
      doctype: 'Sales Invoice',
      filters: [['status', '=', 'Overdue']],
      order_by: 'due_date asc',
      limit: 50,
      offset: 2,
    });
    assert.equal(last.next_offset, undefined);
    assert.equal(last.count, (page.total ?? 0) - 2);
  });

  it('selects fields, drops nulls, aggregates per group, and filters on child rows', async () => {
    const customers = await h.json<ListResult>('erpnext_list_documents', {
      doctype: 'Customer',
      fields: ['name', 'email_id'],
      filters: { territory: 'Rest Of The World' },
    });
    assert.deepEqual(customers.documents, [{ name: 'Hooli' }]);
    const due = await h.json<ListResult>('erpnext_list_documents', {
      doctype: 'Sales Invoice',
      fields: ['customer', 'sum(outstanding_amount) as due'],
      filters: { docstatus: 1 },
      group_by: 'customer',
      order_by: 'due desc',
    });
    assert.equal(due.documents[0]?.['customer'], 'Globex Ltd');
    const support = await h.json<ListResult>('erpnext_list_documents', {
      doctype: 'Sales Invoice',
      fields: ['name'],
      filters: [['Sales Invoice Item', 'item_code', '=', 'SUPPORT-YR']],
    });
    assert.equal(support.count, 2);
  });

  it('gets a document compactly, or with its metadata when asked', async () => {
    const doc = await h.json<Doc>('erpnext_get_document', {
      doctype: 'Sales Invoice',
      name: 'ACC-SINV-2026-00006',
    });
    assert.equal(doc['customer'], 'Acme Corporation');
    for (const noise of ['_liked_by', '_comments', '_user_tags', 'doctype', 'idx', 'modified_by'])
      assert.equal(doc[noise], undefined, noise);
    assert.deepEqual(Object.keys((doc['items'] as Doc[])[0] ?? {}).sort(), [
      'amount',
      'description',
      'item_code',
      'item_name',
      'qty',
      'rate',
      'uom',
    ]);
    const raw = await h.json<Doc>('erpnext_get_document', {
      doctype: 'Sales Invoice',
      name: 'ACC-SINV-2026-00006',
      include_metadata: true,
    });
    assert.equal(raw['_user_tags'], ',priority');
    const some = await h.json<Doc>('erpnext_get_document', {
      doctype: 'Customer',
      name: 'globex ltd',
      fields: ['territory'],
    });
    assert.deepEqual(some, { name: 'Globex Ltd', territory: 'United Kingdom' });
  });

  it('counts, in total and per group', async () => {
    const total = await h.json<{ count: number }>('erpnext_count_documents', { doctype: 'Sales Invoice' });
    assert.equal(total.count, 14);
    const grouped = await h.json<{ groups: { status: string; count: number }[] }>('erpnext_count_documents', {
      doctype: 'Sales Invoice',
      group_by: 'status',
    });
    assert.equal(
      grouped.groups.reduce((s, g) => s + g.count, 0),
      14,
    );
    assert.ok(grouped.groups.some((g) => g.status === 'Overdue'));
  });

  it('turns refusals into model-readable errors with the next step', async () => {
    assert.match(
      await h.toolError('erpnext_get_document', { doctype: 'Customer', name: 'Nobody' }),
      /^Not found \(DoesNotExistError, HTTP 404\): Customer Nobody not found\. Find the exact name with erpnext_list_documents/,
    );
    assert.match(
      await h.toolError('erpnext_list_documents', { doctype: 'Spaceship' }),
      /DocType Spaceship not found\. Check the DocType name with erpnext_list_doctypes/,
    );
    assert.match(
      await h.toolError('erpnext_list_documents', { doctype: 'Sales Invoice', fields: ['colour'] }),
      /Field not permitted in query: colour\. Check field names with erpnext_describe_doctype/,
    );
    assert.match(
      await h.toolError('erpnext_list_documents', { doctype: 'Salary Slip' }),
      /PermissionError, HTTP 403.*Insufficient Permission for Salary Slip/,
    );
    assert.match(
      await h.toolError('erpnext_count_documents', {
        doctype: 'Sales Invoice',
        filters: [['posting_date', 'between', '2026-01-01']],
      }),
      /"between" takes a list of two values/,
    );
  });

  it('reports rate limiting and timeouts as wire errors the front shows the model', async () => {
    // A read is retried after Retry-After when that fits before the deadline (the backend policy); with
    // 2 s left and 5 s asked, the 429 goes back at once as RATE_LIMITED with the wait the model should honour.
    const quick = await startHarness({ defaultTimeoutMs: 2_000 });
    try {
      quick.sim.throttle(1, 5);
      const limited = await quick.call('erpnext_count_documents', { doctype: 'ToDo' });
      assert.ok('ok' in limited && !limited.ok);
      assert.equal(limited.error.code, 'RATE_LIMITED');
      assert.equal(limited.error.retryAfterMs, 5_000);
    } finally {
      await quick.close();
    }
    const slow = await startHarness({ defaultTimeoutMs: 200 });
    try {
      slow.sim.setLatency(600);
      const late = await slow.call('erpnext_count_documents', { doctype: 'ToDo' });
      assert.ok('ok' in late && !late.ok);
      assert.equal(late.error.code, 'TIMEOUT');
    } finally {
      slow.sim.setLatency(0);
      await slow.close();
    }
  });
});
