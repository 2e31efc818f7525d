import { addDays, dateString } from '../site/clock.js';
import type { Session } from '../site/session.js';
import type { Site } from '../site/site.js';
import type { Doc } from '../site/store.js';
import { seedReports } from '../reports/run.js';
import { COMPANY, MASTERS } from './masters.js';
import { INVOICES, ORDERS, TODOS } from './transactions.js';
import { text } from '../site/values.js';

const ADMIN: Session = { user: 'Administrator', messages: [] };

/**
 * The demo company: masters, fourteen sales invoices in every state (paid, unpaid, partly paid, overdue
 * in each ageing bucket, draft, cancelled), three sales orders, ToDos and the report list. Dates are
 * relative to today, so some invoices are always overdue.
 */
export function seedDemo(site: Site): void {
  site.defaultCompany = COMPANY;
  seedReports(site);
  for (const [doctype, data] of MASTERS) site.insert(doctype, data, ADMIN);
  const today = dateString(site.clock.now());
  INVOICES.forEach((spec, i) => {
    const posting = addDays(today, -spec.postedDaysAgo);
    const doc = site.insert(
      'Sales Invoice',
      {
        customer: spec.customer,
        posting_date: posting,
        due_date: addDays(posting, spec.termsDays),
        po_no: spec.po_no,
        items: spec.items.map(([item_code, qty, rate]) =>
          rate === undefined ? { item_code, qty } : { item_code, qty, rate },
        ),
      },
      ADMIN,
    );
    const name = text(doc['name']);
    if (spec.state !== 'draft') site.submit('Sales Invoice', name, ADMIN);
    if (spec.state === 'cancelled') site.cancel('Sales Invoice', name, ADMIN);
    const total = Number(doc['grand_total']);
    const outstanding =
      spec.state === 'paid' ? 0 : spec.state === 'partly-paid' ? Math.round(total * 40) / 100 : total;
    site.patch('Sales Invoice', name, { outstanding_amount: outstanding, ...stamps(posting, i) });
  });
  ORDERS.forEach((spec, i) => {
    const date = addDays(today, -spec.orderedDaysAgo);
    const doc = site.insert(
      'Sales Order',
      {
        customer: spec.customer,
        transaction_date: date,
        items: spec.items.map(([item_code, qty]) => ({ item_code, qty })),
      },
      ADMIN,
    );
    if (spec.submit) site.submit('Sales Order', text(doc['name']), ADMIN);
    site.patch('Sales Order', text(doc['name']), stamps(date, i));
  });
  for (const todo of TODOS) {
    site.insert(
      'ToDo',
      {
        description: todo.description,
        priority: todo.priority,
        date: addDays(today, todo.daysAhead),
        allocated_to: 'Administrator',
      },
      ADMIN,
    );
  }
  // The bookkeeping Frappe keeps on every document, which a compact client should not pass on.
  const noise: Doc = {
    _liked_by: '["Administrator"]',
    _seen: '["Administrator", "accounts@northwind.example"]',
    _comments: '[{"comment": "Asked for a copy of the PO", "by": "Administrator", "name": "c1f0a2b3d4"}]',
    _assign: '[]',
  };
  site.patch('Customer', 'Acme Corporation', noise);
  const firstUnpaid = site.store
    .all('Sales Invoice')
    .find((d) => d['customer'] === 'Acme Corporation' && d['po_no']);
  if (firstUnpaid)
    site.patch('Sales Invoice', text(firstUnpaid['name']), { ...noise, _user_tags: ',priority' });
}

/** Creation and modification on the document's own date, a few minutes apart. */
function stamps(date: string, i: number): Doc {
  const time = `${date} ${text(9 + (i % 8)).padStart(2, '0')}:${text((i * 7) % 60).padStart(2, '0')}:00.000000`;
  return { creation: time, modified: time };
}
