import { FrappeException, authenticationError } from '../site/errors.js';
import { GUEST } from '../site/session.js';

export interface Credentials {
  readonly apiKey: string;
  readonly apiSecret: string;
  /** The user the key pair belongs to. */
  readonly user: string;
}

/**
 * `frappe.auth.validate_auth`: `token <key>:<secret>` or `Basic base64(<key>:<secret>)`. A wrong pair is
 * a bare AuthenticationError (401); a header Frappe cannot split leaves the request as Guest, who may
 * read nothing (403 later). Bearer tokens would be OAuth, which the simulator does not issue.
 */
export function authenticate(header: string | undefined, credentials: Credentials): string {
  if (!header) return GUEST;
  const space = header.indexOf(' ');
  if (space < 0) return GUEST;
  const scheme = header.slice(0, space).toLowerCase();
  const token = header.slice(space + 1).trim();
  let pair: string;
  if (scheme === 'token') pair = token;
  else if (scheme === 'basic') {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token)) {
      throw new FrappeException(
        'InvalidAuthorizationToken',
        400,
        [
          {
            message: 'Failed to decode token, please provide a valid base64-encoded token.',
            title: 'Message',
            indicator: 'red',
          },
        ],
        'Failed to decode token, please provide a valid base64-encoded token.',
      );
    }
    pair = Buffer.from(token, 'base64').toString('utf8');
  } else if (scheme === 'bearer') throw authenticationError();
  else return GUEST;
  const parts = pair.split(':');
  if (parts.length !== 2) return GUEST;
  const [key, secret] = parts;
  if (!key || !secret || key !== credentials.apiKey || secret !== credentials.apiSecret)
    throw authenticationError();
  return credentials.user;
}
