import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { WaveBackend } from '../backend.js';
import { productRow } from '../compact.js';
import { LIST_PRODUCTS } from '../documents.js';
import { DEFAULT_PAGE_SIZE, pageSummary, pagingProperties } from '../paging.js';
import { businessIdProperty, stringEnum } from '../schema.js';
import type { WaveConnection, WaveProduct } from '../types.js';

const Input = Type.Object(
  {
    ...businessIdProperty(),
    kind: Type.Optional(
      stringEnum(
        ['sold', 'bought', 'all'] as const,
        'sold (default): products and services you invoice; bought: what you buy; all.',
      ),
    ),
    include_archived: Type.Optional(
      Type.Boolean({ default: false, description: 'Also list archived products.' }),
    ),
    sort: Type.Optional(
      stringEnum(
        ['NAME_ASC', 'NAME_DESC', 'CREATED_AT_DESC', 'MODIFIED_AT_DESC'] as const,
        'Order (default NAME_ASC).',
      ),
    ),
    ...pagingProperties('products'),
  },
  { additionalProperties: false },
);

interface Products {
  id: string;
  currency: { code: string };
  products: WaveConnection<WaveProduct>;
}

export const listProducts = defineTool<WaveBackend, typeof Input>({
  name: 'wave_list_products',
  title: 'Wave: list products and services',
  description: [
    'Lists the products and services of a Wave business with their price, accounts and default sales taxes.',
    'Every invoice line must reference a product: use this to find product_id (and default sales tax ids) for wave_create_invoice; create missing ones with wave_create_product.',
    'Each row: id, name, description, unit_price {amount, currency}, sold, bought, income_account, expense_account, default_sales_taxes. Paged: page, total_pages, total_count, next_page.',
    'Example: {} or {"kind": "all", "include_archived": true}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const kind = args.kind ?? 'sold';
    const { business } = await backend.businessQuery<Products>(
      LIST_PRODUCTS,
      args.business_id,
      {
        page: args.page ?? 1,
        pageSize: args.page_size ?? DEFAULT_PAGE_SIZE,
        sort: [args.sort ?? 'NAME_ASC'],
        ...(kind === 'sold' ? { isSold: true } : kind === 'bought' ? { isBought: true } : {}),
        ...(args.include_archived ? {} : { isArchived: false }),
      },
      signal,
    );
    const currency = business.currency.code;
    return jsonResult({
      ...pageSummary(business.products.pageInfo),
      products: business.products.edges.map((e) => productRow(e.node, currency)),
    });
  },
});
