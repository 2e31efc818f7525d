import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, EnvReader } from '@mcp-gateway/config';
import { compileSchema, type ToolResult } from '@mcp-gateway/contracts';
import type { CatalogTool } from './catalog-types.js';
import { ResultCache, readToolCache } from './result-cache.js';

function tool(name: string, readOnly: boolean): CatalogTool {
  return {
    connector: 'fake',
    descriptor: {
      name,
      title: name,
      description: 'A fake tool.',
      inputSchema: { type: 'object' },
      annotations: {
        readOnlyHint: readOnly,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
    },
    validate: compileSchema({ type: 'object' }),
    scope: `fake:${readOnly ? 'read' : 'write'}`,
  };
}

const text = (t: string): ToolResult => ({ content: [{ type: 'text', text: t }] });

describe('ResultCache', () => {
  const areas = tool('fake_list_areas', true);
  const write = tool('fake_write', false);
  let clock = 0;
  const cache = () =>
    new ResultCache({
      ttlSeconds: new Map([
        ['fake_list_areas', 60],
        ['fake_write', 60],
      ]),
      maxEntries: 2,
      now: () => clock,
    });

  it('answers the same read-only call from memory within the TTL, and asks again after it', async () => {
    clock = 0;
    const c = cache();
    let loads = 0;
    const load = () => Promise.resolve(text(`load ${++loads}`));
    assert.deepEqual(await c.through(areas, { floor: 1 }, load), { result: text('load 1'), hit: false });
    clock = 59_999;
    assert.deepEqual(await c.through(areas, { floor: 1 }, load), { result: text('load 1'), hit: true });
    // Key order does not matter; a different argument does.
    assert.equal((await c.through(areas, { floor: 2 }, load)).hit, false);
    clock = 60_000;
    assert.deepEqual(await c.through(areas, { floor: 1 }, load), { result: text('load 3'), hit: false });
  });

  it('never caches a tool that is not read-only, error results, or tools without a TTL', async () => {
    clock = 0;
    const c = cache();
    let loads = 0;
    const load = () => Promise.resolve(text(`load ${++loads}`));
    await c.through(write, {}, load);
    assert.equal((await c.through(write, {}, load)).hit, false);
    const failing = () => Promise.resolve({ ...text('backend down'), isError: true });
    await c.through(areas, { x: 1 }, failing);
    assert.equal((await c.through(areas, { x: 1 }, load)).hit, false, 'an error result is not kept');
    assert.equal(c.ttlMs(tool('fake_other', true)), undefined);
  });

  it('shares one load among identical calls that arrive together', async () => {
    clock = 0;
    const c = cache();
    let loads = 0;
    let release: (r: ToolResult) => void = () => undefined;
    const load = () => {
      loads++;
      return new Promise<ToolResult>((resolve) => (release = resolve));
    };
    const first = c.through(areas, { a: 1 }, load);
    const second = c.through(areas, { a: 1 }, load);
    release(text('once'));
    assert.deepEqual((await first).result, text('once'));
    assert.deepEqual(await second, { result: text('once'), hit: true });
    assert.equal(loads, 1);
  });

  it('keeps at most maxEntries, dropping the least recently used, and forgets everything on clear()', async () => {
    clock = 0;
    const c = cache();
    const load = (t: string) => () => Promise.resolve(text(t));
    await c.through(areas, { k: 'a' }, load('a'));
    await c.through(areas, { k: 'b' }, load('b'));
    await c.through(areas, { k: 'a' }, load('a2')); // a is now the most recent
    await c.through(areas, { k: 'c' }, load('c')); // evicts b
    assert.equal((await c.through(areas, { k: 'a' }, load('a3'))).hit, true);
    assert.equal((await c.through(areas, { k: 'b' }, load('b2'))).hit, false);
    c.clear();
    assert.equal(c.size, 0);
    assert.equal((await c.through(areas, { k: 'a' }, load('a4'))).hit, false);
  });

  it('reads TOOL_CACHE and names a malformed entry', () => {
    const ttls = readToolCache(
      new EnvReader({ TOOL_CACHE: 'homeassistant_list_areas=300, erpnext_list_doctypes=3600' }),
    );
    assert.deepEqual(
      [...ttls],
      [
        ['homeassistant_list_areas', 300],
        ['erpnext_list_doctypes', 3600],
      ],
    );
    const reader = new EnvReader({ TOOL_CACHE: 'homeassistant_list_areas:300' });
    readToolCache(reader);
    assert.throws(
      () => reader.done(),
      (e: unknown) => e instanceof ConfigError && e.message.includes('TOOL_CACHE entries'),
    );
  });
});
