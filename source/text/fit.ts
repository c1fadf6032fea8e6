import stringWidth from 'string-width';
import type { TextRun } from './sanitize.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const PRINTABLE_ASCII = /^[\x20-\x7e]*/;

// How many characters from the start of `text` are each a grapheme of one column whatever follows.
function asciiPrefix(text: string): number {
  const length = PRINTABLE_ASCII.exec(text)![0].length;
  return length === text.length ? length : Math.max(0, length - 1);
}

const printable = (code: number) => code >= 0x20 && code <= 0x7e;

/**
 * string-width's count of `text` (which holds no escape codes), measuring with it only the stretches
 * around what is not printable ASCII: graphemes always break between two printable ASCII characters.
 */
export function textWidth(text: string): number {
  let width = 0;
  let start = 0;
  for (let index = 1; index <= text.length; index++) {
    if (index < text.length && !(printable(text.charCodeAt(index - 1)) && printable(text.charCodeAt(index)))) continue;
    width += index - start === 1 && printable(text.charCodeAt(start)) ? 1 : stringWidth(text.slice(start, index));
    start = index;
  }
  return width;
}

// Cuts runs to `columns` terminal columns, whole graphemes only, measured the way Ink lays text
// out (string-width): Ink's own cut (slice-ansi) measures some scripts differently and lets a
// line run past its box. `cut` says whether anything was left out.
export function fitRuns(runs: readonly TextRun[], columns: number): { runs: TextRun[]; cut: boolean } {
  const fitted: TextRun[] = [];
  let used = 0;
  for (const run of runs) {
    // Printable ASCII is a grapheme and a column a character, and segmenting is most of a row's
    // cost; only its last character may join what follows it (e + U+0301), so it is segmented.
    const ascii = asciiPrefix(run.text);
    let text = run.text.slice(0, Math.min(ascii, columns - used));
    used += text.length;
    if (text.length < ascii) {
      if (text) fitted.push({ text, escaped: run.escaped });
      return { runs: fitted, cut: true };
    }
    for (const { segment } of segmenter.segment(run.text.slice(ascii))) {
      const width = stringWidth(segment);
      if (used + width > columns) {
        if (text) fitted.push({ text, escaped: run.escaped });
        return { runs: fitted, cut: true };
      }
      text += segment;
      used += width;
    }
    if (text) fitted.push({ text, escaped: run.escaped });
  }
  return { runs: fitted, cut: false };
}
