import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import {
  AuthApiTokenCreate,
  AuthApiTokenList,
  AuthApiTokenRevoke,
  AuthApiTokenVerify,
  AuthAuthorizeCheck,
  AuthAuthorizeDecide,
  AuthClientGet,
  AuthClientRegister,
  AuthKeysGet,
  AuthRevocationsList,
  AuthTokenExchange,
  AuthTokenRevoke,
  BusError,
} from '@mcp-gateway/contracts';
import { BusClient, BusConnection } from '@mcp-gateway/bus';
import { AuthStore } from '@mcp-gateway/auth-service';
import { NATS_URL, uniquePrefix } from '@mcp-gateway/testing';
import { bootstrapAuth, type RunningAuth } from './bootstrap.js';
import { readAuthConfig } from './config.js';

const PASSWORD = 'a long enough spec password';

describe('auth service on the bus (real NATS)', () => {
  const prefix = uniquePrefix('authapp');
  let running: RunningAuth;
  let bus: BusConnection;
  let client: BusClient;

  before(async () => {
    running = await bootstrapAuth(
      readAuthConfig({
        NATS_URL,
        GATEWAY_SUBJECT_PREFIX: prefix,
        METRICS_PORT: '0',
        PUBLIC_URL: 'https://gw.example.com',
        GATEWAY_ADMIN_PASSWORD: PASSWORD,
        LOG_LEVEL: 'warn',
      }),
    );
    bus = await BusConnection.connect({ servers: NATS_URL.split(','), prefix, name: 'auth-app-spec' });
    client = new BusClient(bus);
  });
  after(async () => {
    await running.stop();
    const store = await AuthStore.open(bus.nc, { prefix, codeRetentionMs: 3_600_000 });
    await store.destroy();
    await bus.close();
  });

  it('runs the whole OAuth flow over the bus', async () => {
    const registered = await client.request(
      AuthClientRegister,
      {},
      {
        metadata: {
          redirect_uris: ['https://claude.ai/api/mcp/auth_callback'],
          token_endpoint_auth_method: 'client_secret_post',
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          client_name: 'Claude',
        },
      },
    );
    assert.equal(registered.outcome, 'ok');
    const clientId = registered.client['client_id'] as string;
    const clientSecret = registered.client['client_secret'] as string;
    const read = await client.request(
      AuthClientGet,
      {},
      {
        clientId,
        registrationAccessToken: registered.client['registration_access_token'] as string,
      },
    );
    assert.equal(read.outcome, 'ok');

    const verifier = randomBytes(32).toString('base64url');
    const params = {
      response_type: 'code',
      client_id: clientId,
      redirect_uri: 'https://claude.ai/api/mcp/auth_callback',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      state: 'abc',
      resource: 'https://gw.example.com/mcp',
    };
    const check = await client.request(AuthAuthorizeCheck, {}, { params });
    assert.equal(check.outcome, 'consent');
    const decided = await client.request(
      AuthAuthorizeDecide,
      {},
      {
        params,
        decision: 'approve',
        password: PASSWORD,
        csrfNonce: check.csrf.nonce,
        csrfToken: check.csrf.token,
        remote: '198.51.100.1',
      },
    );
    assert.equal(decided.outcome, 'redirect');
    const code = new URL(decided.location).searchParams.get('code') ?? '';

    const exchanged = await client.request(
      AuthTokenExchange,
      {},
      {
        form: {
          grant_type: 'authorization_code',
          code,
          code_verifier: verifier,
          redirect_uri: params.redirect_uri,
          client_id: clientId,
          client_secret: clientSecret,
        },
      },
    );
    assert.equal(exchanged.outcome, 'ok');
    const jwks = await client.request(AuthKeysGet, {}, {});
    await jwtVerify(exchanged.tokens.access_token, createLocalJWKSet({ keys: jwks.keys }), {
      issuer: 'https://gw.example.com',
      audience: 'https://gw.example.com/mcp',
    });

    assert.deepEqual(await client.request(AuthRevocationsList, {}, {}), { revocations: [] });
    const revoked = await client.request(
      AuthTokenRevoke,
      {},
      {
        form: { token: exchanged.tokens.refresh_token },
        basic: { clientId, clientSecret },
      },
    );
    assert.deepEqual(revoked, { outcome: 'ok' });
    const { revocations } = await client.request(AuthRevocationsList, {}, {});
    assert.deepEqual(
      revocations.map((r) => r.kind),
      ['grant'],
    );
  });

  it('answers OAuth failures as results and bad payloads as wire errors', async () => {
    const answer = await client.request(
      AuthTokenExchange,
      {},
      { form: { grant_type: 'refresh_token', client_id: 'gone', refresh_token: 'x' } },
    );
    assert.deepEqual(answer, {
      outcome: 'error',
      error: 'invalid_client',
      description: 'unknown client_id; register the client again',
      status: 401,
    });
    const raw = await bus.nc.request(
      AuthTokenExchange.subject(prefix, {}),
      new TextEncoder().encode('{"form":1}'),
      {
        timeout: 5_000,
      },
    );
    const envelope = JSON.parse(new TextDecoder().decode(raw.data)) as {
      ok: boolean;
      error: { code: string };
    };
    assert.equal(envelope.ok, false);
    assert.equal(envelope.error.code, 'INVALID_REQUEST');
  });

  it('manages API tokens', async () => {
    const tokenHash = createHash('sha256').update(randomBytes(32)).digest('hex');
    const created = await client.request(
      AuthApiTokenCreate,
      {},
      {
        name: 'spec bot',
        scopes: ['homeassistant:read'],
        tokenHash,
        expiresAt: null,
      },
    );
    const verified = await client.request(AuthApiTokenVerify, {}, { tokenHash });
    assert.equal(verified.outcome, 'ok');
    assert.ok((await client.request(AuthApiTokenList, {}, {})).tokens.some((t) => t.id === created.id));
    assert.deepEqual(await client.request(AuthApiTokenRevoke, {}, { ref: 'spec bot' }), {
      id: created.id,
      name: 'spec bot',
    });
    await assert.rejects(
      client.request(AuthApiTokenRevoke, {}, { ref: 'spec bot' }),
      (e: unknown) => e instanceof BusError && e.code === 'NOT_FOUND',
    );
  });

  it('reports ready with NATS and the KV store', async () => {
    const response = await fetch(`${running.metricsUrl}/ready`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { checks: Record<string, { ok: boolean }> };
    assert.equal(body.checks['nats']?.ok, true);
    assert.equal(body.checks['kv']?.ok, true);
    const metrics = await (await fetch(`${running.metricsUrl}/metrics`)).text();
    assert.match(metrics, /service="auth"/);
  });
});
