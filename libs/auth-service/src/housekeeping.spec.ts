import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Housekeeping } from './housekeeping.js';
import { oauthFailure, withQuery } from './oauth-failure.js';

describe('Housekeeping', () => {
  it('runs each chore on its interval, never overlapping itself, and reports failures', async () => {
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const errors: string[] = [];
    const housekeeping = new Housekeeping(
      [
        {
          name: 'slow',
          everyMs: 5,
          run: async () => {
            runs++;
            maxConcurrent = Math.max(maxConcurrent, ++concurrent);
            await sleep(30);
            concurrent--;
          },
        },
        { name: 'broken', everyMs: 5, run: () => Promise.reject(new Error('kv down')) },
      ],
      (chore) => errors.push(chore),
    );
    housekeeping.start();
    await sleep(100);
    housekeeping.stop();
    const after = runs;
    await sleep(40);
    assert.ok(runs >= 2, `ran ${runs} times`);
    assert.equal(maxConcurrent, 1);
    assert.equal(runs, after, 'stopped');
    assert.ok(errors.length > 0 && errors.every((e) => e === 'broken'));
  });
});

describe('oauthFailure and withQuery', () => {
  it('maps statuses and keeps descriptions within the RFC 6749 character set', () => {
    assert.equal(oauthFailure('invalid_client', 'x').status, 401);
    assert.equal(oauthFailure('invalid_token', 'x').status, 401);
    assert.equal(oauthFailure('invalid_grant', 'x').status, 400);
    assert.equal(oauthFailure('access_denied', 'x', 403).status, 403);
    assert.equal(oauthFailure('invalid_request', 'a "quoted" \\ été\n').description, "a 'quoted' ' ?t??");
    assert.equal(oauthFailure('invalid_request', 'x'.repeat(900)).description.length, 500);
  });

  it('appends parameters, keeping the existing query and skipping undefined values', () => {
    assert.equal(
      withQuery('https://app.example/cb?tenant=7', {
        code: 'a b',
        state: undefined,
        iss: 'https://gw.example.com',
      }),
      'https://app.example/cb?tenant=7&code=a+b&iss=https%3A%2F%2Fgw.example.com',
    );
  });
});
