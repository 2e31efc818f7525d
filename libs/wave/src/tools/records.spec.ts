import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../spec-harness.js';

interface Amount {
  amount: string;
  currency: string;
}
interface Customer {
  id: string;
  name: string;
  email?: string;
  currency: string;
  address?: string;
  outstanding?: Amount;
  overdue?: Amount;
}
interface Account {
  id: string;
  name: string;
  type: string;
  subtype: string;
  balance: Amount;
  archived?: true;
}

describe('wave customers and products', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('lists customers with what they owe, only when not zero', async () => {
    const list = await h.json<{ total_count: number; customers: Customer[] }>('wave_list_customers', {});
    assert.equal(list.total_count, 6);
    const bluebird = list.customers.find((c) => c.name === 'Bluebird Bakery');
    assert.deepEqual(bluebird?.overdue, { amount: '850.00', currency: 'USD' });
    assert.deepEqual(bluebird?.outstanding, { amount: '1250.00', currency: 'USD' });
    const foxglove = list.customers.find((c) => c.name === 'Foxglove Florist');
    assert.equal(foxglove?.overdue, undefined);
    assert.equal(list.customers.find((c) => c.name === 'Delta Freight GmbH')?.currency, 'EUR');
  });

  it('searches names and emails across pages, and finds one email exactly', async () => {
    const search = await h.json<{ customers: Customer[] }>('wave_list_customers', {
      search: 'DENTAL',
      page_size: 1,
    });
    assert.deepEqual(
      search.customers.map((c) => c.name),
      ['Evergreen Dental'],
    );
    const byEmail = await h.json<{ customers: Customer[] }>('wave_list_customers', {
      email: 'sam@bluebird.example',
    });
    assert.deepEqual(
      byEmail.customers.map((c) => c.name),
      ['Bluebird Bakery'],
    );
    const none = await h.json<{ customers: Customer[]; hint?: string }>('wave_list_customers', {
      search: 'zebra',
    });
    assert.equal(none.customers.length, 0);
    assert.match(none.hint ?? '', /No customer matched/);
  });

  it('creates a customer that then shows up in the list', async () => {
    const created = await h.json<{ customer: Customer }>('wave_create_customer', {
      name: 'Acme Ltd',
      first_name: 'Ann',
      last_name: 'Lee',
      email: 'ann@acme.test',
      currency: 'CAD',
      address: {
        line1: '1 Main St',
        city: 'Toronto',
        province_code: 'CA-ON',
        country_code: 'CA',
        postal_code: 'M5V 1A1',
      },
    });
    assert.match(created.customer.id, /^[A-Za-z0-9+/=]+$/);
    assert.equal(created.customer.currency, 'CAD');
    assert.equal(created.customer.address, '1 Main St, Toronto, CA-ON, M5V 1A1, CA');
    const found = await h.json<{ customers: Customer[] }>('wave_list_customers', { search: 'acme ltd' });
    assert.deepEqual(
      found.customers.map((c) => c.id),
      [created.customer.id],
    );
  });

  it("returns Wave's input errors as a tool error", async () => {
    const text = await h.toolError('wave_create_customer', { name: '   ' });
    assert.equal(text, 'Wave refused to create the customer: name: This field is required.');
  });

  it('rejects values the schema cannot catch with a readable GraphQL error', async () => {
    const text = await h.toolError('wave_create_customer', { name: 'Zed', currency: 'XXX' });
    assert.match(text, /^Wave rejected a value: Variable "\$input" got invalid value "XXX"/);
  });

  it('lists sold products with prices in the business currency', async () => {
    const list = await h.json<{
      products: { name: string; unit_price: Amount; sold: boolean; archived?: true }[];
    }>('wave_list_products', {});
    const names = list.products.map((p) => p.name);
    assert.ok(names.includes('Consulting hour'));
    assert.ok(!names.includes('Stock photo license'), 'bought-only products are not listed by default');
    assert.ok(!names.includes('Retainer (legacy)'), 'archived products are not listed by default');
    assert.deepEqual(list.products.find((p) => p.name === 'Logo design')?.unit_price, {
      amount: '850.00',
      currency: 'USD',
    });
    const all = await h.json<{ products: { name: string }[] }>('wave_list_products', {
      kind: 'all',
      include_archived: true,
    });
    assert.equal(all.products.length, 7);
  });

  it('creates a product booked to the Sales income account by default', async () => {
    const created = await h.json<{
      product: { id: string; income_account: { name: string }; unit_price: Amount };
      note: string;
    }>('wave_create_product', { name: 'Photo retouching', unit_price: '75.5' });
    assert.equal(created.product.income_account.name, 'Sales');
    assert.deepEqual(created.product.unit_price, { amount: '75.50', currency: 'USD' });
    assert.match(created.note, /"Sales"/);
    const accounts = await h.json<{ accounts: Account[] }>('wave_list_accounts', { types: ['EXPENSE'] });
    const text = await h.toolError('wave_create_product', {
      name: 'Wrong account',
      unit_price: '1.00',
      income_account_id: accounts.accounts[0]?.id,
    });
    assert.match(text, /income_account_id: The income account must be an income account\./);
  });

  it('lists vendors', async () => {
    const list = await h.json<{ total_count: number; vendors: { name: string; email?: string }[] }>(
      'wave_list_vendors',
      {},
    );
    assert.equal(list.total_count, 4);
    assert.equal(list.vendors[0]?.name, 'City Transit Authority');
  });
});

