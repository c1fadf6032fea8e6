// What of the input line fits in its field, and where the cursor is drawn. A line longer than
// the field scrolls sideways around the cursor, keeping a few columns of text on each side of it
// where there is text to show, and stays put while the cursor moves inside that window.
//
// The window is kept as the offset of its first grapheme, not as a column, so that drawing costs
// the width of the field whatever the length of the line (a paste can be a very long line).

import stringWidth from 'string-width';
import { sanitizeBytes, type TextRun } from '../text/sanitize.js';
import { escapeCodePoint, widthRulesVersion } from '../text/terminal-width.js';
import { graphemeAt, graphemesBefore, graphemesFrom, snapToBoundary } from '../text/graphemes.js';
import type { LineState } from './line-editor.js';

// Every width on the input line is measured here, so the screen's one width function can replace it.
const displayWidth = (text: string): number => stringWidth(text);

const MAX_MARGIN = 8;
// A tab is drawn as this many spaces: its stop would depend on the columns scrolled out of view.
export const TAB_SHOWN_AS = 4;
// A pasted line break, kept on the input line until Enter splits the text there.
export const LINE_BREAK_SHOWN_AS = '↵';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

// Columns kept between the cursor and an edge of the field beyond which there is more text.
export function scrollMargin(width: number): number {
  return Math.min(MAX_MARGIN, Math.floor(width / 5));
}

interface Cell {
  text: string;
  width: number;
  escaped: boolean;
}

export interface LineView {
  // What to draw, at most `width` columns; escaped runs stand for characters a terminal would
  // act on or hide (drawn dimmed).
  runs: TextRun[];
  // 0 ≤ cursorColumn < width: where the next character goes; one column past the text at its end.
  cursorColumn: number;
  // Offset of the first grapheme shown: give it back as `previousStart` for the next frame.
  start: number;
  hiddenBefore: boolean;
  hiddenAfter: boolean;
  // The same runs split around the cursor: what it stands on is drawn inverse (null: the end of
  // the line, where an inverse blank stands for the next character).
  beforeCursor: TextRun[];
  underCursor: TextRun[] | null;
  afterCursor: TextRun[];
}

// Measuring an emoji takes string-width tens of microseconds, and a frame measures each
// grapheme in view several times; lines repeat their graphemes.
const cellCache = new Map<string, readonly Cell[]>();
const CELL_CACHE_SIZE = 512;
// The width rules the cached cells were measured under.
let cellRules = widthRulesVersion();

function cellsOf(segment: string): readonly Cell[] {
  if (cellRules !== widthRulesVersion()) {
    cellCache.clear();
    cellRules = widthRulesVersion();
  }
  const cached = cellCache.get(segment);
  if (cached) return cached;
  const cells = measureCells(segment);
  if (cellCache.size >= CELL_CACHE_SIZE) cellCache.clear();
  cellCache.set(segment, cells);
  return cells;
}

// A character that joins whatever is drawn before it (a combining or spacing mark, a ZWJ, a
// variation selector). Drawn after an escape it would join the escape's last character.
const joinsPrevious = (character: string): boolean => [...segmenter.segment(`a${character}`)].length === 1;

// As the sanitizer writes an escape (characters that join are all past U+00FF).
function escaped(character: string): Cell[] {
  const shown = escapeCodePoint(character.codePointAt(0) as number);
  return Array.from(shown, (text) => ({ text, width: 1, escaped: true }));
}

// A grapheme as drawn: sanitized like everything shown (a pasted ESC or bidi override shows as
// its escape), split into cells that each take whole columns.
function measureCells(segment: string): Cell[] {
  if (segment === '\n') return [{ text: LINE_BREAK_SHOWN_AS, width: 1, escaped: true }];
  if (segment === '\t') return Array.from({ length: TAB_SHOWN_AS }, () => ({ text: ' ', width: 1, escaped: false }));
  if (PRINTABLE_ASCII.test(segment)) return Array.from(segment, (text) => ({ text, width: 1, escaped: false }));
  const cells: Cell[] = [];
  for (const run of sanitizeBytes(Buffer.from(segment, 'utf8')).runs) {
    if (run.escaped || PRINTABLE_ASCII.test(run.text)) {
      for (const text of run.text) cells.push({ text, width: 1, escaped: run.escaped });
      continue;
    }
    let text = run.text;
    // With nothing of its own drawn before it, a joining character shows as its escape.
    if (cells.length === 0 || cells[cells.length - 1]?.escaped) {
      for (const character of run.text) {
        if (!joinsPrevious(character)) break;
        cells.push(...escaped(character));
        text = text.slice(character.length);
      }
    }
    for (const { segment: shown } of segmenter.segment(text)) {
      cells.push({ text: shown, width: displayWidth(shown), escaped: false });
    }
  }
  return cells;
}

