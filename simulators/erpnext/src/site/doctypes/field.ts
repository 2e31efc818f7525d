import type { DocField, FieldType } from '../meta.js';

/** A DocField in one line: `field('customer', 'Customer', 'Link', { options: 'Customer', reqd: 1 })`. */
export function field(
  fieldname: string,
  label: string,
  fieldtype: FieldType,
  extra: Omit<DocField, 'fieldname' | 'label' | 'fieldtype'> = {},
): DocField {
  return { fieldname, label, fieldtype, ...extra };
}

export const section = (fieldname: string, label = ''): DocField => field(fieldname, label, 'Section Break');

export const column = (fieldname: string): DocField => field(fieldname, '', 'Column Break');
