import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { WaveBackend } from '../backend.js';
import { vendorRow } from '../compact.js';
import { LIST_VENDORS } from '../documents.js';
import { DEFAULT_PAGE_SIZE, pageSummary, pagingProperties } from '../paging.js';
import { businessIdProperty } from '../schema.js';
import type { WaveConnection, WaveVendor } from '../types.js';

const Input = Type.Object(
  { ...businessIdProperty(), ...pagingProperties('vendors') },
  { additionalProperties: false },
);

interface Vendors {
  id: string;
  vendors: WaveConnection<WaveVendor>;
}

export const listVendors = defineTool<WaveBackend, typeof Input>({
  name: 'wave_list_vendors',
  title: 'Wave: list vendors',
  description: [
    "Lists the vendors (suppliers) of a Wave business. Wave's API can read vendors but not create them or their bills.",
    'Each row: id, name, contact, email, phone, website, currency. Paged: page, total_pages, total_count, next_page.',
    'Example: {} or {"page": 2, "page_size": 100}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const { business } = await backend.businessQuery<Vendors>(
      LIST_VENDORS,
      args.business_id,
      { page: args.page ?? 1, pageSize: args.page_size ?? DEFAULT_PAGE_SIZE },
      signal,
    );
    return jsonResult({
      ...pageSummary(business.vendors.pageInfo),
      vendors: business.vendors.edges.map((e) => vendorRow(e.node)),
    });
  },
});
