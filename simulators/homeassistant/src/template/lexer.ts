import { TemplateError } from './values.js';

export type TokenType =
  | 'data'
  | 'variable_begin'
  | 'variable_end'
  | 'block_begin'
  | 'block_end'
  | 'name'
  | 'integer'
  | 'float'
  | 'string'
  | 'operator'
  | 'eof';

export interface Token {
  type: TokenType;
  value: string;
  pos: number;
}

const OPERATORS = [
  '//',
  '**',
  '==',
  '!=',
  '<=',
  '>=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '~',
  '<',
  '>',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '.',
  ':',
  '|',
  '=',
];
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

export const syntaxError = (msg: string): TemplateError => new TemplateError('TemplateSyntaxError', msg);

/** Jinja's `describe_token`, used in its syntax error messages. */
export function describe(t: Token): string {
  switch (t.type) {
    case 'variable_end':
      return 'end of print statement';
    case 'block_end':
      return 'end of statement block';
    case 'eof':
      return 'end of template';
    case 'data':
      return 'template data / text';
    case 'block_begin':
    case 'variable_begin':
    case 'float':
    case 'integer':
    case 'name':
    case 'operator':
    case 'string':
      return t.value;
  }
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
};

function readString(src: string, start: number): { value: string; end: number } {
  const quote = src[start];
  let out = '';
  let i = start + 1;
  while (i < src.length && src[i] !== quote) {
    if (src[i] === '\\' && i + 1 < src.length) {
      const next = src[i + 1] ?? '';
      out += ESCAPES[next] ?? `\\${next}`;
      i += 2;
    } else {
      out += src[i];
      i++;
    }
  }
  if (i >= src.length) throw syntaxError('unexpected end of string');
  return { value: out, end: i + 1 };
}

/**
 * Split a template into text and `{{ }}` / `{% %}` token runs, honouring `-` whitespace control and
 * `{# #}` comments. Like Jinja's default environment, one trailing newline is dropped.
 */
export function tokenize(srcIn: string): Token[] {
  const src = srcIn.endsWith('\n') ? srcIn.slice(0, -1) : srcIn;
  const tokens: Token[] = [];
  let pos = 0;
  let stripNext = false;
  const pushData = (text: string, at: number, stripRight: boolean): void => {
    let t = stripNext ? text.replace(/^\s+/, '') : text;
    if (stripRight) t = t.replace(/\s+$/, '');
    if (t) tokens.push({ type: 'data', value: t, pos: at });
  };
  while (pos < src.length) {
    const m = /\{\{|\{%|\{#/.exec(src.slice(pos));
    if (!m) {
      pushData(src.slice(pos), pos, false);
      break;
    }
    const open = pos + m.index;
    const stripLeft = src[open + 2] === '-';
    pushData(src.slice(pos, open), pos, stripLeft);
    stripNext = false;
    const kind = m[0];
    let i = open + 2 + (stripLeft ? 1 : 0);
    if (kind === '{#') {
      const close = src.indexOf('#}', i);
      if (close < 0) throw syntaxError('Missing end of comment tag');
      stripNext = src[close - 1] === '-';
      pos = close + 2;
      continue;
    }
    const isVar = kind === '{{';
    const endMark = isVar ? '}}' : '%}';
    tokens.push({ type: isVar ? 'variable_begin' : 'block_begin', value: kind, pos: open });
    const stack: string[] = [];
    for (;;) {
      while (i < src.length && /\s/.test(src[i] ?? '')) i++;
      if (i >= src.length)
        throw syntaxError(
          `unexpected end of template, expected '${isVar ? 'end of print statement' : 'end of statement block'}'.`,
        );
      if (stack.length === 0 && (src.startsWith(endMark, i) || src.startsWith(`-${endMark}`, i))) {
        stripNext = src[i] === '-';
        i += stripNext ? 3 : 2;
        tokens.push({ type: isVar ? 'variable_end' : 'block_end', value: endMark, pos: i });
        break;
      }
      const ch = src[i] ?? '';
      const rest = src.slice(i);
      let mm: RegExpExecArray | null;
      if (ch === "'" || ch === '"') {
        const s = readString(src, i);
        tokens.push({ type: 'string', value: s.value, pos: i });
        i = s.end;
      } else if ((mm = /^\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d+)?/.exec(rest))) {
        const text = mm[0].replace(/_/g, '');
        tokens.push({ type: mm[1] || mm[2] ? 'float' : 'integer', value: text, pos: i });
        i += mm[0].length;
      } else if ((mm = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest))) {
        tokens.push({ type: 'name', value: mm[0], pos: i });
        i += mm[0].length;
      } else {
        const op = OPERATORS.find((o) => rest.startsWith(o));
        if (!op) throw syntaxError(`unexpected char ${JSON.stringify(ch).replace(/^"|"$/g, "'")} at ${i}`);
        if (op === '(' || op === '[' || op === '{') stack.push(op);
        const opener = CLOSERS[op];
        if (opener !== undefined) {
          if (stack.pop() !== opener) throw syntaxError(`unexpected '${op}'`);
        }
        tokens.push({ type: 'operator', value: op, pos: i });
        i += op.length;
      }
    }
    pos = i;
  }
  tokens.push({ type: 'eof', value: '', pos: src.length });
  return tokens;
}
