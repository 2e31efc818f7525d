import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, EnvReader } from '@mcp-gateway/config';
import { ToolDescriptorSchema, compileSchema, schemaProblem } from '@mcp-gateway/contracts';
import { describeTool } from '@mcp-gateway/connector-kit';
import { homeAssistantConnector } from './connector.js';
import { readConfig } from './config.js';

const REQUIRED_TOOLS = [
  'homeassistant_list_entities',
  'homeassistant_get_state',
  'homeassistant_call_service',
  'homeassistant_get_history',
  'homeassistant_list_areas',
  'homeassistant_render_template',
];

describe('homeAssistantConnector', () => {
  const descriptors = homeAssistantConnector.tools.map((t) =>
    describeTool(t as Parameters<typeof describeTool>[0]),
  );

  it('offers the tools every install has', () => {
    const names = descriptors.map((d) => d.name);
    for (const name of REQUIRED_TOOLS) assert.ok(names.includes(name), `${name} is missing`);
    assert.equal(homeAssistantConnector.name, 'homeassistant');
    assert.equal(homeAssistantConnector.defaultMetricsPort, 9101);
  });

  it('describes every tool within client limits', () => {
    const validDescriptor = compileSchema(ToolDescriptorSchema);
    for (const d of descriptors) {
      assert.ok(validDescriptor(d), `${d.name}: ${JSON.stringify(validDescriptor.errors)}`);
      assert.ok(d.description.length < 2048, `${d.name} description is ${d.description.length} chars`);
      assert.ok(JSON.stringify(d.inputSchema).length < 16_384, `${d.name} schema too large`);
      assert.equal(schemaProblem(d.inputSchema), undefined);
      assert.equal(
        (d.inputSchema as { additionalProperties?: unknown }).additionalProperties,
        false,
        `${d.name} allows extra properties`,
      );
      assert.match(d.description, /Example/, `${d.name} has no example`);
    }
  });

  it('marks reads read-only and actions on the world destructive', () => {
    for (const d of descriptors) {
      const acts = d.name === 'homeassistant_call_service' || d.name === 'homeassistant_converse';
      assert.equal(d.annotations.readOnlyHint, !acts, d.name);
      assert.equal(d.annotations.destructiveHint, acts, d.name);
      assert.equal(d.annotations.idempotentHint, !acts, d.name);
    }
  });

  it('validates entity ids, domains and services in arguments', () => {
    const byName = new Map(descriptors.map((d) => [d.name, compileSchema(d.inputSchema)]));
    const callService = byName.get('homeassistant_call_service');
    assert.ok(callService);
    assert.equal(
      callService({ domain: 'light', service: 'turn_on', target: { entity_id: 'light.kitchen' } }),
      true,
    );
    assert.equal(
      callService({ domain: 'light', service: 'turn_on', target: { entity_id: ['light.a', 'light.b'] } }),
      true,
    );
    assert.equal(callService({ domain: 'Light', service: 'turn_on' }), false);
    assert.equal(
      callService({ domain: 'light', service: 'turn_on', target: { entity_id: 'kitchen' } }),
      false,
    );
    assert.equal(callService({ domain: 'light', service: 'turn_on', colour: 'red' }), false);
    const getState = byName.get('homeassistant_get_state');
    assert.ok(getState);
    assert.equal(getState({ entity_ids: ['sensor.outdoor_temperature'] }), true);
    assert.equal(getState({ entity_ids: ['sensor.Outdoor'] }), false);
    assert.equal(getState({ entity_ids: [] }), false);
  });
});

describe('readConfig', () => {
  it('reads the URL, token and timeout', () => {
    const env = new EnvReader({
      HOMEASSISTANT_URL: 'http://ha.local:8123',
      HOMEASSISTANT_TOKEN: 'abc',
      HOMEASSISTANT_TIMEOUT_MS: '5000',
    });
    const config = readConfig(env);
    env.done();
    assert.equal(config.baseUrl.href, 'http://ha.local:8123/');
    assert.equal(config.token, 'abc');
    assert.equal(config.timeoutMs, 5000);
  });

  it('defaults the timeout to 30 s', () => {
    const env = new EnvReader({ HOMEASSISTANT_URL: 'https://ha.example.com', HOMEASSISTANT_TOKEN: 'abc' });
    assert.equal(readConfig(env).timeoutMs, 30_000);
  });

  it('names every missing or invalid variable and never echoes the token', () => {
    const env = new EnvReader({ HOMEASSISTANT_URL: 'ftp://ha.local' });
    readConfig(env);
    assert.throws(
      () => env.done(),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.message.includes('HOMEASSISTANT_URL') &&
        e.message.includes('HOMEASSISTANT_TOKEN'),
    );
    const missing = new EnvReader({ HOMEASSISTANT_TOKEN: 'super-secret-token' });
    readConfig(missing);
    assert.throws(
      () => missing.done(),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.message.includes('HOMEASSISTANT_URL is required') &&
        !e.message.includes('super-secret-token'),
    );
  });
});
