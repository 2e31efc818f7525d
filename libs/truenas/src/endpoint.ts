/**
 * Where the JSON-RPC API lives. TrueNAS serves it at `/api/current` (the newest API) or a pinned
 * `/api/v25.04.2`; users paste the web UI's address, so `https://nas.local` becomes
 * `wss://nas.local/api/current`.
 */
export function apiUrl(base: URL): URL {
  const url = new URL(base.href);
  url.protocol = base.protocol === 'https:' || base.protocol === 'wss:' ? 'wss:' : 'ws:';
  const path = base.pathname.replace(/\/+$/, '');
  if (!/\/api\/(current|v\d+\.\d+(\.\d+)?)$/.test(path)) url.pathname = `${path}/api/current`;
  url.search = '';
  url.hash = '';
  return url;
}

/** True when the API key would travel unencrypted (TrueNAS revokes a key used that way). */
export function isPlainText(url: URL): boolean {
  return url.protocol === 'ws:' || url.protocol === 'http:';
}

export const INSECURE_REFUSAL =
  'TrueNAS revokes an API key that is sent over an unencrypted connection, so the connector will not send it over plain ws:// or http://. ' +
  'Use wss:// or https:// (with TRUENAS_VERIFY_TLS=0 for a self-signed certificate), or set TRUENAS_ALLOW_INSECURE=1 only for a local simulator.';
