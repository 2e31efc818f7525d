import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MatchNotFound, ValidationErrors } from './errors.js';
import { filterList, type Entry } from './filters.js';

const disks: Entry[] = [
  {
    name: 'ada0',
    type: 'HDD',
    rotationrate: 7200,
    size: 4,
    serial: 'ABC',
    pool: 'tank',
    tags: ['a', 'b'],
    when: { $date: 1_700_000_000_000 },
  },
  {
    name: 'ada1',
    type: 'HDD',
    rotationrate: 5400,
    size: 8,
    serial: 'abd',
    pool: null,
    tags: [],
    when: { $date: 1_600_000_000_000 },
  },
  {
    name: 'nvme0',
    type: 'SSD',
    rotationrate: null,
    size: 1,
    serial: 'XYZ',
    pool: 'boot',
    tags: ['b'],
    when: { $date: 1_650_000_000_000 },
  },
  {
    'foo.bar': 2,
    name: 'sdz',
    type: 'SSD',
    rotationrate: null,
    size: 2,
    serial: 'Q',
    pool: null,
    tags: ['c'],
    when: { $date: 1_500_000_000_000 },
    groups: [{ name: 'wheel' }, { name: 'staff' }],
  },
];

const names = (rows: unknown) => (rows as Entry[]).map((r) => r['name']);

describe('filterList (filter_list.py semantics)', () => {
  it('ANDs filters and ORs branches, including AND groups inside OR', () => {
    assert.deepEqual(
      names(
        filterList(disks, [
          ['type', '=', 'HDD'],
          ['rotationrate', '>', 5400],
        ]),
      ),
      ['ada0'],
    );
    assert.deepEqual(
      names(
        filterList(disks, [
          [
            'OR',
            [
              ['name', '=', 'ada1'],
              ['name', '=', 'nvme0'],
            ],
          ],
        ]),
      ),
      ['ada1', 'nvme0'],
    );
    assert.deepEqual(
      names(
        filterList(disks, [
          [
            'OR',
            [
              [
                ['type', '=', 'SSD'],
                ['size', '>', 1],
              ],
              ['name', '=', 'ada0'],
            ],
          ],
        ]),
      ),
      ['ada0', 'sdz'],
    );
  });

  it('supports every operator and the case-insensitive C prefix', () => {
    assert.deepEqual(names(filterList(disks, [['name', '~', 'ada']])), ['ada0', 'ada1']);
    assert.deepEqual(names(filterList(disks, [['name', 'in', ['ada0', 'sdz']]])), ['ada0', 'sdz']);
    assert.deepEqual(names(filterList(disks, [['pool', 'nin', ['tank']]])), ['nvme0']);
    assert.deepEqual(names(filterList(disks, [['tags', 'rin', 'b']])), ['ada0', 'nvme0']);
    assert.deepEqual(names(filterList(disks, [['tags', 'rnin', 'b']])), ['ada1', 'sdz']);
    assert.deepEqual(names(filterList(disks, [['serial', '^', 'ab']])), ['ada1']);
    assert.deepEqual(names(filterList(disks, [['serial', 'C^', 'ab']])), ['ada0', 'ada1']);
    assert.deepEqual(names(filterList(disks, [['serial', '!^', 'ab']])), ['ada0', 'nvme0', 'sdz']);
    assert.deepEqual(names(filterList(disks, [['name', '$', '0']])), ['ada0', 'nvme0']);
    assert.deepEqual(names(filterList(disks, [['name', '!$', '0']])), ['ada1', 'sdz']);
    assert.deepEqual(names(filterList(disks, [['serial', 'C=', 'xyz']])), ['nvme0']);
    assert.deepEqual(names(filterList(disks, [['name', 'Crin', 'DA']])), ['ada0', 'ada1']);
    assert.deepEqual(names(filterList(disks, [['pool', '!=', null]])), ['ada0', 'nvme0']);
  });

  it('walks dotted paths, escaped dots, indices and wildcards', () => {
    assert.deepEqual(names(filterList(disks, [['foo\\.bar', '=', 2]])), ['sdz']);
    assert.deepEqual(names(filterList(disks, [['groups.1.name', '=', 'staff']])), ['sdz']);
    assert.deepEqual(names(filterList(disks, [['groups.*.name', '=', 'wheel']])), ['sdz']);
    assert.deepEqual(names(filterList(disks, [['missing', '=', null]])), [], 'absent keys never match');
  });

  it('compares .$date fields with ISO timestamps', () => {
    assert.deepEqual(names(filterList(disks, [['when.$date', '>', '2022-01-01T00:00:00+00:00']])), [
      'ada0',
      'nvme0',
    ]);
    assert.throws(() => filterList(disks, [['when.$date', '^', '2022']]), ValidationErrors);
  });

  it('applies select, count, order_by (with nulls_first/last), get, offset and limit in the middleware order', () => {
    assert.equal(filterList(disks, [['type', '=', 'HDD']], { count: true }), 2);
    assert.deepEqual(
      filterList(disks, [], { select: ['name', ['size', 'gb']], order_by: ['-gb'], limit: 2 }),
      [
        { name: 'ada1', gb: 8 },
        { name: 'ada0', gb: 4 },
      ],
    );
    assert.deepEqual(names(filterList(disks, [], { order_by: ['name', 'nulls_first:pool'] })), [
      'ada1',
      'sdz',
      'nvme0',
      'ada0',
    ]);
    assert.deepEqual(names(filterList(disks, [], { order_by: ['nulls_last:-pool'] })), [
      'ada0',
      'nvme0',
      'ada1',
      'sdz',
    ]);
    assert.deepEqual(names(filterList(disks, [], { order_by: ['name'], offset: 1, limit: 2 })), [
      'ada1',
      'nvme0',
    ]);
    assert.deepEqual((filterList(disks, [['name', '=', 'sdz']], { get: true }) as Entry)['size'], 2);
    assert.throws(() => filterList(disks, [['name', '=', 'nope']], { get: true }), MatchNotFound);
    assert.throws(() => filterList(disks, [], { get: true, limit: 2 }), /`get` implies a single result/);
  });

  it('rejects malformed filters as the validator does, and mixed-type comparisons as Python would', () => {
    assert.throws(
      () => filterList(disks, [['name', 'like', 'x']]),
      (e: unknown) => e instanceof ValidationErrors && e.message.includes('Invalid operation: like'),
    );
    assert.throws(() => filterList(disks, [['name', 'C~', 'x']]), /Invalid case-insensitive operation/);
    assert.throws(() => filterList(disks, [['OR', []]]), /OR filter requires at least one branch/);
    assert.throws(() => filterList(disks, [['a', '=', 1, 2]]), /Invalid filter/);
    assert.throws(() => filterList(disks, [['a', '=']]), /Invalid operation: a/);
    assert.throws(
      () => filterList(disks, [['rotationrate', '>', 5000]]),
      /'>' not supported between instances of 'NoneType' and 'int'/,
    );
  });
});
