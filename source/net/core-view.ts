import { EventEmitter } from 'node:events';
import type Hypercore from 'hypercore';
import { FLOOD_GAP_MS, frameDelay, isFlood } from '../model/frame-pacing.js';
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
const FETCH_TIMEOUT_MS = 3000;
// Counting local blocks scans the bitfield: the title's figure is refreshed this often at most.
const COUNT_REFRESH_MS = 250;
// A seeder's count is over a bitfield that a random-order download leaves in many runs: it took
// 20 ms a count at 200,000 blocks, more as the core grows.
const SEEDING_COUNT_REFRESH_MS = 2000;
// An append whose blocks are being read waits this long at most before the new length is shown.
const APPEND_SHOWN_WITHIN_MS = 50;
// How long a pane's title says its core was truncated.
const TRUNCATION_NOTICE_MS = 10_000;
// A flood is over once its tail has not been fetched for this long; the pages behind the tail,
// which scrolled past unfetched, are fetched then (see fetchBehindTail).
const FLOOD_OVER_AFTER_MS = 3 * FLOOD_GAP_MS;
// How many pages behind a followed tail are fetched once a flood is over.
const PAGES_BEHIND = 2;

// A window onto one core for a pane: it knows the core's figures and holds only the blocks
// somebody asked for (those in view), bounded, never the whole core.
// Emits 'change' once for all the events of one turn of the event loop. A followed tail is
// fetched as each block is announced, except under a flood, where it is fetched at the pace of
// the screen's frames (source/model/frame-pacing.ts): the blocks that scroll past between two
// frames are never drawn, so they are never fetched either.
export class CoreView extends EventEmitter {
  readonly key: Buffer;
  private readonly cache = new Map<number, Buffer>();
  private readonly inflight = new Set<number>();
  private localCount = 0;
  // The last range a pane asked for, and whether it reached the end of the core then.
  private wantedEnd = 0;
  private wantedSpan = 0;
  private wantedTail = false;
  private localCountStale = true;
  private countsAsked = 0;
  private lastCountAt = 0;
  private countTimer: NodeJS.Timeout | null = null;
  private appendTimer: NodeJS.Timeout | null = null;
  // Under a flood, the next fetch of the tail waits for this timer; until then the view shows
  // the core as long as it was at the last fetch, whose blocks it holds.
  private tailTimer: NodeJS.Timeout | null = null;
  private tailFetchedAt = 0;
  private tailFetchedTo: number;
  private tailGap = 0;
  private floodOverTimer: NodeJS.Timeout | null = null;
  // The block after the last, asked for before it is written (see lookAhead).
  private lookingAt: number | null = null;
  // The first block the pending append is fetching.
  private tailFrom = 0;
  private readonly downloads = new RateMeter();
  private readonly uploads = new RateMeter();
  private rateTimer: NodeJS.Timeout | null = null;
  private changeTimer: NodeJS.Immediate | null = null;
  // Bumped by each truncation: a fetch asked before it may hold a block of the old history.
  private history = 0;
  private truncatedTo: number | null = null;
  private truncationTimer: NodeJS.Timeout | null = null;
  // Counts 'change' events: a pane redraws only when its view's version moved.
  version = 0;
  // Reader --seed: the title counts toward a full copy (see startSeeding).
  seeding = false;
  private closed = false;

  constructor(
    readonly name: string,
    readonly core: Hypercore,
    readonly capacity = 1024,
  ) {
    super();
    this.key = core.key;
    this.tailFetchedTo = core.length;
    core.on('append', this.onAppend);
    core.on('peer-add', this.onCoreChange);
    core.on('peer-remove', this.onCoreChange);
    core.on('download', this.onDownload);
    core.on('upload', this.onUpload);
    core.on('truncate', this.onTruncate);
    this.refreshLocalCount();
  }

  stats(): CoreStats {
    const length = this.shownLength();
    return {
      length,
      // Under a flood the length shown is the last tail fetch's, while blocks are counted (and
      // downloaded) to the core's own length: the title claims no block past the length it shows.
      local: Math.min(this.localBlocks(), length),
      peers: this.core.peers.length,
      downloadRate: this.downloads.perSecond(),
      uploadRate: this.uploads.perSecond(),
      truncatedTo: this.truncatedTo,
    };
  }

  // Called once the core's length is known from a peer or the disk, so that a fresh store's
  // "0 of 0" is never taken for a full copy.
  startSeeding(): void {
    this.seeding = true;
    this.onCoreChange();
  }

  // Every block up to the length is on disk: the contiguous length says so exactly and costs
  // nothing to read (unlike a count), though it lags while blocks arrive out of order.
  seeded(): boolean {
    return this.seeding && this.core.contiguousLength >= this.core.length;
  }

  // A writer has every block of its own core; a seeder knows for sure those up to its contiguous
  // length, and counts the rest now and then.
  private localBlocks(): number {
    if (this.core.writable || this.seeded()) return this.core.length;
    return this.seeding ? Math.max(this.localCount, this.core.contiguousLength) : this.localCount;
  }

  cachedCount(): number {
    return this.cache.size;
  }

