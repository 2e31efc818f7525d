import { readText } from './files.js';
import { field, isRecord, listField, stringField } from './monitoring-prometheus.js';

/**
 * A typed view of the Grafana dashboard JSON model (deploy/grafana/dashboards/gateway.json) for the checks:
 * panels flattened out of collapsed rows, their queries, and the template variables.
 */

export interface GridPos {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface PanelQuery {
  readonly refId: string;
  readonly expr: string;
  readonly datasourceUid: string | undefined;
}

export interface Panel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly gridPos: GridPos;
  readonly datasourceUid: string | undefined;
  readonly queries: readonly PanelQuery[];
}

export interface TemplateVariable {
  readonly name: string;
  readonly type: string;
  /** The variable's query: a data source type for `datasource`, `label_values(…)` for `query`. */
  readonly query: string;
  readonly datasourceUid: string | undefined;
}

export interface Dashboard {
  readonly uid: string;
  readonly title: string;
  readonly schemaVersion: number;
  readonly panels: readonly Panel[];
  readonly variables: readonly TemplateVariable[];
}

export function readDashboard(path: string): Dashboard {
  const model: unknown = JSON.parse(readText(path));
  const schemaVersion = field(model, 'schemaVersion', path);
  return {
    uid: stringField(model, 'uid', path),
    title: stringField(model, 'title', path),
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : NaN,
    panels: flattenPanels(listField(model, 'panels', path), `${path} panels`),
    variables: listField(field(model, 'templating', path), 'list', `${path} templating`).map((v, i) =>
      toVariable(v, `${path} templating.list[${i}]`),
    ),
  };
}

/** A collapsed row keeps its panels inside itself; an open row has them after it at the top level. */
function flattenPanels(raw: unknown[], where: string): Panel[] {
  return raw.flatMap((panel, i) => {
    const here = `${where}[${i}]`;
    const nested = flattenPanels(listField(panel, 'panels', here), `${here}.panels`);
    return [toPanel(panel, here), ...nested];
  });
}

function toPanel(panel: unknown, where: string): Panel {
  const id = field(panel, 'id', where);
  if (typeof id !== 'number') throw new Error(`${where}.id: expected a number`);
  return {
    id,
    type: stringField(panel, 'type', where),
    title: stringField(panel, 'title', where),
    gridPos: toGridPos(field(panel, 'gridPos', where), `${where}.gridPos`),
    datasourceUid: datasourceUid(field(panel, 'datasource', where)),
    queries: listField(panel, 'targets', where).map((target, t) => ({
      refId: stringField(target, 'refId', `${where}.targets[${t}]`),
      expr: stringField(target, 'expr', `${where}.targets[${t}]`),
      datasourceUid: datasourceUid(field(target, 'datasource', `${where}.targets[${t}]`)),
    })),
  };
}

function toGridPos(raw: unknown, where: string): GridPos {
  const number = (key: string): number => {
    const value = field(raw, key, where);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
      throw new Error(`${where}.${key}: expected a non-negative integer`);
    return value;
  };
  return { x: number('x'), y: number('y'), w: number('w'), h: number('h') };
}

function datasourceUid(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  return isRecord(raw) && typeof raw.uid === 'string' ? raw.uid : undefined;
}

function toVariable(raw: unknown, where: string): TemplateVariable {
  // Grafana stores a query variable's query either as a string or as { query, refId } (newer editors).
  const query = field(raw, 'query', where);
  return {
    name: stringField(raw, 'name', where),
    type: stringField(raw, 'type', where),
    query: typeof query === 'string' ? query : stringField(query, 'query', `${where}.query`),
    datasourceUid: datasourceUid(field(raw, 'datasource', where)),
  };
}

/** Every pair of panels whose rectangles share some area on the 24-column grid, as readable sentences. */
export function overlappingPanels(panels: readonly Panel[]): string[] {
  const problems: string[] = [];
  panels.forEach((a, i) => {
    for (const b of panels.slice(i + 1)) {
      if (intersects(a.gridPos, b.gridPos))
        problems.push(`panels ${a.id} "${a.title}" and ${b.id} "${b.title}" overlap`);
    }
  });
  return problems;
}

function intersects(a: GridPos, b: GridPos): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

const VARIABLE_REFERENCE = /\$\{(\w+)(?::\w+)?\}|\[\[(\w+)(?::\w+)?\]\]|\$(\w+)/g;

/**
 * `expr` with every Grafana variable replaced by a plausible value, so that it parses as PromQL. An unknown
 * variable throws: it would reach Prometheus as literal text.
 */
export function substituteVariables(expr: string, samples: Readonly<Record<string, string>>): string {
  return expr.replace(VARIABLE_REFERENCE, (reference, braced?: string, bracketed?: string, bare?: string) => {
    const name = braced ?? bracketed ?? bare ?? '';
    const sample = samples[name];
    if (sample === undefined) throw new Error(`unknown dashboard variable ${reference} in ${expr}`);
    return sample;
  });
}

/** `label_values(selector, label)`, the form of every query variable here; undefined for anything else. */
export function parseLabelValues(query: string): { selector: string; label: string } | undefined {
  const match = /^\s*label_values\((.+),\s*(\w+)\s*\)\s*$/.exec(query);
  return match?.[1] && match[2] ? { selector: match[1].trim(), label: match[2] } : undefined;
}
