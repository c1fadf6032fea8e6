import type Hyperbee from 'hyperbee';
import type Hypercore from 'hypercore';
import type { KeyOrderEntry, KeyOrderRange, KeyOrderReader } from '../decode/key-order.js';

// How long a read waits for each block it needs from a peer before it fails: a peer gone
// mid-read must not leave the page waiting for good.
const BLOCK_TIMEOUT_MS = 5000;

const NO_VALUE = new Uint8Array(0);

// A Hyperbee's contents in key order, read through the `hyperbee` package itself over a session
// of the pane's core (closing the bee closes the session, never the pane's core). Keys and values
// stay bytes: a bee does not record the encodings its writer used. Each read is of one snapshot.
// The package loads with the first read, off the first frame's path (docs/speed.md#targets).
export class HyperbeeKeyOrder implements KeyOrderReader {
  private bee: Promise<Hyperbee<Buffer, Buffer>> | null = null;

  constructor(private readonly core: Hypercore) {}

  private opened(): Promise<Hyperbee<Buffer, Buffer>> {
    this.bee ??= import('hyperbee').then(
      ({ default: HyperbeeClass }) =>
        new HyperbeeClass<Buffer, Buffer>(this.core.session(), { keyEncoding: 'binary', valueEncoding: 'binary' }),
    );
    return this.bee;
  }

  async range({ limit, reverse, ...bounds }: KeyOrderRange): Promise<KeyOrderEntry[]> {
    const entries: KeyOrderEntry[] = [];
    if (limit <= 0) return entries;
    const bee = await this.opened();
    const stream = bee.createReadStream({ ...bounds, limit, reverse }, { timeout: BLOCK_TIMEOUT_MS });
    for await (const { key, value, seq } of stream) entries.push({ key, value: value ?? NO_VALUE, seq });
    return entries;
  }

  async close(): Promise<void> {
    if (this.bee) await (await this.bee).close();
  }
}
