import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { editLine, lineState, type LineState } from '../../source/screen/line-editor.js';
import { scrollMargin, TAB_SHOWN_AS, viewLine, type LineView } from '../../source/screen/line-view.js';
import { sanitizeBytes } from '../../source/text/sanitize.js';
import { utf8 } from '../helpers/hostile-bytes.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const shown = (view: LineView) => view.runs.map((run) => run.text).join('');

// The whole line as drawn, column by column, built the slow and obvious way: each grapheme
// sanitized, a tab as spaces, every drawn grapheme measured by string-width.
function reference(text: string): { cells: Array<{ text: string; width: number }>; columnAt: Map<number, number> } {
  const cells: Array<{ text: string; width: number }> = [];
  const columnAt = new Map<number, number>();
  let column = 0;
  for (const { segment, index } of segmenter.segment(text)) {
    columnAt.set(index, column);
    const runs =
      segment === '\t' ? [{ text: ' '.repeat(TAB_SHOWN_AS), escaped: false }] : sanitizeBytes(utf8(segment)).runs;
    let afterEscape = true;
    for (const run of runs) {
      let text = run.text;
      // A character that would join an escape drawn before it is shown as an escape itself.
      while (!run.escaped && afterEscape && text && [...segmenter.segment(`a${[...text][0]}`)].length === 1) {
        const character = [...text][0];
        const code = (character.codePointAt(0) as number).toString(16);
        for (const cell of code.length <= 4 ? `\\u${code.padStart(4, '0')}` : `\\u{${code}}`)
          cells.push({ text: cell, width: 1 });
        column += code.length <= 4 ? 6 : 4 + code.length;
        text = text.slice(character.length);
      }
      for (const { segment: cell } of segmenter.segment(text)) {
        cells.push({ text: cell, width: stringWidth(cell) });
        column += stringWidth(cell);
      }
      afterEscape = run.escaped;
    }
  }
  columnAt.set(text.length, column);
  return { cells, columnAt };
}

// The width of the cell drawn at `column` (1 past the end: the cursor's own cell).
function cellWidthAt(text: string, column: number): number {
  let at = 0;
  for (const cell of reference(text).cells) {
    if (at === column) return cell.width;
    at += cell.width;
  }
  return 1;
}

// What a field of `width` columns starting at `fromColumn` of the drawn line shows.
function window(text: string, fromColumn: number, width: number): string {
  let column = 0;
  let out = '';
  for (const cell of reference(text).cells) {
    if (column >= fromColumn) {
      if (column + cell.width > fromColumn + width) return out + ' '.repeat(fromColumn + width - column);
      out += cell.text;
    }
    column += cell.width;
  }
  return out;
}

const views = (line: LineState, width: number, moves: Array<Parameters<typeof editLine>[1]>): LineView[] => {
  const seen: LineView[] = [];
  let previous = viewLine(line, width).start;
  let current = line;
  for (const move of moves) {
    current = editLine(current, move);
    const view = viewLine(current, width, previous);
    seen.push(view);
    previous = view.start;
  }
  return seen;
};

test('a line that fits is shown whole, the cursor where the next character goes', () => {
  assert.deepEqual(viewLine(lineState('hello'), 20), {
    runs: [{ text: 'hello', escaped: false }],
    cursorColumn: 5,
    start: 0,
    hiddenBefore: false,
    hiddenAfter: false,
    beforeCursor: [{ text: 'hello', escaped: false }],
    underCursor: null,
    afterCursor: [],
  });
  assert.deepEqual(viewLine(lineState('hello', 1), 20).underCursor, [{ text: 'e', escaped: false }]);
  assert.equal(viewLine(lineState('', 0), 20).cursorColumn, 0);
  assert.equal(viewLine(lineState('hello', 0), 20).cursorColumn, 0);
});

test('wide characters count two columns, before the cursor and under it', () => {
  assert.equal(viewLine(lineState('日本語'), 20).cursorColumn, 6);
  assert.equal(viewLine(lineState('日本語', 1), 20).cursorColumn, 2);
  assert.equal(viewLine(lineState('ＡＢ x'), 20).cursorColumn, 6);
  assert.equal(viewLine(lineState('a👍b🇯🇵c', 'a👍b'.length), 20).cursorColumn, 4);
  // The modifier is drawn as its escape, \u{1f3fd}: nine columns more.
  assert.equal(viewLine(lineState('a👍🏽b🇯🇵c', 'a👍🏽b'.length), 20).cursorColumn, 13);
});

