import { GraphQLError, Kind, type GraphQLSchema, type GraphQLScalarType, type ValueNode } from 'graphql';
import { isDecimal } from '../store/money.js';

interface ScalarRules {
  readonly accepts: (value: string) => boolean;
  readonly expected: string;
  /** Decimal also takes JSON numbers (Wave's `moneyDepositTransactionCreate` uses floats). */
  readonly numbers: boolean;
}

const RULES: Readonly<Record<string, ScalarRules>> = {
  Date: {
    accepts: (v) =>
      /^\d{4}-\d{2}-\d{2}$/.test(v) &&
      !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
      new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    expected: 'a date as YYYY-MM-DD',
    numbers: false,
  },
  DateTime: {
    accepts: (v) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(v) &&
      !Number.isNaN(Date.parse(v)),
    expected: 'an ISO-8601 date-time',
    numbers: false,
  },
  Decimal: { accepts: isDecimal, expected: 'a decimal string such as "150.00"', numbers: true },
};

function coerce(name: string, rules: ScalarRules, value: unknown): string {
  if (rules.numbers && typeof value === 'number' && Number.isFinite(value)) {
    const text = String(value);
    if (rules.accepts(text)) return text;
  }
  if (typeof value === 'string' && rules.accepts(value.trim())) return value.trim();
  throw new GraphQLError(`${name} cannot represent ${JSON.stringify(value)}: expected ${rules.expected}.`);
}

function literal(node: ValueNode): unknown {
  if (node.kind === Kind.STRING) return node.value;
  if (node.kind === Kind.INT || node.kind === Kind.FLOAT) return Number(node.value);
  return undefined;
}

/** Gives the SDL's custom scalars (Date, DateTime, Decimal) real input validation. */
export function installScalars(schema: GraphQLSchema): void {
  for (const [name, rules] of Object.entries(RULES)) {
    const type = schema.getType(name) as GraphQLScalarType | undefined;
    if (!type) throw new Error(`schema has no scalar ${name}`);
    type.parseValue = (value: unknown) => coerce(name, rules, value);
    type.parseLiteral = (node: ValueNode) => coerce(name, rules, literal(node));
    type.serialize = (value: unknown) => (typeof value === 'string' ? value : String(value));
  }
}
