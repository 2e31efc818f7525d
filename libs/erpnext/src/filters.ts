import { ToolError } from '@mcp-gateway/connector-kit';

/** The operators of `frappe.model.db_query` (v15). */
export const OPERATORS = [
  '=',
  '!=',
  '>',
  '<',
  '>=',
  '<=',
  'like',
  'not like',
  'in',
  'not in',
  'is',
  'between',
  'timespan',
  'descendants of',
  'ancestors of',
  'not descendants of',
  'not ancestors of',
] as const;

type Condition = unknown[];

/**
 * Checks conditions before they reach ERPNext, so a model gets one clear sentence instead of a SQL error:
 * operators from the list, list values for `in`/`between`, `set`/`not set` for `is`. Object filters pass
 * through (Frappe reads `{"status": "Paid"}` and `{"grand_total": [">", 100]}` itself).
 */
export function checkFilters(filters: unknown, argument: string): unknown {
  if (filters === undefined || !Array.isArray(filters)) return filters;
  (filters as Condition[]).forEach((condition, i) => {
    const [operator, value] =
      condition.length === 4 ? [condition[2], condition[3]] : [condition[1], condition[2]];
    const where = `${argument}[${i}]`;
    if (typeof operator !== 'string' || !(OPERATORS as readonly string[]).includes(operator.toLowerCase())) {
      throw new ToolError(
        `${where}: unknown operator ${JSON.stringify(operator)}; use one of ${OPERATORS.join(', ')}.`,
      );
    }
    const op = operator.toLowerCase();
    if (typeof condition[0] !== 'string' || (condition.length === 4 && typeof condition[1] !== 'string')) {
      throw new ToolError(
        `${where}: write a condition as ["field", "operator", value] or ["Child DocType", "field", "operator", value].`,
      );
    }
    if (op === 'between' && !(Array.isArray(value) && value.length === 2)) {
      throw new ToolError(
        `${where}: "between" takes a list of two values, e.g. ["2026-01-01", "2026-03-31"].`,
      );
    }
    if ((op === 'in' || op === 'not in') && !Array.isArray(value) && typeof value !== 'string') {
      throw new ToolError(`${where}: "${op}" takes a list, e.g. ["Unpaid", "Overdue"].`);
    }
    if (op === 'is' && value !== 'set' && value !== 'not set') {
      throw new ToolError(`${where}: "is" takes "set" or "not set".`);
    }
  });
  return filters;
}