test('what a terminal would act on is shown escaped and measured as shown; a tab as spaces', () => {
  const view = viewLine(lineState('a\x1bb\u202ec'), 20);
  assert.deepEqual(view.runs, [
    { text: 'a', escaped: false },
    { text: '\\x1b', escaped: true },
    { text: 'b', escaped: false },
    { text: '\\u202e', escaped: true },
    { text: 'c', escaped: false },
  ]);
  assert.equal(view.cursorColumn, 13);
  assert.equal(shown(viewLine(lineState('a\tb'), 20)), `a${' '.repeat(TAB_SHOWN_AS)}b`);
});

test('a mark or ZWJ with nothing of its own to join shows as its escape, so it cannot join one', () => {
  // U+0E33 (Thai sara am) is a spacing mark but not \p{M}: after `\x01` it would join the `1`.
  assert.deepEqual(viewLine(lineState('\x01\u0e33x'), 40).runs, [
    { text: '\\x01\\u0e33', escaped: true },
    { text: 'x', escaped: false },
  ]);
  assert.equal(shown(viewLine(lineState('\u0301a'), 40)), '\\u0301a');
});

test('a long line scrolls sideways: at the end the last characters show, the cursor one past them', () => {
  const text = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const view = viewLine(lineState(text), 20);
  assert.equal(shown(view), text.slice(-19));
  assert.equal(view.cursorColumn, 19);
  assert.deepEqual([view.hiddenBefore, view.hiddenAfter], [true, false]);
  const home = viewLine(lineState(text, 0), 20, view.start);
  assert.equal(shown(home), text.slice(0, 20));
  assert.deepEqual([home.cursorColumn, home.start, home.hiddenAfter], [0, 0, true]);
});

test('the window stays put while the cursor moves inside it, and scrolls keeping a margin', () => {
  const text = 'x'.repeat(100);
  const width = 20;
  const margin = scrollMargin(width);
  assert.equal(margin, 4);
  const left = views(
    lineState(text),
    width,
    Array.from({ length: 60 }, () => ({ kind: 'backward-char' as const })),
  );
  // From the end the cursor walks left across the window, then the text scrolls under it.
  assert.deepEqual(
    left.slice(0, 16).map((view) => view.cursorColumn),
    [18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 4],
  );
  assert.ok(left.slice(14).every((view) => view.cursorColumn === margin));
  const right = views(
    lineState(text, 0),
    width,
    Array.from({ length: 60 }, () => ({ kind: 'forward-char' as const })),
  );
  assert.ok(right.slice(0, 15).every((view, index) => view.cursorColumn === index + 1 && view.start === 0));
  assert.ok(right.slice(15).every((view) => view.cursorColumn === width - 1 - margin));
});

test('a wide character is never cut in half at an edge: a blank takes its place', () => {
  const text = '日'.repeat(30);
  for (const cursor of [0, 10, 20, 30]) {
    const view = viewLine(lineState(text, cursor), 9);
    assert.match(shown(view), /^(日)* ?$/u, `cursor ${cursor}: ${shown(view)}`);
    assert.ok(stringWidth(shown(view)) <= 9);
  }
  assert.equal(shown(viewLine(lineState(text, 0), 9)), '日日日日 ');
});

test('a field too narrow for the character under the cursor still fits and keeps the cursor inside', () => {
  const view = viewLine(lineState('日本', 0), 1);
  assert.ok(stringWidth(shown(view)) <= 1);
  assert.equal(view.cursorColumn, 0);
  assert.equal(viewLine(lineState('abc'), 0).cursorColumn, 0);
});

test('a line made shorter fills the field again from the left', () => {
  const long = viewLine(lineState('a'.repeat(50)), 20);
  const shorter = viewLine(lineState('a'.repeat(25)), 20, long.start);
  assert.equal(shorter.start, 6);
  assert.equal(shorter.cursorColumn, 19);
  assert.equal(viewLine(lineState('abc'), 20, long.start).start, 0);
});

