import type { WaveBooks } from '../store/books.js';
import {
  createCustomer,
  deleteCustomer,
  patchCustomer,
  type CustomerCreateInput,
  type CustomerPatchInput,
} from '../store/customers.js';
import {
  approveInvoice,
  createInvoice,
  deleteInvoice,
  markInvoiceSent,
  sendInvoice,
  type InvoiceCreateInput,
  type InvoiceSendInput,
} from '../store/invoices.js';
import { ACCOUNT_TYPES, type AccountTypeValue } from '../store/model.js';
import { CURRENCIES } from '../store/money.js';
import type { Outcome } from '../store/outcome.js';
import { archiveProduct, createProduct, type ProductCreateInput } from '../store/products.js';
import { createMoneyTransaction, type MoneyTransactionCreateInput } from '../store/transactions.js';
import { waveError } from './errors.js';
import { connection, type PageArgs } from './paging.js';
import { Views } from './views.js';

/** A mutation payload: `didSucceed`, `inputErrors` and the entity under its field name (null on failure). */
function payload<T, V>(outcome: Outcome<T>, field: string | undefined, view: (value: T) => V) {
  const base = { didSucceed: outcome.didSucceed, inputErrors: outcome.inputErrors };
  if (field === undefined) return base;
  return { ...base, [field]: outcome.didSucceed ? view(outcome.value) : null };
}

/** The root value for graphql-js: one method per Query and Mutation field. */
export function rootValue(books: WaveBooks): Record<string, unknown> {
  const views = new Views(books);
  return {
    // Query
    user: () => ({ ...books.user }),
    businesses: (args: PageArgs & { isArchived?: boolean | null }) =>
      connection(
        [...books.businesses.values()].filter((b) => b.isArchived === (args.isArchived ?? false)),
        args,
        (b) => views.business(b),
      ),
    business: ({ id }: { id?: string | null }) => {
      // Without an id Wave answers with the business an OAuth grant was made for; the simulator picks
      // the first non-personal one.
      const record =
        id == null ? [...books.businesses.values()].find((b) => !b.isPersonal) : books.businesses.get(id);
      if (!record) throw waveError('Business not found.', 'NOT_FOUND');
      return views.business(record);
    },
    currencies: () => [...CURRENCIES.values()],
    currency: ({ code }: { code: string }) => CURRENCIES.get(code) ?? null,
    accountTypes: () => (Object.keys(ACCOUNT_TYPES) as AccountTypeValue[]).map((t) => views.accountType(t)),
    accountSubtypes: () => views.allAccountSubtypes(),

    // Mutation
    customerCreate: ({ input }: { input: CustomerCreateInput }) =>
      payload(createCustomer(books, input), 'customer', (c) => views.customer(c)),
    customerPatch: ({ input }: { input: CustomerPatchInput }) =>
      payload(patchCustomer(books, input), 'customer', (c) => views.customer(c)),
    customerDelete: ({ input }: { input: { id: string } }) =>
      payload(deleteCustomer(books, input.id), undefined, () => null),
    productCreate: ({ input }: { input: ProductCreateInput }) =>
      payload(createProduct(books, input), 'product', (p) => views.product(p)),
    productArchive: ({ input }: { input: { id: string } }) =>
      payload(archiveProduct(books, input.id), 'product', (p) => views.product(p)),
    invoiceCreate: ({ input }: { input: InvoiceCreateInput }) =>
      payload(createInvoice(books, input), 'invoice', (i) => views.invoice(i)),
    invoiceApprove: ({ input }: { input: { invoiceId: string } }) =>
      payload(approveInvoice(books, input.invoiceId), 'invoice', (i) => views.invoice(i)),
    invoiceSend: ({ input }: { input: InvoiceSendInput }) =>
      payload(sendInvoice(books, input), 'invoice', (i) => views.invoice(i)),
    invoiceMarkSent: ({
      input,
    }: {
      input: { invoiceId: string; sendMethod: string; sentAt?: string | null };
    }) => payload(markInvoiceSent(books, input), 'invoice', (i) => views.invoice(i)),
    invoiceDelete: ({ input }: { input: { invoiceId: string } }) =>
      payload(deleteInvoice(books, input.invoiceId), undefined, () => null),
    moneyTransactionCreate: ({ input }: { input: MoneyTransactionCreateInput }) =>
      payload(createMoneyTransaction(books, input), 'transaction', (t) => ({ id: t.id })),
  };
}
