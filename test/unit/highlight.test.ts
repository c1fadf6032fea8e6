// Search highlights map matches back to the text as shown, also where lowercasing changes length.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldCase, matchRanges } from '../../source/text/highlight.js';

const matched = (text: string, query: string) => matchRanges(text, query).map(([start, end]) => text.slice(start, end));

test('matches ignore case and cover exactly the matching characters', () => {
  assert.deepEqual(matched('Needle in a NEEDLE stack', 'needle'), ['Needle', 'NEEDLE']);
  assert.deepEqual(matchRanges('abc', ''), []);
});

test("a character whose lowercase is longer ('İ' is i + U+0307) does not shift later highlights", () => {
  assert.equal('İ'.toLowerCase().length, 2);
  assert.deepEqual(matched('İİ needle', 'needle'), ['needle']);
  assert.deepEqual(matchRanges('İstanbul Stan', 'stan'), [
    [1, 5],
    [9, 13],
  ]);
  assert.deepEqual(matched('aİb', 'İ'), ['İ']);
  // Part of a folded character matched: the whole character is highlighted.
  assert.deepEqual(matched('xİy', 'i'), ['İ']);
});

test('foldCase folds each code point on its own, like the highlight does', () => {
  assert.equal(foldCase('İX'), 'i\u0307x');
  assert.equal(foldCase('ΟΔΟΣ'), 'οδοσ');
});
