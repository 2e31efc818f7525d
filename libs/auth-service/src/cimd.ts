import { isIP } from 'node:net';
import { Agent, request, type Dispatcher } from 'undici';
import { ForbiddenAddressError, guardedLookup, isForbiddenAddress } from './address-guard.js';
import { metadataUrlProblem, parseMetadataDocument, type MetadataDocumentClient } from './cimd-document.js';

export interface CimdFetcherOptions {
  /** `OAUTH_CIMD_ALLOW_PRIVATE=1`: allow documents on private and loopback addresses (labs, tests). */
  readonly allowPrivate?: boolean;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  /** Extra trusted CA certificates (PEM) beside the system's, for tests with a self-signed server. */
  readonly ca?: string;
  readonly now?: () => number;
}

export type CimdResult = MetadataDocumentClient | { readonly problem: string };

interface CacheEntry {
  readonly result: CimdResult;
  readonly expiresAt: number;
}

const MIN_TTL_MS = 60_000;
const MAX_TTL_MS = 86_400_000;
const DEFAULT_TTL_MS = 300_000;
const FAILURE_TTL_MS = 30_000;
const MAX_CACHE_ENTRIES = 1_000;

/**
 * Fetches Client ID Metadata Documents (SEP-991) without becoming an SSRF tool: https only, the name
 * resolved and checked inside the connection (private addresses refused), no redirects, 5 s for the whole
 * exchange, 64 KiB at most, JSON only. Results are cached per URL (`Cache-Control: max-age`, clamped to
 * 1 min–24 h); failures for 30 s, so a broken document cannot make us hammer its host.
 */
export class CimdFetcher {
  private readonly agent: Agent;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly pending = new Map<string, Promise<CimdResult>>();
  private readonly allowPrivate: boolean;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly now: () => number;

  constructor(options: CimdFetcherOptions = {}) {
    this.allowPrivate = options.allowPrivate ?? false;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.maxBytes = options.maxBytes ?? 65_536;
    this.now = options.now ?? Date.now;
    this.agent = new Agent({
      connect: {
        lookup: guardedLookup(this.allowPrivate),
        timeout: this.timeoutMs,
        ...(options.ca ? { ca: options.ca } : {}),
      },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      connections: 4,
    });
  }

  /** The client the document at `clientId` describes, or why it cannot be used. */
  async resolve(clientId: string): Promise<CimdResult> {
    const urlProblem = metadataUrlProblem(clientId);
    if (urlProblem !== undefined) return { problem: `the client_id URL ${urlProblem}` };
    const cached = this.cache.get(clientId);
    if (cached && cached.expiresAt > this.now()) return cached.result;
    let work = this.pending.get(clientId);
    if (!work) {
      work = this.load(clientId).finally(() => this.pending.delete(clientId));
      this.pending.set(clientId, work);
    }
    return work;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async load(clientId: string): Promise<CimdResult> {
    let outcome: { result: CimdResult; ttlMs: number };
    try {
      outcome = await this.fetch(clientId);
    } catch (error) {
      outcome = { result: { problem: describeFailure(error) }, ttlMs: FAILURE_TTL_MS };
    }
    if (this.cache.size >= MAX_CACHE_ENTRIES) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(clientId, { result: outcome.result, expiresAt: this.now() + outcome.ttlMs });
    return outcome.result;
  }

  private async fetch(clientId: string): Promise<{ result: CimdResult; ttlMs: number }> {
    const url = new URL(clientId);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // An IP literal never goes through the lookup, so check it here.
    if (isIP(host) !== 0 && !this.allowPrivate && isForbiddenAddress(host)) {
      throw new ForbiddenAddressError(url.hostname);
    }
    const failure = (problem: string) => ({ result: { problem }, ttlMs: FAILURE_TTL_MS });
    const response = await request(url, {
      method: 'GET',
      dispatcher: this.agent,
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (response.statusCode !== 200) {
      await discard(response.body);
      return failure(
        response.statusCode >= 300 && response.statusCode < 400
          ? `the metadata document redirects (HTTP ${response.statusCode}); redirects are not followed`
          : `the metadata document answered HTTP ${response.statusCode}`,
      );
    }
    const contentType = String(response.headers['content-type'] ?? '');
    if (!/^application\/([a-z0-9.+-]*\+)?json\b/i.test(contentType)) {
      await discard(response.body);
      return failure('the metadata document is not served as application/json');
    }
    const text = await readLimited(response.body, this.maxBytes);
    if (text === undefined) return failure(`the metadata document is larger than ${this.maxBytes} bytes`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return failure('the metadata document is not valid JSON');
    }
    const result = parseMetadataDocument(clientId, json);
    if ('problem' in result) return failure(result.problem);
    return { result, ttlMs: cacheTtl(response.headers['cache-control']) };
  }
}

/** The body as text, or `undefined` past `maxBytes` (leaving the loop early aborts the download). */
async function readLimited(body: AsyncIterable<Buffer>, maxBytes: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Drops an unwanted body: reads a little of it, then closes the connection's stream quietly. */
async function discard(body: Dispatcher.ResponseData['body']): Promise<void> {
  await body.dump({ limit: 4096 }).catch(() => undefined);
}

function cacheTtl(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const maxAge = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(value)?.[1];
  if (maxAge === undefined) return DEFAULT_TTL_MS;
  return Math.min(Math.max(Number(maxAge) * 1000, MIN_TTL_MS), MAX_TTL_MS);
}

/** A reason safe to show: no internal addresses, no stack. */
function describeFailure(error: unknown): string {
  const chain: unknown[] = [];
  for (let e: unknown = error; e instanceof Error && chain.length < 5; e = e.cause) chain.push(e);
  if (chain.some((e) => e instanceof ForbiddenAddressError)) {
    return 'the metadata document host resolves to a private or reserved address';
  }
  if (chain.some((e) => e instanceof Error && /abort|timeout/i.test(`${e.name} ${e.message}`))) {
    return 'the metadata document did not arrive within the time limit';
  }
  const code = chain.map((e) => (e as { code?: unknown }).code).find((c) => typeof c === 'string');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the metadata document host does not resolve';
  if (typeof code === 'string' && /CERT|SSL|TLS/i.test(code)) {
    return 'the metadata document host presented an untrusted certificate';
  }
  return 'the metadata document could not be fetched';
}
