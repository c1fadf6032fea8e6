// How a block of any Hypercore is shown (SPEC §2): as text where it is UTF-8, JSON compacted to
// one line, as hex where it is binary. Decided per block, the same way in panes, the block view,
// search, copies, --plain and --json.
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

function isTextControl(code: number): boolean {
  return code === 0x09 || code === 0x0a || code === 0x0d || code === 0x1b;
}

// Only the first 64 KiB are looked at: a huge block is never decoded whole (SPEC §5).
function isText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, MAX_DECODED_BYTES);
  if (head.includes(0)) return false;
  let decoded: string;
  try {
    // stream: a multi-byte character cut at the 64 KiB edge is not a reason to call it binary.
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return false;
  }
  let controls = 0;
  for (let index = 0; index < decoded.length; index++) {
    const code = decoded.charCodeAt(index);
    if ((code < 0x20 && !isTextControl(code)) || code === 0x7f) controls++;
  }
  return controls <= 1 || controls <= decoded.length * MAX_CONTROL_SHARE;
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

// A block over 64 KiB is not parsed as JSON: it is shown as text, cut.
export function blockForm(bytes: Uint8Array): BlockForm {
  if (!isText(bytes)) return { encoding: 'hex' };
  if (bytes.length <= MAX_DECODED_BYTES) {
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
