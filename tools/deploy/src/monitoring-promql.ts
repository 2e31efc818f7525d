import { parser } from '@prometheus-io/lezer-promql';
import { Metrics } from '@mcp-gateway/observability';
import { Histogram } from 'prom-client';

/**
 * Checks PromQL written for the gateway (alert rules, dashboard panels) against the metrics the services
 * really export. Prometheus accepts a query for a metric that does not exist and answers with nothing, so a
 * renamed metric or label silently empties a panel and mutes an alert; this turns that into a failing test.
 */

/** Every series name a query may select, with the labels its series carry. */
export type MetricCatalog = ReadonlyMap<string, ReadonlySet<string>>;

type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

/** Labels Prometheus attaches to every scraped series (the target's), next to the process's own `service`. */
const TARGET_LABELS = ['job', 'instance'];

/**
 * The catalog of one gateway process, from the same `Metrics` class the services use. A classic histogram
 * is only queryable through its `_bucket` (with `le`), `_sum` and `_count` series, so those replace its name.
 */
export function gatewayMetricCatalog(): MetricCatalog {
  const catalog = new Map<string, ReadonlySet<string>>();
  for (const metric of new Metrics('catalog').registry.getMetricsAsArray()) {
    const labels = [...labelNamesOf(metric), 'service', ...TARGET_LABELS];
    if (metric instanceof Histogram) {
      catalog.set(`${metric.name}_bucket`, new Set([...labels, 'le']));
      catalog.set(`${metric.name}_sum`, new Set(labels));
      catalog.set(`${metric.name}_count`, new Set(labels));
    } else {
      catalog.set(metric.name, new Set(labels));
    }
  }
  // Prometheus' own per-target series: no `service`, which only the processes add to what they export.
  catalog.set('up', new Set(TARGET_LABELS));
  return catalog;
}

/** prom-client keeps the label names on each metric object without declaring them in its typings. */
function labelNamesOf(metric: object): string[] {
  const names: unknown = Reflect.get(metric, 'labelNames');
  return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
}

/**
 * Values a label can take, for labels whose values are a closed set we know (service and job names,
 * connector names): a matcher on any other value selects nothing, just like a misspelt metric.
 */
export type KnownLabelValues = ReadonlyMap<string, readonly string[]>;

/** What is wrong with `expr`, one sentence each; empty when it parses and every name in it exists. */
export function checkPromql(
  expr: string,
  catalog: MetricCatalog,
  values: KnownLabelValues = new Map(),
): string[] {
  const top = parser.parse(expr).topNode;
  const syntax = syntaxErrors(top, expr);
  if (syntax.length > 0) return syntax;
  return [...selectorProblems(top, expr, catalog, values), ...groupingProblems(top, expr, catalog)];
}

/** Whether `expr` aggregates (sum, max, …) or calls absent(): both drop labels of what they read. */
export function aggregates(expr: string): boolean {
  const top = parser.parse(expr).topNode;
  return nodesNamed(top, 'AggregateExpr').length > 0 || nodesNamed(top, 'Absent').length > 0;
}

function syntaxErrors(top: SyntaxNode, expr: string): string[] {
  const errors: string[] = [];
  top.cursor().iterate((node) => {
    if (node.type.isError) errors.push(`syntax error at offset ${node.from}: "${around(expr, node.from)}"`);
  });
  return errors;
}

function around(expr: string, offset: number): string {
  return expr.slice(Math.max(0, offset - 15), offset + 15);
}

function nodesNamed(top: SyntaxNode, name: string): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  top.cursor().iterate((node) => {
    if (node.name === name) found.push(node.node);
  });
  return found;
}

/** One `label op "value"` of a selector. */
interface Matcher {
  readonly label: string;
  readonly op: string;
  readonly value: string;
}

/** A vector selector's metric name and the matchers that filter on labels. */
interface Selector {
  readonly metric: string | undefined;
  readonly matchers: readonly Matcher[];
}

function selectorProblems(
  top: SyntaxNode,
  expr: string,
  catalog: MetricCatalog,
  values: KnownLabelValues,
): string[] {
  const problems: string[] = [];
  for (const node of nodesNamed(top, 'VectorSelector')) {
    const { metric, matchers } = readSelector(node, expr);
    const text = expr.slice(node.from, node.to);
    const known = metric === undefined ? undefined : catalog.get(metric);
    if (metric === undefined) problems.push(`selector ${text} names no metric`);
    else if (known === undefined) problems.push(`unknown metric ${metric} in ${text}`);
    for (const matcher of matchers) {
      if (known && !known.has(matcher.label))
        problems.push(`${metric} has no label ${matcher.label} (in ${text})`);
      else if (!matchesSomeValue(matcher, values))
        problems.push(
          `${matcher.label}${matcher.op}"${matcher.value}" matches no known ${matcher.label} (in ${text})`,
        );
    }
  }
  return problems;
}

