/**
 * A Caddyfile read as nested blocks of directive lines, enough to check the ingress routing: one directive
 * per line, `{` ending a line opens its block, `}` alone closes it, `#` starts a comment. Not a full parser
 * (no heredocs, no `{` inside quotes), which the gateway's Caddyfile does not need.
 */
export interface CaddyDirective {
  /** The directive's tokens, e.g. `['reverse_proxy', 'mcp-front:8080']`; quotes removed. */
  readonly tokens: readonly string[];
  readonly children: readonly CaddyDirective[];
  readonly line: number;
}

interface OpenBlock {
  readonly tokens: string[];
  readonly children: CaddyDirective[];
  readonly line: number;
}

export function parseCaddyfile(text: string): CaddyDirective[] {
  const root: OpenBlock = { tokens: [], children: [], line: 0 };
  const stack: OpenBlock[] = [root];
  text.split('\n').forEach((raw, index) => {
    const tokens = tokenize(raw);
    const current = stack[stack.length - 1] ?? root;
    if (tokens.length === 0) return;
    if (tokens.length === 1 && tokens[0] === '}') {
      if (stack.length === 1) throw new Error(`Caddyfile line ${index + 1}: unmatched }`);
      stack.pop();
      return;
    }
    const opens = tokens[tokens.length - 1] === '{';
    const directive: OpenBlock = {
      tokens: opens ? tokens.slice(0, -1) : tokens,
      children: [],
      line: index + 1,
    };
    current.children.push(directive);
    if (opens) stack.push(directive);
  });
  if (stack.length !== 1) throw new Error('Caddyfile: unclosed {');
  return root.children;
}

function tokenize(line: string): string[] {
  const tokens: string[] = [];
  for (const match of line.matchAll(/"([^"]*)"|(\S+)/g)) {
    const token = match[1] ?? match[2] ?? '';
    if (match[2]?.startsWith('#')) break;
    tokens.push(token);
  }
  return tokens;
}

/** The first directive named `name` among `directives`, or undefined. */
export function findDirective(
  directives: readonly CaddyDirective[],
  name: string,
): CaddyDirective | undefined {
  return directives.find((directive) => directive.tokens[0] === name);
}

/** Caddy's path matcher: exact, or `*` matching any run of characters. */
export function pathMatches(pattern: string, path: string): boolean {
  const regex = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${regex}$`).test(path);
}

/** Caddy durations such as `500ms`, `10s`, `11m`, `1h`, in milliseconds. */
export function durationMs(value: string): number {
  const match = /^(\d+)(ms|s|m|h)$/.exec(value);
  if (!match) throw new Error(`not a Caddy duration: ${value}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
}
