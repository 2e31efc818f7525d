import type { WaveBooks } from './books.js';
import { waveId } from './ids.js';
import type { ContactRecord, ShippingRecord } from './model.js';
import { Checks, text, type Nullable, type Outcome } from './outcome.js';
import { readAddress, type AddressInput } from './places.js';

export interface CustomerFieldsInput {
  name?: Nullable<string>;
  firstName?: Nullable<string>;
  lastName?: Nullable<string>;
  displayId?: Nullable<string>;
  email?: Nullable<string>;
  mobile?: Nullable<string>;
  phone?: Nullable<string>;
  fax?: Nullable<string>;
  tollFree?: Nullable<string>;
  website?: Nullable<string>;
  internalNotes?: Nullable<string>;
  currency?: Nullable<string>;
  address?: Nullable<AddressInput>;
  shippingDetails?: Nullable<{
    name?: Nullable<string>;
    phone?: Nullable<string>;
    instructions?: Nullable<string>;
    address?: Nullable<AddressInput>;
  }>;
}

export interface CustomerCreateInput extends CustomerFieldsInput {
  businessId: string;
}

export interface CustomerPatchInput extends CustomerFieldsInput {
  id: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PLAIN_FIELDS = [
  'firstName',
  'lastName',
  'displayId',
  'mobile',
  'phone',
  'fax',
  'tollFree',
  'website',
  'internalNotes',
] as const;

/** Applies the given fields to `target`; fields absent from the input are left alone (patch semantics). */
function applyFields(target: ContactRecord, input: CustomerFieldsInput, checks: Checks): void {
  if ('name' in input) {
    const name = text(input.name);
    if (name === undefined) checks.add(['name'], 'This field is required.', 'REQUIRED');
    else target.name = name;
  }
  for (const key of PLAIN_FIELDS) {
    if (!(key in input)) continue;
    const value = text(input[key]);
    if (value === undefined) delete target[key];
    else target[key] = value;
  }
  if ('email' in input) {
    const email = text(input.email);
    if (email !== undefined && !EMAIL.test(email)) {
      checks.add(['email'], 'Enter a valid email address.', 'INVALID');
    } else if (email === undefined) delete target.email;
    else target.email = email;
  }
  if ('currency' in input) {
    if (input.currency === null || input.currency === undefined) delete target.currency;
    else target.currency = input.currency;
  }
  if ('address' in input) {
    const address = readAddress(input.address, checks, ['address']);
    if (address === undefined) delete target.address;
    else target.address = address;
  }
  if ('shippingDetails' in input) {
    const s = input.shippingDetails;
    if (s === null || s === undefined) delete target.shippingDetails;
    else {
      const shipping: ShippingRecord = {};
      const name = text(s.name);
      const phone = text(s.phone);
      const instructions = text(s.instructions);
      if (name !== undefined) shipping.name = name;
      if (phone !== undefined) shipping.phone = phone;
      if (instructions !== undefined) shipping.instructions = instructions;
      const address = readAddress(s.address, checks, ['shippingDetails', 'address']);
      if (address !== undefined) shipping.address = address;
      target.shippingDetails = shipping;
    }
  }
}

export function createCustomer(books: WaveBooks, input: CustomerCreateInput): Outcome<ContactRecord> {
  const checks = new Checks();
  const business = books.businesses.get(input.businessId);
  if (!business) checks.add(['businessId'], 'Business not found.', 'NOT_FOUND');
  const now = books.now();
  const customer: ContactRecord = {
    id: waveId('Customer'),
    businessId: input.businessId,
    name: '',
    isArchived: false,
    createdAt: now,
    modifiedAt: now,
  };
  applyFields(customer, input, checks);
  return checks.outcome(() => {
    books.customers.set(customer.id, customer);
    return customer;
  });
}

export function patchCustomer(books: WaveBooks, input: CustomerPatchInput): Outcome<ContactRecord> {
  const checks = new Checks();
  const existing = books.customers.get(input.id);
  if (!existing) {
    checks.add(['id'], 'Customer not found.', 'NOT_FOUND');
    return checks.outcome(() => undefined as never);
  }
  const draft: ContactRecord = structuredClone(existing);
  applyFields(draft, input, checks);
  return checks.outcome(() => {
    draft.modifiedAt = books.now();
    books.customers.set(draft.id, draft);
    return draft;
  });
}

export function deleteCustomer(books: WaveBooks, id: string): Outcome<true> {
  const checks = new Checks();
  if (!books.customers.has(id)) checks.add(['id'], 'Customer not found.', 'NOT_FOUND');
  else if ([...books.invoices.values()].some((i) => i.customerId === id)) {
    checks.add(['id'], 'Customers with invoices cannot be deleted.', 'INVALID_STATE');
  }
  return checks.outcome(() => {
    books.customers.delete(id);
    return true as const;
  });
}
