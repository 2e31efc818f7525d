import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../spec-harness.js';

type Doc = Record<string, unknown>;
interface Saved {
  created?: string;
  updated?: string;
  doctype: string;
  document: Doc;
  ignored_fields?: string[];
  notes?: string[];
}
interface Transition {
  name: string;
  docstatus: number;
  state: string;
  document: Doc;
}

describe('erpnext create, update, submit, cancel, delete', () => {
  let h: Harness;
  before(async () => (h = await startHarness()));
  after(() => h.close());

  it('creates a draft invoice that later reads return, and reports ignored fields', async () => {
    const saved = await h.json<Saved>('erpnext_create_document', {
      doctype: 'Sales Invoice',
      doc: { customer: 'Stark Industries', items: [{ item_code: 'WIDGET-STD', qty: 4 }], colour: 'red' },
    });
    assert.match(saved.created ?? '', /^ACC-SINV-\d{4}-\d{5}$/);
    assert.equal(saved.document['docstatus'], 0);
    assert.equal(saved.document['grand_total'], 100);
    assert.deepEqual(saved.ignored_fields, ['colour']);
    const read = await h.json<Doc>('erpnext_get_document', { doctype: 'Sales Invoice', name: saved.created });
    assert.equal(read['customer'], 'Stark Industries');
  });

  it('creates and submits in one call, and passes ERPNext notes on', async () => {
    const saved = await h.json<Saved>('erpnext_create_document', {
      doctype: 'Sales Invoice',
      doc: { customer: 'Hooli', items: [{ item_code: 'INSTALL' }] },
      submit: true,
    });
    assert.equal(saved.document['docstatus'], 1);
    assert.equal(saved.document['status'], 'Unpaid');
    const customer = await h.json<Saved>('erpnext_create_document', {
      doctype: 'Customer',
      doc: { customer_name: 'Hooli' },
    });
    assert.equal(customer.created, 'Hooli - 1');
    assert.match(customer.notes?.[0] ?? '', /already exists/);
  });

  it('explains validation failures with the fix', async () => {
    const missing = await h.toolError('erpnext_create_document', {
      doctype: 'Sales Invoice',
      doc: { customer: 'Initech' },
    });
    assert.match(
      missing,
      /MandatoryError, HTTP 417\): Error: Data missing in table: Items\. erpnext_describe_doctype lists the required fields/,
    );
    const duplicate = await h.toolError('erpnext_create_document', {
      doctype: 'Supplier',
      doc: { supplier_name: 'Cloud Hosting Inc' },
    });
    assert.match(
      duplicate,
      /^Conflict \(DuplicateEntryError, HTTP 409\): Supplier Cloud Hosting Inc already exists\. A document with that name exists/,
    );
    const item = await h.toolError('erpnext_create_document', {
      doctype: 'Sales Invoice',
      doc: { customer: 'Initech', items: [{ item_code: 'NOPE' }] },
    });
    assert.match(item, /Item NOPE not found/);
  });

  it('updates fields, and refuses docstatus and empty updates before calling ERPNext', async () => {
    const saved = await h.json<Saved>('erpnext_update_document', {
      doctype: 'Customer',
      name: 'Wayne Enterprises',
      values: { mobile_no: '+1 555 0100', customer_group: 'government' },
    });
    assert.equal(saved.updated, 'Wayne Enterprises');
    assert.equal(saved.document['mobile_no'], '+1 555 0100');
    assert.equal(saved.document['customer_group'], 'Government');
    assert.match(
      await h.toolError('erpnext_update_document', {
        doctype: 'Customer',
        name: 'Hooli',
        values: { docstatus: 1 },
      }),
      /erpnext_submit_document/,
    );
    assert.match(
      await h.toolError('erpnext_update_document', { doctype: 'Customer', name: 'Hooli', values: {} }),
      /values is empty/,
    );
    const afterSubmit = await h.toolError('erpnext_update_document', {
      doctype: 'Sales Invoice',
      name: 'ACC-SINV-2026-00006',
      values: { customer: 'Initech' },
    });
    assert.match(
      afterSubmit,
      /UpdateAfterSubmitError.*Not allowed to change Customer after submission from Acme Corporation to Initech/,
    );
  });

  it('submits a draft and cancels it, checking the state first', async () => {
    const draft = await h.json<Saved>('erpnext_create_document', {
      doctype: 'Sales Order',
      doc: { customer: 'Initech', items: [{ item_code: 'GEAR-LG', qty: 3 }] },
    });
    const name = draft.created;
    const submitted = await h.json<Transition>('erpnext_submit_document', { doctype: 'Sales Order', name });
    assert.equal(submitted.docstatus, 1);
    assert.equal(submitted.state, 'Submitted');
    assert.equal(submitted.document['items_rows'], 1);
    assert.match(
      await h.toolError('erpnext_submit_document', { doctype: 'Sales Order', name }),
      /already submitted/,
    );
    const cancelled = await h.json<Transition>('erpnext_cancel_document', { doctype: 'Sales Order', name });
    assert.equal(cancelled.docstatus, 2);
    assert.equal(cancelled.document['status'], 'Cancelled');
    assert.match(
      await h.toolError('erpnext_cancel_document', { doctype: 'Sales Order', name }),
      /already cancelled/,
    );
    assert.match(
      await h.toolError('erpnext_cancel_document', { doctype: 'Sales Invoice', name: 'ACC-SINV-2026-00013' }),
      /is a draft \(docstatus 0\)/,
    );
    assert.match(
      await h.toolError('erpnext_submit_document', { doctype: 'Sales Invoice', name: 'NOPE-1' }),
      /Sales Invoice NOPE-1 not found/,
    );
  });

  it('deletes a draft, and explains why submitted and linked documents stay', async () => {
    const deleted = await h.json<{ deleted: string }>('erpnext_delete_document', {
      doctype: 'Sales Invoice',
      name: 'ACC-SINV-2026-00014',
    });
    assert.equal(deleted.deleted, 'ACC-SINV-2026-00014');
    assert.match(
      await h.toolError('erpnext_get_document', { doctype: 'Sales Invoice', name: 'ACC-SINV-2026-00014' }),
      /not found/,
    );
    const submitted = await h.toolError('erpnext_delete_document', {
      doctype: 'Sales Invoice',
      name: 'ACC-SINV-2026-00012',
    });
    assert.match(
      submitted,
      /Submitted Record cannot be deleted\. You must Cancel it first\. A submitted document is cancelled first \(erpnext_cancel_document\)/,
    );
    const linked = await h.toolError('erpnext_delete_document', { doctype: 'Customer', name: 'Globex Ltd' });
    assert.match(
      linked,
      /LinkExistsError.*Cannot delete or cancel because Customer Globex Ltd is linked with Sales Invoice ACC-SINV/,
    );
  });
});
