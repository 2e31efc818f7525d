import type { WaveBooks } from './books.js';
import { waveId } from './ids.js';
import { ACCOUNT_TYPES, accountType, type AccountRecord, type TransactionRecord } from './model.js';
import { currency, formatMinor, microsToMinor, parseMicros } from './money.js';
import { Checks, ok, text, type Nullable, type Outcome } from './outcome.js';

export interface MoneyTransactionCreateInput {
  businessId: string;
  externalId: string;
  date: string;
  description?: Nullable<string>;
  notes?: Nullable<string>;
  anchor: { accountId: string; amount: string; direction: 'DEPOSIT' | 'WITHDRAWAL' };
  lineItems: {
    accountId: string;
    amount: string;
    balance?: Nullable<'INCREASE' | 'DECREASE' | 'DEBIT' | 'CREDIT'>;
    customerId?: Nullable<string>;
    description?: Nullable<string>;
    taxes?: Nullable<{ salesTaxId: string; amount?: Nullable<string> }[]>;
  }[];
}

/** Accounts a money transaction can be anchored to: where money actually moves in or out. */
const ANCHOR_SUBTYPES = new Set(['CASH_AND_BANK', 'MONEY_IN_TRANSIT', 'CREDIT_CARD', 'LOANS']);

/**
 * Records a double-entry transaction. `externalId` is the idempotency key (backends.md §4.5): a second
 * create with the same one in the same business returns the first transaction and changes nothing.
 */
export function createMoneyTransaction(
  books: WaveBooks,
  input: MoneyTransactionCreateInput,
): Outcome<TransactionRecord> {
  const checks = new Checks();
  const businessId = input.businessId;
  const business = books.businesses.get(businessId);
  if (!business) checks.add(['businessId'], 'Business not found.', 'NOT_FOUND');
  const externalId = input.externalId.trim();
  if (externalId === '') checks.add(['externalId'], 'This field is required.', 'REQUIRED');
  const previous = books.transactions.get(`${businessId} ${externalId}`);
  if (previous && checks.errors.length === 0) return ok(previous);
  const { exponent } = currency(business?.currency ?? 'USD');
  const amountOf = (value: string, path: (string | number)[]): bigint | undefined => {
    const micros = parseMicros(value);
    if (micros === undefined || micros <= 0n) {
      checks.add(path, 'Enter an amount greater than zero.', 'INVALID');
      return undefined;
    }
    return microsToMinor(micros, exponent);
  };
  const anchorAccount = checks.ref(
    books,
    books.accounts,
    input.anchor.accountId,
    businessId,
    ['anchor', 'accountId'],
    'Account',
  );
  if (anchorAccount && !ANCHOR_SUBTYPES.has(anchorAccount.subtype)) {
    checks.add(
      ['anchor', 'accountId'],
      'The anchor must be a bank, credit card, loan or money-in-transit account.',
      'INVALID',
    );
  }
  const anchorAmount = amountOf(input.anchor.amount, ['anchor', 'amount']);
  if (input.lineItems.length === 0) checks.add(['lineItems'], 'Add at least one line item.', 'REQUIRED');
  const lines: { account: AccountRecord; line: TransactionRecord['lineItems'][number] }[] = [];
  input.lineItems.forEach((item, i) => {
    const account = checks.ref(
      books,
      books.accounts,
      item.accountId,
      businessId,
      ['lineItems', i, 'accountId'],
      'Account',
    );
    const amountMinor = amountOf(item.amount, ['lineItems', i, 'amount']);
    if (item.customerId) {
      checks.ref(
        books,
        books.customers,
        item.customerId,
        businessId,
        ['lineItems', i, 'customerId'],
        'Customer',
      );
    }
    (item.taxes ?? []).forEach((tax, t) =>
      checks.ref(
        books,
        books.salesTaxes,
        tax.salesTaxId,
        businessId,
        ['lineItems', i, 'taxes', t, 'salesTaxId'],
        'Sales tax',
      ),
    );
    if (!account || amountMinor === undefined) return;
    const line: TransactionRecord['lineItems'][number] = {
      accountId: account.id,
      amountMinor,
      balance: item.balance ?? 'INCREASE',
    };
    if (item.customerId) line.customerId = item.customerId;
    const description = text(item.description);
    if (description !== undefined) line.description = description;
    lines.push({ account, line });
  });
  if (anchorAmount !== undefined && lines.length === input.lineItems.length && lines.length > 0) {
    const sum = lines.reduce((total, l) => total + l.line.amountMinor, 0n);
    if (sum !== anchorAmount) {
      checks.add(
        ['lineItems'],
        `Line item amounts add up to ${formatMinor(sum, exponent)}, not the anchor amount ${formatMinor(anchorAmount, exponent)}.`,
        'UNBALANCED',
      );
    }
  }
  return checks.outcome(() => {
    const anchor = anchorAccount as AccountRecord;
    const amount = anchorAmount as bigint;
    post(anchor, amount, input.anchor.direction === 'DEPOSIT' ? 'DEBIT' : 'CREDIT');
    for (const { account, line } of lines) post(account, line.amountMinor, line.balance);
    const record: TransactionRecord = {
      id: waveId('Transaction'),
      businessId,
      externalId,
      date: input.date,
      anchor: { accountId: anchor.id, amountMinor: amount, direction: input.anchor.direction },
      lineItems: lines.map((l) => l.line),
      createdAt: books.now(),
    };
    const description = text(input.description);
    const notes = text(input.notes);
    if (description !== undefined) record.description = description;
    if (notes !== undefined) record.notes = notes;
    books.transactions.set(`${businessId} ${externalId}`, record);
    return record;
  });
}

/** Moves an account's balance (kept in its normal direction) by one side of an entry. */
function post(account: AccountRecord, amountMinor: bigint, side: string): void {
  const normal = ACCOUNT_TYPES[accountType(account)].normal;
  const increases = side === 'INCREASE' || side === normal;
  account.balanceMinor += increases ? amountMinor : -amountMinor;
}
