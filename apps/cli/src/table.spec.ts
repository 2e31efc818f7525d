import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatInstant, formatTable } from './table.js';

describe('formatTable', () => {
  it('aligns columns two spaces apart without trailing spaces', () => {
    assert.equal(
      formatTable(
        ['ID', 'NAME', 'X'],
        [
          ['tok_1', 'a long name', ''],
          ['tok_22', 'b', 'y'],
        ],
      ),
      'ID      NAME         X\ntok_1   a long name\ntok_22  b            y\n',
    );
  });

  it('prints just the header for no rows', () => {
    assert.equal(formatTable(['A', 'B'], []), 'A  B\n');
  });
});

describe('formatInstant', () => {
  it('shows UTC to the minute', () => {
    assert.equal(formatInstant('2030-01-31T09:05:59.999Z'), '2030-01-31 09:05 UTC');
    assert.equal(formatInstant('2030-01-31T10:05:00+01:00'), '2030-01-31 09:05 UTC');
  });
});