  block(seq: number): Buffer | undefined {
    return this.cache.get(seq);
  }

  // The writer already has the bytes it appended: keeping them saves a read and means its pane
  // never shows a placeholder for its own line.
  remember(seq: number, block: Buffer): void {
    this.cache.set(seq, block);
    this.evictOverCapacity();
    this.scheduleChange();
  }

  // Asks for blocks [start, end); those not held yet are fetched and a 'change' follows. Rows is
  // how many blocks the pane has room for: a pane not yet full shows the next block appended too.
  want(start: number, end: number, rows = end - start): void {
    const last = Math.min(end, this.core.length);
    this.wantedEnd = last;
    this.wantedSpan = Math.max(0, last - start, rows);
    // Under a flood the pane is shown the length of the last tail fetch: asking up to it is
    // following the tail, though the core has grown since.
    this.wantedTail = last === this.shownLength();
    this.lookAhead();
    for (let seq = Math.max(0, start); seq < last; seq++) {
      const held = this.cache.get(seq);
      if (held) {
        this.cache.delete(seq);
        this.cache.set(seq, held);
      } else if (!this.inflight.has(seq)) {
        this.fetch(seq);
      }
    }
  }

  private shownLength(): number {
    return this.tailTimer ? this.tailFetchedTo : this.core.length;
  }

  close(): void {
    this.closed = true;
    this.core.off('append', this.onAppend);
    this.core.off('peer-add', this.onCoreChange);
    this.core.off('peer-remove', this.onCoreChange);
    this.core.off('download', this.onDownload);
    this.core.off('upload', this.onUpload);
    this.core.off('truncate', this.onTruncate);
    if (this.changeTimer) clearImmediate(this.changeTimer);
    if (this.truncationTimer) clearTimeout(this.truncationTimer);
    if (this.rateTimer) clearInterval(this.rateTimer);
    if (this.countTimer) clearTimeout(this.countTimer);
    if (this.appendTimer) clearTimeout(this.appendTimer);
    if (this.tailTimer) clearTimeout(this.tailTimer);
    if (this.floodOverTimer) clearTimeout(this.floodOverTimer);
    this.cache.clear();
  }

  // A block in view is asked for with a timeout; the block after the last (lookAhead) waits for
  // the writer as long as it takes.
  private fetch(seq: number, ahead = false): void {
    const history = this.history;
    this.inflight.add(seq);
    this.core.get(seq, ahead ? {} : { timeout: FETCH_TIMEOUT_MS }).then(
      (block) => {
        if (ahead && this.lookingAt === seq) this.lookingAt = null;
        if (history !== this.history) return;
        this.inflight.delete(seq);
        if (this.closed || !block) return;
        this.cache.set(seq, block);
        this.evictOverCapacity();
        // A count that ran while this block was still being stored missed it.
        this.localCountStale = true;
        if (this.appendTimer && !this.fetchingTail()) {
          clearTimeout(this.appendTimer);
          this.appendTimer = null;
        }
        this.scheduleChange();
        this.lookAhead();
      },
      () => {
        if (ahead && this.lookingAt === seq) this.lookingAt = null;
        if (history !== this.history) return;
        this.inflight.delete(seq);
        // A request that failed or hung (seen under 1,000 appends/s: a few blocks in view stayed
        // placeholders for good): a change makes the pane ask again while the block is in view.
        if (!ahead) this.scheduleChange();
      },
    );
  }

  // A pane following the tail of a core that is not flooding asks for the next block before it
  // exists: when the writer announces it, the request for it carries the new length too, so the
  // block comes in one round trip instead of two (the length, then the block).
  private lookAhead(): void {
    if (this.lookingAt !== null || this.closed || this.core.writable || this.seeding) return;
    if (!this.wantedTail || this.wantedSpan === 0 || this.tailGap !== 0) return;
    const seq = this.core.length;
    if (this.cache.has(seq) || this.inflight.has(seq)) return;
    this.lookingAt = seq;
    this.fetch(seq, true);
  }

  private evictOverCapacity(): void {
    while (this.cache.size > this.capacity) {
      const oldest = this.cache.keys().next().value as number;
      this.cache.delete(oldest);
    }
  }

  private readonly onCoreChange = (): void => {
    this.localCountStale = true;
    this.scheduleChange();
  };

  // A pane showing the tail would ask for the new blocks after its next frame: ask now (or, under
  // a flood, once the flood frame gap since the last fetch of the tail is over), and let the change
  // wait for them (briefly), so the frame shows the text instead of a placeholder.
  private readonly onAppend = (): void => {
    this.localCountStale = true;
    if (!this.wantedTail || this.wantedSpan === 0) return this.scheduleChange();
    if (this.tailTimer || this.closed) return;
    const delay = frameDelay(Date.now(), this.tailFetchedAt, this.tailGap);
    if (delay === 0) return this.fetchTail();
    this.tailTimer = setTimeout(() => {
      this.tailTimer = null;
      this.fetchTail();
    }, delay);
  };

