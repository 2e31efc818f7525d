import type { Expr, Node } from './ast.js';
import { getAttr, getItem, sliceOf } from './access.js';
import {
  Namespace,
  PyFloat,
  PyFunction,
  TemplateError,
  Undefined,
  compare,
  eq,
  isDict,
  isNumber,
  iterate,
  numValue,
  pyType,
  str,
  truthy,
  typeError,
} from './values.js';

export type FilterFn = (
  value: unknown,
  args: unknown[],
  kwargs: Record<string, unknown>,
  env: Environment,
) => unknown;
export type TestFn = (value: unknown, args: unknown[], env: Environment) => boolean;

export interface Environment {
  globals: Record<string, unknown>;
  filters: Record<string, FilterFn>;
  tests: Record<string, TestFn>;
}

export const undefinedError = (u: Undefined): TemplateError => new TemplateError('UndefinedError', u.hint);

/** Jinja-compile-time check: every filter and test used must exist (TemplateAssertionError). */
export function checkNames(nodes: Node[], env: Environment): void {
  const visitExpr = (e: Expr | null): void => {
    if (!e) return;
    switch (e.t) {
      case 'filter':
        if (!(e.name in env.filters))
          throw new TemplateError('TemplateAssertionError', `No filter named '${e.name}'.`);
        visitExpr(e.value);
        e.args.forEach(visitExpr);
        e.kwargs.forEach(([, v]) => visitExpr(v));
        return;
      case 'test':
        if (!(e.name in env.tests))
          throw new TemplateError('TemplateAssertionError', `No test named '${e.name}'.`);
        visitExpr(e.value);
        e.args.forEach(visitExpr);
        return;
      case 'list':
        e.items.forEach(visitExpr);
        return;
      case 'dict':
        e.entries.forEach(([k, v]) => (visitExpr(k), visitExpr(v)));
        return;
      case 'getattr':
        return visitExpr(e.obj);
      case 'getitem':
        visitExpr(e.obj);
        return visitExpr(e.key);
      case 'slice':
        [e.obj, e.start, e.stop, e.step].forEach(visitExpr);
        return;
      case 'call':
        visitExpr(e.fn);
        e.args.forEach(visitExpr);
        e.kwargs.forEach(([, v]) => visitExpr(v));
        return;
      case 'binop':
      case 'and':
      case 'or':
        visitExpr(e.left);
        return visitExpr(e.right);
      case 'compare':
        visitExpr(e.first);
        e.ops.forEach(([, v]) => visitExpr(v));
        return;
      case 'not':
      case 'neg':
      case 'pos':
        return visitExpr(e.value);
      case 'cond':
        [e.test, e.then, e.else].forEach(visitExpr);
        return;
      case 'const':
      case 'name':
        return;
    }
  };
  const visit = (n: Node): void => {
    if (n.t === 'output') visitExpr(n.expr);
    else if (n.t === 'set') visitExpr(n.value);
    else if (n.t === 'if') {
      n.branches.forEach((b) => (visitExpr(b.test), b.body.forEach(visit)));
      n.else?.forEach(visit);
    } else if (n.t === 'for') {
      visitExpr(n.iter);
      visitExpr(n.filter);
      n.body.forEach(visit);
      n.else?.forEach(visit);
    }
  };
  nodes.forEach(visit);
}

function arith(op: string, a: unknown, b: unknown): unknown {
  if (op === '~') return str(a) + str(b);
  if (a instanceof Undefined) throw undefinedError(a);
  if (b instanceof Undefined) throw undefinedError(b);
  const an = typeof a === 'boolean' ? Number(a) : a;
  const bn = typeof b === 'boolean' ? Number(b) : b;
  if (isNumber(an) && isNumber(bn)) {
    const x = numValue(an);
    const y = numValue(bn);
    const float = an instanceof PyFloat || bn instanceof PyFloat;
    const wrap = (v: number): unknown => (float ? new PyFloat(v) : v);
    switch (op) {
      case '+':
        return wrap(x + y);
      case '-':
        return wrap(x - y);
      case '*':
        return wrap(x * y);
      case '/':
        if (y === 0) throw new TemplateError('ZeroDivisionError', 'division by zero');
        return new PyFloat(x / y);
      case '//':
        if (y === 0) throw new TemplateError('ZeroDivisionError', 'integer division or modulo by zero');
        return wrap(Math.floor(x / y));
      case '%':
        if (y === 0) throw new TemplateError('ZeroDivisionError', 'integer modulo by zero');
        return wrap(((x % y) + y) % y);
      case '**':
        return float || y < 0 ? new PyFloat(x ** y) : x ** y;
    }
  }
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
  if (op === '+' && Array.isArray(a) && Array.isArray(b)) return [...(a as unknown[]), ...(b as unknown[])];
  if (op === '*' && typeof a === 'string' && typeof b === 'number') return a.repeat(Math.max(0, b));
  if (op === '*' && Array.isArray(a) && typeof b === 'number') {
    return Array.from({ length: Math.max(0, b) }, () => a as unknown[]).flat();
  }
  if (op === '+' && typeof a === 'string')
    throw typeError(`can only concatenate str (not "${pyType(b)}") to str`);
  throw typeError(`unsupported operand type(s) for ${op}: '${pyType(a)}' and '${pyType(b)}'`);
}

