import { decodeBeeBlock } from './bee.js';
import { decodeBee2Block } from './bee2.js';
import type { CoreFormat, DecodedBlock } from './decoded-block.js';
import { fileBlock } from './drive.js';

type Decoder = (seq: number, bytes: Uint8Array, format: CoreFormat) => DecodedBlock | null;

// Each format's decoder (docs/data-model.md#decoded-cores). A drive's file table is a bee: each of
// its nodes is decoded as one, then read as the file op it is.
const DECODERS: Record<Exclude<CoreFormat['kind'], 'raw'>, Decoder> = {
  bee: decodeBeeBlock,
  drive: (seq, bytes) => fileBlock(decodeBeeBlock(seq, bytes)),
  bee2: decodeBee2Block,
};

// The last decoding of each block (rows are drawn every frame, search may ask again): a block's
// bytes are one object while it stays in the window.
const decodings = new WeakMap<Uint8Array, { format: CoreFormat; seq: number; decoded: DecodedBlock | null }>();

// Block `seq` of a core of `format`, decoded; null for a raw core, whose blocks are shown as they are.
// Only blocks in view, or searched, are ever decoded.
export function decodeBlock(format: CoreFormat, seq: number, bytes: Uint8Array): DecodedBlock | null {
  if (format.kind === 'raw') return null;
  const last = decodings.get(bytes);
  if (last && last.format === format && last.seq === seq) return last.decoded;
  const decoded = decodeUncached(format, seq, bytes);
  decodings.set(bytes, { format, seq, decoded });
  return decoded;
}

// The same, for a caller that keeps the decoding with what it keeps of the block already (a pane's
// row): an entry in this cache too cost a full hyperbee2 block's row about a fifth of its time.
export function decodeUncached(format: CoreFormat, seq: number, bytes: Uint8Array): DecodedBlock | null {
  return format.kind === 'raw' ? null : DECODERS[format.kind](seq, bytes, format);
}
