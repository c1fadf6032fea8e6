import chalk from 'chalk';
import cliTruncate from 'cli-truncate';
import { RAW_FORMAT } from '../decode/core-format.js';
import { decodeBlock, decodeUncached } from '../decode/decode-block.js';
import type { CoreFormat, DecodedBlock } from '../decode/decoded-block.js';
import { decodedLine } from '../decode/decoded-line.js';
import { blockForm, blockLine, type BlockForm } from '../text/block-encoding.js';
import { fitRuns, textWidth } from '../text/fit.js';
import { matchRanges } from '../text/highlight.js';
import type { TextRun } from '../text/sanitize.js';
import { widthRulesVersion } from '../text/terminal-width.js';
import { wrapRuns } from '../text/wrap.js';

export interface PaneBlock {
  seq: number;
  // Undefined while the block is still on its way.
  bytes: Uint8Array | undefined;
}

export interface RowLayout {
  seqWidth: number;
  textWidth: number;
  // The pane's inner width: no row is drawn wider.
  rowWidth: number;
}

// A pane's rows are one Text of styled lines, not a Text element a row: following a busy core,
// every row of a pane is new in every frame, and each element costs React, Ink and Yoga their
// work again (measured by npm run bench:frames). The styles are written with Ink's own chalk, byte for byte as <Text
// dimColor> and <Text inverse> write them, so the frame is the same as with elements.

// The last row drawn for each block, and how whether it is text was decided, or its decoding (once
// per block, for a row drawn again at another width or mark).
interface Drawn {
  form: BlockForm | null;
  decoding: { format: CoreFormat; seq: number; decoded: DecodedBlock | null };
  key: string;
  row: string;
}
const drawn = new WeakMap<Uint8Array, Drawn>();

// One block on one line: its number (inverse where `marked`, else dim), then its text sanitized
// (escapes dim), JSON compacted, binary as hex, or what it did when its core's format decodes it
// (docs/data-model.md#decoded-cores), cut to the width with a dim …; where `highlight` occurs
// (ignoring case) it is drawn in inverse.
export function blockRow(
  block: PaneBlock,
  layout: RowLayout,
  marked: boolean,
  highlight: string | null,
  format: CoreFormat = RAW_FORMAT,
): string {
  const { bytes } = block;
  const key = `${block.seq} ${layout.seqWidth} ${layout.textWidth} ${layout.rowWidth} ${marked} ${chalk.level} ${widthRulesVersion()} ${format.kind} ${highlight ?? ''}`;
  const last = bytes ? drawn.get(bytes) : undefined;
  if (last?.key === key) return last.row;
  const seq = String(block.seq).padStart(layout.seqWidth);
  let line: { runs: TextRun[]; cut: boolean } | null = null;
  let form: BlockForm | null = null;
  let decoding = last?.decoding;
  if (bytes) {
    if (decoding?.format !== format || decoding.seq !== block.seq) {
      decoding = { format, seq: block.seq, decoded: decodeUncached(format, block.seq, bytes) };
    }
    const { decoded } = decoding;
    if (decoded) line = decodedRuns(decoded, bytes, layout.textWidth);
    else {
      form = last?.form ?? blockForm(bytes);
      line = blockRuns(bytes, layout.textWidth, form);
    }
  }
  let row = `${marked ? chalk.inverse(seq) : chalk.dim(seq)} ${line ? styled(line, highlight) : chalk.dim('…')}`;
  // Never reached while the widths agree; a line too wide would wrap and push the pane's border.
  if (tooWide(`${seq} ${line ? plainText(line) : '…'}`, layout)) row = cliTruncate(row, layout.rowWidth);
  if (bytes && decoding) drawn.set(bytes, { form, decoding, key, row });
  return row;
}

// Runs cut to `width` columns: the runs that fit, and whether a … must follow them.
function fitted(runs: TextRun[], width: number, cut: boolean): { runs: TextRun[]; cut: boolean } {
  // One column kept for the … that says the block goes on.
  const whole = fitRuns(runs, width);
  return whole.cut || cut ? { runs: fitRuns(runs, Math.max(0, width - 1)).runs, cut: true } : whole;
}

// A block's line cut to `width` columns: its runs, and whether a … must follow them.
export function blockRuns(
  bytes: Uint8Array,
  width: number,
  form: BlockForm = blockForm(bytes),
): { runs: TextRun[]; cut: boolean } {
  // Only enough bytes for the widest line are decoded.
  const decoded = blockLine(bytes, Math.max(64, width * 4), 'screen', form);
  return fitted(decoded.runs, width, decoded.cut);
}

// A decoded block's line cut to `width` columns; of each key and value only enough bytes for the
// widest line are looked at.
function decodedRuns(decoded: DecodedBlock, bytes: Uint8Array, width: number): { runs: TextRun[]; cut: boolean } {
  return fitted(decodedLine(decoded, bytes, Math.max(64, width * 4), 'screen'), width, false);
}

// A row's text as it is measured: its styles are escape codes, which take no column.
function plainText({ runs, cut }: { runs: TextRun[]; cut: boolean }): string {
  const text = runs.map((run) => run.text).join('');
  return cut ? `${text}…` : text;
}

// Whether a row, without its styles, is wider than its pane lets it be.
function tooWide(plain: string, layout: RowLayout): boolean {
  return textWidth(plain) > layout.rowWidth;
}

function styled({ runs, cut }: { runs: TextRun[]; cut: boolean }, highlight: string | null): string {
  let text = '';
  for (const run of runs) {
    if (run.escaped) text += chalk.dim(run.text);
    else text += highlight ? highlighted(run.text, highlight) : run.text;
  }
  return cut ? text + chalk.dim('…') : text;
}

// One block wrapped (w) on `maxRows` rows at most: the first starts with its number as blockRow's
// does, the others are indented under its text; the last ends in a dim … when the block goes on.
export function wrappedBlockRows(
  block: PaneBlock,
  layout: RowLayout,
  marked: boolean,
  highlight: string | null,
  maxRows: number,
  format: CoreFormat = RAW_FORMAT,
): string[] {
  const { bytes } = block;
  const seq = String(block.seq).padStart(layout.seqWidth);
  const number = marked ? chalk.inverse(seq) : chalk.dim(seq);
  if (!bytes) return [`${number} ${chalk.dim('…')}`];
  // Only enough bytes for the rows that fit are decoded.
  const maxBytes = Math.max(64, layout.textWidth * maxRows * 4);
  const decoded = decodeBlock(format, block.seq, bytes);
  const line = decoded
    ? { runs: decodedLine(decoded, bytes, maxBytes, 'screen'), cut: false }
    : blockLine(bytes, maxBytes, 'screen');
  const { rows, cut } = wrapRuns(line.runs, layout.textWidth, maxRows);
  const more = cut || line.cut;
  const indent = ' '.repeat(layout.seqWidth);
  return rows.map((runs, index) => {
    const last = index === rows.length - 1;
    const line = { runs, cut: last && more };
    let row = `${index === 0 ? number : indent} ${styled(line, highlight)}`;
    if (tooWide(`${index === 0 ? seq : indent} ${plainText(line)}`, layout)) row = cliTruncate(row, layout.rowWidth);
    return row;
  });
}

function highlighted(text: string, query: string): string {
  let result = '';
  let from = 0;
  for (const [start, end] of matchRanges(text, query)) {
    if (start < from) continue;
    result += text.slice(from, start) + chalk.inverse(text.slice(start, end));
    from = end;
  }
  return result + text.slice(from);
}
