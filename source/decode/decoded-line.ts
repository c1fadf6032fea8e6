// A decoded block as the user sees it (docs/data-model.md#decoded-cores): one line for a pane's
// row, --plain and search; its fields whole for the block view; what `c` copies; what --json adds.
// A key, a value or metadata is bytes the bee does not say how to read: each is shown by the
// block-form rules (text, JSON compacted, hex) and sanitized like any block.
import { blockForm, blockLine, hexOf, type BlockEncoding } from '../text/block-encoding.js';
import type { DetailField } from '../text/detail.js';
import { MAX_DECODED_BYTES, sanitizeBytes, type SanitizeTarget, type TextRun } from '../text/sanitize.js';
import { BATCH_NAMED, type BeeOp, type DecodedBlock, type FileOp } from './decoded-block.js';
import { sizeText } from './drive.js';

/** What a decoded block did, as --json's `kind` names it. */
export type DecodedKind = 'header' | 'put' | 'del' | 'symlink' | 'batch' | 'undecodable';

/** Bytes of a key, a value or metadata as shown: `text` by the block-form rules, as `encoding` says. */
export interface ShownBytes {
  text: string;
  encoding: BlockEncoding;
}

const ELLIPSIS: TextRun = { text: '…', escaped: true };

export function decodedKind(block: DecodedBlock): DecodedKind {
  switch (block.kind) {
    case 'header':
    case 'batch':
    case 'undecodable':
      return block.kind;
    case 'bee':
    case 'file':
      return block.op.op;
  }
}

// Bytes by the block-form rules, from at most `maxBytes` of them, `…` where cut.
function bytesRuns(bytes: Uint8Array, maxBytes: number, target: SanitizeTarget): TextRun[] {
  const { runs, cut } = blockLine(bytes, maxBytes, target);
  return cut ? [...runs, ELLIPSIS] : runs;
}

// A name that is a string already (a drive's path) is sanitized through its UTF-8 bytes.
function stringRuns(text: string, maxBytes: number, target: SanitizeTarget): TextRun[] {
  const { runs, cut } = sanitizeBytes(Buffer.from(text, 'utf8'), maxBytes, target);
  return cut ? [...runs, ELLIPSIS] : runs;
}

const plain = (text: string): TextRun => ({ text, escaped: false });

// `put KEY → VALUE` on screen; plain output puts a space where the arrow is.
function beeOpRuns(op: BeeOp, maxBytes: number, target: SanitizeTarget): TextRun[] {
  const key = bytesRuns(op.key, maxBytes, target);
  if (op.op === 'del') return [plain('del '), ...key];
  return [plain('put '), ...key, plain(target === 'screen' ? ' → ' : ' '), ...bytesRuns(op.value, maxBytes, target)];
}

function fileOpRuns(op: FileOp, maxBytes: number, target: SanitizeTarget): TextRun[] {
  const path = stringRuns(op.path, maxBytes, target);
  switch (op.op) {
    case 'put':
      return [plain('put '), ...path, plain(`  ${sizeText(op.size)}${op.executable ? '  executable' : ''}`)];
    case 'symlink':
      return [plain('symlink '), ...path, plain(' → '), ...stringRuns(op.target, maxBytes, target)];
    case 'del':
      return [plain('del '), ...path];
  }
}

type Batch = Extract<DecodedBlock, { kind: 'batch' }>;

const counted = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;

// What a block that holds no puts holds (docs/data-model.md#hyperbee2): values for a later block of
// its batch, or only rewritten tree nodes, the one trace hyperbee2 leaves of a delete.
function noPutsText(batch: Batch): string {
  if (batch.held.count > 0) {
    return `${counted(batch.held.count, 'value')} (${batch.held.bytes} B) for a later block of its batch`;
  }
  if (batch.treeNodes > 0)
    return `no puts: ${counted(batch.treeNodes, 'tree node')} rewritten (a delete leaves no key)`;
  return 'empty batch';
}

function batchRuns(batch: Batch, maxBytes: number, target: SanitizeTarget): TextRun[] {
  const runs: TextRun[] = [];
  batch.named.forEach((key, index) => {
    runs.push(plain(index > 0 ? ', put ' : 'put '), ...bytesRuns(key, maxBytes, target));
  });
  if (batch.puts === 0) runs.push(plain(noPutsText(batch)));
  if (batch.puts > BATCH_NAMED) runs.push(plain(`, +${batch.puts - BATCH_NAMED} more (${batch.puts} changes)`));
  if (batch.part.count > 1) runs.push(plain(` · part ${batch.part.index} of ${batch.part.count}`));
  return runs;
}

