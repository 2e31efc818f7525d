import type { PublicIdentity } from '@mcp-gateway/config';

/** The knobs of the authorisation server, read once from the environment by the auth app. */
export interface AuthSettings {
  /** Issuer (`iss`) and protected resource (`aud`) of every token. */
  readonly identity: PublicIdentity;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly codeTtlSeconds: number;
}

/** Injected wherever time matters, so tests can move it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
