import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  EMPTY_LINE,
  editLine,
  lineState,
  typeableText,
  type LineCommand,
  type LineEdit,
} from '../../source/screen/line-editor.js';
import { graphemesBefore, graphemesFrom, isGraphemeBoundary, snapToBoundary } from '../../source/text/graphemes.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// Boundaries as the whole line's segmentation has them: what every shortcut must agree with.
const boundaries = (text: string): number[] => [...[...segmenter.segment(text)].map(({ index }) => index), text.length];

const run = (start: { text: string; cursor?: number }, ...edits: Array<LineEdit | LineCommand>) =>
  edits.reduce(
    (line, edit) => editLine(line, typeof edit === 'string' ? { kind: edit } : edit),
    lineState(start.text, start.cursor),
  );
const type = (text: string): LineEdit => ({ kind: 'insert', text });
// Cursor offsets visited by pressing a command until it stops moving.
const stops = (text: string, cursor: number, command: LineCommand): number[] => {
  const visited: number[] = [];
  let line = lineState(text, cursor);
  for (;;) {
    const next = editLine(line, { kind: command });
    if (next.cursor === line.cursor) return visited;
    visited.push(next.cursor);
    line = next;
  }
};

const THUMBS = '👍🏽';
const FLAG = '🇯🇵';
const FAMILY = '👨‍👩‍👧';
const E_ACUTE = 'e\u0301';
const HARD = [THUMBS, FLAG, FAMILY, E_ACUTE, '日', 'Ａ', '\t'];

test('typing after moving left inserts at the cursor, not at the end', () => {
  assert.deepEqual(run(EMPTY_LINE, type('abc'), 'backward-char', 'backward-char', type('X')), {
    text: 'aXbc',
    cursor: 2,
  });
});

test('← → step over an emoji with skin tone, a flag, a ZWJ family, a combining mark, CJK, fullwidth and a tab as one', () => {
  const text = `a${HARD.join('b')}c`;
  const expected = boundaries(text);
  assert.deepEqual([0, ...stops(text, 0, 'forward-char')], expected);
  assert.deepEqual([text.length, ...stops(text, text.length, 'backward-char')], [...expected].reverse());
  for (const hard of HARD) {
    assert.deepEqual(run({ text: `x${hard}y`, cursor: 1 }, 'forward-char').cursor, 1 + hard.length, hard);
  }
});

test('Backspace and Delete remove a whole grapheme', () => {
  for (const hard of HARD) {
    assert.deepEqual(run({ text: `x${hard}y`, cursor: 1 + hard.length }, 'backward-delete-char'), {
      text: 'xy',
      cursor: 1,
    });
    assert.deepEqual(run({ text: `x${hard}y`, cursor: 1 }, 'delete-char'), { text: 'xy', cursor: 1 });
  }
  assert.deepEqual(run({ text: 'ab', cursor: 0 }, 'backward-delete-char'), { text: 'ab', cursor: 0 });
  assert.deepEqual(run({ text: 'ab' }, 'delete-char'), { text: 'ab', cursor: 2 });
});

test('Home and End go to the ends of the line', () => {
  assert.deepEqual(run({ text: `a ${FAMILY} b`, cursor: 2 }, 'beginning-of-line'), {
    text: `a ${FAMILY} b`,
    cursor: 0,
  });
  assert.deepEqual(run({ text: `a ${FAMILY} b`, cursor: 2 }, 'end-of-line').cursor, `a ${FAMILY} b`.length);
});

// Words are runs of letters and digits (\p{L} \p{N}); `_`, `-`, `.`, `/` and emoji separate them.
const WORDS = `foo-bar baz_qux  日本語 v2.0 ${E_ACUTE}tude ${THUMBS}x`;

test('Alt+F / Ctrl+→ go to the end of the next word, as readline does', () => {
  const ends = [
    'foo',
    'foo-bar',
    'foo-bar baz',
    'foo-bar baz_qux',
    'foo-bar baz_qux  日本語',
    'foo-bar baz_qux  日本語 v2',
  ];
  const more = [`${WORDS.indexOf('.0') + 2}`, `${WORDS.indexOf('tude') + 4}`, `${WORDS.length}`].map(Number);
  assert.deepEqual(stops(WORDS, 0, 'forward-word'), [...ends.map((prefix) => prefix.length), ...more]);
});

