import type { AddressRecord } from './model.js';
import type { Checks, Nullable } from './outcome.js';
import { text } from './outcome.js';

const COUNTRIES: Readonly<Record<string, string>> = {
  AU: 'Australia',
  CA: 'Canada',
  DE: 'Germany',
  ES: 'Spain',
  FR: 'France',
  GB: 'United Kingdom',
  IE: 'Ireland',
  IT: 'Italy',
  NL: 'Netherlands',
  NZ: 'New Zealand',
  US: 'United States',
};

const PROVINCES: Readonly<Record<string, string>> = {
  'CA-BC': 'British Columbia',
  'CA-ON': 'Ontario',
  'CA-QC': 'Quebec',
  'US-CA': 'California',
  'US-NY': 'New York',
  'US-TX': 'Texas',
  'US-WA': 'Washington',
};

export function countryName(code: string): string {
  return COUNTRIES[code] ?? code;
}

export function provinceName(code: string): string {
  return PROVINCES[code] ?? code;
}

export interface AddressInput {
  addressLine1?: Nullable<string>;
  addressLine2?: Nullable<string>;
  city?: Nullable<string>;
  provinceCode?: Nullable<string>;
  countryCode?: Nullable<string>;
  postalCode?: Nullable<string>;
}

/** Validates an address input; an address whose fields are all empty is rejected (backends.md §4.5). */
export function readAddress(
  input: Nullable<AddressInput>,
  checks: Checks,
  path: string[],
): AddressRecord | undefined {
  if (input === null || input === undefined) return undefined;
  const address: AddressRecord = {};
  const set = (key: keyof AddressRecord, value: Nullable<string>) => {
    const v = text(value);
    if (v !== undefined) address[key] = v;
  };
  set('addressLine1', input.addressLine1);
  set('addressLine2', input.addressLine2);
  set('city', input.city);
  set('postalCode', input.postalCode);
  set('countryCode', input.countryCode);
  set('provinceCode', input.provinceCode);
  if (Object.keys(address).length === 0) {
    checks.add(path, 'Address must have at least one field; omit it instead.', 'INVALID');
    return undefined;
  }
  if (address.countryCode !== undefined && !/^[A-Z]{2}$/.test(address.countryCode)) {
    checks.add([...path, 'countryCode'], 'Enter a two-letter ISO country code, e.g. "CA".', 'INVALID');
  }
  if (address.provinceCode !== undefined && !/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(address.provinceCode)) {
    checks.add([...path, 'provinceCode'], 'Enter an ISO 3166-2 subdivision code, e.g. "CA-ON".', 'INVALID');
  }
  return address;
}
