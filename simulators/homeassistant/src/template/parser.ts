import type { Expr, Node } from './ast.js';
import { describe, syntaxError, tokenize, type Token } from './lexer.js';
import { PyFloat } from './values.js';

const COMPARE_OPS = new Set(['==', '!=', '<', '>', '<=', '>=']);
/** Names that end a bare test argument (`x is divisibleby 3 and ...`). */
const STOP_WORDS = new Set(['and', 'or', 'else', 'if', 'in', 'is', 'not']);
const END_TAGS: Record<string, string[]> = { if: ['elif', 'else', 'endif'], for: ['else', 'endfor'] };

/** Recursive-descent parser following Jinja's precedence (`jinja2/parser.py`). */
class Parser {
  private i = 0;
  /** Open blocks, innermost last, for Jinja's "was looking for" messages. */
  private readonly blocks: string[] = [];

  constructor(private readonly tokens: Token[]) {}

  private get cur(): Token {
    return this.tokens[this.i] ?? { type: 'eof', value: '', pos: 0 };
  }

  private next(): Token {
    const t = this.cur;
    this.i++;
    return t;
  }

  private isOp(value: string): boolean {
    return this.cur.type === 'operator' && this.cur.value === value;
  }

  private isName(value: string): boolean {
    return this.cur.type === 'name' && this.cur.value === value;
  }

  private skipOp(value: string): boolean {
    if (!this.isOp(value)) return false;
    this.i++;
    return true;
  }

  private skipName(value: string): boolean {
    if (!this.isName(value)) return false;
    this.i++;
    return true;
  }

  private expectOp(value: string): void {
    if (!this.skipOp(value)) throw syntaxError(`expected token '${value}', got '${describe(this.cur)}'`);
  }

  private expect(type: Token['type'], what: string): Token {
    if (this.cur.type !== type) throw syntaxError(`expected token '${what}', got '${describe(this.cur)}'`);
    return this.next();
  }

  private expectName(): string {
    if (this.cur.type !== 'name') throw syntaxError(`expected token 'name', got '${describe(this.cur)}'`);
    return this.next().value;
  }

  parseTemplate(): Node[] {
    const body = this.parseBody([]);
    if (this.cur.type !== 'eof') throw syntaxError(`unexpected '${describe(this.cur)}'`);
    return body;
  }

  /** Nodes until one of `endTags` opens the next block tag (left unconsumed). */
  private parseBody(endTags: string[]): Node[] {
    const body: Node[] = [];
    for (;;) {
      const t = this.cur;
      if (t.type === 'eof') {
        if (endTags.length) throw this.unclosedError();
        return body;
      }
      if (t.type === 'data') {
        body.push({ t: 'text', text: this.next().value });
      } else if (t.type === 'variable_begin') {
        this.next();
        body.push({ t: 'output', expr: this.parseExpression() });
        this.expect('variable_end', 'end of print statement');
      } else {
        this.next();
        const tag = this.cur.type === 'name' ? this.cur.value : '';
        if (endTags.includes(tag)) {
          this.i--;
          return body;
        }
        body.push(this.parseStatement(tag));
      }
    }
  }

  private unclosedError(): Error {
    const inner = this.blocks[this.blocks.length - 1] ?? '';
    const looking = (END_TAGS[inner] ?? []).map((x) => `'${x}'`).join(' or ');
    return syntaxError(
      `Unexpected end of template. Jinja was looking for the following tags: ${looking}. The innermost block that needs to be closed is '${inner}'.`,
    );
  }

  private parseStatement(tag: string): Node {
    if (tag === 'if') return this.parseIf();
    if (tag === 'for') return this.parseFor();
    if (tag === 'set') return this.parseSet();
    const inner = this.blocks[this.blocks.length - 1];
    const tail = inner
      ? ` Jinja was looking for the following tags: ${(END_TAGS[inner] ?? []).map((x) => `'${x}'`).join(' or ')}. The innermost block that needs to be closed is '${inner}'.`
      : '';
    if (!tag) throw syntaxError(`expected token 'name', got '${describe(this.cur)}'`);
    throw syntaxError(`Encountered unknown tag '${tag}'.${tail}`);
  }

  /** After `{% tag` has been read as `tag`, consume the block's `%}`. */
  private endBlock(): void {
    this.expect('block_end', 'end of statement block');
  }

  /** Consume `{% name` for a continuation/end tag of the current block. */
  private enterTag(name: string): void {
    this.expect('block_begin', 'begin of statement block');
    if (this.expectName() !== name) throw syntaxError(`expected '${name}'`);
  }

