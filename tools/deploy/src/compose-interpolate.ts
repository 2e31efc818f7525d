/**
 * Compose's variable interpolation and `.env` reading, enough to check docker-compose.yml with the values
 * .env.example documents. Spec: https://docs.docker.com/reference/compose-file/interpolation/
 */

export type EnvValues = ReadonlyMap<string, string>;

/**
 * `KEY=VALUE` lines as Compose reads `.env`: `#` starts a comment line, an unquoted value ends at ` #`,
 * single or double quotes around a value are removed.
 */
export function parseEnvFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    const [, name = '', raw = ''] = match;
    values.set(name, envValue(raw.trim()));
  }
  return values;
}

function envValue(raw: string): string {
  const quoted = /^(['"])(.*)\1$/.exec(raw);
  if (quoted) return quoted[2] ?? '';
  return raw.replace(/\s+#.*$/, '');
}

/** Every variable a string reads, including those inside defaults; `$$` is a literal `$`. */
export function referencedVariables(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.replaceAll('$$', '').matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    if (match[1]) names.add(match[1]);
  }
  return names;
}

/** Interpolates every string value of a parsed document (map keys are left alone, as Compose does). */
export function interpolateDocument(value: unknown, env: EnvValues): unknown {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((item) => interpolateDocument(item, env));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateDocument(item, env)]),
    );
  }
  return value;
}

/**
 * `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`,
 * `${VAR+alt}`, `$VAR` and `$$`. Defaults and alternatives may hold further variables. A required variable
 * that is missing throws, as `docker compose` refuses to start.
 */
export function interpolate(text: string, env: EnvValues): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    const next = text[i + 1];
    if (char !== '$') {
      out += char;
      i += 1;
    } else if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const end = closingBrace(text, i + 2);
      out += substitute(text.slice(i + 2, end), env);
      i = end + 1;
    } else {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))?.[0];
      out += name === undefined ? '$' : (env.get(name) ?? '');
      i += 1 + (name?.length ?? 0);
    }
  }
  return out;
}

/** Index of the `}` closing a `${` whose body starts at `start`, skipping nested `${…}`. */
function closingBrace(text: string, start: number): number {
  let depth = 1;
  for (let i = start; i < text.length; i += 1) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth += 1;
      i += 1;
    } else if (text[i] === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  throw new Error(`unclosed \${ in "${text}"`);
}

function substitute(body: string, env: EnvValues): string {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
  if (!match) throw new Error(`invalid interpolation "\${${body}}"`);
  const [, name = '', operator, argument = ''] = match;
  const value = env.get(name);
  const set = value !== undefined;
  const setAndNotEmpty = set && value !== '';
  switch (operator) {
    case undefined:
      return value ?? '';
    case ':-':
      return setAndNotEmpty ? value : interpolate(argument, env);
    case '-':
      return set ? value : interpolate(argument, env);
    case ':?':
    case '?':
      if (operator === ':?' ? setAndNotEmpty : set) return value ?? '';
      throw new Error(`required variable ${name} is missing: ${interpolate(argument, env)}`);
    case ':+':
      return setAndNotEmpty ? interpolate(argument, env) : '';
    case '+':
      return set ? interpolate(argument, env) : '';
    default:
      throw new Error(`invalid interpolation "\${${body}}"`);
  }
}
