import { Type } from '@sinclair/typebox';
import { ToolError, WRITE, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { WaveBackend } from '../backend.js';
import { productRow } from '../compact.js';
import { CREATE_PRODUCT, LIST_ACCOUNTS } from '../documents.js';
import { MAX_PAGE_SIZE } from '../paging.js';
import { businessIdProperty, decimalString, text, waveId } from '../schema.js';
import type { MutationPayload, WaveAccount, WaveConnection, WaveProduct } from '../types.js';

const Input = Type.Object(
  {
    ...businessIdProperty(),
    name: text('Product or service name, e.g. "Consulting hour".'),
    unit_price: decimalString('Price per unit as a decimal string in the business currency, e.g. "150.00".'),
    description: Type.Optional(text('Default line description on invoices.', 1000)),
    income_account_id: Type.Optional(
      waveId(
        'Income account the sales go to (wave_list_accounts {"types": ["INCOME"]}). Default for a product you sell: the "Sales" income account.',
      ),
    ),
    expense_account_id: Type.Optional(
      waveId('Expense account, for something you also buy (wave_list_accounts {"types": ["EXPENSE"]}).'),
    ),
    sales_tax_ids: Type.Optional(
      Type.Array(waveId('Sales tax id.'), {
        maxItems: 10,
        uniqueItems: true,
        description: 'Default sales taxes for the product (ids from wave_list_products rows or Wave).',
      }),
    ),
  },
  { additionalProperties: false },
);

type Payload = MutationPayload & { product: WaveProduct | null };
interface Accounts {
  id: string;
  currency: { code: string };
  accounts: WaveConnection<WaveAccount>;
}

export const createProduct = defineTool<WaveBackend, typeof Input>({
  name: 'wave_create_product',
  title: 'Wave: create a product or service',
  description: [
    'Creates a product or service in a Wave business. Invoice lines must reference a product, so create one before invoicing something new.',
    'Without income_account_id or expense_account_id the product is sold and booked to the business\'s "Sales" income account (or its first income account); the result says which.',
    'Example: {"name": "Consulting hour", "unit_price": "150.00", "description": "Senior consultant, per hour"}.',
  ].join(' '),
  input: Input,
  annotations: WRITE,
  async run(args, { backend, signal }) {
    const businessId = await backend.resolveBusinessId(args.business_id, signal);
    const { business } = await backend.businessQuery<Accounts>(
      LIST_ACCOUNTS,
      businessId,
      {
        page: 1,
        pageSize: args.income_account_id || args.expense_account_id ? 1 : MAX_PAGE_SIZE,
        types: ['INCOME'],
        isArchived: false,
      },
      signal,
    );
    const input: Record<string, unknown> = { businessId, name: args.name, unitPrice: args.unit_price };
    if (args.description !== undefined) input['description'] = args.description;
    if (args.sales_tax_ids !== undefined) input['defaultSalesTaxIds'] = args.sales_tax_ids;
    if (args.expense_account_id !== undefined) input['expenseAccountId'] = args.expense_account_id;
    let chosen: { id: string; name: string } | undefined;
    if (args.income_account_id !== undefined) input['incomeAccountId'] = args.income_account_id;
    else if (args.expense_account_id === undefined) {
      const income = business.accounts.edges.map((e) => e.node);
      const account =
        income.find((a) => a.name.toLowerCase() === 'sales') ??
        income.find((a) => a.subtype.value === 'INCOME') ??
        income[0];
      if (!account) {
        throw new ToolError(
          'The business has no income account to book sales to; pass income_account_id or expense_account_id.',
        );
      }
      chosen = { id: account.id, name: account.name };
      input['incomeAccountId'] = account.id;
    }
    const payload = await backend.mutate<Payload>(
      CREATE_PRODUCT,
      'productCreate',
      input,
      'create the product',
      { signal },
    );
    return jsonResult({
      created: true,
      business_id: businessId,
      product: payload.product ? productRow(payload.product, business.currency.code) : null,
      ...(chosen ? { note: `Booked to the income account "${chosen.name}" (${chosen.id}).` } : {}),
    });
  },
});
