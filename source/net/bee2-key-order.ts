import type Corestore from 'corestore';
import type Hypercore from 'hypercore';
import Hyperbee2 from 'hyperbee2';

/** Bounds of one page of a bee's entries in key order; keys compared as bytes. */
export interface KeyOrderRange {
  gt?: Uint8Array;
  gte?: Uint8Array;
  lt?: Uint8Array;
  lte?: Uint8Array;
  /** At most this many entries. */
  limit: number;
  /** From the last key back. */
  reverse?: boolean;
}

/** One entry of a bee in key order. `seq`: the block that holds its key. */
export interface KeyOrderEntry {
  key: Uint8Array;
  value: Uint8Array;
  seq: number;
}

// A hyperbee2 core's current entries in key order (docs/data-model.md#hyperbee2), read by hyperbee2
// itself a page at a time: each page from the tree as the core is now, so puts, deletes and a
// truncation show in the next page read.
export class Bee2KeyOrderReader {
  // A view, so that closing it closes neither the pane's core nor the store they share.
  private readonly bee: Hyperbee2;

  constructor(store: Corestore, core: Hypercore) {
    this.bee = new Hyperbee2(store, { core, view: true, writable: false });
  }

  async range(range: KeyOrderRange): Promise<KeyOrderEntry[]> {
    await this.bee.ready();
    const tree = this.bee.checkout({ length: this.bee.core.length });
    const entries: KeyOrderEntry[] = [];
    try {
      // The entry's value is already inflated: a value over 1 KiB is fetched from its own block.
      for await (const { key, value, seq } of tree.createReadStream(range)) entries.push({ key, value, seq });
    } finally {
      await tree.close();
    }
    return entries;
  }

  close(): Promise<void> {
    return this.bee.close();
  }
}
