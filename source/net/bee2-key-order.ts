import type Corestore from 'corestore';
import type Hypercore from 'hypercore';
import type Hyperbee2 from 'hyperbee2';
import type { KeyOrderEntry, KeyOrderRange, KeyOrderReader } from '../decode/key-order.js';

// How long a read waits for each block it needs from a peer before it fails: a peer gone
// mid-read must not leave the page waiting for good.
const BLOCK_TIMEOUT_MS = 5000;

// A hyperbee2 core's current entries in key order (docs/data-model.md#hyperbee2), read by hyperbee2
// itself a page at a time: each page from the tree as the core is now, so puts, deletes and a
// truncation show in the next page read. The bee is a view over the pane's core: closing it closes
// neither that core nor the store (a Hyperbee2 that is not a view closes its whole Corestore).
// The package loads with the first read, off the first frame's path (docs/speed.md#targets).
export class Bee2KeyOrder implements KeyOrderReader {
  private bee: Promise<Hyperbee2> | null = null;

  constructor(
    private readonly store: Corestore,
    private readonly core: Hypercore,
  ) {}

  private opened(): Promise<Hyperbee2> {
    this.bee ??= import('hyperbee2').then(
      ({ default: Hyperbee2Class }) => new Hyperbee2Class(this.store, { core: this.core, view: true, writable: false }),
    );
    return this.bee;
  }

  async range({ limit, reverse, ...bounds }: KeyOrderRange): Promise<KeyOrderEntry[]> {
    const entries: KeyOrderEntry[] = [];
    // hyperbee2 reads a limit below 0 as none.
    if (limit <= 0) return entries;
    const bee = await this.opened();
    await bee.ready();
    const tree = bee.checkout({ length: bee.core.length });
    try {
      // No prefetch: nothing past the page is fetched. A value over 1 KiB comes from its own block.
      const stream = tree.createReadStream({ ...bounds, limit, reverse, prefetch: false, timeout: BLOCK_TIMEOUT_MS });
      for await (const { key, value, seq } of stream) entries.push({ key, value, seq });
    } finally {
      await tree.close();
    }
    return entries;
  }

  async close(): Promise<void> {
    if (this.bee) await (await this.bee).close();
  }
}
