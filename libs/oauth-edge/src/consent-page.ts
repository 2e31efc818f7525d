import type { ConsentRequest } from '@mcp-gateway/contracts';

/** The authorisation request parameters the consent form carries back in hidden fields. */
export const AUTHORIZE_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'code_challenge',
  'code_challenge_method',
  'state',
  'scope',
  'resource',
] as const;

export interface ConsentPageInput {
  readonly request: ConsentRequest;
  /** The original authorisation request parameters (only {@link AUTHORIZE_PARAMS} are carried). */
  readonly params: Readonly<Record<string, string>>;
  readonly csrfToken: string;
  /** Shown above the form: a wrong password, or how long to wait. */
  readonly message?: string;
}

/** Describes a scope for the person approving it. */
export function describeScope(scope: string): string {
  if (scope === '*') return 'Full access: read and change everything in every connected system';
  if (scope === 'offline_access') return 'Stay connected (refresh its access without asking again)';
  const [connector, level] = scope.split(':');
  return level === 'write'
    ? `${connector}: read and change (run any ${connector} tool, including ones that act)`
    : `${connector}: read only (tools that never change anything)`;
}

/**
 * The login and consent page of `/oauth/authorize`: who is asking (client name, and the host the browser
 * returns to), what for (each scope in words), the owner's password, Approve or Deny. All text is escaped;
 * the page loads nothing external and must be served with {@link pageHeaders} (no framing, no caching).
 */
export function renderConsentPage(input: ConsentPageInput): string {
  const { request } = input;
  const hidden = AUTHORIZE_PARAMS.flatMap((name) => {
    const value = input.params[name];
    return value === undefined ? [] : [`<input type="hidden" name="${name}" value="${escape(value)}">`];
  }).join('\n      ');
  const scopes = (request.scopes.length > 0 ? request.scopes : ['*'])
    .map((s) => `<li><code>${escape(s)}</code> — ${escape(describeScope(s))}</li>`)
    .join('\n        ');
  const notes: string[] = [];
  if (request.metadataDocument) {
    notes.push(`This application identifies itself by <code>${escape(request.clientId)}</code>.`);
  }
  if (request.localhostOnly) {
    notes.push(
      'It returns to a program on the device you are using (a loopback address): approve only if you just started it.',
    );
  }
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>Allow ${escape(request.clientName)} to use MCP Gateway?</title>
  <style>${STYLE}</style>
</head>
<body>
  <main>
    <h1>Allow <strong>${escape(request.clientName)}</strong> to use this gateway?</h1>
    <p class="host">After you decide, you return to <strong>${escape(request.redirectHost)}</strong>.</p>
    ${notes.map((n) => `<p class="note">${n}</p>`).join('\n    ')}
    <h2>It asks for</h2>
    <ul>
        ${scopes}
    </ul>
    ${input.message ? `<p class="error" role="alert">${escape(input.message)}</p>` : ''}
    <form method="post" action="/oauth/authorize">
      ${hidden}
      <input type="hidden" name="csrf_token" value="${escape(input.csrfToken)}">
      <label for="password">Gateway admin password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" autofocus>
      <div class="buttons">
        <button type="submit" name="decision" value="approve">Approve</button>
        <button type="submit" name="decision" value="deny" class="secondary">Deny</button>
      </div>
    </form>
  </main>
</body>
</html>
`;
}

/** A page for errors that must not be sent back to an unverified redirect URI. */
export function renderErrorPage(title: string, description: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escape(title)}</title>
  <style>${STYLE}</style>
</head>
<body>
  <main>
    <h1>${escape(title)}</h1>
    <p class="error">${escape(description)}</p>
    <p>Close this window and start the connection again from the application.</p>
  </main>
</body>
</html>
`;
}

/**
 * Headers for the consent and error pages: never framed (clickjacking), never cached, no referrer, and a
 * CSP that allows only the inline style and posting the form to this origin — plus the client's redirect
 * origin, since browsers apply `form-action` to the redirect that follows the post.
 */
export function pageHeaders(redirectUri?: string): Record<string, string> {
  let formAction = "'self'";
  if (redirectUri) {
    try {
      formAction += ` ${new URL(redirectUri).origin}`;
    } catch {
      // An unparseable redirect URI never reaches the consent page; keep 'self' only.
    }
  }
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    pragma: 'no-cache',
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
  };
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const STYLE = `body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1d2330;margin:0}
main{max-width:30rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:12px;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem}h2{font-size:1rem;margin-top:1.5rem}.host{color:#444}.note{background:#fff7e0;padding:.5rem;border-radius:6px}
.error{color:#a40000;font-weight:600}ul{padding-left:1.2rem}label{display:block;margin-top:1rem;font-weight:600}
input[type=password]{width:100%;padding:.5rem;margin-top:.3rem;box-sizing:border-box}
.buttons{display:flex;gap:.5rem;margin-top:1rem}button{padding:.6rem 1.2rem;border-radius:6px;border:0;background:#2456d6;color:#fff;font-size:1rem;cursor:pointer}
button.secondary{background:#e4e6eb;color:#1d2330}`;
