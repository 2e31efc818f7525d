import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AuthAuthorizeCheck,
  AuthAuthorizeDecide,
  AuthClientGet,
  AuthClientRegister,
  AuthKeysGet,
  AuthTokenExchange,
  AuthTokenRevoke,
  BusError,
  type OAuthFailure,
} from '@mcp-gateway/contracts';
import type { BusClient } from '@mcp-gateway/bus';
import type { PublicIdentity } from '@mcp-gateway/config';
import { bearerToken } from '@mcp-gateway/edge-auth';
import { AUTHORIZE_PARAMS, pageHeaders, renderConsentPage, renderErrorPage } from './consent-page.js';
import { clearedCsrfCookie, csrfCookie, csrfCookieName } from './csrf-cookie.js';
import { BodyError, basicCredentials, formRecord, parseCookies, readForm, readJsonObject } from './forms.js';
import { authorizationServerMetadata, protectedResourceMetadata } from './metadata.js';

export interface OAuthEndpointsOptions {
  readonly identity: PublicIdentity;
  readonly bus: BusClient;
  /** The connector scopes offered right now (from the tool catalog). */
  readonly scopes: () => string[];
  /** The client address for login backoff: the socket's, or the proxy's `X-Forwarded-For` when trusted. */
  readonly remoteAddress: (req: IncomingMessage) => string;
  readonly log: (message: string) => void;
}

/** Metadata and the token endpoint may be called from browser-based clients (MCP Inspector). */
const OPEN_CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'WWW-Authenticate',
};

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

/**
 * The OAuth endpoints of mcp-front. All logic and state live in the auth service: each handler parses the
 * HTTP request, makes one bus request, and turns the answer into the HTTP response RFC 6749/7591/7009
 * describe. Auth being unreachable is a 503 `temporarily_unavailable`, never a crash or a hang.
 */
export class OAuthEndpoints {
  private readonly secure: boolean;

  constructor(private readonly options: OAuthEndpointsOptions) {
    this.secure = options.identity.publicUrl.protocol === 'https:';
  }

  protectedResource(res: ServerResponse): void {
    json(res, 200, protectedResourceMetadata(this.options.identity, this.options.scopes()), {
      ...OPEN_CORS,
      'cache-control': 'public, max-age=300',
    });
  }

  authorizationServer(res: ServerResponse): void {
    json(res, 200, authorizationServerMetadata(this.options.identity, this.options.scopes()), {
      ...OPEN_CORS,
      'cache-control': 'public, max-age=300',
    });
  }

  /** `OPTIONS` on the metadata, token, register and revoke endpoints. */
  preflight(res: ServerResponse): void {
    res.writeHead(204, {
      ...OPEN_CORS,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'authorization, content-type, mcp-protocol-version',
      'access-control-max-age': '600',
    });
    res.end();
  }

  async jwks(res: ServerResponse): Promise<void> {
    await this.guarded(res, async () => {
      const { keys } = await this.options.bus.request(AuthKeysGet, {}, {});
      json(res, 200, { keys }, { ...OPEN_CORS, 'cache-control': 'public, max-age=300' });
    });
  }

  /** `GET /oauth/authorize`: validate the request with auth, then show the login and consent page. */
  async authorize(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await this.guarded(
      res,
      async () => {
        const params = formRecord(new URL(req.url ?? '/', 'http://x').searchParams);
        const answer = await this.options.bus.request(AuthAuthorizeCheck, {}, { params });
        if (answer.outcome === 'redirect') return redirect(res, answer.location);
        if (answer.outcome === 'error') return this.errorPage(res, answer);
        this.page(
          res,
          200,
          renderConsentPage({ request: answer.request, params, csrfToken: answer.csrf.token }),
          {
            redirectUri: answer.request.redirectUri,
            nonce: answer.csrf.nonce,
          },
        );
      },
      true,
    );
  }