/** Negative matchers always leave something; positive ones must select at least one known value. */
function matchesSomeValue({ label, op, value }: Matcher, values: KnownLabelValues): boolean {
  const known = values.get(label);
  if (known === undefined || op === '!=' || op === '!~') return true;
  if (op === '=') return known.includes(value);
  // PromQL regexes are fully anchored RE2; the subset used here behaves the same in JavaScript.
  const pattern = new RegExp(`^(?:${value})$`);
  return known.some((candidate) => pattern.test(candidate));
}

function readSelector(node: SyntaxNode, expr: string): Selector {
  let metric: string | undefined;
  const matchers: Matcher[] = [];
  const text = (n: SyntaxNode): string => expr.slice(n.from, n.to);
  for (let child = node.firstChild; child; child = child.nextSibling) {
    // Newer grammars wrap the name in MetricName, older ones put the Identifier directly here.
    if (child.name === 'Identifier' || child.name === 'MetricName') metric = text(child);
    if (child.name !== 'LabelMatchers') continue;
    for (let matcher = child.firstChild; matcher; matcher = matcher.nextSibling) {
      const label = matcherLabel(matcher, text);
      if (label === undefined) continue;
      // `{"metric"}` (UTF-8 syntax) and `{__name__="metric"}` name the metric rather than filter on a label.
      if (matcher.name === 'QuotedLabelName') metric = label;
      else if (label === '__name__') metric = matcherValue(matcher, text) ?? metric;
      else
        matchers.push({
          label,
          op: optionalText(matcher.getChild('MatchOp'), text) ?? '=',
          value: unquote(optionalText(matcher.getChild('StringLiteral'), text)) ?? '',
        });
    }
  }
  return { metric, matchers };
}

function matcherLabel(matcher: SyntaxNode, text: (n: SyntaxNode) => string): string | undefined {
  switch (matcher.name) {
    case 'UnquotedLabelMatcher':
      return optionalText(matcher.getChild('LabelName'), text);
    case 'QuotedLabelMatcher':
      return unquote(optionalText(matcher.getChild('QuotedLabelName'), text));
    case 'QuotedLabelName':
      return unquote(text(matcher));
    default:
      return undefined;
  }
}

/** The value of an exact `=` matcher: the only one that names a metric. */
function matcherValue(matcher: SyntaxNode, text: (n: SyntaxNode) => string): string | undefined {
  if (matcher.getChild('MatchOp')?.getChild('EqlSingle') == null) return undefined;
  return unquote(optionalText(matcher.getChild('StringLiteral'), text));
}

function optionalText(node: SyntaxNode | null, text: (n: SyntaxNode) => string): string | undefined {
  return node ? text(node) : undefined;
}

function unquote(literal: string | undefined): string | undefined {
  return literal?.replace(/^["'`]|["'`]$/g, '');
}

/**
 * `sum by (label) (…)` on a label none of the aggregated metrics has yields one unlabelled series: a
 * dashboard legend of blanks or an alert whose description names nothing. `without` and label_replace /
 * label_join (which invent labels) are left alone.
 */
function groupingProblems(top: SyntaxNode, expr: string, catalog: MetricCatalog): string[] {
  const problems: string[] = [];
  for (const aggregate of nodesNamed(top, 'AggregateExpr')) {
    const modifier = aggregate.getChild('AggregateModifier');
    const body = aggregate.getChild('FunctionCallBody');
    if (!modifier?.getChild('By') || !body || inventsLabels(body)) continue;
    const available = labelsSelectedIn(body, expr, catalog);
    for (const label of nodesNamed(modifier, 'LabelName').map((n) => expr.slice(n.from, n.to))) {
      if (!available.has(label))
        problems.push(
          `"by (${label})" in ${expr.slice(aggregate.from, aggregate.to)}: no metric there has it`,
        );
    }
  }
  return problems;
}

function inventsLabels(body: SyntaxNode): boolean {
  return nodesNamed(body, 'LabelReplace').length > 0 || nodesNamed(body, 'LabelJoin').length > 0;
}

function labelsSelectedIn(body: SyntaxNode, expr: string, catalog: MetricCatalog): Set<string> {
  const labels = new Set<string>();
  for (const selector of nodesNamed(body, 'VectorSelector')) {
    const { metric } = readSelector(selector, expr);
    for (const label of (metric && catalog.get(metric)) ?? []) labels.add(label);
  }
  return labels;
}
