// How a block of any Hypercore is shown (docs/untrusted-input.md#block-forms): as text where it is
// text, JSON compacted to one line, as hex where it is binary. Decided per block, the same way in panes, the block view, search,
// copies, --plain and --json.
import {
  MAX_DECODED_BYTES,
  decodeCharacter,
  sanitizeBytes,
  withoutTrailingNewline,
  type SanitizeTarget,
  type TextRun,
} from './sanitize.js';

export type BlockEncoding = 'text' | 'json' | 'hex';

export type BlockForm = { encoding: 'text' } | { encoding: 'json'; json: string } | { encoding: 'hex' };

// Text, as less and git take it, may hold a few bytes that are not: a stray control, a byte of
// another encoding (each shown escaped, `\x08`, `\xff`). A block is binary when it holds a NUL
// byte, or when more than one of its characters, and more than this share of them, are not text:
// bytes that are not UTF-8, and controls other than tab, newline, carriage return and escape
// (which logs and coloured output carry). Each byte that is not UTF-8 counts as one character.
const MAX_NOT_TEXT_SHARE = 1 / 3;

const JSON_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
// Tab, newline, carriage return and escape.
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0d, 0x1b]);

interface TextCount {
  text: boolean;
  // Bytes that are not UTF-8 (0 when it is all UTF-8).
  invalid: number;
}

// Only the first 64 KiB are looked at: a huge block is never decoded whole
// (docs/untrusted-input.md#size-limits). A character cut at
// that edge is whole in the block, so it counts as what it is.
function countText(bytes: Uint8Array): TextCount {
  const end = Math.min(bytes.length, MAX_DECODED_BYTES);
  let characters = 0;
  let invalid = 0;
  let controls = 0;
  for (let index = 0; index < end; characters++) {
    const byte = bytes[index];
    if (byte === 0) return { text: false, invalid };
    if (byte < 0x80) {
      if ((byte < 0x20 && !TEXT_CONTROLS.has(byte)) || byte === 0x7f) controls++;
      index++;
      continue;
    }
    const { size } = decodeCharacter(bytes, index, bytes.length);
    if (size === 0) invalid++;
    index += Math.max(1, size);
  }
  const notText = invalid + controls;
  return { text: notText <= 1 || notText <= characters * MAX_NOT_TEXT_SHARE, invalid };
}

// A JSON object or array without the whitespace between its tokens; null for anything else.
// Only whitespace goes: numbers and strings keep their exact spelling (a re-encode would round
// 64-bit integers). A string or number alone is left as text: it is one line already.
export function compactJson(text: string): string | null {
  const trimmed = text.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '');
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return null;
  try {
    JSON.parse(trimmed);
  } catch {
    return null;
  }
  const kept: string[] = [];
  let runStart = 0;
  let inString = false;
  for (let index = 0; index < trimmed.length; index++) {
    const code = trimmed.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (JSON_WHITESPACE.has(code)) {
      if (runStart < index) kept.push(trimmed.slice(runStart, index));
      runStart = index + 1;
    }
  }
  kept.push(trimmed.slice(runStart));
  return kept.join('');
}

// Whether the first byte past any JSON whitespace opens an object or an array: only those are
// decoded and parsed.
function startsLikeJson(bytes: Uint8Array): boolean {
  for (let index = 0; index < bytes.length; index++) {
    if (JSON_WHITESPACE.has(bytes[index])) continue;
    return bytes[index] === 0x7b || bytes[index] === 0x5b;
  }
  return false;
}

// A block over 64 KiB is not parsed as JSON: it is shown as text, cut. Nor is one with bytes that
// are not UTF-8: decoding would turn them into U+FFFD, and they would be lost.
export function blockForm(bytes: Uint8Array): BlockForm {
  const { text, invalid } = countText(bytes);
  if (!text) return { encoding: 'hex' };
  if (invalid === 0 && bytes.length <= MAX_DECODED_BYTES && startsLikeJson(bytes)) {
    const json = compactJson(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'));
    if (json !== null) return { encoding: 'json', json };
  }
  return { encoding: 'text' };
}

export function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
}

export interface BlockLine {
  encoding: BlockEncoding;
  runs: TextRun[];
  // True when more of the block is left than `maxBytes` let through.
  cut: boolean;
}

// One block as one line, from at most `maxBytes` of it (of the compacted JSON for JSON): text
// sanitized without its trailing newline, JSON compacted then sanitized, binary as lowercase hex.
export function blockLine(
  bytes: Uint8Array,
  maxBytes = MAX_DECODED_BYTES,
  target: SanitizeTarget = 'screen',
  form: BlockForm = blockForm(bytes),
): BlockLine {
  if (form.encoding === 'hex') {
    const shown = bytes.subarray(0, maxBytes);
    return { encoding: 'hex', runs: [{ text: hexOf(shown), escaped: false }], cut: shown.length < bytes.length };
  }
  const source = form.encoding === 'json' ? Buffer.from(form.json, 'utf8') : withoutTrailingNewline(bytes);
  const { runs, cut } = sanitizeBytes(source, maxBytes, target);
  return { encoding: form.encoding, runs, cut };
}

// The line as one string, `…` where it was cut: what --plain prints, search matches and `c` copies.
export function blockLineText(
  bytes: Uint8Array,
  maxBytes = MAX_DECODED_BYTES,
  target: SanitizeTarget = 'screen',
): { encoding: BlockEncoding; text: string } {
  const { encoding, runs, cut } = blockLine(bytes, maxBytes, target);
  const text = runs.map((run) => run.text).join('');
  return { encoding, text: cut ? `${text}…` : text };
}

// What `c` copies in the block view: the block as the view shows it, with its newlines and tabs
// (a paste keeps them as text) and everything else a terminal could act on written out; JSON
// compacted, binary as hex; `…` where it was cut.
export function blockCopyText(bytes: Uint8Array): string {
  const form = blockForm(bytes);
  if (form.encoding !== 'text') return blockLineText(bytes, MAX_DECODED_BYTES, 'line').text;
  const { runs, cut } = sanitizeBytes(withoutTrailingNewline(bytes), MAX_DECODED_BYTES, 'copy');
  const text = runs.map((run) => run.text).join('');
  return cut ? `${text}…` : text;
}