test('Alt+B / Ctrl+← go to the start of this or the previous word', () => {
  const starts = ['x', 'étude', '0', 'v2', '日本語', 'qux', 'baz', 'bar', 'foo'].map((word) =>
    word === 'étude' ? WORDS.indexOf(E_ACUTE) : WORDS.lastIndexOf(word),
  );
  assert.deepEqual(stops(WORDS, WORDS.length, 'backward-word'), starts);
});

test('Ctrl+W deletes back to white space; Alt+Backspace back to the start of a word', () => {
  const line = { text: 'cat path/to-file.txt' };
  assert.deepEqual(run(line, 'unix-word-rubout'), { text: 'cat ', cursor: 4 });
  assert.deepEqual(run(line, 'backward-kill-word'), { text: 'cat path/to-file.', cursor: 17 });
  assert.deepEqual(run(line, 'backward-kill-word', 'backward-kill-word'), { text: 'cat path/to-', cursor: 12 });
  // Trailing separators go with the word before them, as in the shell.
  assert.deepEqual(run({ text: 'echo foo  ' }, 'unix-word-rubout'), { text: 'echo ', cursor: 5 });
  assert.deepEqual(run({ text: 'echo foo.. ' }, 'backward-kill-word'), { text: 'echo ', cursor: 5 });
  // Only what is before the cursor goes.
  assert.deepEqual(run({ text: 'one two three', cursor: 7 }, 'unix-word-rubout'), { text: 'one  three', cursor: 4 });
  // Other white space than the space bar's counts too: a tab, an ideographic space.
  assert.deepEqual(run({ text: 'a\tb\u3000c' }, 'unix-word-rubout', 'unix-word-rubout'), { text: 'a\t', cursor: 2 });
  // Emoji are not word characters for Alt+Backspace, but Ctrl+W takes them with their word.
  assert.deepEqual(run({ text: `go ${THUMBS}${FLAG}` }, 'backward-kill-word'), { text: '', cursor: 0 });
  assert.deepEqual(run({ text: `go ok${THUMBS}` }, 'unix-word-rubout'), { text: 'go ', cursor: 3 });
});

test('Ctrl+U deletes everything before the cursor', () => {
  assert.deepEqual(run({ text: `hello ${FAMILY} world`, cursor: 6 + FAMILY.length + 1 }, 'unix-line-discard'), {
    text: 'world',
    cursor: 0,
  });
});

test('typing and pasting keep every printable character, tabs included, and drop what keys send', () => {
  assert.deepEqual(
    run(EMPTY_LINE, type(`a\tb ${HARD.join('')} \u202e\u200b`)).text,
    `a\tb ${HARD.join('')} \u202e\u200b`,
  );
  assert.deepEqual(run(EMPTY_LINE, type('a\x1b[31mb\x07c\x9bd\x7fe\x00')), { text: 'a[31mbcde', cursor: 9 });
  assert.deepEqual(run({ text: 'ab', cursor: 1 }, type('\x1b')), { text: 'ab', cursor: 1 });
});

test('a combining mark or ZWJ typed joins its neighbours, and the cursor stays after what was typed', () => {
  assert.deepEqual(run({ text: 'ex', cursor: 1 }, type('\u0301')), { text: `${E_ACUTE}x`, cursor: 2 });
  // A ZWJ between two people makes one grapheme; the cursor goes to its end, not inside it.
  assert.deepEqual(run({ text: '👨👩', cursor: 2 }, type('\u200d')), { text: '👨‍👩', cursor: 5 });
  // Deleting what kept two regional indicators apart makes a flag; the cursor stays on its edge.
  const joined = run({ text: '🇯a🇵', cursor: 3 }, 'backward-delete-char');
  assert.equal(joined.text, FLAG);
  assert.ok(isGraphemeBoundary(joined.text, joined.cursor));
});

test('a cursor given inside a grapheme or outside the line is put on a boundary', () => {
  assert.deepEqual(lineState(FAMILY, 3), { text: FAMILY, cursor: 0 });
  assert.deepEqual(lineState('abc', 99), { text: 'abc', cursor: 3 });
  assert.deepEqual(lineState('abc', -4), { text: 'abc', cursor: 0 });
  assert.equal(snapToBoundary(THUMBS, 1, 'forward'), THUMBS.length);
});

