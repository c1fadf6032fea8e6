import stringWidth from 'string-width';
import { blockForm, blockLine, type BlockEncoding } from './block-encoding.js';
import { MAX_DECODED_BYTES, sanitizeBytes, type TextRun } from './sanitize.js';

export interface BlockDetailLines {
  // Text is shown line by line, JSON compacted and wrapped, binary as a hex dump.
  encoding: BlockEncoding;
  lines: TextRun[][];
  // Bytes laid out: a block over MAX_DECODED_BYTES is shown only up to there.
  shownBytes: number;
}

const HEX_BYTES_WIDE = 16;
const HEX_BYTES_NARROW = 8;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// Splits runs into screen lines of at most `width` columns, whole graphemes only: a wide character
// that does not fit starts the next line, and no mark is parted from its letter.
function wrapRuns(runs: TextRun[], width: number): TextRun[][] {
  const lines: TextRun[][] = [[]];
  let used = 0;
  for (const run of runs) {
    for (const { segment } of segmenter.segment(run.text)) {
      const columns = segment.length === 1 && segment < '\x7f' ? 1 : stringWidth(segment);
      if (used > 0 && used + columns > width) {
        lines.push([]);
        used = 0;
      }
      const line = lines[lines.length - 1];
      const last = line[line.length - 1];
      if (last && last.escaped === run.escaped) last.text += segment;
      else line.push({ text: segment, escaped: run.escaped });
      used += columns;
    }
  }
  return lines;
}

function hexDump(bytes: Uint8Array, width: number): TextRun[][] {
  const perLine = width >= 10 + HEX_BYTES_WIDE * 3 + 2 + HEX_BYTES_WIDE + 2 ? HEX_BYTES_WIDE : HEX_BYTES_NARROW;
  const lines: TextRun[][] = [];
  for (let offset = 0; offset < bytes.length; offset += perLine) {
    const chunk = bytes.subarray(offset, offset + perLine);
    const hex = Array.from(chunk, (byte) => byte.toString(16).padStart(2, '0'))
      .join(' ')
      .padEnd(perLine * 3 - 1);
    const ascii = Array.from(chunk, (byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.')).join('');
    lines.push([
      { text: `${offset.toString(16).padStart(8, '0')}  `, escaped: true },
      { text: `${hex}  `, escaped: false },
      { text: `|${ascii}|`, escaped: true },
    ]);
  }
  return lines;
}

// A whole block for the detail view, laid out for `width` columns: text split at its newlines
// and wrapped (each line sanitized like a pane's), JSON as its one compacted line wrapped, or a
// hex dump.
export function blockDetailLines(bytes: Uint8Array, width: number): BlockDetailLines {
  const shown = bytes.subarray(0, MAX_DECODED_BYTES);
  const columns = Math.max(8, width);
  const form = blockForm(bytes);
  if (form.encoding === 'hex') return { encoding: 'hex', lines: hexDump(shown, columns), shownBytes: shown.length };
  if (form.encoding === 'json') {
    const { runs } = blockLine(bytes, MAX_DECODED_BYTES, 'screen', form);
    return { encoding: 'json', lines: wrapRuns(runs, columns), shownBytes: bytes.length };
  }
  const lines: TextRun[][] = [];
  let start = 0;
  for (let index = 0; index <= shown.length; index++) {
    if (index < shown.length && shown[index] !== 0x0a) continue;
    // A final newline ends the last line; it does not start an empty one.
    if (index === shown.length && start === index && index > 0) break;
    lines.push(...wrapRuns(sanitizeBytes(shown.subarray(start, index)).runs, columns));
    start = index + 1;
  }
  return { encoding: 'text', lines, shownBytes: shown.length };
}
