import { BusError } from '@mcp-gateway/contracts';

/** `auth.login_ex` answers (`api/v25_10_0/auth.py` `AuthLoginExResult`). */
export type LoginResponse =
  | { readonly response_type: 'SUCCESS'; readonly authenticator?: string }
  | { readonly response_type: 'AUTH_ERR' }
  | { readonly response_type: 'EXPIRED' }
  | { readonly response_type: 'DENIED' }
  | { readonly response_type: 'OTP_REQUIRED'; readonly username?: string }
  | { readonly response_type: 'REDIRECT'; readonly urls?: readonly string[] };

/** Undefined on SUCCESS; otherwise the error every call gets until a later login works. */
export function describeLoginFailure(response: LoginResponse | null | undefined): BusError | undefined {
  const type = response?.response_type;
  switch (type) {
    case 'SUCCESS':
      return undefined;
    case 'AUTH_ERR':
      return new BusError(
        'BACKEND_AUTH_FAILED',
        'TrueNAS rejected the API key (AUTH_ERR). Check TRUENAS_API_KEY and TRUENAS_USERNAME (the user the key belongs to); a revoked key also fails this way.',
      );
    case 'EXPIRED':
      return new BusError(
        'BACKEND_AUTH_FAILED',
        'TrueNAS reports the API key as expired or revoked (EXPIRED). TrueNAS revokes a key that was sent over an unencrypted connection: create a new key and connect with wss://.',
      );
    case 'DENIED':
      return new BusError('BACKEND_AUTH_FAILED', "TrueNAS denied API access to the key's user (DENIED).");
    case 'OTP_REQUIRED':
      return new BusError(
        'BACKEND_AUTH_FAILED',
        'TrueNAS asks for a one-time password (OTP_REQUIRED), which an API key login cannot give.',
      );
    case 'REDIRECT':
      return new BusError(
        'BACKEND_UNAVAILABLE',
        `TrueNAS redirected the login${response && 'urls' in response && response.urls ? ` to ${response.urls.join(', ')}` : ''} (a standby controller); point TRUENAS_URL at the active one.`,
      );
    case undefined:
    default:
      // No answer, or a response type this connector does not know: never treat it as a login.
      return new BusError('BACKEND_ERROR', 'TrueNAS answered auth.login_ex with something unexpected.');
  }
}
