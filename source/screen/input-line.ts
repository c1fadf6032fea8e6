// The writer's input line as it edits today: text goes in at the end, Backspace takes the last
// code point off. The line editor replaces these with grapheme- and cursor-aware editing.
import type { InputLineState } from './screen-state.js';

export const EMPTY_LINE: InputLineState = { text: '', cursor: 0 };

const atEnd = (text: string): InputLineState => ({ text, cursor: text.length });

export function insertText(line: InputLineState, text: string): InputLineState {
  return atEnd(line.text + text);
}

export function deleteBackward(line: InputLineState): InputLineState {
  return atEnd(Array.from(line.text).slice(0, -1).join(''));
}
