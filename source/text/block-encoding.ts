// How a block of any Hypercore is shown (docs/untrusted-input.md#block-forms): as text where it is
// UTF-8, JSON compacted to one line, as hex where it is binary. Decided per block, the same way in
// panes, the block view, search, copies, --plain and --json.
import { isUtf8 } from 'node:buffer';
import {
  MAX_DECODED_BYTES,
  sanitizeBytes,
  withoutTrailingNewline,
  type SanitizeTarget,
  type TextRun,
} from './sanitize.js';

export type BlockEncoding = 'text' | 'json' | 'hex';

export type BlockForm = { encoding: 'text' } | { encoding: 'json'; json: string } | { encoding: 'hex' };

// Controls that text has no use for (not tab, newline, carriage return or escape, which logs and
// coloured output carry): more than one, and above this share of the characters, make valid
// UTF-8 binary all the same. One stray control in a short line leaves it text, escaped.
const MAX_CONTROL_SHARE = 0.1;

const JSON_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
// Tab, newline, carriage return and escape.
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0d, 0x1b]);

// The bytes before a character cut at their end (a block longer than what is looked at).
function withoutCutCharacter(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue;
    // A byte that starts no character is left in, for the check to refuse.
    const size =
      byte >= 0xf0 && byte <= 0xf4 ? 4 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xc2 && byte <= 0xdf ? 2 : 1;
    return size > back ? bytes.subarray(0, bytes.length - back) : bytes;
  }
  return bytes;
}

// Only the first 64 KiB are looked at: a huge block is never decoded whole
// (docs/untrusted-input.md#size-limits). Nothing is decoded here at all: controls are single bytes
// in UTF-8, and characters are the bytes that do not continue one.
function isText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, MAX_DECODED_BYTES);
  let controls = 0;
  let characters = 0;
  for (let index = 0; index < head.length; index++) {
    const byte = head[index];
    if (byte === 0) return false;
    if ((byte & 0xc0) !== 0x80) characters++;
    if ((byte < 0x20 && !TEXT_CONTROLS.has(byte)) || byte === 0x7f) controls++;
  }
  if (controls > 1 && controls > characters * MAX_CONTROL_SHARE) return false;
  return isUtf8(head.length < bytes.length ? withoutCutCharacter(head) : head);
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

// A block over 64 KiB is not parsed as JSON: it is shown as text, cut.
export function blockForm(bytes: Uint8Array): BlockForm {
  if (!isText(bytes)) return { encoding: 'hex' };
  if (bytes.length <= MAX_DECODED_BYTES && startsLikeJson(bytes)) {
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
