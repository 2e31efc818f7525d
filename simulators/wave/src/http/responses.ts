export interface SimResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
  };
}

/** Errors Wave's edge answers before GraphQL runs (auth, rate limits, bad HTTP), GraphQL-shaped. */
export function edgeError(
  status: number,
  message: string,
  code: string,
  headers: Record<string, string> = {},
): SimResponse {
  return json(status, { errors: [{ message, extensions: { code } }] }, headers);
}
