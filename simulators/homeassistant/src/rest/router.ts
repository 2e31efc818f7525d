import type { HomeAssistantState } from '../core/hass.js';
import * as core from './core-routes.js';
import { historyPeriod, logbook } from './history-routes.js';
import { calendarEvents, conversationProcess, listCalendars, renderTemplateRoute } from './misc-routes.js';
import { httpError, serverError, type ApiResponse, type Handler } from './responses.js';
import { callService } from './service-routes.js';
import { deleteState, getState, listStates, setState } from './state-routes.js';

interface Route {
  /** Path segments after "api"; "*" is one path parameter (aiohttp's `{name}`, no slashes). */
  segments: string[];
  methods: Record<string, Handler>;
}

const route = (path: string, methods: Record<string, Handler>): Route => ({
  segments: path === '/api/' ? [''] : path.split('/').slice(2),
  methods,
});

/** The views the `api`, `history`, `logbook`, `calendar`, `conversation` and `config` integrations register. */
const ROUTES: Route[] = [
  route('/api/', { GET: core.apiStatus }),
  route('/api/config', { GET: core.getConfig }),
  route('/api/core/state', { GET: core.getCoreState }),
  route('/api/components', { GET: core.getComponents }),
  route('/api/states', { GET: listStates }),
  route('/api/states/*', { GET: getState, POST: setState, DELETE: deleteState }),
  route('/api/services', { GET: core.getServices }),
  route('/api/services/*/*', { POST: callService }),
  route('/api/history/period', { GET: historyPeriod }),
  route('/api/history/period/*', { GET: historyPeriod }),
  route('/api/logbook', { GET: logbook }),
  route('/api/logbook/*', { GET: logbook }),
  route('/api/template', { POST: renderTemplateRoute }),
  route('/api/events', { GET: core.getEvents }),
  route('/api/events/*', { POST: core.fireEvent }),
  route('/api/error_log', { GET: core.getErrorLog }),
  route('/api/calendars', { GET: listCalendars }),
  route('/api/calendars/*', { GET: calendarEvents }),
  route('/api/conversation/process', { POST: conversationProcess }),
  route('/api/config/core/check_config', { POST: core.checkConfig }),
];

function match(pathname: string): { route: Route; params: string[] } | undefined {
  if (!pathname.startsWith('/api/')) return undefined;
  const parts = pathname.slice('/api/'.length).split('/');
  for (const r of ROUTES) {
    if (r.segments.length !== parts.length) continue;
    const params: string[] = [];
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const seg = r.segments[i];
      const part = parts[i] ?? '';
      if (seg === '*') {
        if (part === '') ok = false;
        else params.push(decodeURIComponent(part));
      } else if (seg !== part) ok = false;
    }
    if (ok) return { route: r, params };
  }
  return undefined;
}

export interface IncomingApiCall {
  method: string;
  pathname: string;
  query: URLSearchParams;
  body: string;
  authorization: string | undefined;
}

/**
 * Route like aiohttp (404/405 before any auth), then require `Authorization: Bearer <token>`
 * (plain-text `401: Unauthorized` otherwise), then run the view.
 */
export function dispatch(hass: HomeAssistantState, token: string, call: IncomingApiCall): ApiResponse {
  let found: { route: Route; params: string[] } | undefined;
  try {
    found = match(call.pathname);
  } catch {
    return httpError(404);
  }
  if (!found) return httpError(404);
  const handler = found.route.methods[call.method];
  if (!handler) return httpError(405, { Allow: Object.keys(found.route.methods).join(',') });
  if (call.authorization !== `Bearer ${token}`) return httpError(401);
  try {
    return handler({
      method: call.method,
      params: found.params,
      query: call.query,
      body: call.body,
      hass,
      context: () => hass.newContext(),
    });
  } catch {
    return serverError();
  }
}
