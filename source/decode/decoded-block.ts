// What a core written by a Holepunch package holds, as that package decodes it
// (docs/data-model.md#decoded-cores). Keys and values stay bytes: a bee does not record which
// encodings its writer used, so they are shown by the block-form rules (text, JSON, hex) and never
// guessed at.

/** The format of a core, told by its block 0. */
export type CoreFormat =
  /** Any Hypercore: each block shown by the block-form rules. */
  | { kind: 'raw' }
  /** A Hyperbee (the `hyperbee` package): one node a block. */
  | { kind: 'bee' }
  /** The next Hyperbee format (the `hyperbee2` package): a batch of keys and values a block. */
  | { kind: 'bee2' }
  /** A Hyperdrive's file table: a Hyperbee whose header names the blobs core holding the files. */
  | { kind: 'drive'; blobsKey: Buffer };

/** One change a bee's block made. */
export type BeeOp = { op: 'put'; key: Uint8Array; value: Uint8Array } | { op: 'del'; key: Uint8Array };

/** Where a file's bytes are in a drive's blobs core. */
export interface BlobRange {
  blockOffset: number;
  blockLength: number;
  byteOffset: number;
  byteLength: number;
}

/** One change a drive's file table block made. */
export type FileOp =
  | { op: 'put'; path: string; size: number; executable: boolean; blob: BlobRange | null }
  | { op: 'symlink'; path: string; target: string }
  | { op: 'del'; path: string };

/** A hyperbee2 block's line names this many of its puts by key, then counts the rest. */
export const BATCH_NAMED = 3;

/** Every put and value a hyperbee2 block holds: for the block view, search and --json. */
export interface BatchContents {
  /** Puts whose value is in this block. */
  ops: BeeOp[];
  /** Puts whose value (over 1 KiB) hyperbee2 stored in an earlier block of the batch: `seq`. */
  valueIn: Array<{ key: Uint8Array; seq: number }>;
  /** Values this block holds for a later block's puts of the same batch. */
  values: Uint8Array[];
}

/** One block of a decoded core. */
export type DecodedBlock =
  /**
   * A bee's block 0. `metadata`: the user data of the header's metadata, as stored (null when none);
   * `contentFeed`: the key of the blobs core its metadata names (a Hyperdrive's), when it names one.
   */
  | { kind: 'header'; protocol: string; metadata: Uint8Array | null; contentFeed?: Uint8Array }
  /** A Hyperbee node. */
  | { kind: 'bee'; op: BeeOp }
  /**
   * A hyperbee2 block: the part of one write batch it holds, as its line shows it. Its puts are in
   * key order (hyperbee2 stores them so, not in the order written). hyperbee2 records no deletes: a
   * batch's deletes show only as the tree nodes it rewrote.
   */
  | {
      kind: 'batch';
      /** The keys of its first puts (at most BATCH_NAMED), those whose value is in the block first. */
      named: Uint8Array[];
      /** How many puts it holds. */
      puts: number;
      /** Values this block holds for a later block's puts of the same batch: how many, and their bytes. */
      held: { count: number; bytes: number };
      /** Tree nodes this block wrote: the only trace of a delete. */
      treeNodes: number;
      /** This block's place in its write batch, which spans several blocks when large: from 1, of `count`. */
      part: { index: number; count: number };
      /**
       * The block whole, decoded again on each call: a block in view keeps only what its row shows,
       * since every object it keeps costs the garbage collector while it stays (docs/speed.md#decoded-rows).
       */
      contents: () => BatchContents;
    }
  /** A Hyperdrive file table node. */
  | { kind: 'file'; op: FileOp }
  /** Bytes the format's decoder refused (bad protobuf, a truncated node): shown as hex, with `reason`. */
  | { kind: 'undecodable'; reason: string };