  private fetchTail(): void {
    const length = this.core.length;
    // A flood is fetched once per flood frame gap; anything slower at once.
    this.tailGap = isFlood(length - this.tailFetchedTo) ? FLOOD_GAP_MS : 0;
    if (this.tailGap !== 0) this.waitForFloodOver();
    this.tailFetchedTo = length;
    this.tailFetchedAt = Date.now();
    let fetching = false;
    const tailFrom = Math.max(this.wantedEnd, length - this.wantedSpan);
    if (this.wantedTail && this.wantedSpan > 0) {
      for (let seq = tailFrom; seq < length; seq++) {
        if (this.cache.has(seq)) continue;
        // One asked for ahead may still be on its way: the change waits for it too.
        if (!this.inflight.has(seq)) this.fetch(seq);
        fetching = true;
      }
    }
    this.lookAhead();
    if (!fetching) return this.scheduleChange();
    if (this.appendTimer || this.closed) return;
    this.tailFrom = tailFrom;
    this.appendTimer = setTimeout(() => {
      this.appendTimer = null;
      this.scheduleChange();
    }, APPEND_SHOWN_WITHIN_MS);
  }

  private waitForFloodOver(): void {
    if (this.floodOverTimer) return void this.floodOverTimer.refresh();
    this.floodOverTimer = setTimeout(() => {
      this.floodOverTimer = null;
      this.fetchBehindTail();
    }, FLOOD_OVER_AFTER_MS);
    this.floodOverTimer.unref();
  }

  // A flood scrolled its blocks past unfetched: once it is over, the pages just behind the tail
  // are fetched, so that paging up from a followed tail shows text at once, not placeholders.
  private fetchBehindTail(): void {
    if (this.closed || !this.wantedTail || this.wantedSpan === 0) return;
    const end = Math.max(0, this.core.length - this.wantedSpan);
    for (let seq = Math.max(0, end - PAGES_BEHIND * this.wantedSpan); seq < end; seq++) {
      if (!this.cache.has(seq) && !this.inflight.has(seq)) this.fetch(seq);
    }
  }

  private fetchingTail(): boolean {
    // Not the block asked for ahead while it does not exist yet.
    for (const seq of this.inflight) if (seq >= this.tailFrom && seq < this.core.length) return true;
    return false;
  }

  // The writer cut the core back (and may write a new history from there): no block at or past
  // the new length may stay on screen, and none asked for before may land in the cache.
  private readonly onTruncate = (length: number): void => {
    this.history++;
    this.inflight.clear();
    for (const seq of [...this.cache.keys()]) if (seq >= length) this.cache.delete(seq);
    this.wantedEnd = Math.min(this.wantedEnd, length);
    this.tailFetchedTo = Math.min(this.tailFetchedTo, length);
    this.truncatedTo = length;
    // The blocks cut off were counted, and a count begun over the old history would land after
    // this one: what is left is at most the new length until the next count says exactly.
    this.localCount = Math.min(this.localCount, length);
    this.countsAsked++;
    if (this.truncationTimer) clearTimeout(this.truncationTimer);
    this.truncationTimer = setTimeout(() => {
      this.truncationTimer = null;
      this.truncatedTo = null;
      this.scheduleChange();
    }, TRUNCATION_NOTICE_MS);
    this.truncationTimer.unref();
    this.onCoreChange();
  };

  // A block that came in changes the rate (redrawn each second while blocks flow) and the local
  // count (recounted with the next change): on its own it is worth a frame only to a seeder,
  // whose progress it is. A block a pane is waiting for brings its change when its get resolves.
  private readonly onDownload = (): void => {
    this.downloads.record();
    this.watchRates();
    this.localCountStale = true;
    if (this.seeding) this.scheduleChange();
  };

  private readonly onUpload = (): void => {
    this.uploads.record();
    this.watchRates();
    this.scheduleChange();
  };

  // Rates change with time alone: refresh them each second until both are back to zero.
  private watchRates(): void {
    if (this.rateTimer || this.closed) return;
    this.rateTimer = setInterval(() => {
      this.scheduleChange();
      if (this.downloads.active || this.uploads.active) return;
      clearInterval(this.rateTimer as NodeJS.Timeout);
      this.rateTimer = null;
    }, RATE_REFRESH_MS);
    this.rateTimer.unref();
  }

  // Counting local blocks scans the bitfield: at most once per COUNT_REFRESH_MS, however many
  // blocks arrive.
  private refreshLocalCount(): void {
    if (this.countTimer || this.closed || this.core.writable) return;
    const wait = this.lastCountAt + (this.seeding ? SEEDING_COUNT_REFRESH_MS : COUNT_REFRESH_MS) - Date.now();
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
        this.scheduleChange();
      },
      () => {},
    );
  }

  // One 'change' for all that happened in this turn (one read from a peer can bring many blocks).
  private scheduleChange(): void {
    // While an append's blocks are on their way, every change waits for them (or the timer).
    if (this.closed || this.changeTimer || this.appendTimer) return;
    this.changeTimer = setImmediate(() => {
      this.changeTimer = null;
      if (this.closed) return;
      // An append came in meanwhile: its change follows its blocks.
      if (this.appendTimer) return;
      if (this.localCountStale) this.refreshLocalCount();
      this.version++;
      this.emit('change');
    });
  }
}
