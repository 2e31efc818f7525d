import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BusError } from '@mcp-gateway/contracts';
import { reply } from './reply.js';

describe('reply', () => {
  it('wraps a result, answers a BusError as itself and anything else as INTERNAL without detail', async () => {
    assert.deepEqual(await reply('op', () => 42), { ok: true, result: 42 });
    assert.deepEqual(await reply('op', () => Promise.resolve('x')), { ok: true, result: 'x' });
    assert.deepEqual(
      await reply('op', () => {
        throw new BusError('NOT_FOUND', 'No such token.');
      }),
      { ok: false, error: { code: 'NOT_FOUND', message: 'No such token.' } },
    );
    const internal = await reply('op', () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:4222')));
    assert.deepEqual(internal, {
      ok: false,
      error: { code: 'INTERNAL', message: 'The auth service failed while handling the request.' },
    });
  });
});
