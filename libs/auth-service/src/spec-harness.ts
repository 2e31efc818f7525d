import { createHash, randomBytes } from 'node:crypto';
import { AuthRevoked, type FormParams, type Revocation } from '@mcp-gateway/contracts';
import { publicIdentity, type PublicIdentity } from '@mcp-gateway/config';
import { BusClient, BusConnection } from '@mcp-gateway/bus';
import { NATS_URL, uniquePrefix } from '@mcp-gateway/testing';
import { AuthService } from './auth-service.js';
import { PasswordHasher } from './password-hash.js';
import { AuthStore } from './store.js';

/** A clock tests move by hand. */
export class SpecClock {
  constructor(private t = Date.parse('2030-01-01T00:00:00.000Z')) {}
  readonly now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

/** A cheap scrypt cost so specs stay fast; one spec checks the real cost. */
export const CHEAP_HASHER = new PasswordHasher({ N: 1024, r: 8, p: 1 });

/** A store on the shared NATS with its own prefix; `close` destroys its buckets. */
export interface SpecStore {
  readonly prefix: string;
  readonly bus: BusConnection;
  readonly client: BusClient;
  readonly store: AuthStore;
  close(): Promise<void>;
}

export async function openSpecStore(label: string): Promise<SpecStore> {
  const prefix = uniquePrefix(label);
  const bus = await BusConnection.connect({ servers: NATS_URL.split(','), prefix, name: `spec-${label}` });
  const store = await AuthStore.open(bus.nc, { prefix, codeRetentionMs: 3_600_000 });
  return {
    prefix,
    bus,
    client: new BusClient(bus),
    store,
    close: async () => {
      await store.destroy();
      await bus.close();
    },
  };
}

export const ADMIN_PASSWORD = 'correct horse battery staple';

export interface SpecAuth extends SpecStore {
  readonly service: AuthService;
  readonly clock: SpecClock;
  readonly identity: PublicIdentity;
  /** Every revocation published on the bus so far. */
  readonly published: Revocation[];
}

/** The whole authorisation server on a private prefix, with a movable clock. */
export async function startSpecAuth(
  label: string,
  overrides: { cimdCa?: string; cimdAllowPrivate?: boolean } = {},
): Promise<SpecAuth> {
  const base = await openSpecStore(label);
  const clock = new SpecClock();
  const identity = publicIdentity(new URL('https://gw.example.com'));
  const published: Revocation[] = [];
  const sub = base.client.subscribe(AuthRevoked, {}, (r) => published.push(r));
  const service = await AuthService.start(base.store, base.client, {
    identity,
    accessTokenTtlSeconds: 3600,
    refreshTokenTtlSeconds: 30 * 86_400,
    codeTtlSeconds: 60,
    keyRotationDays: 30,
    adminPassword: ADMIN_PASSWORD,
    cimdAllowPrivate: overrides.cimdAllowPrivate ?? false,
    ...(overrides.cimdCa === undefined ? {} : { cimdCa: overrides.cimdCa }),
    onChoreError: () => undefined,
    now: clock.now,
    hasher: CHEAP_HASHER,
  });
  return {
    ...base,
    service,
    clock,
    identity,
    published,
    close: async () => {
      sub.unsubscribe();
      await service.stop();
      await base.close();
    },
  };
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Registers a client the way Claude.ai does (client_secret_post) unless `body` says otherwise. */
export async function registerClient(
  auth: SpecAuth,
  body: Record<string, unknown> = {},
): Promise<{ clientId: string; clientSecret: string | undefined; redirectUri: string }> {
  const answer = await auth.service.registry.register({
    redirect_uris: ['https://claude.ai/api/mcp/auth_callback'],
    token_endpoint_auth_method: 'client_secret_post',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    client_name: 'Claude',
    ...body,
  });
  if (answer.outcome !== 'ok') throw new Error(`registration failed: ${answer.description}`);
  const redirect = (answer.client['redirect_uris'] as string[])[0] ?? '';
  return {
    clientId: answer.client['client_id'] as string,
    clientSecret: answer.client['client_secret'] as string | undefined,
    redirectUri: redirect,
  };
}

/** Runs check + approve and returns the redirect location. */
export async function approve(
  auth: SpecAuth,
  params: FormParams,
  password = ADMIN_PASSWORD,
): Promise<string> {
  const check = await auth.service.authorize.check(params);
  if (check.outcome !== 'consent') throw new Error(`expected consent, got ${JSON.stringify(check)}`);
  const decided = await auth.service.authorize.decide({
    params,
    decision: 'approve',
    password,
    csrfNonce: check.csrf.nonce,
    csrfToken: check.csrf.token,
    remote: '198.51.100.7',
  });
  if (decided.outcome !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(decided)}`);
  return decided.location;
}

/** A code for a registered client, with the PKCE verifier that redeems it. */
export async function obtainCode(
  auth: SpecAuth,
  client: { clientId: string; redirectUri: string },
  extra: FormParams = {},
): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = pkcePair();
  const location = await approve(auth, {
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'st4te',
    resource: auth.identity.resource,
    ...extra,
  });
  const code = new URL(location).searchParams.get('code');
  if (!code) throw new Error(`no code in ${location}`);
  return { code, verifier };
}
