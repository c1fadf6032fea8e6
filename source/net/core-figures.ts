import type Hypercore from 'hypercore';
import { RateMeter } from './rate-meter.js';

export interface CoreStats {
  length: number;
  local: number;
  peers: number;
  // Blocks per second, received from and sent to peers.
  downloadRate: number;
  uploadRate: number;
  // The length the writer truncated the core to, for a while after it did (docs/data-model.md#truncation).
  truncatedTo: number | null;
}

const RATE_REFRESH_MS = 1000;
// Counting local blocks scans the bitfield: the title's figure is refreshed this often at most.
const COUNT_REFRESH_MS = 250;
// A seeder's count is over a bitfield that a random-order download leaves in many runs: it took
// 20 ms a count at 200,000 blocks, more as the core grows.
const SEEDING_COUNT_REFRESH_MS = 2000;
// How long a pane's title says its core was truncated.
const TRUNCATION_NOTICE_MS = 10_000;

// The figures of a pane's title, apart from the blocks: how many blocks are here, the rates
// blocks come and go at, and a truncation notice. Calls `changed` when a figure moved on its own
// (a second passed, the notice ran out, a count landed that no change carried in time); the owner
// coalesces those into frames.
export class CoreFigures {
  private localCount = 0;
  // Set while a count landed that no change sent out has carried yet: the frame it asks for then.
  private countShowTimer: NodeJS.Timeout | null = null;
  // Something may have changed the count since the last one began.
  private localCountStale = true;
  private countsAsked = 0;
  private lastCountAt = 0;
  private countTimer: NodeJS.Timeout | null = null;
  private readonly downloads = new RateMeter();
  private readonly uploads = new RateMeter();
  private rateTimer: NodeJS.Timeout | null = null;
  private truncatedTo: number | null = null;
  private truncationTimer: NodeJS.Timeout | null = null;
  /** Reader --seed: the title counts toward a full copy (see CoreView.startSeeding). */
  seeding = false;
  private closed = false;

  constructor(
    private readonly core: Hypercore,
    private readonly changed: () => void,
  ) {
    this.refreshLocalCount();
  }

  // The title's figures for a pane shown `length` blocks. Under a flood that is the last tail
  // fetch's length, while blocks are counted (and downloaded) to the core's own length: the
  // title claims no block past the length it shows.
  stats(length: number): CoreStats {
    return {
      length,
      local: Math.min(this.localBlocks(), length),
      peers: this.core.peers.length,
      downloadRate: this.downloads.perSecond(),
      uploadRate: this.uploads.perSecond(),
      truncatedTo: this.truncatedTo,
    };
  }

  // Every block up to the length is on disk: the contiguous length says so exactly and costs
  // nothing to read (unlike a count), though it lags while blocks arrive out of order.
  seeded(): boolean {
    return this.seeding && this.core.contiguousLength >= this.core.length;
  }

  // The blocks here may have changed (an append, a block stored, a peer): the next refresh recounts.
  markStale(): void {
    this.localCountStale = true;
  }

  // Recounts if something changed since the last count; called as a change is sent out, which
  // carries the last count landed.
  refresh(): void {
    if (this.countShowTimer) clearTimeout(this.countShowTimer);
    this.countShowTimer = null;
    if (this.localCountStale) this.refreshLocalCount();
  }

  recordDownload(): void {
    this.downloads.record();
    this.watchRates();
    this.localCountStale = true;
  }

  recordUpload(): void {
    this.uploads.record();
    this.watchRates();
  }

  // The writer cut the core back to `length`.
  truncated(length: number): void {
    this.truncatedTo = length;
    // The blocks cut off were counted, and a count begun over the old history would land after
    // this one: what is left is at most the new length until the next count says exactly.
    this.localCount = Math.min(this.localCount, length);
    this.countsAsked++;
    this.localCountStale = true;
    if (this.truncationTimer) clearTimeout(this.truncationTimer);
    this.truncationTimer = setTimeout(() => {
      this.truncationTimer = null;
      this.truncatedTo = null;
      this.changed();
    }, TRUNCATION_NOTICE_MS);
    this.truncationTimer.unref();
  }

  close(): void {
    this.closed = true;
    if (this.truncationTimer) clearTimeout(this.truncationTimer);
    if (this.rateTimer) clearInterval(this.rateTimer);
    if (this.countTimer) clearTimeout(this.countTimer);
    if (this.countShowTimer) clearTimeout(this.countShowTimer);
  }

  // A writer has every block of its own core; a seeder knows for sure those up to its contiguous
  // length, and counts the rest now and then.
  private localBlocks(): number {
    if (this.core.writable || this.seeded()) return this.core.length;
    return this.seeding ? Math.max(this.localCount, this.core.contiguousLength) : this.localCount;
  }

  // Rates change with time alone: refresh them each second until both are back to zero.
  private watchRates(): void {
    if (this.rateTimer || this.closed) return;
    this.rateTimer = setInterval(() => {
      this.changed();
      if (this.downloads.active || this.uploads.active) return;
      clearInterval(this.rateTimer as NodeJS.Timeout);
      this.rateTimer = null;
    }, RATE_REFRESH_MS);
    this.rateTimer.unref();
  }

  private countRefreshMs(): number {
    return this.seeding ? SEEDING_COUNT_REFRESH_MS : COUNT_REFRESH_MS;
  }

  // Counting local blocks scans the bitfield: at most once per COUNT_REFRESH_MS, however many
  // blocks arrive.
  private refreshLocalCount(): void {
    if (this.countTimer || this.closed || this.core.writable) return;
    const wait = this.lastCountAt + this.countRefreshMs() - Date.now();
    if (wait > 0) {
      this.countTimer = setTimeout(() => {
        this.countTimer = null;
        this.refreshLocalCount();
      }, wait);
      return;
    }
    this.lastCountAt = Date.now();
    this.localCountStale = false;
    const length = this.core.length;
    const asked = ++this.countsAsked;
    this.core.count(0, length).then(
      (count) => {
        // Counts can settle out of order: only the newest one speaks.
        if (this.closed || asked !== this.countsAsked || count === this.localCount) return;
        this.localCount = count;
        this.showCountSoon();
      },
      () => {},
    );
  }

  // A count lands a millisecond or two after the change that began it was drawn: a frame of its
  // own then would often collide with the next block's. The next change sent out carries it;
  // if none comes, it asks for a frame when the next count could begin, so the title lags no
  // more than one refresh period, as before.
  private showCountSoon(): void {
    if (this.countShowTimer) return;
    this.countShowTimer = setTimeout(
      () => {
        this.countShowTimer = null;
        if (!this.closed) this.changed();
      },
      Math.max(0, this.lastCountAt + this.countRefreshMs() - Date.now()),
    );
    this.countShowTimer.unref();
  }
}
