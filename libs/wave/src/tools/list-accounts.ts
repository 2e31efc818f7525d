import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { WaveBackend } from '../backend.js';
import { accountRow } from '../compact.js';
import { LIST_ACCOUNTS } from '../documents.js';
import { DEFAULT_PAGE_SIZE, pageSummary, pagingProperties } from '../paging.js';
import { businessIdProperty, stringEnum } from '../schema.js';
import type { WaveAccount, WaveConnection } from '../types.js';

const TYPES = ['ASSET', 'LIABILITY', 'EQUITY', 'INCOME', 'EXPENSE'] as const;

const Input = Type.Object(
  {
    ...businessIdProperty(),
    types: Type.Optional(
      Type.Array(stringEnum(TYPES, 'Account type.'), {
        minItems: 1,
        maxItems: 5,
        uniqueItems: true,
        description:
          'Only these account types, e.g. ["EXPENSE"] for expense categories, ["ASSET", "LIABILITY"] for bank and card accounts.',
      }),
    ),
    subtypes: Type.Optional(
      Type.Array(Type.String({ pattern: '^[A-Z_]{2,60}$' }), {
        minItems: 1,
        maxItems: 20,
        uniqueItems: true,
        description:
          'Only these Wave subtypes, e.g. ["CASH_AND_BANK", "CREDIT_CARD"] for accounts money moves through.',
      }),
    ),
    include_archived: Type.Optional(
      Type.Boolean({ default: false, description: 'Also list archived accounts.' }),
    ),
    ...pagingProperties('accounts'),
  },
  { additionalProperties: false },
);

interface Accounts {
  id: string;
  accounts: WaveConnection<WaveAccount>;
}

export const listAccounts = defineTool<WaveBackend, typeof Input>({
  name: 'wave_list_accounts',
  title: 'Wave: list accounts',
  description: [
    'Lists the chart of accounts of a Wave business with balances: bank and credit card accounts, income and expense categories, equity.',
    'Use it to find account ids for wave_create_money_transaction (anchor: a CASH_AND_BANK or CREDIT_CARD account; line items: the income or expense category) and wave_create_product.',
    'Each row: id, name, type, subtype, balance {amount, currency}, display_id, description. Paged: page, total_pages, total_count, next_page.',
    'Example: {"types": ["EXPENSE"]} or {"subtypes": ["CASH_AND_BANK", "CREDIT_CARD"]}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const { business } = await backend.businessQuery<Accounts>(
      LIST_ACCOUNTS,
      args.business_id,
      {
        page: args.page ?? 1,
        pageSize: args.page_size ?? DEFAULT_PAGE_SIZE,
        ...(args.types ? { types: args.types } : {}),
        ...(args.subtypes ? { subtypes: args.subtypes } : {}),
        ...(args.include_archived ? {} : { isArchived: false }),
      },
      signal,
    );
    return jsonResult({
      ...pageSummary(business.accounts.pageInfo),
      accounts: business.accounts.edges.map((e) => accountRow(e.node)),
    });
  },
});
