import {
  startErpnextSimulator,
  type ErpnextSimulatorOptions,
  type RunningErpnextSimulator,
} from './server.js';

export const KEY = 'sim-key';
export const SECRET = 'sim-secret';
export const AUTH = `token ${KEY}:${SECRET}`;
/** A fixed "today" for the demo data: 2026-03-15. */
export const CLOCK = { now: () => new Date('2026-03-15T10:00:00Z') };

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: Record<string, unknown>;
}

/** A simulator on a free port and a small fetch helper that sends the API token unless told otherwise. */
export async function startSpecSimulator(options: Partial<ErpnextSimulatorOptions> = {}) {
  const sim: RunningErpnextSimulator = await startErpnextSimulator({
    port: 0,
    apiKey: KEY,
    apiSecret: SECRET,
    clock: CLOCK,
    ...options,
  });
  const request = async (
    method: string,
    path: string,
    init: { body?: unknown; auth?: string | null; query?: Record<string, unknown> } = {},
  ): Promise<Reply> => {
    const url = new URL(path, sim.url);
    for (const [k, v] of Object.entries(init.query ?? {}))
      url.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    const headers: Record<string, string> = { accept: 'application/json' };
    const auth = init.auth === undefined ? AUTH : init.auth;
    if (auth !== null) headers['authorization'] = auth;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // plain-text answers (429, website 404)
    }
    return { status: res.status, headers: res.headers, text, json };
  };
  return { sim, request };
}

/** `_server_messages` decoded twice, as a client must. */
export function messagesOf(reply: Reply): { message: string; title?: string; indicator?: string }[] {
  const raw = reply.json['_server_messages'];
  if (typeof raw !== 'string') return [];
  return (JSON.parse(raw) as string[]).map((s) => JSON.parse(s) as { message: string });
}
