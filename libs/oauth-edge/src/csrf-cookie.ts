/**
 * The cookie carrying the consent form's CSRF nonce. On https it uses the `__Host-` prefix (Secure, no
 * Domain, Path=/), so no other site or subdomain can plant it; on plain-http development origins the
 * prefix and Secure flag are impossible, so it falls back to a plain name.
 */
export function csrfCookieName(secure: boolean): string {
  return secure ? '__Host-gw_csrf' : 'gw_csrf';
}

export function csrfCookie(nonce: string, secure: boolean, maxAgeSeconds = 900): string {
  const parts = [
    `${csrfCookieName(secure)}=${nonce}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAgeSeconds}`,
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

export function clearedCsrfCookie(secure: boolean): string {
  return csrfCookie('', secure, 0);
}
