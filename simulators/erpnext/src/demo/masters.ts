import type { Doc } from '../site/store.js';

export const COMPANY = 'Northwind Trading Co.';

/** Setup masters and parties of the demo company, inserted in this order (links point backwards). */
export const MASTERS: readonly (readonly [string, Doc])[] = [
  ['Company', { company_name: COMPANY, abbr: 'NTC', default_currency: 'USD', country: 'United States' }],
  ...['All Customer Groups', 'Commercial', 'Individual', 'Government', 'Non Profit'].map(
    (name, i) => ['Customer Group', { customer_group_name: name, is_group: i === 0 ? 1 : 0 }] as const,
  ),
  ...['All Territories', 'United States', 'United Kingdom', 'Germany', 'Rest Of The World'].map(
    (name, i) => ['Territory', { territory_name: name, is_group: i === 0 ? 1 : 0 }] as const,
  ),
  ...['All Item Groups', 'Products', 'Services', 'Raw Material'].map(
    (name, i) => ['Item Group', { item_group_name: name, is_group: i === 0 ? 1 : 0 }] as const,
  ),
  ...['Nos', 'Hour', 'Kg', 'Box'].map(
    (name) =>
      ['UOM', { uom_name: name, must_be_whole_number: name === 'Nos' || name === 'Box' ? 1 : 0 }] as const,
  ),
  ['Warehouse', { warehouse_name: 'Stores', company: COMPANY }],
  ['Warehouse', { warehouse_name: 'Finished Goods', company: COMPANY }],
  ...(
    [
      ['Acme Corporation', 'Company', 'Commercial', 'United States', 'ap@acme.example'],
      ['Globex Ltd', 'Company', 'Commercial', 'United Kingdom', 'accounts@globex.example'],
      ['Initech', 'Company', 'Commercial', 'United States', 'billing@initech.example'],
      ['Umbrella Health', 'Company', 'Non Profit', 'Germany', 'finance@umbrella.example'],
      ['Stark Industries', 'Company', 'Commercial', 'United States', 'payables@stark.example'],
      ['Jane Cooper', 'Individual', 'Individual', 'United States', 'jane.cooper@mail.example'],
      ['Wayne Enterprises', 'Company', 'Commercial', 'United States', 'ar@wayne.example'],
      ['Hooli', 'Company', 'Government', 'Rest Of The World', null],
    ] as const
  ).map(
    ([name, type, group, territory, email]) =>
      [
        'Customer',
        {
          customer_name: name,
          customer_type: type,
          customer_group: group,
          territory,
          default_currency: territory === 'United Kingdom' ? 'GBP' : 'USD',
          email_id: email,
        },
      ] as const,
  ),
  [
    'Supplier',
    { supplier_name: 'Bolt & Nut Supply', supplier_group: 'Raw Material', country: 'United States' },
  ],
  ['Supplier', { supplier_name: 'Cloud Hosting Inc', supplier_group: 'Services', country: 'Ireland' }],
  ...(
    [
      ['WIDGET-STD', 'Standard Widget', 'Products', 'Nos', 25, 1],
      ['WIDGET-PRO', 'Pro Widget', 'Products', 'Nos', 65, 1],
      ['GEAR-SM', 'Small Gear', 'Raw Material', 'Nos', 4.5, 1],
      ['GEAR-LG', 'Large Gear', 'Raw Material', 'Nos', 12, 1],
      ['STEEL-KG', 'Steel Rod', 'Raw Material', 'Kg', 3.2, 1],
      ['CONSULT-HR', 'Consulting Hour', 'Services', 'Hour', 120, 0],
      ['INSTALL', 'On-site Installation', 'Services', 'Nos', 350, 0],
      ['SUPPORT-YR', 'Annual Support Plan', 'Services', 'Nos', 1200, 0],
    ] as const
  ).map(
    ([code, name, group, uom, rate, stock]) =>
      [
        'Item',
        {
          item_code: code,
          item_name: name,
          item_group: group,
          stock_uom: uom,
          standard_rate: rate,
          is_stock_item: stock,
          description: `<div><p>${name}</p></div>`,
        },
      ] as const,
  ),
];
