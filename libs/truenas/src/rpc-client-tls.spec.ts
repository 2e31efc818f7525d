import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BusError } from '@mcp-gateway/contracts';
import { TrueNasClient } from './rpc-client.js';
import { FakeTrueNas } from './spec-fake-truenas.js';

/** A self-signed certificate for 127.0.0.1, like the one TrueNAS ships with (test fixture, valid to 2126). */
const CERT = `-----BEGIN CERTIFICATE-----
MIIBqDCCAU2gAwIBAgIUMKTKORyz8twCRlzaMymiAd4EP4MwCgYIKoZIzj0EAwIw
GDEWMBQGA1UEAwwNdHJ1ZW5hcy5sb2NhbDAgFw0yNjExMjQwNTExMzJaGA8yMTI2
MTAzMTA1MTEzMlowGDEWMBQGA1UEAwwNdHJ1ZW5hcy5sb2NhbDBZMBMGByqGSM49
AgEGCCqGSM49AwEHA0IABKHhwgZ69s+a3g8vOfug3D7w4Ch+bQw0eOe8xXHnwDSC
J0t/YgsuEUrUDX/UORBCxR7P7mNLGR/Kaj55KzcNgpWjczBxMB0GA1UdDgQWBBRt
TqPqsamR4K+yi+zE4l/l7IErUzAfBgNVHSMEGDAWgBRtTqPqsamR4K+yi+zE4l/l
7IErUzAPBgNVHRMBAf8EBTADAQH/MB4GA1UdEQQXMBWCDXRydWVuYXMubG9jYWyH
BH8AAAEwCgYIKoZIzj0EAwIDSQAwRgIhAKUPAlWlIcsg9gFIXP6yiJbcRtGOg7n3
j/DgOfzCkDgsAiEA4omOk5mw/1iY/L7gBraaE8AWz0RKeb720+BdDFCUS8k=
-----END CERTIFICATE-----
`;
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg/BAGC786hjy75AJh
k38n1heyaOoiRRqXlDmqX8FV8QehRANCAASh4cIGevbPmt4PLzn7oNw+8OAofm0M
NHjnvMVx58A0gidLf2ILLhFK1A1/1DkQQsUez+5jSxkfymo+eSs3DYKV
-----END PRIVATE KEY-----
`;

describe('TrueNasClient over wss:// with a self-signed certificate', () => {
  let fake: FakeTrueNas;
  const clients: TrueNasClient[] = [];
  const client = (verifyTls: boolean) => {
    const c = new TrueNasClient({
      url: fake.url,
      apiKey: '1-secret',
      username: 'truenas_admin',
      verifyTls,
      allowInsecure: false,
      timeoutMs: 2_000,
    });
    clients.push(c);
    return c;
  };
  before(async () => {
    fake = await FakeTrueNas.start({ cert: CERT, key: KEY });
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await fake.close();
  });

  it('refuses an untrusted certificate by default and says how to accept it', async () => {
    await assert.rejects(
      client(true).call('core.ping'),
      (e: unknown) =>
        e instanceof BusError &&
        e.code === 'BACKEND_UNAVAILABLE' &&
        e.message.includes('TRUENAS_VERIFY_TLS=0'),
    );
    assert.equal(fake.logins, 0, 'the key never left');
  });

  it('connects with TRUENAS_VERIFY_TLS=0, without needing TRUENAS_ALLOW_INSECURE', async () => {
    assert.equal(await client(false).call('core.ping'), 'pong');
    assert.equal(fake.logins, 1);
  });
});
