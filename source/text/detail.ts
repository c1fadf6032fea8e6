// The block view's layout. Only the lines asked for are laid out, from the top of the block down,
// and each only once: wrapping by graphemes costs time with the length of a line (laying out the
// first 64 KiB of one 300 KB line took 1.9 s, the segmenter walking the whole line at each step),
// and a page needs only a page of it. The lines are the same however they are reached, so
// scrolling down and back up shows the same wrap.
import stringWidth from 'string-width';
import { blockForm, blockLine, type BlockEncoding } from './block-encoding.js';
import { graphemesFrom } from './graphemes.js';
import { MAX_DECODED_BYTES, sanitizeBytes, type TextRun } from './sanitize.js';

export interface BlockDetailLayout {
  // Text is shown line by line, JSON compacted and wrapped, binary as a hex dump.
  readonly encoding: BlockEncoding;
  // What the block is, for the title, when it is more than its encoding says (a decoded block).
  readonly label?: string;
  // Bytes laid out: a block over MAX_DECODED_BYTES is shown only up to there.
  readonly shownBytes: number;
  // Screen lines [from, from + count), laid out as far as that and no further.
  lines(from: number, count: number): TextRun[][];
  // How many screen lines there are, counting no further than `limit`.
  linesUpTo(limit: number): number;
  // How many screen lines there are, once they have all been laid out; undefined before.
  total(): number | undefined;
  // How far into the shown bytes screen line `index` ends, from 0 to 1.
  fractionAt(index: number): number;
}

interface LaidOutLine {
  runs: TextRun[];
  // How far into the shown bytes the line ends, from 0 to 1.
  fraction: number;
}

// Text sanitized a piece at a time: its runs, and the bytes they come from.
interface Piece {
  runs: TextRun[];
  start: number;
  end: number;
}

const HEX_BYTES_WIDE = 16;
const HEX_BYTES_NARROW = 8;
// A long line is sanitized this many bytes at a time, or a little more.
const PIECE_BYTES = 2048;

// Splits the pieces' runs into screen lines of at most `width` columns, whole graphemes only: a
// wide character that does not fit starts the next line, and no mark is parted from its letter.
// Each line comes with where it ends in the bytes (in proportion within its piece). No text at
// all is one empty line.
function* wrapPieces(pieces: Iterable<Piece>, width: number): Generator<{ runs: TextRun[]; end: number }> {
  let line: TextRun[] = [];
  let used = 0;
  let end = 0;
  for (const piece of pieces) {
    const characters = piece.runs.reduce((sum, run) => sum + run.text.length, 0);
    let done = 0;
    end = piece.end;
    for (const run of piece.runs) {
      for (const { segment } of graphemesFrom(run.text, 0)) {
        const columns = segment.length === 1 && segment < '\x7f' ? 1 : stringWidth(segment);
        if (used > 0 && used + columns > width) {
          yield { runs: line, end: piece.start + ((piece.end - piece.start) * done) / characters };
          line = [];
          used = 0;
        }
        const last = line[line.length - 1];
        if (last && last.escaped === run.escaped) last.text += segment;
        else line.push({ text: segment, escaped: run.escaped });
        used += columns;
        done += segment.length;
      }
    }
  }
  yield { runs: line, end };
}

