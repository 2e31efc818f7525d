/** Expression and statement nodes of the Jinja subset the simulator renders. */
export type Expr =
  | { t: 'const'; value: unknown }
  | { t: 'name'; name: string }
  | { t: 'list'; items: Expr[] }
  | { t: 'dict'; entries: [Expr, Expr][] }
  | { t: 'getattr'; obj: Expr; name: string }
  | { t: 'getitem'; obj: Expr; key: Expr }
  | { t: 'slice'; obj: Expr; start: Expr | null; stop: Expr | null; step: Expr | null }
  | { t: 'call'; fn: Expr; args: Expr[]; kwargs: [string, Expr][] }
  | { t: 'filter'; value: Expr; name: string; args: Expr[]; kwargs: [string, Expr][] }
  | { t: 'test'; value: Expr; name: string; args: Expr[]; negate: boolean }
  | { t: 'binop'; op: string; left: Expr; right: Expr }
  | { t: 'compare'; first: Expr; ops: [string, Expr][] }
  | { t: 'and' | 'or'; left: Expr; right: Expr }
  | { t: 'not'; value: Expr }
  | { t: 'neg' | 'pos'; value: Expr }
  | { t: 'cond'; test: Expr; then: Expr; else: Expr | null };

export type Node =
  | { t: 'text'; text: string }
  | { t: 'output'; expr: Expr }
  | { t: 'if'; branches: { test: Expr; body: Node[] }[]; else: Node[] | null }
  | { t: 'for'; targets: string[]; iter: Expr; filter: Expr | null; body: Node[]; else: Node[] | null }
  | { t: 'set'; target: string; attr: string | null; value: Expr };
