// hyperbee2's own format, decoded by hyperbee2's encoding module (docs/data-model.md#hyperbee2).
// A hyperbee2 core has no header: block 0 is the first block of the first write batch. Its compat
// format (`db.compat()` 10) is hyperbee's, header and nodes, so the hyperbee decoder reads it.
import { decodeBlock, encodeBlock, TYPE_LATEST, type Bee2Block } from 'hyperbee2/lib/encoding.js';
import type { BeeOp, DecodedBlock } from './decoded-block.js';

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
    return { ok: true, block: decodeBlock(bytes, seq) };
  } catch (error) {
    return { ok: false, reason: `hyperbee2 could not decode it: ${messageOf(error)}` };
  }
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

/** One block of a hyperbee2 core as the batch it holds, or undecodable with the reason; never throws. */
export function decodeBee2Block(seq: number, bytes: Uint8Array): DecodedBlock {
  const parsed = parse(seq, bytes);
  if (!parsed.ok) return { kind: 'undecodable', reason: parsed.reason };
  const { block } = parsed;
  const ops: BeeOp[] = [];
  const valueIn: Array<{ key: Uint8Array; seq: number }> = [];
  for (const entry of block.keys ?? []) {
    if (entry.value !== null) ops.push({ op: 'put', key: entry.key, value: entry.value });
    else if (entry.valuePointer !== null) valueIn.push({ key: entry.key, seq: entry.valuePointer.seq });
    // A put of no value at all (hyperbee2 stores neither bytes nor a pointer): shown as empty.
    else ops.push({ op: 'put', key: entry.key, value: new Uint8Array(0) });
  }
  return {
    kind: 'batch',
    ops,
    valueIn,
    values: block.values ?? [],
    treeNodes: block.tree?.length ?? 0,
    part: { index: block.batch.start + 1, count: block.batch.start + block.batch.end + 1 },
  };
}
