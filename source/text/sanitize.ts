// Every byte a remote writer sends passes through here before it reaches a terminal.
// Nothing that a terminal could act on survives: each such character is replaced by a
// visible escape (`\x1b`, `\u202e`) marked so the UI can dim it.
import { escapeCodePoint, frameSafeRuns } from './terminal-width.js';

export interface TextRun {
  text: string;
  escaped: boolean;
}

export interface SanitizedText {
  runs: TextRun[];
  // True when the input was longer than what was decoded.
  cut: boolean;
  // The column after the text (tabs expand to the next multiple of 8 from it).
  column: number;
}

// 'screen': drawn inside a frame, so what terminals measure differently is escaped too
// (source/text/terminal-width.ts). 'line': a line of plain output, where no border can move.
// 'copy': text for the clipboard, as 'line' but with its newlines and tabs as they are, which a
// paste keeps as text.
export type SanitizeTarget = 'screen' | 'line' | 'copy';

export const MAX_DECODED_BYTES = 64 * 1024;
const TAB_WIDTH = 8;

// Bidi embeddings, overrides and isolates, marks, zero-width and invisible format characters,
// line/paragraph separators and the BOM: all can hide or reorder what the user sees.
const INVISIBLE_OR_REORDERING = new Set([
  0x061c, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e,
  0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0x206a, 0x206b, 0x206c, 0x206d, 0x206e,
  0x206f, 0xfeff, 0xfff9, 0xfffa, 0xfffb,
]);

// Format characters, default-ignorable ones (soft hyphen, Hangul fillers, ...) and unassigned code
// points: terminals and Ink's width tables disagree about them, so they hide text or shift borders.
const FORMAT_IGNORABLE_OR_UNASSIGNED = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cn}]/u;
const COMBINING_MARK = /\p{M}/u;
const EMOJI = /\p{Extended_Pictographic}/u;

// `previous`: the character shown just before, as itself (-1 if none). A mark needs a base to
// attach to (é written as e + U+0301); the emoji presentation selectors are kept only after an
// emoji (❤️ is ❤ + U+FE0F): after anything else terminals and Ink disagree on their width.
function needsEscape(codePoint: number, previous: number): boolean {
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)) return true;
  if (codePoint < 0xa0) return false;
  if (INVISIBLE_OR_REORDERING.has(codePoint) || (codePoint >= 0xe0000 && codePoint <= 0xe007f)) return true;
  if (codePoint === 0xfe0e || codePoint === 0xfe0f)
    return previous === -1 || !EMOJI.test(String.fromCodePoint(previous));
  const character = String.fromCodePoint(codePoint);
  if (FORMAT_IGNORABLE_OR_UNASSIGNED.test(character)) return true;
  return previous === -1 && COMBINING_MARK.test(character);
}

// The UTF-8 character at `index`: its code point and length in bytes, or length 0 where the byte
// starts none (it is invalid there, or the character runs past `end`).
export function decodeCharacter(bytes: Uint8Array, index: number, end: number): { codePoint: number; size: number } {
  const first = bytes[index];
  let codePoint: number;
  let size: number;
  if (first < 0x80) return { codePoint: first, size: 1 };
  if (first >= 0xc2 && first <= 0xdf) {
    size = 2;
    codePoint = first & 0x1f;
  } else if (first >= 0xe0 && first <= 0xef) {
    size = 3;
    codePoint = first & 0x0f;
  } else if (first >= 0xf0 && first <= 0xf4) {
    size = 4;
    codePoint = first & 0x07;
  } else {
    return { codePoint: -1, size: 0 };
  }
  if (index + size > end) return { codePoint: -1, size: 0 };
  for (let offset = 1; offset < size; offset++) {
    const next = bytes[index + offset];
    if ((next & 0xc0) !== 0x80) return { codePoint: -1, size: 0 };
    codePoint = (codePoint << 6) | (next & 0x3f);
  }
  const overlong = (size === 3 && codePoint < 0x800) || (size === 4 && codePoint < 0x10000);
  const surrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
  return overlong || surrogate || codePoint > 0x10ffff ? { codePoint: -1, size: 0 } : { codePoint, size };
}

function printableAscii(bytes: Uint8Array, end: number): boolean {
  for (let index = 0; index < end; index++) {
    if (bytes[index] < 0x20 || bytes[index] > 0x7e) return false;
  }
  return true;
}

// Decodes UTF-8 by hand so that each invalid byte can be shown as hex instead of U+FFFD.
// `startColumn`: where the text starts on its line (it continues text sanitized before).
export function sanitizeBytes(
  bytes: Uint8Array,
  maxBytes = MAX_DECODED_BYTES,
  target: SanitizeTarget = 'screen',
  startColumn = 0,
): SanitizedText {
  const end = Math.min(bytes.length, maxBytes);
  // Printable ASCII is shown as it is in every target, one column a byte: most keys and lines are.
  if (end > 0 && printableAscii(bytes, end)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, end).toString('latin1');
    return { runs: [{ text, escaped: false }], cut: bytes.length > end, column: startColumn + end };
  }
  const runs: TextRun[] = [];
  let plain = '';
  let column = startColumn;
  let previous = -1;

  const pushRun = (run: TextRun) => {
    const last = runs[runs.length - 1];
    if (last && last.escaped && run.escaped) last.text += run.text;
    else runs.push(run);
  };
  const flushPlain = () => {
    if (!plain) return;
    if (target !== 'screen') pushRun({ text: plain, escaped: false });
    else for (const run of frameSafeRuns(plain)) pushRun(run);
    plain = '';
  };
  const pushEscaped = (text: string) => {
    flushPlain();
    pushRun({ text, escaped: true });
    column += text.length;
  };

  let index = 0;
  while (index < end) {
    const { codePoint, size } = decodeCharacter(bytes, index, end);
    if (size === 0) {
      pushEscaped(escapeCodePoint(bytes[index]));
      index += 1;
      continue;
    }
    index += size;
    if (target === 'copy' && (codePoint === 0x09 || codePoint === 0x0a)) {
      // Nothing joins a tab or a newline: a mark after one is escaped, as at the start of text.
      plain += String.fromCodePoint(codePoint);
      previous = -1;
    } else if (codePoint === 0x09) {
      const spaces = TAB_WIDTH - (column % TAB_WIDTH);
      plain += ' '.repeat(spaces);
      column += spaces;
    } else if (needsEscape(codePoint, plain.length > 0 ? previous : -1)) {
      pushEscaped(escapeCodePoint(codePoint));
    } else {
      plain += String.fromCodePoint(codePoint);
      previous = codePoint;
      column += 1;
    }
  }
  flushPlain();
  return { runs, cut: bytes.length > end, column };
}

// A block as the how-to's writer makes it ends with the terminal's '\n'; that one is not content.
export function withoutTrailingNewline(bytes: Uint8Array): Uint8Array {
  return bytes.length > 0 && bytes[bytes.length - 1] === 0x0a ? bytes.subarray(0, bytes.length - 1) : bytes;
}

export function sanitizedString(
  bytes: Uint8Array,
  maxBytes = MAX_DECODED_BYTES,
  target: SanitizeTarget = 'screen',
): string {
  const { runs, cut } = sanitizeBytes(bytes, maxBytes, target);
  const text = runs.map((run) => run.text).join('');
  return cut ? `${text}…` : text;
}

// For strings that are already decoded (from JSON, say): same rules, via their UTF-8 bytes.
export function sanitizeString(text: string, target: SanitizeTarget = 'screen'): string {
  return sanitizedString(Buffer.from(text, 'utf8'), MAX_DECODED_BYTES, target);
}
