import type { CoreFormat } from './decoded-block.js';
import { hyperbeeHeader } from './hyperbee-header.js';

const KEY_BYTES = 32;

/** A core of blocks shown by the block-form rules. */
export const RAW_FORMAT: CoreFormat = { kind: 'raw' };

// What a core is, told by its block 0 (docs/data-model.md#decoded-cores): a Hyperbee header is a
// bee, or a drive's file table when its metadata names a blobs core (hyperdrive reads the key from
// the first 32 bytes of `contentFeed`); anything else is a raw core. Never throws: block 0 comes
// from a remote.
export function coreFormat(blockZero: Uint8Array): CoreFormat {
  const header = hyperbeeHeader(blockZero);
  if (header === null) return RAW_FORMAT;
  const contentFeed = header.metadata?.contentFeed;
  if (contentFeed && contentFeed.length >= KEY_BYTES) {
    return { kind: 'drive', blobsKey: Buffer.from(contentFeed.subarray(0, KEY_BYTES)) };
  }
  return { kind: 'bee' };
}

// Two formats show a core the same way.
export function sameFormat(a: CoreFormat, b: CoreFormat): boolean {
  if (a.kind === 'drive' && b.kind === 'drive') return a.blobsKey.equals(b.blobsKey);
  return a.kind === b.kind;
}