describe('wave accounts and money transactions', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  const accounts = async (args: Record<string, unknown> = {}) =>
    (await h.json<{ accounts: Account[] }>('wave_list_accounts', { page_size: 200, ...args })).accounts;

  it('lists accounts with type, subtype and balance, archived ones only when asked', async () => {
    const bank = await accounts({ subtypes: ['CASH_AND_BANK'] });
    assert.deepEqual(
      bank.map((a) => a.name),
      ['Business Checking', 'Cash on Hand'],
    );
    assert.deepEqual(bank[0]?.balance, { amount: '12450.00', currency: 'USD' });
    const withArchived = await accounts({ subtypes: ['CASH_AND_BANK'], include_archived: true });
    assert.equal(withArchived.find((a) => a.name === 'Old Savings')?.archived, true);
  });

  it('records an expense once, however often the same call is retried', async () => {
    const checking = (await accounts({ subtypes: ['CASH_AND_BANK'] }))[0];
    const supplies = (await accounts({ types: ['EXPENSE'] })).find((a) => a.name === 'Office Supplies');
    assert.ok(checking && supplies);
    const call = {
      date: '2026-09-01',
      description: 'Printer paper',
      anchor: { account_id: checking.id, amount: '50.00', direction: 'WITHDRAWAL' },
      line_items: [{ account_id: supplies.id, amount: '50.00' }],
    };
    const first = await h.json<{ transaction_id: string; external_id: string }>(
      'wave_create_money_transaction',
      call,
    );
    const second = await h.json<{ transaction_id: string; external_id: string }>(
      'wave_create_money_transaction',
      call,
    );
    assert.equal(second.transaction_id, first.transaction_id);
    assert.equal(second.external_id, first.external_id);
    assert.equal(h.sim.books.transactions.size, 1);
    const after = await accounts();
    assert.deepEqual(after.find((a) => a.id === checking.id)?.balance, {
      amount: '12400.00',
      currency: 'USD',
    });
    assert.deepEqual(after.find((a) => a.id === supplies.id)?.balance, { amount: '362.40', currency: 'USD' });

    const explicit = await h.json<{ transaction_id: string }>('wave_create_money_transaction', {
      ...call,
      external_id: 'receipt-2',
    });
    assert.notEqual(explicit.transaction_id, first.transaction_id);
    assert.equal(h.sim.books.transactions.size, 2);
  });

  it('explains unbalanced lines and a wrong anchor account', async () => {
    const checking = (await accounts({ subtypes: ['CASH_AND_BANK'] }))[0];
    const travel = (await accounts({ types: ['EXPENSE'] })).find((a) => a.name === 'Travel');
    assert.ok(checking && travel);
    const unbalanced = await h.toolError('wave_create_money_transaction', {
      date: '2026-09-02',
      description: 'Train',
      anchor: { account_id: checking.id, amount: '40.00', direction: 'WITHDRAWAL' },
      line_items: [{ account_id: travel.id, amount: '35.00' }],
    });
    assert.match(
      unbalanced,
      /line_items: Line item amounts add up to 35\.00, not the anchor amount 40\.00\./,
    );
    const anchored = await h.toolError('wave_create_money_transaction', {
      date: '2026-09-02',
      description: 'Train',
      anchor: { account_id: travel.id, amount: '35.00', direction: 'WITHDRAWAL' },
      line_items: [{ account_id: travel.id, amount: '35.00' }],
    });
    assert.match(anchored, /anchor\.account_id: The anchor must be a bank/);
  });
});
