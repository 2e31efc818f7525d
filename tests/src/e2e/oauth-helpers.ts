import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';

/** Claude.ai's Dynamic Client Registration body, byte for byte as observed (mcp-and-oauth.md §10.2). */
export const CLAUDE_REGISTRATION = {
  redirect_uris: ['https://claude.ai/api/mcp/auth_callback'],
  token_endpoint_auth_method: 'client_secret_post',
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  client_name: 'Claude',
};

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

function unescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m);
}

export interface ConsentResult {
  /** The status of the form post (303 when decided, 401/429 when the page came back, 403 on CSRF). */
  readonly status: number;
  /** Where the browser goes next (the client's redirect URI with `code` or `error`). */
  readonly location: string | null;
  readonly html: string;
}

export interface ConsentOptions {
  readonly password: string;
  readonly decision?: 'approve' | 'deny';
  /** Leave the CSRF cookie out, as a cross-site form post would. */
  readonly dropCookie?: boolean;
}

/**
 * Does what a person's browser does: loads `/oauth/authorize`, keeps the cookie it sets, reads the form's
 * hidden fields, fills in the password and presses Approve (or Deny). Returns the redirect that follows.
 * If the authorize request itself redirects (an error the client must hear about), that is returned.
 */
export async function consent(authorizeUrl: string | URL, options: ConsentOptions): Promise<ConsentResult> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  if (page.status >= 300 && page.status < 400) {
    return { status: page.status, location: page.headers.get('location'), html: '' };
  }
  const html = await page.text();
  if (page.status !== 200) return { status: page.status, location: null, html };
  return submitConsent(new URL(authorizeUrl), html, page.headers.get('set-cookie'), options);
}

/** Posts a consent page's form (see {@link consent}). */
export async function submitConsent(
  authorizeUrl: URL,
  html: string,
  setCookie: string | null,
  options: ConsentOptions,
): Promise<ConsentResult> {
  const form = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(match[1]!, unescape(match[2]!));
  }
  form.set('password', options.password);
  form.set('decision', options.decision ?? 'approve');
  const cookie = setCookie?.split(';', 1)[0];
  const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1] ?? '/oauth/authorize';
  const res = await fetch(new URL(action, authorizeUrl), {
    method: 'POST',
    body: form,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(cookie && !options.dropCookie ? { cookie } : {}),
    },
    redirect: 'manual',
  });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

/**
 * An in-memory {@link OAuthClientProvider} for the MCP SDK client: what a desktop MCP client keeps. Its
 * "browser" is {@link consent}, run when the SDK asks to redirect the user.
 */
export class TestOAuthProvider implements OAuthClientProvider {
  private info: OAuthClientInformationMixed | undefined;
  private saved: OAuthTokens | undefined;
  private verifier = '';
  /** The authorisation code the last consent produced. */
  code: string | undefined;
  lastAuthorizationUrl: URL | undefined;

  constructor(
    private readonly password: string,
    readonly redirectUrl = 'http://127.0.0.1:33418/callback',
  ) {}

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'SDK test client',
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    return this.info;
  }

  saveClientInformation(info: OAuthClientInformationMixed): void {
    this.info = info;
  }

  tokens(): OAuthTokens | undefined {
    return this.saved;
  }

  saveTokens(tokens: OAuthTokens): void {
    this.saved = tokens;
  }

  async redirectToAuthorization(url: URL): Promise<void> {
    this.lastAuthorizationUrl = url;
    const result = await consent(url, { password: this.password });
    if (!result.location) throw new Error(`consent did not redirect (HTTP ${result.status})`);
    const back = new URL(result.location);
    const code = back.searchParams.get('code');
    if (!code) throw new Error(`authorisation failed: ${back.searchParams.get('error') ?? 'no code'}`);
    this.code = code;
  }

  saveCodeVerifier(verifier: string): void {
    this.verifier = verifier;
  }

  codeVerifier(): string {
    return this.verifier;
  }
}
