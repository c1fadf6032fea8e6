import Hyperbee from 'hyperbee';
import type Hypercore from 'hypercore';
import type { KeyOrderEntry, KeyOrderRange, KeyOrderReader } from '../decode/key-order.js';

// How long a read waits for each block it needs from a peer before it fails: a peer gone
// mid-read must not leave the page waiting for good.
const BLOCK_TIMEOUT_MS = 5000;

const NO_VALUE = new Uint8Array(0);

// A Hyperbee's contents in key order, read through the `hyperbee` package itself over a session
// of the pane's core (closing the bee closes the session, never the pane's core). Keys and values
// stay bytes: a bee does not record the encodings its writer used. Each read is of one snapshot.
export class HyperbeeKeyOrder implements KeyOrderReader {
  private readonly bee: Hyperbee<Buffer, Buffer>;

  constructor(core: Hypercore) {
    this.bee = new Hyperbee(core.session(), { keyEncoding: 'binary', valueEncoding: 'binary' });
  }

  async range({ limit, reverse, ...bounds }: KeyOrderRange): Promise<KeyOrderEntry[]> {
    const entries: KeyOrderEntry[] = [];
    if (limit <= 0) return entries;
    const stream = this.bee.createReadStream({ ...bounds, limit, reverse }, { timeout: BLOCK_TIMEOUT_MS });
    for await (const { key, value, seq } of stream) entries.push({ key, value: value ?? NO_VALUE, seq });
    return entries;
  }

  close(): Promise<void> {
    return this.bee.close();
  }
}
