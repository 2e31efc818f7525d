/** ISO 4217 currencies the simulator knows, with their minor-unit exponent. */
export interface CurrencyInfo {
  readonly code: string;
  readonly symbol: string;
  readonly name: string;
  readonly plural: string;
  readonly exponent: number;
}

const TABLE: readonly CurrencyInfo[] = [
  ['AED', 'AED', 'UAE dirham', 'UAE dirhams', 2],
  ['AUD', '$', 'Australian dollar', 'Australian dollars', 2],
  ['BRL', 'R$', 'Brazilian real', 'Brazilian reals', 2],
  ['CAD', '$', 'Canadian dollar', 'Canadian dollars', 2],
  ['CHF', 'CHF', 'Swiss franc', 'Swiss francs', 2],
  ['CNY', '¥', 'Chinese yuan', 'Chinese yuan', 2],
  ['CZK', 'Kč', 'Czech koruna', 'Czech korunas', 2],
  ['DKK', 'kr', 'Danish krone', 'Danish kroner', 2],
  ['EUR', '€', 'Euro', 'Euros', 2],
  ['GBP', '£', 'Pound sterling', 'Pounds sterling', 2],
  ['HKD', '$', 'Hong Kong dollar', 'Hong Kong dollars', 2],
  ['INR', '₹', 'Indian rupee', 'Indian rupees', 2],
  ['JPY', '¥', 'Japanese yen', 'Japanese yen', 0],
  ['KRW', '₩', 'South Korean won', 'South Korean won', 0],
  ['MXN', '$', 'Mexican peso', 'Mexican pesos', 2],
  ['NOK', 'kr', 'Norwegian krone', 'Norwegian kroner', 2],
  ['NZD', '$', 'New Zealand dollar', 'New Zealand dollars', 2],
  ['PLN', 'zł', 'Polish zloty', 'Polish zlotys', 2],
  ['SEK', 'kr', 'Swedish krona', 'Swedish kronor', 2],
  ['SGD', '$', 'Singapore dollar', 'Singapore dollars', 2],
  ['USD', '$', 'United States dollar', 'United States dollars', 2],
  ['ZAR', 'R', 'South African rand', 'South African rand', 2],
].map(([code, symbol, name, plural, exponent]) => ({
  code: code as string,
  symbol: symbol as string,
  name: name as string,
  plural: plural as string,
  exponent: exponent as number,
}));

export const CURRENCIES: ReadonlyMap<string, CurrencyInfo> = new Map(TABLE.map((c) => [c.code, c]));

export function currency(code: string): CurrencyInfo {
  const found = CURRENCIES.get(code);
  if (!found) throw new Error(`unknown currency ${code}`);
  return found;
}

/** Decimal inputs are kept as integers of millionths, so sums and products stay exact. */
export const MICRO = 1_000_000n;
const DECIMAL = /^(-)?(\d{1,15})(?:\.(\d{1,6}))?$/;

export function isDecimal(text: string): boolean {
  return DECIMAL.test(text);
}

/** `"150.5"` → 150_500_000n; undefined when the text is not a decimal with at most 6 places. */
export function parseMicros(text: string): bigint | undefined {
  const m = DECIMAL.exec(text.trim());
  if (!m) return undefined;
  const whole = BigInt(m[2] ?? '0');
  const frac = BigInt((m[3] ?? '').padEnd(6, '0'));
  const value = whole * MICRO + frac;
  return m[1] ? -value : value;
}

/** Rounds half away from zero, as accounting does. */
export function divRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice < d) return q;
  return n < 0n ? q - 1n : q + 1n;
}

/** Millionths → minor units of the currency (cents), rounded. */
export function microsToMinor(micros: bigint, exponent: number): bigint {
  return divRound(micros * 10n ** BigInt(exponent), MICRO);
}

/** Minor units → millionths. */
export function minorToMicros(minor: bigint, exponent: number): bigint {
  return (minor * MICRO) / 10n ** BigInt(exponent);
}

/** quantity × price in millionths. */
export function multiplyMicros(a: bigint, b: bigint): bigint {
  return divRound(a * b, MICRO);
}

/** 15000n cents → "150.00"; keeps every minor digit, as Wave's `Money.value` does. */
export function formatMinor(minor: bigint, exponent: number): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const digits = abs.toString().padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const frac = exponent === 0 ? '' : `.${digits.slice(-exponent)}`;
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/** Millionths → the shortest decimal string ("150", "0.0825"). */
export function formatMicros(micros: bigint): string {
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  const whole = abs / MICRO;
  const frac = (abs % MICRO).toString().padStart(6, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** The GraphQL `Money` object for an amount in minor units. */
export interface MoneyView {
  readonly raw: number;
  readonly minorUnitValue: string;
  readonly value: string;
  readonly currency: CurrencyInfo;
}

export function money(minor: bigint, code: string): MoneyView {
  const info = currency(code);
  return {
    raw: Number(minor),
    minorUnitValue: minor.toString(),
    value: formatMinor(minor, info.exponent),
    currency: info,
  };
}