/**
 * A decoded block on one line: what the block did, each key and value from at most `maxBytes`
 * of it. `bytes`: the block as stored, shown as hex when it could not be decoded.
 */
export function decodedLine(
  block: DecodedBlock,
  bytes: Uint8Array,
  maxBytes = MAX_DECODED_BYTES,
  target: SanitizeTarget = 'screen',
): TextRun[] {
  return joined(lineRuns(block, bytes, maxBytes, target));
}

// Neighbouring runs of one kind as one: a row is cut to its width run by run, and each run costs
// the cut a pass of the grapheme segmenter. Every part is sanitized on its own and a separator
// (a space, an arrow, a comma) stands between parts, so no character joins across them.
function joined(runs: TextRun[]): TextRun[] {
  const result: TextRun[] = [];
  for (const run of runs) {
    const last = result[result.length - 1];
    if (last && last.escaped === run.escaped) last.text += run.text;
    else result.push({ ...run });
  }
  return result;
}

function lineRuns(block: DecodedBlock, bytes: Uint8Array, maxBytes: number, target: SanitizeTarget): TextRun[] {
  switch (block.kind) {
    case 'header': {
      const runs = [plain(`${block.protocol} header`)];
      if (block.metadata) runs.push(plain(' metadata '), ...bytesRuns(block.metadata, maxBytes, target));
      if (block.contentFeed) runs.push(plain(` blobs ${hexOf(block.contentFeed)}`));
      return runs;
    }
    case 'bee':
      return beeOpRuns(block.op, maxBytes, target);
    case 'batch':
      return batchRuns(block, maxBytes, target);
    case 'file':
      return fileOpRuns(block.op, maxBytes, target);
    case 'undecodable': {
      const shown = bytes.subarray(0, maxBytes);
      const hex = plain(hexOf(shown));
      const reason = stringRuns(block.reason, maxBytes, target);
      return [
        { text: '? ', escaped: true },
        ...reason,
        plain(' '),
        hex,
        ...(shown.length < bytes.length ? [ELLIPSIS] : []),
      ];
    }
  }
}

/** The line as one string: what --plain prints and search matches. */
export function decodedLineText(block: DecodedBlock, bytes: Uint8Array, target: SanitizeTarget = 'line'): string {
  return decodedLine(block, bytes, MAX_DECODED_BYTES, target)
    .map((run) => run.text)
    .join('');
}

/**
 * What search matches in a decoded block: its line, and for a hyperbee2 batch every key it puts, not
 * only the first few its line names (docs/data-model.md#hyperbee2).
 */
export function decodedSearchText(block: DecodedBlock, bytes: Uint8Array): string {
  const line = decodedLineText(block, bytes, 'screen');
  if (block.kind !== 'batch' || block.puts <= BATCH_NAMED) return line;
  const { ops, valueIn } = block.contents();
  const keys = [...ops, ...valueIn].map(({ key }) => `put ${shownBytes(key).text}`);
  return [line, ...keys].join('\n');
}

function shownBytes(bytes: Uint8Array): ShownBytes {
  const { encoding, runs, cut } = blockLine(bytes, MAX_DECODED_BYTES, 'line');
  const text = runs.map((run) => run.text).join('');
  return { text: cut ? `${text}…` : text, encoding };
}

/** What `c` copies in the block view: a put's value, a del's key, a header's metadata; else the line. */
export function decodedCopyText(block: DecodedBlock, bytes: Uint8Array): string {
  if (block.kind === 'bee') return shownBytes(block.op.op === 'put' ? block.op.value : block.op.key).text;
  if (block.kind === 'header' && block.metadata) return shownBytes(block.metadata).text;
  if (block.kind === 'file') return block.op.path;
  return decodedLineText(block, bytes);
}

