/** Wave's `Money` object (backends.md §4.2); the JSON types of raw/minorUnitValue are not pinned down. */
export interface WaveMoney {
  readonly raw?: number | string | null;
  readonly minorUnitValue?: number | string | null;
  readonly value?: string | null;
  readonly currency?: { readonly code: string; readonly symbol?: string } | null;
}

/** Money as tools return it: a decimal string and an ISO 4217 code, never a float. */
export interface Amount {
  readonly amount: string;
  readonly currency: string;
}

/** Minor-unit exponents that differ from 2 (ISO 4217). */
const EXPONENTS: Readonly<Record<string, number>> = {
  BHD: 3,
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  IQD: 3,
  ISK: 0,
  JOD: 3,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  PYG: 0,
  RWF: 0,
  TND: 3,
  UGX: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
};

export function exponentOf(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/** `12345` minor units of USD → `"123.45"`. */
export function minorToDecimal(minor: bigint, currency: string): string {
  const exponent = exponentOf(currency);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  return `${negative ? '-' : ''}${whole}${exponent === 0 ? '' : `.${digits.slice(-exponent)}`}`;
}

/**
 * A decimal string padded or rounded to the currency's minor units: `"150"` → `"150.00"`,
 * `"1,234.5"` → `"1234.50"`, `12.345` (JPY) → `"12"`. Returns the input when it is not a number.
 */
export function toCurrencyDecimal(value: string | number, currency: string): string {
  const text = typeof value === 'number' ? String(value) : value.replace(/[,\s]/g, '');
  if (!PLAIN_DECIMAL.test(text)) return String(value);
  const exponent = exponentOf(currency);
  const negative = text.startsWith('-');
  const [whole = '0', frac = ''] = text.replace('-', '').split('.');
  const keep = frac.padEnd(exponent, '0').slice(0, exponent);
  let minor = BigInt(`${whole}${keep}`);
  // Round half away from zero on the first dropped digit.
  if ((frac[exponent] ?? '0') >= '5') minor += 1n;
  return minorToDecimal(negative ? -minor : minor, currency);
}

/**
 * Wave's Money → `{amount, currency}`. `value` is Wave's decimal string; when it is missing or
 * formatted for display (`"$1,234.50"`), the amount is rebuilt from the minor units.
 */
export function amountOf(money: WaveMoney | null | undefined, fallbackCurrency = 'USD'): Amount | undefined {
  if (!money) return undefined;
  const currency = money.currency?.code ?? fallbackCurrency;
  const value = money.value?.trim();
  if (value !== undefined && PLAIN_DECIMAL.test(value.replace(/,/g, ''))) {
    return { amount: toCurrencyDecimal(value, currency), currency };
  }
  const minor = money.minorUnitValue ?? money.raw;
  if (minor !== undefined && minor !== null && /^-?\d+$/.test(String(minor))) {
    return { amount: minorToDecimal(BigInt(String(minor)), currency), currency };
  }
  if (value !== undefined) {
    const stripped = value.replace(/[^\d.-]/g, '');
    if (PLAIN_DECIMAL.test(stripped)) return { amount: toCurrencyDecimal(stripped, currency), currency };
  }
  return undefined;
}

/** Whether an amount is zero (`"0.00"`, `"-0"`). */
export function isZero(amount: Amount | undefined): boolean {
  return amount === undefined || /^-?0+(\.0+)?$/.test(amount.amount);
}

/** Adds amounts per currency, exactly (for page totals). */
export function sumByCurrency(amounts: readonly (Amount | undefined)[]): Amount[] {
  const totals = new Map<string, bigint>();
  for (const a of amounts) {
    if (!a) continue;
    const exponent = exponentOf(a.currency);
    const negative = a.amount.startsWith('-');
    const [whole = '0', frac = ''] = a.amount.replace('-', '').split('.');
    const minor = BigInt(`${whole}${frac.padEnd(exponent, '0').slice(0, exponent)}`);
    totals.set(a.currency, (totals.get(a.currency) ?? 0n) + (negative ? -minor : minor));
  }
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, minor]) => ({ amount: minorToDecimal(minor, currency), currency }));
}
