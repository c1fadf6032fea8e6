// The writer's input line as a shell's line editor (GNU readline's emacs mode) edits it.
// The cursor is a UTF-16 offset that always sits between two grapheme clusters, so an emoji with
// its skin tone, a flag, a ZWJ family or a letter with its combining marks moves and goes as one.
//
// Two kinds of word, as in readline:
// - A word (Ctrl+← Ctrl+→ Alt+B Alt+F, Alt+Backspace) is a run of graphemes that start with a
//   letter or a digit (Unicode \p{L} or \p{N}: `héllo`, `日本語`, `v2`); everything else
//   (spaces, punctuation, `_`, `-`, `/`, emoji) separates words.
// - Ctrl+W (unix-word-rubout) treats only white space (Unicode White_Space) as a separator, so
//   it takes `path/to-file.txt` whole where Alt+Backspace takes `txt`.

import { graphemeAt, graphemesBefore, graphemesFrom, snapToBoundary } from '../text/graphemes.js';

export interface LineState {
  readonly text: string;
  // UTF-16 offset into `text`, on a grapheme boundary.
  readonly cursor: number;
}

// Named after readline's commands; the keys are the ones the shell binds to each.
export type LineCommand =
  | 'backward-char' // ←
  | 'forward-char' // →
  | 'backward-word' // Ctrl+←, Alt+B: to the start of this or the previous word
  | 'forward-word' // Ctrl+→, Alt+F: to the end of this or the next word
  | 'beginning-of-line' // Home, Ctrl+A
  | 'end-of-line' // End, Ctrl+E
  | 'backward-delete-char' // Backspace: the grapheme before the cursor
  | 'delete-char' // Delete: the grapheme under the cursor
  | 'unix-word-rubout' // Ctrl+W: back to white space
  | 'backward-kill-word' // Alt+Backspace: back to the start of a word
  | 'unix-line-discard'; // Ctrl+U: everything before the cursor

// A paste keeps its line breaks (its text is sanitized already: see source/screen/paste.ts).
export type LineEdit = { kind: 'insert'; text: string } | { kind: 'paste'; text: string } | { kind: LineCommand };

export const EMPTY_LINE: LineState = { text: '', cursor: 0 };

const WORD_START = /^[\p{L}\p{N}]/u;
const WHITE_SPACE = /^\p{White_Space}/u;
// C0 controls (tab aside), DEL and C1 controls: what a terminal sends for keys, never text.
// eslint-disable-next-line no-control-regex -- matching controls is the point
const UNTYPEABLE = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;

const isWord = (segment: string) => WORD_START.test(segment);
const isWhiteSpace = (segment: string) => WHITE_SPACE.test(segment);

// A state whose cursor is inside the line and on a grapheme boundary (backward if it was not).
export function lineState(text: string, cursor = text.length): LineState {
  return { text, cursor: snapToBoundary(text, cursor) };
}

// Where the run before `from` ends, going backward: first over graphemes that are not `inRun`,
// then over those that are.
function runStartBefore(text: string, from: number, inRun: (segment: string) => boolean): number {
  let offset = from;
  let seenRun = false;
  for (const { index, segment } of graphemesBefore(text, from)) {
    if (inRun(segment)) seenRun = true;
    else if (seenRun) break;
    offset = index;
  }
  return offset;
}

function runEndAfter(text: string, from: number, inRun: (segment: string) => boolean): number {
  let offset = from;
  let seenRun = false;
  for (const { index, segment } of graphemesFrom(text, from)) {
    if (inRun(segment)) seenRun = true;
    else if (seenRun) break;
    offset = index + segment.length;
  }
  return offset;
}

// Removes [start, end) and puts the cursor there; the two sides may join into one grapheme
// (two lone regional indicators make a flag), so the cursor is put back on a boundary.
function cut(text: string, start: number, end: number): LineState {
  const joined = text.slice(0, start) + text.slice(end);
  return { text: joined, cursor: snapToBoundary(joined, start) };
}

function previousBoundary(text: string, cursor: number): number {
  for (const { index } of graphemesBefore(text, cursor)) return index;
  return cursor;
}

function nextBoundary(text: string, cursor: number): number {
  const grapheme = graphemeAt(text, cursor);
  return grapheme ? grapheme.index + grapheme.segment.length : cursor;
}

// Keys and pastes arrive as text; what a terminal sends for a key that is not text is dropped.
// Newlines are the caller's: it splits a paste into lines before it gets here.
export function typeableText(text: string): string {
  return text.replace(UNTYPEABLE, '');
}

export function editLine(line: LineState, edit: LineEdit): LineState {
  const { text } = line;
  const cursor = snapToBoundary(text, line.cursor);
  switch (edit.kind) {
    case 'insert':
    case 'paste': {
      const typed = edit.kind === 'paste' ? edit.text : typeableText(edit.text);
      if (!typed) return { text, cursor };
      const joined = text.slice(0, cursor) + typed + text.slice(cursor);
      // A combining mark or a ZWJ typed here can join what follows: stay after what was typed.
      return { text: joined, cursor: snapToBoundary(joined, cursor + typed.length, 'forward') };
    }
    case 'backward-char':
      return { text, cursor: previousBoundary(text, cursor) };
    case 'forward-char':
      return { text, cursor: nextBoundary(text, cursor) };
    case 'backward-word':
      return { text, cursor: runStartBefore(text, cursor, isWord) };
    case 'forward-word':
      return { text, cursor: runEndAfter(text, cursor, isWord) };
    case 'beginning-of-line':
      return { text, cursor: 0 };
    case 'end-of-line':
      return { text, cursor: text.length };
    case 'backward-delete-char':
      return cut(text, previousBoundary(text, cursor), cursor);
    case 'delete-char':
      return cut(text, cursor, nextBoundary(text, cursor));
    case 'unix-word-rubout':
      return cut(
        text,
        runStartBefore(text, cursor, (segment) => !isWhiteSpace(segment)),
        cursor,
      );
    case 'backward-kill-word':
      return cut(text, runStartBefore(text, cursor, isWord), cursor);
    case 'unix-line-discard':
      return cut(text, 0, cursor);
  }
}
