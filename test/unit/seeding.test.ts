import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeSeeding, seedTotals, type SeedFigures } from '../../source/model/seeding.js';
import { progressBar } from '../../source/text/progress-bar.js';

const KEY = Buffer.alloc(32, 1);

function figures(core: string, local: number, length: number, started = true): SeedFigures {
  return { mainKey: KEY, core, key: KEY, started, local, length, seeded: started && local >= length };
}

test('progressBar: ten cells and a percentage rounded down, so 100% means done', () => {
  assert.equal(progressBar(0, 10), '[----------] 0%');
  assert.equal(progressBar(5, 10), '[#####-----] 50%');
  assert.equal(progressBar(999, 1000), '[#########-] 99%');
  assert.equal(progressBar(1000, 1000), '[##########] 100%');
  assert.equal(progressBar(0, 0), '[##########] 100%', 'nothing to do is done');
  assert.equal(progressBar(12, 10), '[##########] 100%', 'never past the end');
});

test('seedTotals: blocks here over all cores, seeded only when every core started and is whole', () => {
  assert.deepEqual(seedTotals([figures('core-1', 1, 1), figures('core-2', 5, 10)]), {
    local: 6,
    length: 11,
    seeded: false,
  });
  assert.equal(seedTotals([figures('core-1', 1, 1), figures('core-2', 10, 10)]).seeded, true);
  assert.equal(seedTotals([figures('core-1', 1, 1), figures('core-2', 0, 0, false)]).seeded, false);
  assert.equal(seedTotals([]).seeded, false, 'no core yet is nothing seeded');
});

test('describeSeeding: asking, then a bar with the counts, then seeded', () => {
  assert.match(describeSeeding([figures('core-1', 0, 0, false)]), /^seeding: asking peers/);
  assert.equal(
    describeSeeding([figures('core-1', 1, 1), figures('core-2', 249, 1000), figures('core-3', 250, 1000)]),
    'seeding [##--------] 24% · 500 / 2,001 blocks',
  );
  assert.equal(
    describeSeeding([figures('core-1', 1, 1), figures('core-2', 1000, 1000)]),
    'seeded: all 1,001 blocks of 2 cores here, serving them',
  );
});
