import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { fitRuns, textWidth } from '../../source/text/fit.js';

const plain = (text: string) => [{ text, escaped: false }];
const joined = (runs: Array<{ text: string }>) => runs.map((run) => run.text).join('');

test('runs that fit are kept whole', () => {
  assert.deepEqual(
    fitRuns(
      [
        { text: 'ab', escaped: false },
        { text: '\\x1b', escaped: true },
      ],
      10,
    ),
    {
      runs: [
        { text: 'ab', escaped: false },
        { text: '\\x1b', escaped: true },
      ],
      cut: false,
    },
  );
});

test('a cut falls between graphemes and never passes the width, wide or combining alike', () => {
  for (const [text, columns] of [
    ['ab' + 'कि'.repeat(10), 20],
    ['日日日', 4],
    ['e\u0301'.repeat(30), 7],
    ['👩‍👩‍👧 family', 3],
  ] as const) {
    const { runs, cut } = fitRuns(plain(text), columns);
    assert.equal(cut, true, text);
    assert.ok(stringWidth(joined(runs)) <= columns, `${text} in ${columns}: ${joined(runs)}`);
    assert.ok(text.startsWith(joined(runs)), 'a prefix of the text, whole graphemes');
  }
  assert.equal(joined(fitRuns(plain('日日日'), 4).runs), '日日');
});

test('the escaped flag of each run is kept through a cut', () => {
  const { runs } = fitRuns(
    [
      { text: 'abc', escaped: false },
      { text: '\\x1b\\x1b', escaped: true },
    ],
    6,
  );
  assert.deepEqual(runs, [
    { text: 'abc', escaped: false },
    { text: '\\x1', escaped: true },
  ]);
});

test('printable ASCII is cut by the character, but never off a mark that joins its last one', () => {
  assert.deepEqual(fitRuns(plain('put user/1 → {"n":1}'), 8), { runs: plain('put user'), cut: true });
  assert.deepEqual(fitRuns(plain('abcde\u0301f'), 5), { runs: plain('abcde\u0301'), cut: true });
  assert.deepEqual(fitRuns(plain('abcde\u0301f'), 4), { runs: plain('abcd'), cut: true });
  assert.deepEqual(fitRuns(plain('abcde\u0301'), 5), { runs: plain('abcde\u0301'), cut: false });
  assert.deepEqual(
    fitRuns(
      [
        { text: 'abc', escaped: false },
        { text: '\\x1b', escaped: true },
      ],
      5,
    ),
    {
      runs: [
        { text: 'abc', escaped: false },
        { text: '\\x', escaped: true },
      ],
      cut: true,
    },
  );
});

// Text of what may join or widen beside printable ASCII: marks, emoji and their modifiers and
// joiners, flags' halves, a conjunct, prepended letters, a keycap's enclosing mark; and any code units.
const texts = fc
  .array(
    fc.oneof(
      fc.constantFrom('a', ' ', '~', '1', 'e\u0301', '\u0301', '日', '👍', '\u{1f3fd}', '\u200d', '\ufe0f'),
      fc.constantFrom('🇫', 'क्', '\u0600', '\u0d4e', '\u20e3', '…', '→'),
      fc.string({ unit: 'binary', maxLength: 4 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join('').replace(/[\u001b\u009b]/g, ''));

// What fitRuns did before it skipped segmenting ASCII: every grapheme segmented and measured.
function fitBySegments(text: string, columns: number): string {
  let fitted = '';
  let used = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    if (used + stringWidth(segment) > columns) break;
    fitted += segment;
    used += stringWidth(segment);
  }
  return fitted;
}

test("a row's width is string-width's, marks, emoji, wide and joining characters beside ASCII included", () => {
  for (const text of [
    '',
    'a',
    'put user/1 → {"n":1}…',
    'abcde\u0301f',
    '日本 x',
    'a👩‍👩‍👧b',
    '🇫🇷a',
    'a\u0600b',
    '…',
    '1\ufe0f\u20e3 keycap',
    'x\u0d4ea',
  ]) {
    assert.equal(textWidth(text), stringWidth(text), JSON.stringify(text));
  }
  fc.assert(
    fc.property(texts, (text) => assert.equal(textWidth(text), stringWidth(text), JSON.stringify(text))),
    { numRuns: 5000 },
  );
});

test('a cut is where segmenting every grapheme would put it', () => {
  fc.assert(
    fc.property(texts, fc.nat(20), (text, columns) => {
      const { runs, cut } = fitRuns(plain(text), columns);
      const expected = fitBySegments(text, columns);
      assert.equal(joined(runs), expected, JSON.stringify([text, columns]));
      assert.equal(cut, expected !== text);
    }),
    { numRuns: 5000 },
  );
});
