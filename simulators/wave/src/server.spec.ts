import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse, validate } from 'graphql';
import { DEMO_BUSINESS_ID } from './demo/seed.js';
import { waveSchema } from './schema/executor.js';
import { startWaveSimulator, type RunningWaveSimulator } from './server.js';
import { REFERENCE_DOCUMENTS } from './spec-reference-documents.js';

const TOKEN = 'sim-spec-token';

interface GraphQLAnswer {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: {
      message: string;
      path?: (string | number)[];
      locations?: unknown[];
      extensions: { code: string; id: string };
    }[];
  };
}

describe('Wave simulator', () => {
  let sim: RunningWaveSimulator;
  before(async () => {
    sim = await startWaveSimulator({ port: 0, token: TOKEN });
  });
  after(() => sim.close());

  const post = async (
    query: string,
    variables: Record<string, unknown> = {},
    authorization: string | null = `Bearer ${TOKEN}`,
  ): Promise<GraphQLAnswer> => {
    const res = await fetch(sim.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLAnswer['body'] };
  };
  const data = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const answer = await post(query, variables);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
    return answer.body.data as T;
  };
  const doc = (name: string): string => {
    const text = REFERENCE_DOCUMENTS[name];
    assert.ok(text, name);
    return text;
  };

  it('accepts every GraphQL document the reference documents', () => {
    for (const [name, text] of Object.entries(REFERENCE_DOCUMENTS)) {
      assert.deepEqual(
        validate(waveSchema(), parse(text)).map((e) => e.message),
        [],
        name,
      );
    }
  });

  it('answers the reference queries with the real shapes and pagination', async () => {
    const page = { page: 1, pageSize: 2 };
    const b = await data<{
      businesses: { pageInfo: Record<string, number>; edges: { node: { id: string; name: string } }[] };
    }>(doc('ListBusinesses'), page);
    assert.deepEqual(b.businesses.pageInfo, { currentPage: 1, totalPages: 1, totalCount: 2 });
    assert.equal(b.businesses.edges[0]?.node.id, DEMO_BUSINESS_ID);
    assert.match(Buffer.from(DEMO_BUSINESS_ID, 'base64').toString(), /^Business:[0-9a-f-]{36}$/);
    const vars = { businessId: DEMO_BUSINESS_ID, ...page };
    const c = await data<{ business: { customers: { pageInfo: Record<string, number> } } }>(
      doc('ListCustomers'),
      {
        ...vars,
        sort: ['NAME_ASC'],
      },
    );
    assert.deepEqual(c.business.customers.pageInfo, { currentPage: 1, totalPages: 3, totalCount: 6 });
    const i = await data<{
      business: { invoices: { edges: { node: { status: string; amountDue: Record<string, unknown> } }[] } };
    }>(doc('ListInvoices'), { ...vars, pageSize: 200, sort: ['DUE_DATE_ASC'], status: 'OVERDUE' });
    assert.equal(i.business.invoices.edges.length, 4);
    assert.deepEqual(i.business.invoices.edges[0]?.node.amountDue, {
      raw: 85000,
      minorUnitValue: '85000',
      value: '850.00',
      currency: { code: 'USD', symbol: '$' },
    });
    await data(doc('ListProducts'), { ...vars, sort: ['NAME_ASC'] });
    await data(doc('ListAccounts'), { ...vars, types: ['ASSET'] });
    await data(doc('GetBusiness'), { id: DEMO_BUSINESS_ID });
    await data(doc('GetUser'));
    const beyond = await data<{
      business: { customers: { pageInfo: Record<string, number>; edges: unknown[] } };
    }>(doc('ListCustomers'), { ...vars, page: 9, sort: ['NAME_ASC'] });
    assert.deepEqual(beyond.business.customers.pageInfo, { currentPage: 9, totalPages: 3, totalCount: 6 });
    assert.deepEqual(beyond.business.customers.edges, []);
  });

  it('caps pageSize at 200 with a BAD_USER_INPUT error on the field', async () => {
    const answer = await post(doc('ListCustomers'), {
      businessId: DEMO_BUSINESS_ID,
      page: 1,
      pageSize: 201,
      sort: ['NAME_ASC'],
    });
    assert.equal(answer.body.errors?.[0]?.extensions.code, 'BAD_USER_INPUT');
    assert.deepEqual(answer.body.errors?.[0]?.path, ['business', 'customers']);
  });

  it('validates before authenticating: a bad document fails without a token, a good one is UNAUTHENTICATED', async () => {
    const invalid = await post('query { businesses { edges { node { nope } } } }', {}, null);
    assert.equal(invalid.status, 200);
    assert.equal(invalid.body.errors?.[0]?.extensions.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.equal(invalid.body.data, undefined);
    const syntax = await post('query {', {}, null);
    assert.equal(syntax.body.errors?.[0]?.extensions.code, 'GRAPHQL_PARSE_FAILED');
    const badVariable = await post(doc('GetBusiness'), { id: 12.5 }, 'Bearer wrong');
    assert.equal(badVariable.body.errors?.[0]?.extensions.code, 'BAD_USER_INPUT');
    for (const auth of [null, 'Bearer wrong']) {
      const answer = await post(doc('GetUser'), {}, auth);
      assert.equal(answer.status, 200);
      assert.equal(answer.body.data, null);
      const error = answer.body.errors?.[0];
      assert.equal(error?.extensions.code, 'UNAUTHENTICATED');
      assert.deepEqual(error?.path, ['user']);
      assert.match(error?.extensions.id ?? '', /^[0-9a-f-]{36}$/);
    }
  });

  it('refuses revoked tokens and non-bearer headers with 401 at the edge', async () => {
    const other = await startWaveSimulator({ port: 0, token: 'first' });
    try {
      other.control.setToken('second');
      const res = await fetch(other.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer first' },
        body: JSON.stringify({ query: 'query { user { id } }' }),
      });
      assert.equal(res.status, 401);
      assert.match(res.headers.get('www-authenticate') ?? '', /invalid_token/);
      assert.equal(
        ((await res.json()) as GraphQLAnswer['body']).errors?.[0]?.extensions.code,
        'UNAUTHENTICATED',
      );
    } finally {
      await other.close();
    }
    assert.equal((await post(doc('GetUser'), {}, 'Basic dXNlcjpwYXNz')).status, 401);
  });

  it('answers 429 with Retry-After when asked to, in process or over HTTP', async () => {
    sim.rateLimitNext(1, 7);
    const limited = await post(doc('GetUser'));
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.equal((await post(doc('GetUser'))).status, 200);
    const hook = await fetch(`${sim.url}/__simulator/rate-limit`, {
      method: 'POST',
      body: JSON.stringify({ count: 2, retryAfterSeconds: 3 }),
    });
    assert.equal(hook.status, 200);
    assert.deepEqual(
      [
        (await post(doc('GetUser'))).status,
        (await post(doc('GetUser'))).status,
        (await post(doc('GetUser'))).status,
      ],
      [429, 429, 200],
    );
    sim.rateLimitNext(1, 1, 'ListBusinesses');
    assert.equal((await post(doc('GetUser'))).status, 200, 'other operations are not limited');
    assert.equal((await post(doc('ListBusinesses'), { page: 1, pageSize: 1 })).status, 429);
  });

  it('answers HTTP mistakes like a GraphQL server', async () => {
    assert.equal((await fetch(sim.graphqlUrl)).status, 405);
    assert.equal((await fetch(`${sim.url}/graphql/private`, { method: 'POST', body: '{}' })).status, 404);
    const bad = await fetch(sim.graphqlUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: '{"query":',
    });
    assert.equal(bad.status, 400);
  });

  it('creates customers with didSucceed/inputErrors, as the reference variables show', async () => {
    const input = {
      businessId: DEMO_BUSINESS_ID,
      name: 'Acme Ltd',
      firstName: 'Ann',
      lastName: 'Lee',
      email: 'ann@acme.test',
      currency: 'USD',
      displayId: 'C-001',
      address: {
        addressLine1: '1 Main St',
        city: 'Toronto',
        provinceCode: 'CA-ON',
        countryCode: 'CA',
        postalCode: 'M5V 1A1',
      },
      shippingDetails: { name: 'Dock 4', instructions: 'Ring twice' },
    };
    const created = await data<{
      customerCreate: {
        didSucceed: boolean;
        inputErrors: unknown[];
        customer: {
          id: string;
          address: { province: { name: string } };
          outstandingAmount: { value: string };
        };
      };
    }>(doc('CreateCustomer'), { input });
    assert.equal(created.customerCreate.didSucceed, true);
    assert.deepEqual(created.customerCreate.inputErrors, []);
    assert.equal(created.customerCreate.customer.address.province.name, 'Ontario');
    assert.equal(created.customerCreate.customer.outstandingAmount.value, '0.00');
    const nullAddress = await data<{
      customerCreate: {
        didSucceed: boolean;
        inputErrors: { path: string[]; code: string }[];
        customer: null;
      };
    }>(doc('CreateCustomer'), {
      input: { businessId: DEMO_BUSINESS_ID, name: 'X', address: { addressLine1: null, city: null } },
    });
    assert.equal(nullAddress.customerCreate.didSucceed, false);
    assert.deepEqual(nullAddress.customerCreate.inputErrors[0]?.path, ['input', 'address']);
    assert.equal(nullAddress.customerCreate.customer, null);
  });

  it('runs an invoice through create → approve → send with computed totals', async () => {
    const ids = await data<{
      business: {
        customers: { edges: { node: { id: string } }[] };
        products: { edges: { node: { id: string; name: string } }[] };
      };
    }>(
      `query($b: ID!) { business(id: $b) { customers(pageSize: 1) { edges { node { id } } } products(pageSize: 50) { edges { node { id name } } } } }`,
      { b: DEMO_BUSINESS_ID },
    );
    const customerId = ids.business.customers.edges[0]?.node.id;
    const product = ids.business.products.edges.find((e) => e.node.name === 'Consulting hour')?.node.id;
    const tax = [...sim.books.salesTaxes.values()][0]?.id;
    const created = await data<{
      invoiceCreate: {
        didSucceed: boolean;
        invoice: {
          id: string;
          status: string;
          subtotal: { value: string };
          discountTotal: { value: string };
          taxTotal: { value: string };
          total: { value: string };
          discounts: { percentage?: string }[];
        };
      };
    }>(doc('CreateInvoice'), {
      input: {
        businessId: DEMO_BUSINESS_ID,
        customerId,
        status: 'DRAFT',
        items: [
          {
            productId: product,
            description: 'Workshop prep',
            quantity: '2',
            unitPrice: '150.00',
            taxes: [{ salesTaxId: tax, amount: '39.00' }],
          },
        ],
        title: 'Invoice',
        invoiceDate: '2020-09-01',
        dueDate: '2020-09-30',
        currency: 'USD',
        exchangeRate: '1',
        discounts: [{ discountType: 'PERCENTAGE', name: 'Loyalty', percentage: '10' }],
        disableAmexPayments: true,
      },
    });
    const invoice = created.invoiceCreate.invoice;
    assert.equal(created.invoiceCreate.didSucceed, true);
    assert.deepEqual(
      [
        invoice.status,
        invoice.subtotal.value,
        invoice.discountTotal.value,
        invoice.taxTotal.value,
        invoice.total.value,
      ],
      ['DRAFT', '300.00', '30.00', '39.00', '309.00'],
    );
    assert.equal(invoice.discounts[0]?.percentage, '10');
    const send = await data<{ invoiceSend: { didSucceed: boolean; inputErrors: { message: string }[] } }>(
      doc('SendInvoice'),
      {
        input: { invoiceId: invoice.id, to: ['ann@acme.test'] },
      },
    );
    assert.equal(send.invoiceSend.didSucceed, false);
    assert.match(send.invoiceSend.inputErrors[0]?.message ?? '', /Approve the invoice/);
    const approved = await data<{ invoiceApprove: { invoice: { status: string } } }>(doc('ApproveInvoice'), {
      input: { invoiceId: invoice.id },
    });
    assert.equal(approved.invoiceApprove.invoice.status, 'OVERDUE');
    const sent = await data<{
      invoiceSend: { didSucceed: boolean; invoice: { lastSentVia: string; lastSentAt: string } };
    }>(doc('SendInvoice'), {
      input: { invoiceId: invoice.id, to: ['ann@acme.test'], subject: 'Invoice', attachPDF: true },
    });
    assert.equal(sent.invoiceSend.didSucceed, true);
    assert.equal(sent.invoiceSend.invoice.lastSentVia, 'WAVE');
    assert.equal(sim.books.sentEmails.at(-1)?.attachPDF, true);
    const full = await data<{
      business: { invoice: { items: { taxes: { amount: { value: string } }[] }[] } };
    }>(doc('GetInvoice'), {
      businessId: DEMO_BUSINESS_ID,
      id: invoice.id,
    });
    assert.equal(full.business.invoice.items[0]?.taxes[0]?.amount.value, '39.00');
  });

  it('records a money transaction once per externalId', async () => {
    const accounts = [...sim.books.accounts.values()].filter((a) => a.businessId === DEMO_BUSINESS_ID);
    const checking = accounts.find((a) => a.name === 'Business Checking');
    const supplies = accounts.find((a) => a.name === 'Office Supplies');
    assert.ok(checking && supplies);
    const before = checking.balanceMinor;
    const input = {
      businessId: DEMO_BUSINESS_ID,
      externalId: 'wave-mcp-20260901T120000000Z',
      date: '2026-09-01',
      description: 'Office supplies',
      anchor: { accountId: checking.id, amount: '50.00', direction: 'WITHDRAWAL' },
      lineItems: [{ accountId: supplies.id, amount: '50.00', balance: 'INCREASE' }],
    };
    interface Created {
      moneyTransactionCreate: { didSucceed: boolean; transaction: { id: string } };
    }
    const first = await data<Created>(doc('CreateMoneyTransaction'), { input });
    const again = await data<Created>(doc('CreateMoneyTransaction'), { input });
    assert.equal(first.moneyTransactionCreate.didSucceed, true);
    assert.equal(again.moneyTransactionCreate.transaction.id, first.moneyTransactionCreate.transaction.id);
    assert.equal(checking.balanceMinor, before - 5000n);
    const state = (await (await fetch(`${sim.url}/__simulator/state`)).json()) as {
      counts: { transactions: number };
    };
    assert.equal(state.counts.transactions, 1);
  });

  it('adds latency on request', async () => {
    await fetch(`${sim.url}/__simulator/latency`, { method: 'POST', body: '{"ms": 150}' });
    const started = performance.now();
    await post(doc('GetUser'));
    assert.ok(performance.now() - started >= 140);
    await fetch(`${sim.url}/__simulator/latency`, { method: 'POST', body: '{"ms": 0}' });
  });
});
