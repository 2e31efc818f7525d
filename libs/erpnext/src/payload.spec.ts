import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pythonJson } from '@mcp-gateway/simulator-erpnext';
import { compactDocument, ignoredFields } from './compact.js';
import { defaultListFields, parseDocTypeBundle } from './doctype-meta.js';
import { describeFrappeError, serverMessages } from './frappe-errors.js';
import { normalizeColumns, normalizeRows, splitTotalRow } from './report-result.js';
import { plainText } from './text.js';

describe('Frappe payload mapping', () => {
  it('decodes _server_messages twice and strips HTML and entities', () => {
    const raw = pythonJson([
      pythonJson({ message: 'Item <strong>GEAR&amp;CO</strong> already exists', title: 'Duplicate Name' }),
      pythonJson({ message: 'Line<br>two' }),
      'plain text entry',
    ]);
    assert.deepEqual(serverMessages(raw), ['Item GEAR&CO already exists', 'Line two', 'plain text entry']);
    assert.deepEqual(serverMessages('not json'), ['not json']);
    assert.deepEqual(serverMessages(undefined), []);
    assert.equal(plainText('Ré&#233;sumé&nbsp;<a href="/x">link</a>'), 'Réésumé link');
  });

  it('falls back from the message log to _error_message, exception and message', () => {
    assert.deepEqual(
      describeFrappeError({
        exc_type: 'PermissionError',
        _error_message: 'Insufficient Permission for <strong>X</strong>',
      }),
      {
        excType: 'PermissionError',
        messages: ['Insufficient Permission for X'],
      },
    );
    assert.deepEqual(
      describeFrappeError({
        exc_type: 'ValidationError',
        exception: 'frappe.exceptions.ValidationError: Cannot edit cancelled document',
      }).messages,
      ['Cannot edit cancelled document'],
    );
    assert.deepEqual(describeFrappeError('Too Many Requests'), { excType: undefined, messages: [] });
  });

  it('compacts documents: no nulls, no bookkeeping, lean child rows, capped tables', () => {
    const doc = {
      name: 'SINV-1',
      owner: 'a@b',
      idx: 0,
      docstatus: 1,
      modified_by: 'a@b',
      _liked_by: '["a"]',
      _comments: '[]',
      doctype: 'Sales Invoice',
      remarks: null,
      items: Array.from({ length: 120 }, (_, i) => ({
        name: `r${i}`,
        parent: 'SINV-1',
        parenttype: 'Sales Invoice',
        idx: i + 1,
        doctype: 'Sales Invoice Item',
        item_code: 'A',
        qty: 1,
      })),
    };
    const compact = compactDocument(doc);
    assert.deepEqual(Object.keys(compact), ['name', 'owner', 'docstatus', 'items', 'truncated_tables']);
    assert.deepEqual((compact['items'] as unknown[])[0], { item_code: 'A', qty: 1 });
    assert.deepEqual(compact['truncated_tables'], { items: { shown: 100, total: 120 } });
    assert.deepEqual(compactDocument(doc, { fields: ['docstatus'] }), { name: 'SINV-1', docstatus: 1 });
    assert.deepEqual(compactDocument(doc, { tables: 'counts', fields: ['items'] }), {
      name: 'SINV-1',
      items_rows: 120,
    });
    assert.equal(compactDocument(doc, { raw: true }), doc);
    assert.deepEqual(ignoredFields({ colour: 'red', customer: 'A', note: null }, { customer: 'A' }), [
      'colour',
    ]);
  });

  it('reads report columns as dicts or "Label:Type/Options:Width" strings, list rows and the total row', () => {
    const columns = normalizeColumns([
      'Customer:Link/Customer:120',
      { label: 'Outstanding Amount', fieldtype: 'Currency' },
      7,
    ]);
    assert.deepEqual(columns, [
      { fieldname: 'customer', label: 'Customer', fieldtype: 'Link', options: 'Customer' },
      { fieldname: 'outstanding_amount', label: 'Outstanding Amount', fieldtype: 'Currency' },
    ]);
    const rows = normalizeRows(
      [['Acme', 10], ['Globex', null], { customer: "'Total'", outstanding_amount: 10 }],
      columns,
    );
    assert.deepEqual(rows, [
      { customer: 'Acme', outstanding_amount: 10 },
      { customer: 'Globex' },
      { customer: "'Total'", outstanding_amount: 10 },
    ]);
    assert.deepEqual(splitTotalRow(rows, columns), {
      rows: rows.slice(0, 2),
      total: { outstanding_amount: 10 },
    });
    assert.deepEqual(splitTotalRow(rows.slice(0, 2), columns), { rows: rows.slice(0, 2) });
  });

  it('reads getdoctype bundles and picks the list-view columns', () => {
    const meta = parseDocTypeBundle(
      [
        {
          name: 'Sales Invoice',
          is_submittable: 1,
          title_field: 'customer_name',
          fields: [
            { fieldname: 'customer', fieldtype: 'Link', options: 'Customer', reqd: 1 },
            { fieldname: 'customer_name', fieldtype: 'Data' },
            { fieldname: 'sb', fieldtype: 'Section Break' },
            { fieldname: 'grand_total', fieldtype: 'Currency', in_list_view: 1 },
            { fieldname: 'status', fieldtype: 'Select', options: 'Draft\nPaid' },
            { fieldname: 'items', fieldtype: 'Table', options: 'Sales Invoice Item', in_list_view: 1 },
          ],
        },
        {
          name: 'Sales Invoice Item',
          istable: 1,
          fields: [{ fieldname: 'item_code', fieldtype: 'Link', options: 'Item' }],
        },
      ],
      'Sales Invoice',
    );
    assert.ok(meta);
    assert.equal(meta.is_submittable, true);
    assert.equal(meta.children.get('Sales Invoice Item')?.istable, true);
    assert.deepEqual(defaultListFields(meta), [
      'name',
      'customer_name',
      'grand_total',
      'status',
      'docstatus',
    ]);
    assert.equal(parseDocTypeBundle('nope', 'X'), undefined);
  });
});