function* hexDump(bytes: Uint8Array, width: number): Generator<LaidOutLine> {
  const perLine = width >= 10 + HEX_BYTES_WIDE * 3 + 2 + HEX_BYTES_WIDE + 2 ? HEX_BYTES_WIDE : HEX_BYTES_NARROW;
  for (let offset = 0; offset < bytes.length; offset += perLine) {
    const chunk = bytes.subarray(offset, offset + perLine);
    const hex = Array.from(chunk, (byte) => byte.toString(16).padStart(2, '0'))
      .join(' ')
      .padEnd(perLine * 3 - 1);
    const ascii = Array.from(chunk, (byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.')).join('');
    yield {
      runs: [
        { text: `${offset.toString(16).padStart(8, '0')}  `, escaped: true },
        { text: `${hex}  `, escaped: false },
        { text: `|${ascii}|`, escaped: true },
      ],
      fraction: (offset + chunk.length) / bytes.length,
    };
  }
}

// A piece ends only before printable ASCII: nothing there depends on what came before but the
// column (for tabs), which is carried over, so the pieces come out as the whole line would.
function pieceEnd(shown: Uint8Array, start: number, lineEnd: number): number {
  for (let index = start + PIECE_BYTES; index < lineEnd; index++) {
    if (shown[index] >= 0x20 && shown[index] <= 0x7e) return index;
  }
  return lineEnd;
}

// The line [start, end) of the shown bytes, sanitized (as a pane's) a piece at a time.
function* linePieces(shown: Uint8Array, start: number, end: number): Generator<Piece> {
  let column = 0;
  let from = start;
  do {
    const to = pieceEnd(shown, from, end);
    const sanitized = sanitizeBytes(shown.subarray(from, to), MAX_DECODED_BYTES, 'screen', column);
    column = sanitized.column;
    yield { runs: sanitized.runs, start: from, end: to };
    from = to;
  } while (from < end);
}

// Text split at its newlines, each line wrapped as it is reached.
function* textLines(shown: Uint8Array, width: number): Generator<LaidOutLine> {
  let start = 0;
  for (;;) {
    const newline = shown.indexOf(0x0a, start);
    const end = newline === -1 ? shown.length : newline;
    // A final newline ends the last line; it does not start an empty one.
    if (end === shown.length && start === end && start > 0) return;
    for (const line of wrapPieces(linePieces(shown, start, end), width)) {
      yield { runs: line.runs, fraction: shown.length === 0 ? 1 : line.end / shown.length };
    }
    if (newline === -1) return;
    start = newline + 1;
  }
}

// JSON is its one compacted line, wrapped.
function* jsonLines(runs: TextRun[], width: number): Generator<LaidOutLine> {
  for (const line of wrapPieces([{ runs, start: 0, end: 1 }], width)) yield { runs: line.runs, fraction: line.end };
}

class LazyLayout implements BlockDetailLayout {
  private readonly laidOut: LaidOutLine[] = [];
  private finished = false;

  constructor(
    readonly encoding: BlockEncoding,
    readonly shownBytes: number,
    private readonly source: Iterator<LaidOutLine>,
    readonly label?: string,
  ) {}

  private layOut(count: number): void {
    while (!this.finished && this.laidOut.length < count) {
      const next = this.source.next();
      if (next.done) this.finished = true;
      else this.laidOut.push(next.value);
    }
  }

  lines(from: number, count: number): TextRun[][] {
    this.layOut(from + count);
    return this.laidOut.slice(from, from + count).map((line) => line.runs);
  }

  linesUpTo(limit: number): number {
    this.layOut(limit);
    return Math.min(limit, this.laidOut.length);
  }

  total(): number | undefined {
    return this.finished ? this.laidOut.length : undefined;
  }

  fractionAt(index: number): number {
    this.layOut(index + 1);
    return this.laidOut[Math.min(index, this.laidOut.length - 1)]?.fraction ?? 1;
  }
}

// Bytes laid out by their form: text lines, JSON's one line wrapped, or a hex dump; `hex` forces
// the dump. At most the first MAX_DECODED_BYTES are laid out.
function bytesLines(bytes: Uint8Array, columns: number, hex = false): Generator<LaidOutLine> {
  const shown = bytes.subarray(0, MAX_DECODED_BYTES);
  const form = hex ? { encoding: 'hex' as const } : blockForm(bytes);
  if (form.encoding === 'hex') return hexDump(shown, columns);
  if (form.encoding === 'json') return jsonLines(blockLine(bytes, MAX_DECODED_BYTES, 'screen', form).runs, columns);
  return textLines(shown, columns);
}

function layOut(bytes: Uint8Array, columns: number): BlockDetailLayout {
  const shown = bytes.subarray(0, MAX_DECODED_BYTES);
  const { encoding } = blockForm(bytes);
  return new LazyLayout(encoding, encoding === 'json' ? bytes.length : shown.length, bytesLines(bytes, columns));
}

/** One field of a block shown whole in parts (a decoded block): bytes by their form (or as hex), or text. */
export type DetailField = { label: string; bytes: Uint8Array; hex?: boolean } | { label: string; text: string };

// Each field in turn: a text field is its dim label and its text on one line, wrapped; a field of
// bytes is its dim label on a line, then its bytes as the block view lays out a block.
function* fieldLines(fields: readonly DetailField[], columns: number): Generator<LaidOutLine> {
  for (const [index, field] of fields.entries()) {
    const at = (fraction: number) => (index + fraction) / fields.length;
    const label: TextRun = { text: field.label, escaped: true };
    if ('text' in field) {
      const text = sanitizeBytes(Buffer.from(field.text, 'utf8'), MAX_DECODED_BYTES, 'screen').runs;
      const runs = [{ ...label, text: `${field.label}  ` }, ...text];
      for (const line of wrapPieces([{ runs, start: 0, end: 1 }], columns))
        yield { runs: line.runs, fraction: at(line.end) };
      continue;
    }
    yield { runs: [label], fraction: at(0) };
    for (const line of bytesLines(field.bytes, columns, field.hex))
      yield { runs: line.runs, fraction: at(line.fraction) };
  }
}

// A block shown as fields (a decoded block), laid out lazily like any block. `label` names what it
// is in the title; `byteLength` is the block's size, of which a field over MAX_DECODED_BYTES shows
// only the start.
export function fieldsDetailLayout(
  fields: readonly DetailField[],
  width: number,
  label: string,
  byteLength: number,
): BlockDetailLayout {
  const columns = Math.max(8, width);
  const left = fields.reduce(
    (sum, field) => sum + ('bytes' in field ? Math.max(0, field.bytes.length - MAX_DECODED_BYTES) : 0),
    0,
  );
  return new LazyLayout('text', Math.max(0, byteLength - left), fieldLines(fields, columns), label);
}

// The layout last made of each block: the keys (in the screen state) and the drawing ask for the
// same lines, and a key press must not lay the block out again.
const layouts = new WeakMap<Uint8Array, { columns: number; layout: BlockDetailLayout }>();

// A whole block for the block view, laid out for `width` columns as its lines are asked for: text
// split at its newlines and wrapped, JSON as its one compacted line wrapped, or a hex dump.
export function blockDetailLayout(bytes: Uint8Array, width: number): BlockDetailLayout {
  const columns = Math.max(8, width);
  const last = layouts.get(bytes);
  if (last?.columns === columns) return last.layout;
  const layout = layOut(bytes, columns);
  layouts.set(bytes, { columns, layout });
  return layout;
}