  /** `POST /oauth/authorize`: the consent form. */
  async decide(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await this.guarded(
      res,
      async () => {
        const form = await readForm(req, 16_384);
        const params: Record<string, string> = {};
        for (const name of AUTHORIZE_PARAMS) if (form[name] !== undefined) params[name] = form[name];
        const decision = form['decision'] === 'approve' ? 'approve' : 'deny';
        const answer = await this.options.bus.request(
          AuthAuthorizeDecide,
          {},
          {
            params,
            decision,
            password: form['password'] ?? '',
            csrfToken: form['csrf_token'] ?? '',
            csrfNonce: parseCookies(req.headers.cookie).get(csrfCookieName(this.secure)) ?? '',
            remote: this.options.remoteAddress(req).slice(0, 100),
          },
        );
        if (answer.outcome === 'redirect') {
          res.setHeader('set-cookie', clearedCsrfCookie(this.secure));
          return redirect(res, answer.location, 303);
        }
        if (answer.outcome === 'error') return this.errorPage(res, answer);
        const headers: Record<string, string> = answer.retryAfterMs
          ? { 'retry-after': String(Math.ceil(answer.retryAfterMs / 1000)) }
          : {};
        this.page(
          res,
          answer.retryAfterMs ? 429 : 401,
          renderConsentPage({
            request: answer.request,
            params,
            csrfToken: answer.csrf.token,
            message: answer.message,
          }),
          { redirectUri: answer.request.redirectUri, nonce: answer.csrf.nonce, headers },
        );
      },
      true,
    );
  }

