import type { DocTypeMeta } from '../meta.js';
import { field } from './field.js';

/** The setup masters ERPNext links to (`erpnext/setup/doctype/*`, `erpnext/stock/doctype/warehouse`). */
export const SETUP_DOCTYPES: readonly DocTypeMeta[] = [
  {
    name: 'Company',
    module: 'Setup',
    autoname: 'field:company_name',
    title_field: 'company_name',
    fields: [
      field('company_name', 'Company', 'Data', { reqd: 1, unique: 1, in_list_view: 1 }),
      field('abbr', 'Abbr', 'Data', { reqd: 1, in_list_view: 1 }),
      field('default_currency', 'Default Currency', 'Data', { reqd: 1 }),
      field('country', 'Country', 'Data', { reqd: 1 }),
    ],
  },
  {
    name: 'Customer Group',
    module: 'Setup',
    autoname: 'field:customer_group_name',
    fields: [
      field('customer_group_name', 'Customer Group Name', 'Data', { reqd: 1, unique: 1 }),
      field('is_group', 'Is Group', 'Check', { default: '0' }),
    ],
  },
  {
    name: 'Territory',
    module: 'Setup',
    autoname: 'field:territory_name',
    fields: [
      field('territory_name', 'Territory Name', 'Data', { reqd: 1, unique: 1 }),
      field('is_group', 'Is Group', 'Check', { default: '0' }),
    ],
  },
  {
    name: 'Item Group',
    module: 'Setup',
    autoname: 'field:item_group_name',
    fields: [
      field('item_group_name', 'Item Group Name', 'Data', { reqd: 1, unique: 1 }),
      field('is_group', 'Is Group', 'Check', { default: '0' }),
    ],
  },
  {
    name: 'UOM',
    module: 'Setup',
    autoname: 'field:uom_name',
    fields: [
      field('uom_name', 'UOM Name', 'Data', { reqd: 1, unique: 1 }),
      field('must_be_whole_number', 'Must be Whole Number', 'Check', { default: '0' }),
    ],
  },
  {
    name: 'Warehouse',
    module: 'Stock',
    autoname: 'Warehouse',
    title_field: 'warehouse_name',
    fields: [
      field('warehouse_name', 'Warehouse Name', 'Data', { reqd: 1, in_list_view: 1 }),
      field('company', 'Company', 'Link', { options: 'Company', reqd: 1, in_list_view: 1 }),
      field('is_group', 'Is Group Warehouse', 'Check', { default: '0' }),
    ],
  },
];
