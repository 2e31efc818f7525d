import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { messagesOf, startSpecSimulator } from './spec-client.js';

type Started = Awaited<ReturnType<typeof startSpecSimulator>>;
type Row = Record<string, unknown>;

describe('ERPNext simulator: authentication (frappe.auth.validate_auth)', () => {
  let s: Started;
  before(async () => (s = await startSpecSimulator()));
  after(() => s.sim.close());

  it('accepts token key:secret and Basic, and says who is logged in', async () => {
    const token = await s.request('GET', '/api/method/frappe.auth.get_logged_user');
    assert.deepEqual(token.json, { message: 'integrations@northwind.example' });
    const basic = await s.request('GET', '/api/method/frappe.auth.get_logged_user', {
      auth: `Basic ${Buffer.from('sim-key:sim-secret').toString('base64')}`,
    });
    assert.equal(basic.json['message'], 'integrations@northwind.example');
  });

  it('answers a wrong secret with a bare 401 AuthenticationError (no traceback for Guest)', async () => {
    const wrong = await s.request('GET', '/api/resource/Customer', { auth: 'token sim-key:nope' });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.json, { exc_type: 'AuthenticationError' });
  });

  it('treats a missing or unsplittable header as Guest: whoami says Guest, data is 403', async () => {
    assert.deepEqual(
      (await s.request('GET', '/api/method/frappe.auth.get_logged_user', { auth: null })).json,
      {
        message: 'Guest',
      },
    );
    const guest = await s.request('GET', '/api/resource/Customer', { auth: 'token no-colon' });
    assert.equal(guest.status, 403);
    assert.equal(guest.json['exc_type'], 'PermissionError');
    assert.match(
      String(guest.json['_error_message']),
      /Insufficient Permission for <strong>Customer<\/strong>/,
    );
    assert.equal(guest.json['exception'], undefined);
  });
});