  /** `POST /oauth/token` (RFC 6749 §3.2). */
  async token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await this.guarded(res, async () => {
      const basic = basicCredentials(req.headers.authorization);
      const form = await readForm(req);
      const answer = await this.options.bus.request(
        AuthTokenExchange,
        {},
        { form, ...(basic ? { basic } : {}) },
      );
      if (answer.outcome === 'ok') return json(res, 200, answer.tokens, { ...OPEN_CORS, ...NO_STORE });
      this.oauthError(res, answer, basic !== undefined);
    });
  }

  /** `POST /oauth/revoke` (RFC 7009). */
  async revoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await this.guarded(res, async () => {
      const basic = basicCredentials(req.headers.authorization);
      const form = await readForm(req);
      const answer = await this.options.bus.request(
        AuthTokenRevoke,
        {},
        { form, ...(basic ? { basic } : {}) },
      );
      if (answer.outcome === 'ok') {
        res.writeHead(200, { ...OPEN_CORS, ...NO_STORE, 'content-length': '0' });
        res.end();
        return;
      }
      this.oauthError(res, answer, basic !== undefined);
    });
  }

  /** `POST /oauth/register` (RFC 7591). */
  async register(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await this.guarded(res, async () => {
      let metadata: Record<string, unknown>;
      try {
        metadata = await readJsonObject(req);
      } catch (error) {
        // A body that is not a JSON object is bad metadata (RFC 7591 §3.2.2); size and time limits are not.
        if (error instanceof BodyError && (error.status === 400 || error.status === 415)) {
          return json(
            res,
            400,
            { error: 'invalid_client_metadata', error_description: error.message },
            {
              ...OPEN_CORS,
              ...NO_STORE,
            },
          );
        }
        throw error;
      }
      const answer = await this.options.bus.request(AuthClientRegister, {}, { metadata });
      if (answer.outcome === 'ok') return json(res, 201, answer.client, { ...OPEN_CORS, ...NO_STORE });
      this.oauthError(res, answer, false);
    });
  }

  /** `GET /oauth/register/<client_id>` (RFC 7592 read), with the registration access token. */
  async registration(req: IncomingMessage, res: ServerResponse, clientId: string): Promise<void> {
    await this.guarded(res, async () => {
      const token = bearerToken(req.headers.authorization);
      if (!token) {
        return json(
          res,
          401,
          { error: 'invalid_token', error_description: 'The registration access token is required.' },
          {
            ...NO_STORE,
            'www-authenticate': 'Bearer realm="mcp-gateway"',
          },
        );
      }
      const answer = await this.options.bus.request(
        AuthClientGet,
        {},
        { clientId, registrationAccessToken: token },
      );
      if (answer.outcome === 'ok') return json(res, 200, answer.client, NO_STORE);
      this.oauthError(res, answer, false);
    });
  }

  private oauthError(res: ServerResponse, failure: OAuthFailure, usedBasic: boolean): void {
    const headers: Record<string, string> = { ...OPEN_CORS, ...NO_STORE };
    if (failure.status === 401) {
      headers['www-authenticate'] = usedBasic
        ? 'Basic realm="mcp-gateway"'
        : `Bearer realm="mcp-gateway", error="${failure.error}"`;
    }
    json(res, failure.status, { error: failure.error, error_description: failure.description }, headers);
  }

  private errorPage(res: ServerResponse, failure: OAuthFailure): void {
    this.page(res, failure.status, renderErrorPage(titleOf(failure), failure.description), {});
  }

  private page(
    res: ServerResponse,
    status: number,
    html: string,
    options: { redirectUri?: string; nonce?: string; headers?: Record<string, string> },
  ): void {
    const headers: Record<string, string | string[]> = {
      ...pageHeaders(options.redirectUri),
      ...options.headers,
    };
    if (options.nonce) headers['set-cookie'] = csrfCookie(options.nonce, this.secure);
    res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(html) });
    res.end(html);
  }

  /**
   * Runs one handler: bad bodies become 400/413/415, auth being unreachable a 503, anything else a
   * generic 500 — logged here, never shown to the client.
   */
  private async guarded(res: ServerResponse, run: () => Promise<void>, html = false): Promise<void> {
    try {
      await run();
    } catch (thrown) {
      if (res.headersSent) {
        res.end();
        return;
      }
      // A request the auth service's contract refuses (a parameter too long, say) is the client's fault.
      const error =
        thrown instanceof BusError && thrown.code === 'INVALID_REQUEST'
          ? new BodyError('The request has a parameter the authorisation server cannot accept.', 400)
          : thrown;
      if (error instanceof BodyError) {
        if (html) return this.page(res, error.status, renderErrorPage('Invalid request', error.message), {});
        return json(
          res,
          error.status,
          { error: 'invalid_request', error_description: error.message },
          {
            ...OPEN_CORS,
            ...NO_STORE,
          },
        );
      }
      const unavailable =
        error instanceof BusError &&
        ['BUS_UNAVAILABLE', 'CONNECTOR_UNAVAILABLE', 'TIMEOUT'].includes(error.code);
      if (!unavailable)
        this.options.log(`OAuth endpoint failed: ${error instanceof Error ? error.message : String(error)}`);
      const description = unavailable
        ? 'The authorisation service is not reachable right now; try again in a moment.'
        : 'The authorisation server failed while handling the request.';
      const status = unavailable ? 503 : 500;
      if (html)
        return this.page(res, status, renderErrorPage('Temporarily unavailable', description), {
          headers: { 'retry-after': '5' },
        });
      json(
        res,
        status,
        { error: unavailable ? 'temporarily_unavailable' : 'server_error', error_description: description },
        {
          ...OPEN_CORS,
          ...NO_STORE,
          ...(unavailable ? { 'retry-after': '5' } : {}),
        },
      );
    }
  }
}

function titleOf(failure: OAuthFailure): string {
  switch (failure.error) {
    case 'invalid_client':
      return 'Unknown application';
    case 'invalid_redirect_uri':
      return 'Unexpected return address';
    case 'access_denied':
      return 'Request refused';
    case 'invalid_client_metadata':
    case 'invalid_grant':
    case 'invalid_request':
    case 'invalid_scope':
    case 'invalid_target':
    case 'invalid_token':
    case 'server_error':
    case 'temporarily_unavailable':
    case 'unauthorized_client':
    case 'unsupported_grant_type':
    case 'unsupported_response_type':
    case 'unsupported_token_type':
      return 'Invalid authorisation request';
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function redirect(res: ServerResponse, location: string, status = 302): void {
  res.writeHead(status, {
    location,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'content-length': '0',
  });
  res.end();
}
