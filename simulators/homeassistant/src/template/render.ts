import type { HomeAssistantState } from '../core/hass.js';
import type { Node } from './ast.js';
import { Evaluator, checkNames } from './evaluate.js';
import { haEnvironment } from './ha-environment.js';
import { newRenderInfo, toTemplateValue, type RenderInfo } from './ha-states.js';
import { parseTemplate } from './parser.js';
import { parseResult } from './python-literal.js';
import { TemplateError } from './values.js';

/** `MAX_TEMPLATE_OUTPUT` in `helpers/template.py`. */
const MAX_OUTPUT = 256 * 1024;

// Parsed templates are reused like HA's `_cached_template`; bounded so a benchmark cannot grow it.
const cache = new Map<string, Node[]>();
const CACHE_LIMIT = 256;

function parseCached(source: string): Node[] {
  let nodes = cache.get(source);
  if (!nodes) {
    nodes = parseTemplate(source);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value ?? '');
    cache.set(source, nodes);
  }
  return nodes;
}

export interface Rendered {
  /** The text (REST, `parse_result=False`) or the parsed Python literal (WS). */
  result: unknown;
  info: RenderInfo;
}

/**
 * Render a template as `Template.async_render` does: static text is returned as-is; otherwise the
 * output is stripped and, with `parseResult`, turned into a number/bool/list when it looks like one.
 * Throws `TemplateError` (message "<ExceptionClass>: <detail>").
 */
export function renderTemplate(
  hass: HomeAssistantState,
  source: string,
  variables: Record<string, unknown> = {},
  opts: { parseResult?: boolean } = {},
): Rendered {
  const info = newRenderInfo();
  if (!/\{[{%#]/.test(source)) return { result: opts.parseResult ? parseResult(source) : source, info };
  let text: string;
  try {
    const nodes = parseCached(source);
    const env = haEnvironment(hass, info, source);
    checkNames(nodes, env);
    const vars = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, toTemplateValue(v)]));
    text = new Evaluator(env).render(nodes, vars);
  } catch (e) {
    if (e instanceof TemplateError) throw e;
    throw new TemplateError('TypeError', e instanceof Error ? e.message : String(e));
  }
  if (text.length > MAX_OUTPUT)
    throw new TemplateError(
      'TemplateError',
      `Template output exceeded maximum size of ${MAX_OUTPUT} characters`,
    );
  const stripped = text.trim();
  return { result: opts.parseResult ? parseResult(stripped) : stripped, info };
}

/** The WS `render_template` event's `listeners`. */
export function listenersOf(info: RenderInfo): Record<string, unknown> {
  return {
    all: info.all,
    domains: [...info.domains].sort(),
    entities: [...info.entities].sort(),
    time: info.time,
  };
}
