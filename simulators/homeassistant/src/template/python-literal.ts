/**
 * HA's `_parse_result` for templates rendered with `parse_result=True` (WS `render_template`):
 * `ast.literal_eval` the output and keep numbers, booleans, None, lists and dicts, but leave strings,
 * numbers with leading zeros and exponent forms as the original text.
 */
const IS_NUMERIC = /^[+-]?(?!0\d)\d*(?:\.\d*)?$/;

class LiteralParser {
  private i = 0;

  constructor(private readonly s: string) {}

  private ws(): void {
    while (/\s/.test(this.s[this.i] ?? '')) this.i++;
  }

  parseAll(): unknown {
    const v = this.value();
    this.ws();
    if (this.i !== this.s.length) throw new Error('trailing');
    return v;
  }

  private value(): unknown {
    this.ws();
    const c = this.s[this.i];
    if (c === '[' || c === '(') return this.seq(c === '[' ? ']' : ')');
    if (c === '{') return this.dict();
    if (c === "'" || c === '"') return this.string();
    const rest = this.s.slice(this.i);
    const word = /^(True|False|None)\b/.exec(rest);
    if (word) {
      this.i += word[0].length;
      return word[0] === 'True' ? true : word[0] === 'False' ? false : null;
    }
    const num = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    if (num) {
      this.i += num[0].length;
      return Number(num[0]);
    }
    throw new Error('not a literal');
  }

  private seq(close: string): unknown[] {
    this.i++;
    const out: unknown[] = [];
    for (;;) {
      this.ws();
      if (this.s[this.i] === close) {
        this.i++;
        return out;
      }
      out.push(this.value());
      this.ws();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== close) throw new Error('bad sequence');
    }
  }

  private dict(): Record<string, unknown> {
    this.i++;
    const out: Record<string, unknown> = {};
    for (;;) {
      this.ws();
      if (this.s[this.i] === '}') {
        this.i++;
        return out;
      }
      const key = this.value();
      this.ws();
      if (this.s[this.i] !== ':') throw new Error('bad dict');
      this.i++;
      out[String(key)] = this.value();
      this.ws();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== '}') throw new Error('bad dict');
    }
  }

  private string(): string {
    const quote = this.s[this.i];
    this.i++;
    let out = '';
    while (this.i < this.s.length && this.s[this.i] !== quote) {
      if (this.s[this.i] === '\\') {
        const n = this.s[this.i + 1] ?? '';
        out += n === 'n' ? '\n' : n === 't' ? '\t' : n;
        this.i += 2;
      } else out += this.s[this.i++];
    }
    if (this.s[this.i] !== quote) throw new Error('unterminated');
    this.i++;
    return out;
  }
}

export function parseResult(rendered: string): unknown {
  let value: unknown;
  try {
    value = new LiteralParser(rendered).parseAll();
  } catch {
    return rendered;
  }
  if (typeof value === 'string') return rendered;
  if (typeof value === 'number' && !IS_NUMERIC.test(rendered.trim())) return rendered;
  return value;
}
