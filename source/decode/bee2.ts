// hyperbee2's own format, decoded by hyperbee2's encoding module (docs/data-model.md#hyperbee2).
// A hyperbee2 core has no header: block 0 is the first block of the first write batch. Its compat
// format (`db.compat()` 10) is hyperbee's, header and nodes, so the hyperbee decoder reads it.
import {
  decodeBlock,
  encodeBlock,
  TYPE_LATEST,
  type Bee2Block,
  type Bee2Key,
  type Bee2ValuePointer,
} from 'hyperbee2/lib/encoding.js';
import { BATCH_NAMED, type BatchContents, type BeeOp, type DecodedBlock } from './decoded-block.js';

// hyperbee2 reads a block of type 0 (its first format) as well as TYPE_LATEST; its compat type is
// hyperbee's protobuf, which a core of hyperbee2's own format does not hold.
const OWN_TYPES: ReadonlySet<number> = new Set([0, TYPE_LATEST]);

type Parsed = { ok: true; block: Bee2Block } | { ok: false; reason: string };

function parse(seq: number, bytes: Uint8Array): Parsed {
  if (bytes.byteLength === 0) return { ok: false, reason: 'an empty block is not a hyperbee2 block' };
  // The type is the block's first varint; both own types fit its first byte.
  const type = bytes[0];
  if (!OWN_TYPES.has(type)) return { ok: false, reason: `block type ${type} is not one hyperbee2 writes` };
  try {
    return { ok: true, block: decodeBlock(viewOf(bytes), seq) };
  } catch (error) {
    return { ok: false, reason: `hyperbee2 could not decode it: ${messageOf(error)}` };
  }
}

// hyperbee2's codec cuts each key and value out of the bytes it is given by their own `subarray`: a
// plain Uint8Array's is the engine's, cheaper than a Buffer's, and a full block holds hundreds.
function viewOf(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Block 0 of a hyperbee2 core in its own format: a block hyperbee2 decodes, that re-encodes to the
// same bytes (so a raw block that merely starts with byte 1 is not taken for one), and that starts
// the core's first batch with something in it.
export function isBee2BlockZero(bytes: Uint8Array): boolean {
  const parsed = parse(0, bytes);
  if (!parsed.ok) return false;
  const { block } = parsed;
  if (block.batch.start !== 0 || block.previous !== null) return false;
  if (block.tree === null && block.keys === null && block.values === null) return false;
  try {
    return Buffer.from(bytes).equals(encodeBlock({ ...block }));
  } catch {
    return false;
  }
}

// A put whose value hyperbee2 stored in an earlier block of the batch: its key points there.
const valueApart = (entry: Bee2Key): entry is Bee2Key & { valuePointer: Bee2ValuePointer } =>
  entry.value === null && entry.valuePointer !== null;

function contentsOf(block: Bee2Block): BatchContents {
  const ops: BeeOp[] = [];
  const valueIn: BatchContents['valueIn'] = [];
  for (const entry of block.keys ?? []) {
    if (valueApart(entry)) valueIn.push({ key: entry.key, seq: entry.valuePointer.seq });
    // A put of no value at all (hyperbee2 stores neither bytes nor a pointer): shown as empty.
    else ops.push({ op: 'put', key: entry.key, value: entry.value ?? new Uint8Array(0) });
  }
  return { ops, valueIn, values: block.values ?? [] };
}

// The keys a block's line names: of its puts whose value is in the block first, then of the others.
function namedKeys(keys: Bee2Key[]): Uint8Array[] {
  const named: Uint8Array[] = [];
  for (const apart of [false, true]) {
    for (const entry of keys) {
      if (named.length === BATCH_NAMED) return named;
      if (valueApart(entry) === apart) named.push(entry.key);
    }
  }
  return named;
}

/**
 * One block of a hyperbee2 core as the part of a batch it holds, or undecodable with the reason;
 * never throws. Only what its line shows is kept; `contents` decodes the block whole again.
 */
export function decodeBee2Block(seq: number, bytes: Uint8Array): DecodedBlock {
  const parsed = parse(seq, bytes);
  if (!parsed.ok) return { kind: 'undecodable', reason: parsed.reason };
  const { block } = parsed;
  const keys = block.keys ?? [];
  const values = block.values ?? [];
  return {
    kind: 'batch',
    named: namedKeys(keys),
    puts: keys.length,
    held: { count: values.length, bytes: values.reduce((sum, value) => sum + value.byteLength, 0) },
    treeNodes: block.tree?.length ?? 0,
    part: { index: block.batch.start + 1, count: block.batch.start + block.batch.end + 1 },
    contents: () => {
      const again = parse(seq, bytes);
      return again.ok ? contentsOf(again.block) : { ops: [], valueIn: [], values: [] };
    },
  };
}
