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

/** One block of a decoded core. */
export type DecodedBlock =
  /**
   * A bee's block 0. `metadata`: the user data of the header's metadata, as stored (null when none);
   * `contentFeed`: the key of the blobs core its metadata names (a Hyperdrive's), when it names one.
   */
  | { kind: 'header'; protocol: string; metadata: Uint8Array | null; contentFeed?: Uint8Array }
  /** A Hyperbee node. */
  | { kind: 'bee'; op: BeeOp }
  /** A hyperbee2 block: every change of one write batch, in the order written. */
  | { kind: 'batch'; ops: BeeOp[] }
  /** A Hyperdrive file table node. */
  | { kind: 'file'; op: FileOp }
  /** Bytes the format's decoder refused (bad protobuf, a truncated node): shown as hex, with `reason`. */
  | { kind: 'undecodable'; reason: string };