  private parseIf(): Node {
    this.next();
    this.blocks.push('if');
    const branches: { test: Expr; body: Node[] }[] = [];
    let test = this.parseExpression();
    let elseBody: Node[] | null = null;
    for (;;) {
      this.skipOp(':');
      this.endBlock();
      const body = this.parseBody(['elif', 'else', 'endif']);
      branches.push({ test, body });
      this.expect('block_begin', 'begin of statement block');
      const tag = this.next().value;
      if (tag === 'elif') {
        test = this.parseExpression();
        continue;
      }
      if (tag === 'else') {
        this.skipOp(':');
        this.endBlock();
        elseBody = this.parseBody(['endif']);
        this.enterTag('endif');
      }
      this.endBlock();
      break;
    }
    this.blocks.pop();
    return { t: 'if', branches, else: elseBody };
  }

  private parseFor(): Node {
    this.next();
    this.blocks.push('for');
    const targets = [this.expectName()];
    while (this.skipOp(',')) targets.push(this.expectName());
    if (!this.skipName('in')) throw syntaxError(`expected token 'in', got '${describe(this.cur)}'`);
    const iter = this.parseOr();
    const filter = this.skipName('if') ? this.parseExpression() : null;
    this.endBlock();
    const body = this.parseBody(['else', 'endfor']);
    let elseBody: Node[] | null = null;
    this.expect('block_begin', 'begin of statement block');
    if (this.next().value === 'else') {
      this.endBlock();
      elseBody = this.parseBody(['endfor']);
      this.enterTag('endfor');
    }
    this.endBlock();
    this.blocks.pop();
    return { t: 'for', targets, iter, filter, body, else: elseBody };
  }

  private parseSet(): Node {
    this.next();
    const target = this.expectName();
    const attr = this.skipOp('.') ? this.expectName() : null;
    this.expectOp('=');
    const value = this.parseExpression();
    this.endBlock();
    return { t: 'set', target, attr, value };
  }