function contains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string')
      throw typeError(`'in <string>' requires string as left operand, not ${pyType(item)}`);
    return container.includes(item);
  }
  if (isDict(container)) return typeof item === 'string' && item in container;
  return iterate(container).some((x) => eq(x, item));
}

class Scope {
  private readonly vars = new Map<string, unknown>();

  constructor(private readonly parent: Scope | null) {}

  lookup(name: string): unknown {
    if (this.vars.has(name)) return this.vars.get(name);
    return this.parent ? this.parent.lookup(name) : new Undefined(`'${name}' is undefined`);
  }

  set(name: string, value: unknown): void {
    this.vars.set(name, value);
  }

  child(): Scope {
    return new Scope(this);
  }
}

/** `loop` inside `{% for %}`. */
function loopObject(index0: number, len: number): unknown {
  const attrs: Record<string, unknown> = {
    index: index0 + 1,
    index0,
    first: index0 === 0,
    last: index0 === len - 1,
    length: len,
    revindex: len - index0,
    revindex0: len - index0 - 1,
  };
  return {
    pyType: 'LoopContext',
    getAttr: (name: string) =>
      name in attrs ? attrs[name] : new Undefined(`'LoopContext object' has no attribute '${name}'`),
    str: () => `<LoopContext ${index0 + 1}/${len}>`,
  };
}

export class Evaluator {
  constructor(private readonly env: Environment) {}

  render(nodes: Node[], variables: Record<string, unknown>): string {
    const root = new Scope(null);
    for (const [k, v] of Object.entries(this.env.globals)) root.set(k, v);
    const scope = root.child();
    for (const [k, v] of Object.entries(variables)) scope.set(k, v);
    const out: string[] = [];
    this.exec(nodes, scope, out);
    return out.join('');
  }

  private exec(nodes: Node[], scope: Scope, out: string[]): void {
    for (const n of nodes) {
      switch (n.t) {
        case 'text':
          out.push(n.text);
          break;
        case 'output':
          out.push(str(this.eval(n.expr, scope)));
          break;
        case 'set': {
          const value = this.eval(n.value, scope);
          if (n.attr === null) scope.set(n.target, value);
          else {
            const ns = scope.lookup(n.target);
            if (!(ns instanceof Namespace))
              throw new TemplateError(
                'TemplateRuntimeError',
                'cannot assign attribute on non-namespace object',
              );
            ns.attrs[n.attr] = value;
          }
          break;
        }
        case 'if': {
          const branch = n.branches.find((b) => truthy(this.eval(b.test, scope)));
          if (branch) this.exec(branch.body, scope, out);
          else if (n.else) this.exec(n.else, scope, out);
          break;
        }
        case 'for':
          this.execFor(n, scope, out);
          break;
      }
    }
  }

  private execFor(n: Extract<Node, { t: 'for' }>, scope: Scope, out: string[]): void {
    const bind = (s: Scope, item: unknown): void => {
      if (n.targets.length === 1) s.set(n.targets[0] ?? '_', item);
      else {
        const parts = iterate(item);
        if (parts.length !== n.targets.length)
          throw new TemplateError(
            'ValueError',
            `not enough values to unpack (expected ${n.targets.length}, got ${parts.length})`,
          );
        n.targets.forEach((t, i) => s.set(t, parts[i]));
      }
    };
    let items = iterate(this.eval(n.iter, scope));
    if (n.filter) {
      const f = n.filter;
      items = items.filter((item) => {
        const s = scope.child();
        bind(s, item);
        return truthy(this.eval(f, s));
      });
    }
    if (!items.length) {
      if (n.else) this.exec(n.else, scope.child(), out);
      return;
    }
    items.forEach((item, i) => {
      const s = scope.child();
      bind(s, item);
      s.set('loop', loopObject(i, items.length));
      this.exec(n.body, s, out);
    });
  }

