import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { WRITE_IDEMPOTENT, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { WaveBackend } from '../backend.js';
import { CREATE_MONEY_TRANSACTION } from '../documents.js';
import { businessIdProperty, decimalString, isoDate, stringEnum, text, waveId } from '../schema.js';
import type { MutationPayload } from '../types.js';

const LineItem = Type.Object(
  {
    account_id: waveId(
      'Category account: an income or expense account (wave_list_accounts), e.g. "Office Supplies".',
    ),
    amount: decimalString('Amount of this line, e.g. "50.00". Lines must add up to the anchor amount.'),
    balance: Type.Optional(
      stringEnum(
        ['INCREASE', 'DECREASE', 'DEBIT', 'CREDIT'] as const,
        'How the line moves its account (default INCREASE: an expense for a withdrawal, income for a deposit).',
      ),
    ),
    customer_id: Type.Optional(waveId('Customer this line relates to.')),
    description: Type.Optional(text('Line description.', 1000)),
  },
  { additionalProperties: false },
);

const Input = Type.Object(
  {
    ...businessIdProperty(),
    date: isoDate('Transaction date, YYYY-MM-DD.'),
    description: text(
      'What it was, as it appears in Wave\'s transaction list, e.g. "Office supplies at Staples".',
    ),
    anchor: Type.Object(
      {
        account_id: waveId(
          'The bank, cash or credit card account the money moved through (wave_list_accounts {"subtypes": ["CASH_AND_BANK", "CREDIT_CARD"]}).',
        ),
        amount: decimalString('Total amount, e.g. "50.00".'),
        direction: stringEnum(
          ['DEPOSIT', 'WITHDRAWAL'] as const,
          'DEPOSIT: money in; WITHDRAWAL: money out.',
        ),
      },
      { additionalProperties: false },
    ),
    line_items: Type.Array(LineItem, {
      minItems: 1,
      maxItems: 50,
      description: 'Where the money came from or went (double entry); amounts must total the anchor amount.',
    }),
    external_id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        pattern: '^[A-Za-z0-9._:-]+$',
        description:
          "Idempotency key: Wave records one transaction per external_id, so retries never duplicate. Default: derived from the transaction's content (date, description, accounts, amounts). Pass a distinct one to record two identical transactions.",
      }),
    ),
    notes: Type.Optional(text('Private notes.', 2000)),
  },
  { additionalProperties: false },
);

type Payload = MutationPayload & { transaction: { id: string } | null };

export const createMoneyTransaction = defineTool<WaveBackend, typeof Input>({
  name: 'wave_create_money_transaction',
  title: 'Wave: record a money transaction',
  description: [
    'Records money in or out of a bank, cash or credit card account (the anchor), categorised by one or more line items (double entry: lines total the anchor amount).',
    'Idempotent: Wave keeps one transaction per external_id, and without one the id is derived from the content, so a retried call never records it twice.',
    'Wave cannot read transactions back through its API: keep the returned transaction_id and external_id.',
    'Example (an expense paid from checking): {"date": "2026-09-01", "description": "Office supplies", "anchor": {"account_id": "<checking>", "amount": "50.00", "direction": "WITHDRAWAL"}, "line_items": [{"account_id": "<office supplies>", "amount": "50.00"}]}.',
  ].join(' '),
  input: Input,
  annotations: WRITE_IDEMPOTENT,
  async run(args, { backend, signal }) {
    const businessId = await backend.resolveBusinessId(args.business_id, signal);
    const anchor = {
      accountId: args.anchor.account_id,
      amount: args.anchor.amount,
      direction: args.anchor.direction,
    };
    const lineItems = args.line_items.map((l) => ({
      accountId: l.account_id,
      amount: l.amount,
      balance: l.balance ?? 'INCREASE',
      ...(l.customer_id !== undefined ? { customerId: l.customer_id } : {}),
      ...(l.description !== undefined ? { description: l.description } : {}),
    }));
    const externalId =
      args.external_id ?? derivedExternalId(businessId, args.date, args.description, anchor, lineItems);
    const input: Record<string, unknown> = {
      businessId,
      externalId,
      date: args.date,
      description: args.description,
      anchor,
      lineItems,
      ...(args.notes !== undefined ? { notes: args.notes } : {}),
    };
    const payload = await backend.mutate<Payload>(
      CREATE_MONEY_TRANSACTION,
      'moneyTransactionCreate',
      input,
      'record the transaction',
      { signal, idempotent: true },
    );
    return jsonResult({
      recorded: true,
      business_id: businessId,
      transaction_id: payload.transaction?.id ?? null,
      external_id: externalId,
      date: args.date,
      amount: args.anchor.amount,
      direction: args.anchor.direction,
    });
  },
});

/** A stable key from what the transaction is, so the same call twice is the same transaction. */
export function derivedExternalId(
  businessId: string,
  date: string,
  description: string,
  anchor: unknown,
  lines: unknown,
): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([businessId, date, description, anchor, lines]))
    .digest('hex');
  return `mcp-${digest.slice(0, 32)}`;
}
