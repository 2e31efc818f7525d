import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import {
  canonicalJson,
  type AuditRecord,
  type AuthFailureRecord,
  type ToolCallRecord,
} from '@mcp-gateway/contracts';
import { REPO_ROOT, waitFor } from '@mcp-gateway/testing';
import { legacyClient, startGateway, type RunningGateway } from './gateway-harness.js';

const run = promisify(execFile);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the audit log through the running gateway', () => {
  let gateway: RunningGateway;
  let instance: string;

  const cli = (args: string[]) =>
    run(process.execPath, ['dist/apps/cli/main.js', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...gateway.env },
    });
  /** `gateway audit tail --json`, parsed. */
  const tail = async (args: string[] = []): Promise<{ records: AuditRecord[]; stdout: string }> => {
    const { stdout } = await cli(['audit', 'tail', '--json', '-n', '1000', ...args]);
    const records = stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as AuditRecord);
    return { records, stdout };
  };
  const toolCalls = async () =>
    (await tail(['--kind', 'tool-call'])).records.filter((r): r is ToolCallRecord => r.kind === 'tool-call');

  before(async () => {
    gateway = await startGateway({ openai: {} });
    const status = (await (await fetch(`${gateway.baseUrl}/status`)).json()) as {
      connectors: { name: string; instances: { instance: string }[] }[];
    };
    instance = status.connectors.find((c) => c.name === 'homeassistant')?.instances[0]?.instance ?? '';
    assert.notEqual(instance, '');
  });
  after(async () => {
    await gateway?.stop();
  });

  it('records a call through /mcp and one through /tools/<name>: surface, caller, tool, replica, redacted secrets', async () => {
    const mcpArgs = { template: '{{ room }}', variables: { room: 'kitchen', password: 'hunter2' } };
    const client = await legacyClient(gateway, 'audit-e2e');
    const result = (await client.callTool({ name: 'homeassistant_render_template', arguments: mcpArgs })) as {
      content: { type: string; text: string }[];
    };
    assert.equal(result.content[0]?.text, 'kitchen');
    await client.close();

    const created = JSON.parse(
      (await cli(['token', 'create', '--name', 'audit-e2e', '--scopes', 'homeassistant:read', '--json']))
        .stdout,
    ) as { id: string; token: string };
    const toolArgs = { template: '{{ n + 1 }}', variables: { n: 1, api_key: 'sk-live-123' } };
    const answer = await fetch(`${gateway.openaiUrl}/tools/homeassistant_render_template`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${created.token}` },
      body: JSON.stringify(toolArgs),
    });
    assert.equal(answer.status, 200);
    // The chat tool loop, through the built-in gateway model (no LLM needed).
    const chat = await fetch(`${gateway.openaiUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${created.token}` },
      body: JSON.stringify({
        model: 'gateway',
        messages: [{ role: 'user', content: '/homeassistant_list_areas {}' }],
      }),
    });
    assert.equal(chat.status, 200);

    const calls = await waitFor(
      async () => {
        const found = await toolCalls();
        return found.length >= 3 ? found : undefined;
      },
      10_000,
      'the three calls in the audit log',
    );
    const viaMcp = calls.find((r) => r.surface === 'mcp');
    const viaTools = calls.find((r) => r.surface === 'openapi');
    const viaChat = calls.find((r) => r.surface === 'openai');
    assert.ok(viaMcp && viaTools && viaChat, JSON.stringify(calls));
    assert.equal(viaChat.tool, 'homeassistant_list_areas');
    assert.equal(viaChat.caller.tokenName, 'audit-e2e');
    assert.equal(viaChat.instance, instance);

    assert.equal(viaMcp.tool, 'homeassistant_render_template');
    assert.equal(viaMcp.connector, 'homeassistant');
    assert.equal(viaMcp.instance, instance);
    assert.equal(viaMcp.outcome, 'ok');
    assert.deepEqual(viaMcp.caller, { subject: 'access-token-1', tokenKind: 'static' });
    assert.deepEqual(viaMcp.arguments, {
      template: '{{ room }}',
      variables: { room: 'kitchen', password: '[redacted]' },
    });
    assert.equal(viaMcp.argumentsDigest, sha256(canonicalJson(mcpArgs)));
    assert.equal(viaMcp.truncated, false);
    assert.ok(viaMcp.durationMs >= 0 && Date.parse(viaMcp.at) > Date.now() - 60_000);

    assert.equal(viaTools.tool, 'homeassistant_render_template');
    assert.equal(viaTools.instance, instance);
    assert.deepEqual(viaTools.caller, {
      subject: 'api-token:audit-e2e',
      tokenId: created.id,
      tokenName: 'audit-e2e',
      tokenKind: 'api-token',
    });
    assert.deepEqual(viaTools.arguments, {
      template: '{{ n + 1 }}',
      variables: { n: 1, api_key: '[redacted]' },
    });
    assert.equal(viaTools.argumentsDigest, sha256(canonicalJson(toolArgs)));

    const { stdout } = await tail();
    assert.ok(!stdout.includes('hunter2') && !stdout.includes('sk-live-123'), 'no secret in the log');
    const table = (await cli(['audit', 'tail', '--kind', 'tool-call'])).stdout;
    assert.match(table, /^TIME \(UTC\)\s+SURFACE\s+WHO/);
    assert.match(
      table,
      new RegExp(`mcp\\s+access-token-1\\s+homeassistant_render_template\\s+ok\\s+\\d+\\s+${instance}`),
    );
    assert.match(table, /openapi\s+api-token:audit-e2e\s+homeassistant_render_template\s+ok/);
  });

  it('records a refused token with a fingerprint and where it came from, never the token; no token is no record', async () => {
    const bad = randomBytes(48).toString('base64url');
    const viaMcp = await fetch(gateway.mcpUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${bad}`,
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    assert.equal(viaMcp.status, 401);
    const viaTools = await fetch(`${gateway.openaiUrl}/tools/homeassistant_get_state?probe=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bad}` },
      body: '{}',
    });
    assert.equal(viaTools.status, 401);
    const anonymous = await fetch(gateway.mcpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    assert.equal(anonymous.status, 401);

    const failures = await waitFor(
      async () => {
        const found = (await tail(['--kind', 'auth-failure'])).records as AuthFailureRecord[];
        return found.length >= 2 ? found : undefined;
      },
      10_000,
      'the refused tokens in the audit log',
    );
    assert.equal(failures.length, 2, 'the request without a token is not recorded');
    const fingerprint = sha256(bad).slice(0, 8);
    for (const failure of failures) {
      assert.equal(failure.tokenFingerprint, fingerprint);
      assert.equal(failure.tokenKind, 'opaque');
      assert.equal(failure.reason, 'invalid');
      assert.equal(failure.remoteAddress, '127.0.0.1');
    }
    assert.deepEqual(failures.map((f) => [f.surface, f.path]).sort(), [
      ['mcp', '/mcp'],
      ['openapi', '/tools/homeassistant_get_state'],
    ]);
    const { stdout } = await tail();
    const table = (await cli(['audit', 'tail'])).stdout;
    assert.ok(!stdout.includes(bad) && !table.includes(bad), 'the token itself is never recorded');
    assert.match(
      table,
      new RegExp(`127\\.0\\.0\\.1\\s+/mcp \\(opaque token ${fingerprint}\\)\\s+refused: invalid`),
    );
  });

  it('keeps every record written before mcp-front restarts', async () => {
    const client = await legacyClient(gateway, 'audit-restart');
    for (let i = 0; i < 5; i++) {
      await client.callTool({
        name: 'homeassistant_get_state',
        arguments: { entity_ids: ['light.kitchen_ceiling'] },
      });
    }
    await client.close();
    // Straight into SIGTERM: the front flushes its audit log before it lets go of NATS.
    await gateway.restartFront();
    const records = await waitFor(
      async () => {
        const found = (await toolCalls()).filter((r) => r.tool === 'homeassistant_get_state');
        return found.length >= 5 ? found : undefined;
      },
      10_000,
      'the calls made before the restart',
    );
    assert.equal(records.length, 5);
    assert.equal(new Set(records.map((r) => r.id)).size, 5);

    const again = await legacyClient(gateway, 'audit-after-restart');
    await again.callTool({ name: 'homeassistant_get_state', arguments: { entity_ids: ['lock.front_door'] } });
    await again.close();
    await waitFor(
      async () => (await toolCalls()).filter((r) => r.tool === 'homeassistant_get_state').length === 6,
      10_000,
      'the call made after the restart',
    );
  });

  it('--follow prints new records as they are written and stops cleanly on Ctrl-C', async () => {
    const child = spawn(process.execPath, ['dist/apps/cli/main.js', 'audit', 'tail', '--follow', '-n', '1'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...gateway.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await waitFor(() => stdout.split('\n').length >= 3, 10_000, 'the header and the newest record');
      const client = await legacyClient(gateway, 'audit-follow');
      await client.callTool({ name: 'homeassistant_get_config', arguments: {} });
      await client.close();
      await waitFor(
        () => stdout.includes('homeassistant_get_config'),
        10_000,
        'the new call while following',
      );
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited, 0);
  });
});
