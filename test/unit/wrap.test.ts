// A wrapped pane: a block's text broken into rows, and which rows of the blocks in view are drawn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wrappedSlices } from '../../source/layout/wrap.js';
import { wrapRuns } from '../../source/text/wrap.js';

const plain = (text: string) => [{ text, escaped: false }];
const texts = (rows: Array<Array<{ text: string }>>) => rows.map((row) => row.map((run) => run.text).join(''));

test('a block of 3 rows at the bottom is whole; those above take what is left, the top one its last rows', () => {
  assert.deepEqual(wrappedSlices([1, 2, 1, 3], 5), [
    { from: 1, to: 1 },
    { from: 1, to: 2 },
    { from: 0, to: 1 },
    { from: 0, to: 3 },
  ]);
});

test('blocks that all fit are drawn whole; a block taller than the pane takes the pane', () => {
  assert.deepEqual(wrappedSlices([1, 1, 2], 10), [
    { from: 0, to: 1 },
    { from: 0, to: 1 },
    { from: 0, to: 2 },
  ]);
  assert.deepEqual(wrappedSlices([2, 4], 4), [
    { from: 2, to: 2 },
    { from: 0, to: 4 },
  ]);
  assert.deepEqual(wrappedSlices([], 4), []);
});

test('text wraps at the width, whole graphemes, escaped runs kept apart', () => {
  assert.deepEqual(texts(wrapRuns(plain('abcdefghij'), 4, 10).rows), ['abcd', 'efgh', 'ij']);
  assert.deepEqual(texts(wrapRuns(plain('ab漢字cd'), 4, 10).rows), ['ab漢', '字cd'], 'a wide character is not split');
  const { rows } = wrapRuns(
    [
      { text: 'ab', escaped: false },
      { text: '\\x1b', escaped: true },
    ],
    4,
    10,
  );
  assert.deepEqual(rows, [
    [
      { text: 'ab', escaped: false },
      { text: '\\x', escaped: true },
    ],
    [{ text: '1b', escaped: true }],
  ]);
  assert.deepEqual(wrapRuns(plain(''), 4, 10), { rows: [[]], cut: false });
});

test('past the rows allowed, the last row leaves a column for the …', () => {
  const { rows, cut } = wrapRuns(plain('abcdefghij'), 4, 2);
  assert.equal(cut, true);
  assert.deepEqual(texts(rows), ['abcd', 'efg']);
  assert.deepEqual(wrapRuns(plain('abcdefgh'), 4, 2), { rows: [plain('abcd'), plain('efgh')], cut: false });
});