describe('ERPNext simulator: lists (frappe.client.get_list semantics)', () => {
  let s: Started;
  before(async () => (s = await startSpecSimulator()));
  after(() => s.sim.close());
  const list = async (doctype: string, query: Record<string, unknown> = {}) => {
    const reply = await s.request('GET', `/api/resource/${encodeURIComponent(doctype)}`, { query });
    assert.equal(reply.status, 200, reply.text);
    return reply.json['data'] as Row[];
  };

  it('defaults to names only, 20 rows, most recently modified first', async () => {
    const rows = await list('Sales Invoice');
    assert.equal(rows.length, 14);
    assert.deepEqual(Object.keys(rows[0] ?? {}), ['name']);
    assert.equal(rows[0]?.['name'], 'ACC-SINV-2026-00014');
  });

  it('selects fields, filters (list and dict forms, like, in, between, is), orders and pages', async () => {
    const overdue = await list('Sales Invoice', {
      fields: ['name', 'customer', 'due_date', 'outstanding_amount'],
      filters: [['status', '=', 'Overdue']],
      order_by: 'due_date asc',
    });
    assert.ok(overdue.length >= 4);
    assert.ok(
      overdue.every((r, i) => i === 0 || String(r['due_date']) >= String(overdue[i - 1]?.['due_date'])),
    );
    const acme = await list('Sales Invoice', {
      fields: ['customer'],
      filters: { customer: 'ACME CORPORATION' },
    });
    assert.ok(
      acme.length > 0 && acme.every((r) => r['customer'] === 'Acme Corporation'),
      'case-insensitive =',
    );
    const like = await list('Customer', { filters: [['customer_name', 'like', '%tech%']] });
    assert.deepEqual(
      like.map((r) => r['name']),
      ['Initech'],
    );
    const inList = await list('Sales Invoice', {
      fields: ['status'],
      filters: [['status', 'in', ['Paid', 'Draft']]],
      limit_page_length: 0,
    });
    assert.deepEqual([...new Set(inList.map((r) => r['status']))].sort(), ['Draft', 'Paid']);
    const between = await list('Sales Invoice', {
      fields: ['posting_date'],
      filters: [['posting_date', 'between', ['2026-03-01', '2026-03-31']]],
    });
    assert.ok(between.length > 0 && between.every((r) => String(r['posting_date']).startsWith('2026-03')));
    const noPo = await list('Sales Invoice', { fields: ['po_no'], filters: [['po_no', 'is', 'set']] });
    assert.equal(noPo.length, 2);
    const page = await list('Sales Invoice', { order_by: 'name asc', limit_start: 10, limit_page_length: 3 });
    assert.deepEqual(
      page.map((r) => r['name']),
      ['ACC-SINV-2026-00011', 'ACC-SINV-2026-00012', 'ACC-SINV-2026-00013'],
    );
    const all = await list('Item', { limit: 0 });
    assert.equal(all.length, 8);
  });

  it('keeps nulls in list rows, and returns lists of lists with as_dict=0', async () => {
    const [hooli] = await list('Customer', { fields: ['name', 'email_id'], filters: { name: 'Hooli' } });
    assert.deepEqual(hooli, { name: 'Hooli', email_id: null });
    const rows = await list('Customer', { fields: ['name'], filters: { name: 'Hooli' }, as_dict: '0' });
    assert.deepEqual(rows, [['Hooli']]);
  });

  it('aggregates with aliases and group_by, and matches child-table conditions', async () => {
    const groups = await list('Sales Invoice', {
      fields: ['status', 'count(name) as n'],
      group_by: 'status',
      order_by: 'n desc',
    });
    assert.equal(
      groups.reduce((sum, g) => sum + Number(g['n']), 0),
      14,
    );
    const withWidgets = await list('Sales Invoice', {
      fields: ['name'],
      filters: [['Sales Invoice Item', 'item_code', '=', 'SUPPORT-YR']],
      limit_page_length: 0,
    });
    assert.equal(withWidgets.length, 2);
    const either = await list('Customer', {
      or_filters: [
        ['name', '=', 'Hooli'],
        ['name', '=', 'Initech'],
      ],
      order_by: 'name asc',
    });
    assert.deepEqual(
      either.map((r) => r['name']),
      ['Hooli', 'Initech'],
    );
  });

  it('answers the method forms: get_list, get_count, get_value', async () => {
    const viaMethod = await s.request('GET', '/api/method/frappe.client.get_list', {
      query: { doctype: 'Customer', fields: ['name'], filters: { territory: 'Germany' } },
    });
    assert.deepEqual(viaMethod.json, { message: [{ name: 'Umbrella Health' }] });
    const count = await s.request('GET', '/api/method/frappe.client.get_count', {
      query: { doctype: 'Sales Invoice', filters: { status: 'Overdue' } },
    });
    assert.equal(typeof count.json['message'], 'number');
    const value = await s.request('GET', '/api/method/frappe.client.get_value', {
      query: { doctype: 'Customer', fieldname: ['territory', 'customer_group'], filters: 'Globex Ltd' },
    });
    assert.deepEqual(value.json, { message: { territory: 'United Kingdom', customer_group: 'Commercial' } });
  });

  it('rejects unknown fields, operators and DocTypes the way Frappe does', async () => {
    const field = await s.request('GET', '/api/resource/Customer', { query: { fields: ['colour'] } });
    assert.equal(field.status, 417);
    assert.equal(field.json['exc_type'], 'DataError');
    assert.equal(messagesOf(field)[0]?.message, 'Field not permitted in query: colour');
    const operator = await s.request('GET', '/api/resource/Customer', {
      query: { filters: [['name', '~', 'x']] },
    });
    assert.equal(operator.status, 417);
    assert.match(messagesOf(operator)[0]?.message ?? '', /Operator must be one of/);
    const doctype = await s.request('GET', '/api/resource/Spaceship');
    assert.equal(doctype.status, 404);
    assert.equal(messagesOf(doctype)[0]?.message, 'DocType Spaceship not found');
    const child = await s.request('GET', '/api/resource/Sales%20Invoice%20Item');
    assert.equal(child.status, 403, 'child tables are read through their parent');
  });
});