/** What a --json block event adds for a decoded block (docs/command-line.md#json-events): `kind`, and `decoded`. */
export interface DecodedEventFields {
  kind: DecodedKind;
  decoded:
    | { protocol: string; metadata?: ShownBytes; blobsKey?: string }
    | { key: ShownBytes; value?: ShownBytes }
    | {
        ops: Array<{ op: 'put' | 'del'; key: ShownBytes; value?: ShownBytes; valueIn?: number }>;
        values?: ShownBytes[];
        treeNodes: number;
        part: { index: number; count: number };
      }
    | { path: string; size?: number; executable?: boolean; target?: string }
    | { reason: string };
}

function beeOpFields(op: BeeOp): { key: ShownBytes; value?: ShownBytes } {
  return op.op === 'put' ? { key: shownBytes(op.key), value: shownBytes(op.value) } : { key: shownBytes(op.key) };
}

function eventDecoded(block: DecodedBlock): DecodedEventFields['decoded'] {
  switch (block.kind) {
    case 'header':
      return {
        protocol: block.protocol,
        ...(block.metadata ? { metadata: shownBytes(block.metadata) } : {}),
        ...(block.contentFeed ? { blobsKey: hexOf(block.contentFeed) } : {}),
      };
    case 'bee':
      return beeOpFields(block.op);
    case 'batch': {
      const { ops, valueIn, values } = block.contents();
      return {
        ops: [
          ...ops.map((op) => ({ op: op.op, ...beeOpFields(op) })),
          ...valueIn.map(({ key, seq }) => ({ op: 'put' as const, key: shownBytes(key), valueIn: seq })),
        ],
        ...(values.length > 0 ? { values: values.map(shownBytes) } : {}),
        treeNodes: block.treeNodes,
        part: block.part,
      };
    }
    case 'file': {
      const { op } = block;
      if (op.op === 'put') return { path: op.path, size: op.size, executable: op.executable };
      if (op.op === 'symlink') return { path: op.path, target: op.target };
      return { path: op.path };
    }
    case 'undecodable':
      return { reason: block.reason };
  }
}

export function decodedEventFields(block: DecodedBlock): DecodedEventFields {
  return { kind: decodedKind(block), decoded: eventDecoded(block) };
}

function beeOpDetail(op: BeeOp): DetailField[] {
  const fields: DetailField[] = [
    { label: 'op', text: op.op },
    { label: `key · ${blockForm(op.key).encoding}`, bytes: op.key },
  ];
  if (op.op === 'put') fields.push({ label: `value · ${blockForm(op.value).encoding}`, bytes: op.value });
  return fields;
}

// A hyperbee2 block whole: each put, the values it holds for a later block, its tree nodes, its part.
function batchDetail(batch: Batch): DetailField[] {
  const { ops, valueIn, values } = batch.contents();
  const fields = ops.flatMap(beeOpDetail);
  for (const { key, seq } of valueIn) {
    fields.push(
      { label: 'op', text: 'put' },
      { label: `key · ${blockForm(key).encoding}`, bytes: key },
      { label: 'value', text: `in block ${seq}` },
    );
  }
  for (const value of values) {
    fields.push({ label: `value for a later block · ${blockForm(value).encoding}`, bytes: value });
  }
  fields.push({ label: 'tree nodes', text: `${batch.treeNodes} rewritten (a delete shows only here)` });
  if (batch.part.count > 1) fields.push({ label: 'batch', text: `part ${batch.part.index} of ${batch.part.count}` });
  return fields;
}

/** A decoded block whole, field by field, for the block view (its title gives the seq). */
export function decodedFields(block: DecodedBlock, seq: number, bytes: Uint8Array): DetailField[] {
  const at: DetailField = { label: 'seq', text: String(seq) };
  switch (block.kind) {
    case 'header': {
      const fields: DetailField[] = [{ label: 'protocol', text: block.protocol }];
      if (block.metadata) fields.push({ label: 'metadata', bytes: block.metadata });
      if (block.contentFeed) fields.push({ label: 'blobs core', text: hexOf(block.contentFeed) });
      return [...fields, at];
    }
    case 'bee':
      return [...beeOpDetail(block.op), at];
    case 'batch':
      return [...batchDetail(block), at];
    case 'file':
      return [{ label: block.op.op, text: decodedLineText(block, bytes) }, at];
    case 'undecodable':
      return [{ label: 'undecodable', text: block.reason }, { label: 'bytes · hex', bytes, hex: true }, at];
  }
}