// prettier-ignore
const PIECES = [
  'a', 'b', ' ', '\t', '-', 'é', 'e\u0301', '\u0301', '👍🏽', '🇯🇵', '👨‍👩‍👧', '\u200d', '日', 'Ａ', '\x1b', '\u202e',
  '\u3000', 'ก', 'ำ', '❤\ufe0f', '\ud800',
];
const hardText = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((pieces) => pieces.join(''));

test('property: the view never passes the field, holds the cursor, and shows the line as drawn', () => {
  fc.assert(
    fc.property(hardText, fc.nat(), fc.integer({ min: 1, max: 40 }), fc.nat(), (text, at, width, previous) => {
      const line = lineState(text, at % (text.length + 1));
      const view = viewLine(line, width, previous % (text.length + 2));
      const drawn = shown(view);
      assert.ok(stringWidth(drawn) <= width, `${JSON.stringify(drawn)} in ${width}`);
      assert.ok(view.cursorColumn >= 0 && view.cursorColumn < width);
      const { columnAt } = reference(text);
      const from = columnAt.get(view.start);
      assert.notEqual(from, undefined, 'the window starts on a grapheme boundary');
      assert.equal(drawn, window(text, from as number, width));
      const cursorAt = (columnAt.get(line.cursor) as number) - (from as number);
      // The cursor's cell is drawn where it is, unless the field cannot hold one wider than itself.
      if (cursorAt < width) assert.equal(view.cursorColumn, cursorAt);
      else assert.ok(width < 6, `${cursorAt} outside ${width}`);
      // ...and the character under it is drawn whole, where the field can hold it.
      const underWidth = cellWidthAt(text, cursorAt + (from as number));
      if (underWidth <= width) assert.ok(cursorAt + underWidth <= width, `cursor cell cut at ${cursorAt} of ${width}`);
    }),
    { numRuns: 500 },
  );
});

test('property: on text of narrow and wide characters the cursor keeps its margin from an edge with text beyond', () => {
  // 👍🏽 is left out: the screen draws its modifier escaped, eleven columns, wider than a margin.
  const plainPieces = fc.constantFrom('a', 'b', ' ', '日', 'Ａ', '👍', '🇯🇵', 'e\u0301');
  const text = fc.array(plainPieces, { maxLength: 80 }).map((pieces) => pieces.join(''));
  fc.assert(
    fc.property(text, fc.nat(), fc.integer({ min: 10, max: 40 }), fc.nat(), (line, at, width, previous) => {
      const state = lineState(line, at % (line.length + 1));
      const view = viewLine(state, width, previous % (line.length + 2));
      const margin = scrollMargin(width);
      if (view.hiddenBefore) assert.ok(view.cursorColumn >= margin, `left: ${view.cursorColumn}`);
      const rest = reference(line.slice(state.cursor)).columnAt.get(line.length - state.cursor) as number;
      // Past the cursor's own cell (one column, or two under a wide character), `margin` more.
      const underCursor = cellWidthAt(line, reference(line).columnAt.get(state.cursor) as number);
      if (view.hiddenAfter && rest > margin + 2) {
        assert.ok(view.cursorColumn + underCursor <= width - margin, `right: ${view.cursorColumn} of ${width}`);
      }
    }),
    { numRuns: 500 },
  );
});

test('property: one step left or right inside the window does not scroll', () => {
  fc.assert(
    fc.property(hardText, fc.nat(), fc.integer({ min: 10, max: 40 }), fc.boolean(), (text, at, width, toRight) => {
      const before = lineState(text, at % (text.length + 1));
      const first = viewLine(before, width);
      const after = editLine(before, { kind: toRight ? 'forward-char' : 'backward-char' });
      const { columnAt } = reference(text);
      const column = (columnAt.get(after.cursor) as number) - (columnAt.get(first.start) as number);
      const margin = scrollMargin(width);
      if (column >= margin && column + 8 <= width - margin) {
        assert.equal(viewLine(after, width, first.start).start, first.start);
      }
    }),
    { numRuns: 500 },
  );
});

test('drawing the line costs the field, not the line: a 100,000-character paste', () => {
  const text = 'word 日本 👍🏽 ok '.repeat(6250);
  const started = performance.now();
  let start = 0;
  for (let cursor = 0; cursor < 100; cursor++) start = viewLine(lineState(text, cursor * 997), 80, start).start;
  assert.ok(performance.now() - started < 5_000);
});
