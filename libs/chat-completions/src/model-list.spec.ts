import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ModelList } from './model-list.js';
import { sleep, startFakeUpstream } from './spec-fakes.js';
import { UpstreamLlm } from './upstream-llm.js';

const listing = (...ids: string[]) => ({
  status: 200,
  json: {
    object: 'list',
    data: ids.map((id) => ({ id, object: 'model', created: 1, owned_by: 'me', pipeline: { x: 1 } })),
  },
});

describe('ModelList', () => {
  it('offers only gateway without an upstream', async () => {
    const list = await new ModelList(undefined, { allow: [], ttlMs: 1000, log: () => {} }).list();
    assert.deepEqual(
      list.data.map((m) => m.id),
      ['gateway'],
    );
    assert.equal(list.object, 'list');
  });

  it('adds the allowed upstream models, without pipeline keys or a second gateway', async () => {
    const upstream = await startFakeUpstream([listing('llama3', 'qwen', 'gateway')]);
    try {
      const models = new ModelList(new UpstreamLlm({ baseUrl: upstream.url, timeoutMs: 1000 }), {
        allow: ['llama3', 'gateway'],
        ttlMs: 60_000,
        log: () => {},
      });
      const { data } = await models.list();
      assert.deepEqual(
        data.map((m) => [m.id, m.owned_by]),
        [
          ['gateway', 'gateway'],
          ['llama3', 'me'],
        ],
      );
      assert.equal('pipeline' in data[1]!, false);
      assert.equal((await models.find('llama3'))?.id, 'llama3');
      assert.equal(await models.find('qwen'), undefined);
      assert.equal(upstream.requests.length, 1, 'cached');
      assert.equal(upstream.requests[0]!.path, '/v1/models');
    } finally {
      await upstream.close();
    }
  });

  it('serves the stale list while refreshing, and keeps the last good list when the upstream fails', async () => {
    const upstream = await startFakeUpstream([
      listing('a'),
      { status: 500, json: { error: { message: 'down' } } },
      listing('b'),
    ]);
    const logged: string[] = [];
    try {
      const models = new ModelList(new UpstreamLlm({ baseUrl: upstream.url, timeoutMs: 1000 }), {
        allow: [],
        ttlMs: 20,
        log: (m) => logged.push(m),
      });
      const ids = async () => (await models.list()).data.map((m) => m.id);
      assert.deepEqual(await ids(), ['gateway', 'a']);
      await sleep(30);
      assert.deepEqual(await ids(), ['gateway', 'a'], 'stale while the failing refresh runs');
      await sleep(30);
      assert.deepEqual(await ids(), ['gateway', 'a'], 'last good list after the failure');
      assert.match(logged[0]!, /model list unavailable/);
      // The next refresh succeeds; poll rather than sleep a fixed time (the machine may be busy).
      let latest = await ids();
      for (let i = 0; i < 200 && latest.includes('a'); i++) {
        await sleep(10);
        latest = await ids();
      }
      assert.deepEqual(latest, ['gateway', 'b']);
    } finally {
      await upstream.close();
    }
  });

  it('still answers gateway when the upstream never answered', async () => {
    const models = new ModelList(new UpstreamLlm({ baseUrl: 'http://127.0.0.1:1/v1', timeoutMs: 500 }), {
      allow: [],
      ttlMs: 1000,
      log: () => {},
    });
    assert.deepEqual(
      (await models.list()).data.map((m) => m.id),
      ['gateway'],
    );
  });
});