  parseExpression(): Expr {
    let expr = this.parseOr();
    while (this.skipName('if')) {
      const test = this.parseOr();
      const otherwise = this.skipName('else') ? this.parseExpression() : null;
      expr = { t: 'cond', test, then: expr, else: otherwise };
    }
    return expr;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.skipName('or')) left = { t: 'or', left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.skipName('and')) left = { t: 'and', left, right: this.parseNot() };
    return left;
  }

  private parseNot(): Expr {
    if (this.skipName('not')) return { t: 'not', value: this.parseNot() };
    return this.parseCompare();
  }

  private parseCompare(): Expr {
    const first = this.parseMath1();
    const ops: [string, Expr][] = [];
    for (;;) {
      if (this.cur.type === 'operator' && COMPARE_OPS.has(this.cur.value)) {
        const op = this.next().value;
        ops.push([op, this.parseMath1()]);
      } else if (this.skipName('in')) {
        ops.push(['in', this.parseMath1()]);
      } else if (this.isName('not') && this.tokens[this.i + 1]?.value === 'in') {
        this.i += 2;
        ops.push(['notin', this.parseMath1()]);
      } else break;
    }
    return ops.length ? { t: 'compare', first, ops } : first;
  }

  private parseMath1(): Expr {
    let left = this.parseConcat();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().value;
      left = { t: 'binop', op, left, right: this.parseConcat() };
    }
    return left;
  }

  private parseConcat(): Expr {
    let left = this.parseMath2();
    while (this.skipOp('~')) left = { t: 'binop', op: '~', left, right: this.parseMath2() };
    return left;
  }

  private parseMath2(): Expr {
    let left = this.parsePow();
    while (['*', '/', '//', '%'].some((o) => this.isOp(o))) {
      const op = this.next().value;
      left = { t: 'binop', op, left, right: this.parsePow() };
    }
    return left;
  }

  private parsePow(): Expr {
    let left = this.parseUnary();
    while (this.skipOp('**')) left = { t: 'binop', op: '**', left, right: this.parseUnary() };
    return left;
  }

  private parseUnary(withFilter = true): Expr {
    let node: Expr;
    if (this.skipOp('-')) node = { t: 'neg', value: this.parseUnary(false) };
    else if (this.skipOp('+')) node = { t: 'pos', value: this.parseUnary(false) };
    else node = this.parsePostfix(this.parsePrimary());
    return withFilter ? this.parseFilterExpr(node) : node;
  }

  private parsePrimary(): Expr {
    const t = this.cur;
    if (t.type === 'name') {
      this.next();
      if (t.value === 'true' || t.value === 'True') return { t: 'const', value: true };
      if (t.value === 'false' || t.value === 'False') return { t: 'const', value: false };
      if (t.value === 'none' || t.value === 'None') return { t: 'const', value: null };
      return { t: 'name', name: t.value };
    }
    if (t.type === 'string') {
      let s = this.next().value;
      // Adjacent string literals concatenate, as in Python.
      while (this.cur.type === 'string') s += this.next().value;
      return { t: 'const', value: s };
    }
    if (t.type === 'integer') return { t: 'const', value: Number(this.next().value) };
    if (t.type === 'float') return { t: 'const', value: new PyFloat(Number(this.next().value)) };
    if (this.skipOp('(')) {
      if (this.skipOp(')')) return { t: 'list', items: [] };
      const first = this.parseExpression();
      if (!this.isOp(',')) {
        this.expectOp(')');
        return first;
      }
      const items = [first];
      while (this.skipOp(',') && !this.isOp(')')) items.push(this.parseExpression());
      this.expectOp(')');
      return { t: 'list', items };
    }
    if (this.skipOp('[')) {
      const items: Expr[] = [];
      while (!this.isOp(']')) {
        items.push(this.parseExpression());
        if (!this.skipOp(',')) break;
      }
      this.expectOp(']');
      return { t: 'list', items };
    }
    if (this.skipOp('{')) {
      const entries: [Expr, Expr][] = [];
      while (!this.isOp('}')) {
        const key = this.parseExpression();
        this.expectOp(':');
        entries.push([key, this.parseExpression()]);
        if (!this.skipOp(',')) break;
      }
      this.expectOp('}');
      return { t: 'dict', entries };
    }
    throw syntaxError(`unexpected '${describe(t)}'`);
  }

  private parsePostfix(nodeIn: Expr): Expr {
    let node = nodeIn;
    for (;;) {
      if (this.skipOp('.')) {
        const t = this.next();
        if (t.type === 'name') node = { t: 'getattr', obj: node, name: t.value };
        else if (t.type === 'integer')
          node = { t: 'getitem', obj: node, key: { t: 'const', value: Number(t.value) } };
        else throw syntaxError('expected name or number');
      } else if (this.skipOp('[')) {
        node = this.parseSubscript(node);
      } else if (this.isOp('(')) {
        const { args, kwargs } = this.parseCallArgs();
        node = { t: 'call', fn: node, args, kwargs };
      } else return node;
    }
  }

  private parseSubscript(obj: Expr): Expr {
    const part = (): Expr | null => (this.isOp(':') || this.isOp(']') ? null : this.parseExpression());
    const start = part();
    if (!this.skipOp(':')) {
      this.expectOp(']');
      if (!start) throw syntaxError("unexpected ']'");
      return { t: 'getitem', obj, key: start };
    }
    const stop = part();
    const step = this.skipOp(':') ? part() : null;
    this.expectOp(']');
    return { t: 'slice', obj, start, stop, step };
  }

  private parseCallArgs(): { args: Expr[]; kwargs: [string, Expr][] } {
    this.expectOp('(');
    const args: Expr[] = [];
    const kwargs: [string, Expr][] = [];
    while (!this.isOp(')')) {
      if (
        this.cur.type === 'name' &&
        this.tokens[this.i + 1]?.value === '=' &&
        this.tokens[this.i + 1]?.type === 'operator'
      ) {
        const key = this.next().value;
        this.next();
        kwargs.push([key, this.parseExpression()]);
      } else {
        if (kwargs.length) throw syntaxError('invalid syntax for function call expression');
        args.push(this.parseExpression());
      }
      if (!this.skipOp(',')) break;
    }
    this.expectOp(')');
    return { args, kwargs };
  }

  private parseFilterExpr(nodeIn: Expr): Expr {
    let node = nodeIn;
    for (;;) {
      if (this.skipOp('|')) {
        let name = this.expectName();
        while (this.skipOp('.')) name += `.${this.expectName()}`;
        const call = this.isOp('(') ? this.parseCallArgs() : { args: [], kwargs: [] };
        node = { t: 'filter', value: node, name, args: call.args, kwargs: call.kwargs };
        node = this.parsePostfix(node);
      } else if (this.isName('is')) {
        this.next();
        const negate = this.skipName('not');
        const name = this.expectName();
        let args: Expr[] = [];
        if (this.isOp('(')) args = this.parseCallArgs().args;
        else if (
          ['string', 'integer', 'float'].includes(this.cur.type) ||
          (this.cur.type === 'name' && !STOP_WORDS.has(this.cur.value)) ||
          this.isOp('[') ||
          this.isOp('-')
        ) {
          args = [this.parsePostfix(this.parsePrimaryOrNeg())];
        }
        node = { t: 'test', value: node, name, args, negate };
      } else return node;
    }
  }

  private parsePrimaryOrNeg(): Expr {
    if (this.skipOp('-')) return { t: 'neg', value: this.parsePrimary() };
    return this.parsePrimary();
  }
}

export function parseTemplate(source: string): Node[] {
  return new Parser(tokenize(source)).parseTemplate();
}