  eval(e: Expr, scope: Scope): unknown {
    switch (e.t) {
      case 'const':
        return e.value;
      case 'name':
        return scope.lookup(e.name);
      case 'list':
        return e.items.map((x) => this.eval(x, scope));
      case 'dict': {
        const out: Record<string, unknown> = {};
        for (const [k, v] of e.entries) out[str(this.eval(k, scope))] = this.eval(v, scope);
        return out;
      }
      case 'getattr':
        return getAttr(this.eval(e.obj, scope), e.name);
      case 'getitem':
        return getItem(this.eval(e.obj, scope), this.eval(e.key, scope));
      case 'slice':
        return sliceOf(
          this.eval(e.obj, scope),
          ...([e.start, e.stop, e.step].map((x) => (x ? this.eval(x, scope) : null)) as [
            unknown,
            unknown,
            unknown,
          ]),
        );
      case 'call': {
        const fn = this.eval(e.fn, scope);
        if (fn instanceof Undefined) throw undefinedError(fn);
        if (!(fn instanceof PyFunction)) throw typeError(`'${pyType(fn)}' object is not callable`);
        return fn.fn(
          e.args.map((a) => this.eval(a, scope)),
          Object.fromEntries(e.kwargs.map(([k, v]) => [k, this.eval(v, scope)])),
        );
      }
      case 'filter': {
        const filter = this.env.filters[e.name];
        if (!filter) throw new TemplateError('TemplateAssertionError', `No filter named '${e.name}'.`);
        return filter(
          this.eval(e.value, scope),
          e.args.map((a) => this.eval(a, scope)),
          Object.fromEntries(e.kwargs.map(([k, v]) => [k, this.eval(v, scope)])),
          this.env,
        );
      }
      case 'test': {
        const test = this.env.tests[e.name];
        if (!test) throw new TemplateError('TemplateAssertionError', `No test named '${e.name}'.`);
        const r = test(
          this.eval(e.value, scope),
          e.args.map((a) => this.eval(a, scope)),
          this.env,
        );
        return e.negate ? !r : r;
      }
      case 'binop':
        return arith(e.op, this.eval(e.left, scope), this.eval(e.right, scope));
      case 'compare':
        return this.evalCompare(e, scope);
      case 'and': {
        const left = this.eval(e.left, scope);
        return truthy(left) ? this.eval(e.right, scope) : left;
      }
      case 'or': {
        const left = this.eval(e.left, scope);
        return truthy(left) ? left : this.eval(e.right, scope);
      }
      case 'not':
        return !truthy(this.eval(e.value, scope));
      case 'neg':
      case 'pos': {
        const v = this.eval(e.value, scope);
        if (v instanceof Undefined) throw undefinedError(v);
        if (!isNumber(v))
          throw typeError(`bad operand type for unary ${e.t === 'neg' ? '-' : '+'}: '${pyType(v)}'`);
        if (e.t === 'pos') return v;
        return v instanceof PyFloat ? new PyFloat(-v.v) : -v;
      }
      case 'cond':
        if (truthy(this.eval(e.test, scope))) return this.eval(e.then, scope);
        return e.else
          ? this.eval(e.else, scope)
          : new Undefined(
              'the inline if-expression on line 1 evaluated to false and no else section was defined.',
            );
    }
  }

  private evalCompare(e: Extract<Expr, { t: 'compare' }>, scope: Scope): boolean {
    let left = this.eval(e.first, scope);
    for (const [op, rightExpr] of e.ops) {
      const right = this.eval(rightExpr, scope);
      let ok: boolean;
      if (op === '==') ok = eq(left, right);
      else if (op === '!=') ok = !eq(left, right);
      else if (op === 'in') ok = contains(right, left);
      else if (op === 'notin') ok = !contains(right, left);
      else {
        if (left instanceof Undefined) throw undefinedError(left);
        if (right instanceof Undefined) throw undefinedError(right);
        const c = compare(left, right, op);
        ok = op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
      }
      if (!ok) return false;
      left = right;
    }
    return true;
  }
}
