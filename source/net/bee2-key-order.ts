import type Corestore from 'corestore';
import type Hypercore from 'hypercore';
import Hyperbee2 from 'hyperbee2';
import type { KeyOrderEntry, KeyOrderRange, KeyOrderReader } from '../decode/key-order.js';

// How long a read waits for each block it needs from a peer before it fails: a peer gone
// mid-read must not leave the page waiting for good.
const BLOCK_TIMEOUT_MS = 5000;

// A hyperbee2 core's current entries in key order (docs/data-model.md#hyperbee2), read by hyperbee2
// itself a page at a time: each page from the tree as the core is now, so puts, deletes and a
// truncation show in the next page read. The bee is a view over the pane's core: closing it closes
// neither that core nor the store (a Hyperbee2 that is not a view closes its whole Corestore).
export class Bee2KeyOrder implements KeyOrderReader {
  private readonly bee: Hyperbee2;

  constructor(store: Corestore, core: Hypercore) {
    this.bee = new Hyperbee2(store, { core, view: true, writable: false });
  }

  async range({ limit, reverse, ...bounds }: KeyOrderRange): Promise<KeyOrderEntry[]> {
    const entries: KeyOrderEntry[] = [];
    // hyperbee2 reads a limit below 0 as none.
    if (limit <= 0) return entries;
    await this.bee.ready();
    const tree = this.bee.checkout({ length: this.bee.core.length });
    try {
      // No prefetch: nothing past the page is fetched. A value over 1 KiB comes from its own block.
      const stream = tree.createReadStream({ ...bounds, limit, reverse, prefetch: false, timeout: BLOCK_TIMEOUT_MS });
      for await (const { key, value, seq } of stream) entries.push({ key, value, seq });
    } finally {
      await tree.close();
    }
    return entries;
  }

  close(): Promise<void> {
    return this.bee.close();
  }
}