// Pieces that stress segmentation: every kind of grapheme rule, controls, lone surrogates,
// Prepend (U+0600), Hangul jamo, Indic conjuncts, keycaps, variation selectors.
// prettier-ignore
const PIECES = [
  'a', 'Z', '7', ' ', '\t', '-', '_', '.', '/', 'é', E_ACUTE, '\u0301', '\u0308', '👍', '🏽', THUMBS, '🇯', '🇵', FLAG,
  FAMILY, '\u200d', '👨', '👩', '❤', '\ufe0f', '©', '#', '\u20e3', '日', '本', 'Ａ', 'ｶ', '\u3000', '\u00a0', '\u0600',
  'ᄀ', 'ᅡ', 'ᆨ', '가', '각', '\r', '\n', '\x1b', '\ud800', '\udc00', 'क', '्', 'ष', 'ि', 'ـ', 'ا', 'я', 'ก', 'ำ',
];
const hardText = (maxLength: number) =>
  fc.array(fc.constantFrom(...PIECES), { maxLength }).map((pieces) => pieces.join(''));
// prettier-ignore
const commands: LineCommand[] = [
  'backward-char', 'forward-char', 'backward-word', 'forward-word', 'beginning-of-line', 'end-of-line',
  'backward-delete-char', 'delete-char', 'unix-word-rubout', 'backward-kill-word', 'unix-line-discard',
];
const anEdit: fc.Arbitrary<LineEdit> = fc.oneof(
  fc.constantFrom(...commands).map((kind) => ({ kind })),
  hardText(4).map((text) => ({ kind: 'insert' as const, text })),
);

test('property: walking a line chunk by chunk finds the boundaries that segmenting it whole finds', () => {
  fc.assert(
    fc.property(hardText(300), (text) => {
      const expected = boundaries(text);
      const forward = [...graphemesFrom(text, 0)].map(({ index }) => index);
      assert.deepEqual([...forward, text.length], expected);
      const backward = [...graphemesBefore(text, text.length)].map(({ index }) => index).reverse();
      assert.deepEqual([...backward, text.length], expected);
      for (let offset = 0; offset <= text.length; offset++) {
        assert.equal(isGraphemeBoundary(text, offset), expected.includes(offset), `offset ${offset}`);
      }
    }),
    { numRuns: 300 },
  );
});

test('a row of 300 flags pairs up right wherever a walk starts', () => {
  const flags = '🇯🇵🇫🇷'.repeat(150);
  assert.deepEqual(stops(flags, flags.length, 'backward-char').length, 300);
  assert.deepEqual([...graphemesBefore(flags, 600)].map(({ segment }) => segment).slice(0, 3), ['🇫🇷', '🇯🇵', '🇫🇷']);
  assert.equal(run({ text: flags, cursor: 602 }, 'delete-char').text, '🇯🇵🇫🇷'.repeat(75) + '🇫🇷' + '🇯🇵🇫🇷'.repeat(74));
});

test('property: after any edits the cursor is inside the line and on a grapheme boundary', () => {
  fc.assert(
    fc.property(hardText(30), fc.nat(), fc.array(anEdit, { maxLength: 30 }), (text, cursor, edits) => {
      let line = lineState(text, cursor % (text.length + 1));
      for (const edit of edits) {
        line = editLine(line, edit);
        assert.ok(line.cursor >= 0 && line.cursor <= line.text.length);
        assert.ok(boundaries(line.text).includes(line.cursor), `${JSON.stringify(line)} after ${edit.kind}`);
      }
    }),
  );
});

test('property: a deleting edit removes whole graphemes, and typing adds exactly what was typed', () => {
  fc.assert(
    fc.property(hardText(30), fc.nat(), anEdit, (text, cursor, edit) => {
      const before = lineState(text, cursor % (text.length + 1));
      const after = editLine(before, edit);
      if (edit.kind === 'insert') {
        const typed = typeableText(edit.text);
        assert.equal(after.text, text.slice(0, before.cursor) + typed + text.slice(before.cursor));
        return;
      }
      const removed = text.length - after.text.length;
      if (removed === 0) return assert.equal(after.text, text);
      const cuts = boundaries(text).filter(
        (start) =>
          boundaries(text).includes(start + removed) &&
          text.slice(0, start) + text.slice(start + removed) === after.text,
      );
      assert.ok(cuts.length > 0, `${JSON.stringify(text)} → ${JSON.stringify(after.text)} by ${edit.kind}`);
    }),
  );
});

test('a pasted 100,000-character line stays editable (whole-line segmenting would take seconds a key)', () => {
  const text = `${'word 日本 👍🏽 ok '.repeat(6250)}`;
  const started = performance.now();
  let line = lineState(text, 50_000);
  for (let press = 0; press < 100; press++) {
    line = editLine(line, { kind: commands[press % commands.length] });
  }
  assert.ok(performance.now() - started < 5_000);
  assert.ok(isGraphemeBoundary(line.text, line.cursor));
});
