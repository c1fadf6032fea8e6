// A bee's contents in key order, read a page at a time (docs/screen.md#key-order-view). Each
// format that is a B-tree of keys (a Hyperbee, a hyperbee2 tree, a Hyperdrive's file table)
// implements KeyOrderReader; the view over it never reads more than the page in view.

/** One entry of a bee as it stands: its key and value, and the block that last wrote it. */
export interface KeyOrderEntry {
  key: Uint8Array;
  value: Uint8Array;
  /** The block (sequence number) of the put that wrote this value. */
  seq: number;
}

/** Bounds of a read in key order, as Hyperbee's createReadStream takes them. */
export interface KeyOrderRange {
  gt?: Uint8Array;
  gte?: Uint8Array;
  lt?: Uint8Array;
  lte?: Uint8Array;
  /** Entries read at most. */
  limit: number;
  /** From the last key backwards; the entries come in that order. */
  reverse?: boolean;
}

/** Reads a bee's current contents in key order. */
export interface KeyOrderReader {
  /** The entries within `range`, in key order (reversed when `range.reverse`). */
  range(range: KeyOrderRange): Promise<KeyOrderEntry[]>;
  /** Frees what the reader holds; the core it reads stays open. */
  close(): Promise<void>;
}
