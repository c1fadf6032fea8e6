// The blobs core of a drive, where its files' bytes are (docs/data-model.md#decoded-cores). Opened by
// key in the reader's store, so the one swarm replicates it beside the file table; read a file at a
// time, on demand, and only as far as the file view shows: a large file is never held whole.
import type Corestore from 'corestore';
import type Hypercore from 'hypercore';
import Hyperdrive from 'hyperdrive';
import type { BlobRange, CoreFormat } from '../decode/decoded-block.js';
import { coreFormat } from '../decode/core-format.js';
import { hyperbeeHeader } from '../decode/hyperbee-header.js';
import { MAX_DECODED_BYTES } from '../text/sanitize.js';
import { CoreView } from './core-view.js';

// How long a file's block may take to come before the file view says it could not be fetched.
const BLOCK_TIMEOUT_MS = 30_000;
// A file's first 64 KiB read from at most this many blocks: hyperdrive writes 64 KiB blocks, and a
// remote's entry of a million empty blocks must not cost a million reads.
const MAX_BLOCKS_READ = 1024;

/** A file's first bytes, as far as the file view shows. */
export type FileHead =
  /** `size`: the file's whole size; `cut`: bytes of it are past `bytes`. */
  | { ok: true; bytes: Buffer; size: number; cut: boolean }
  /** Why the bytes are not shown, in one line. */
  | { ok: false; reason: string };

// The format of a core, told by its block 0 (coreFormat) and, for a drive, by its manifest too. A
// Hyperbee's header carries metadata only when hyperdrive wrote it: its `contentFeed` names the
// blobs core (coreFormat reads that), or is left out when the blobs core's key follows from the
// file table's manifest, as hyperdrive 13 writes a drive on a manifest core: then the key is
// derived as hyperdrive derives it. A bee with no metadata, or whose blobs key cannot be derived,
// stays a bee. Never throws: block 0 comes from a remote.
export function formatOfCore(blockZero: Uint8Array, core: Hypercore): CoreFormat {
  const format = coreFormat(blockZero);
  if (format.kind !== 'bee' || hyperbeeHeader(blockZero)?.metadata == null) return format;
  const derived = derivedBlobsKey(core);
  return derived ? { kind: 'drive', blobsKey: derived } : format;
}

function derivedBlobsKey(fileTable: Hypercore): Buffer | null {
  try {
    return Hyperdrive.getContentKey(fileTable);
  } catch {
    return null;
  }
}

export class DriveBlobs {
  /** The blobs core as a view: its length and local count for the pane's title, and what --seed keeps. */
  readonly view: CoreView;
  private closed = false;

  private constructor(readonly core: Hypercore) {
    // The view holds no blocks: a file's bytes are read here, not through a window.
    this.view = new CoreView('blobs', core, 1);
  }

  static async open(store: Corestore, blobsKey: Buffer): Promise<DriveBlobs> {
    const core = store.get({ key: blobsKey });
    await core.ready();
    // The length comes from a peer; the title shows it as soon as one answers.
    core.update({ wait: true }).catch(() => {});
    return new DriveBlobs(core);
  }

  /** The title's figures: the blobs core's length and how many of its blocks are here. */
  stats(): { length: number; local: number } {
    const { length, local } = this.view.stats();
    return { length, local };
  }

  // The first `maxBytes` of a file: only the blobs core's blocks that hold them are fetched.
  async readHead(blob: BlobRange | null, maxBytes = MAX_DECODED_BYTES): Promise<FileHead> {
    if (blob === null || blob.byteLength === 0) return { ok: true, bytes: Buffer.alloc(0), size: 0, cut: false };
    const wanted = Math.min(blob.byteLength, maxBytes);
    const parts: Buffer[] = [];
    let got = 0;
    try {
      const end = blob.blockOffset + Math.min(blob.blockLength, MAX_BLOCKS_READ);
      for (let seq = blob.blockOffset; got < wanted && seq < end; seq++) {
        const block = await this.core.get(seq, { timeout: BLOCK_TIMEOUT_MS });
        if (this.closed) return { ok: false, reason: 'the drive was closed' };
        if (!block) return { ok: false, reason: `block ${seq} of the blobs core is not here` };
        const part = block.subarray(0, wanted - got);
        parts.push(part);
        got += part.length;
      }
    } catch {
      return { ok: false, reason: 'the file could not be fetched from the blobs core' };
    }
    if (got < wanted) return { ok: false, reason: 'the blobs core holds less of the file than its entry says' };
    return { ok: true, bytes: Buffer.concat(parts), size: blob.byteLength, cut: blob.byteLength > got };
  }

  close(): void {
    this.closed = true;
    this.view.close();
    this.core.close().catch(() => {});
  }
}