const widthOf = (segment: string): number => cellsOf(segment).reduce((sum, cell) => sum + cell.width, 0);

// Columns from `from` to `to` (both boundaries, from ≤ to), counting no further than `limit`.
function columnsBetween(text: string, from: number, to: number, limit: number): number {
  let columns = 0;
  for (const { index, segment } of graphemesFrom(text, from)) {
    if (index >= to || columns > limit) break;
    columns += widthOf(segment);
  }
  return columns;
}

// The earliest boundary before `to` whose text up to `to` takes at most `room` columns, going
// back no further than needed to reach `wanted` columns.
function startBefore(text: string, to: number, wanted: number, room: number): number {
  let start = to;
  let columns = 0;
  for (const { index, segment } of graphemesBefore(text, to)) {
    if (columns >= wanted) break;
    const width = widthOf(segment);
    if (columns + width > room) break;
    columns += width;
    start = index;
  }
  return start;
}

export function viewLine(line: LineState, width: number, previousStart = 0): LineView {
  const { text } = line;
  const cursor = snapToBoundary(text, line.cursor);
  const field = Math.max(1, Math.floor(width) || 1);
  const margin = scrollMargin(field);
  const underCursor = graphemeAt(text, cursor);
  const cursorWidth = Math.max(1, underCursor ? (cellsOf(underCursor.segment)[0]?.width ?? 1) : 1);
  // Room left of the cursor so that the cell under it is drawn whole.
  const leftRoom = Math.max(0, field - cursorWidth);
  const afterCursor = underCursor ? underCursor.index + underCursor.segment.length : cursor;
  const rightWanted = Math.min(margin, columnsBetween(text, afterCursor, text.length, margin));

  const previous = Number.isFinite(previousStart) ? previousStart : 0;
  let start: number;
  if (previous > cursor) {
    start = startBefore(text, cursor, margin, leftRoom);
  } else {
    start = snapToBoundary(text, previous);
    const left = columnsBetween(text, start, cursor, field);
    if (left < margin && start > 0) start = startBefore(text, cursor, margin, leftRoom);
    else if (left + cursorWidth + rightWanted > field) {
      start = startBefore(text, cursor, leftRoom - rightWanted, leftRoom - rightWanted);
    }
  }
  // Shorter text (deleted at the end, a shorter line recalled): fill the field from the left.
  const toEnd = columnsBetween(text, start, text.length, field);
  if (start > 0 && toEnd + 1 < field) start = startBefore(text, start, Infinity, field - 1 - toEnd);

  const runs: TextRun[] = [];
  const parts: [TextRun[], TextRun[], TextRun[]] = [[], [], []];
  let part = 0;
  const pushTo = (into: TextRun[], shown: string, escaped: boolean) => {
    const last = into[into.length - 1];
    if (last && last.escaped === escaped) last.text += shown;
    else into.push({ text: shown, escaped });
  };
  const push = (shown: string, escaped: boolean) => {
    pushTo(runs, shown, escaped);
    pushTo(parts[part], shown, escaped);
  };
  let used = 0;
  let cursorColumn = 0;
  let hiddenAfter = false;
  for (const { index, segment } of graphemesFrom(text, start)) {
    part = index < cursor ? 0 : index === cursor ? 1 : 2;
    if (index === cursor) cursorColumn = used;
    for (const cell of cellsOf(segment)) {
      if (used + cell.width > field) {
        // A wide character that the edge would cut in half leaves a blank instead.
        if (used < field) push(' '.repeat(field - used), false);
        used = field;
        hiddenAfter = true;
        break;
      }
      push(cell.text, cell.escaped);
      used += cell.width;
    }
    if (hiddenAfter) break;
  }
  if (cursor === text.length) cursorColumn = used;
  const [beforeCursor, under, pastCursor] = parts;
  return {
    runs,
    cursorColumn: Math.min(cursorColumn, field - 1),
    start,
    hiddenBefore: start > 0,
    hiddenAfter,
    beforeCursor,
    underCursor: under.length > 0 ? under : null,
    afterCursor: pastCursor,
  };
}
