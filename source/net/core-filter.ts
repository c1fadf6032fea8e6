import type Hypercore from 'hypercore';
import { matchEach, TOO_SLOW, type TextFilter } from '../model/filter.js';
import { RAW_FORMAT } from '../decode/core-format.js';
import type { CoreFormat } from '../decode/decoded-block.js';
import { shownSearchText } from '../decode/shown-block.js';

const CHUNK = 256;
// Matching blocks held at most: past it the oldest are let go (and still counted).
const MAX_HELD = 100_000;
const READ_TIMEOUT_MS = 3000;
// The newest matches of the history handed over to be shown: more than a pane has rows.
const HANDED_OVER = 256;

// What a filtered pane is drawn from: its rows are the matching blocks held, oldest first.
export interface FilteredRows {
  /** Matching blocks held (the pane's rows). */
  readonly count: number;
  seqAt(index: number): number;
  /** The index of the first matching block at or after `seq` (count when none). */
  indexOf(seq: number): number;
}

export interface FilterStatus {
  /** Matching blocks found, held or not. */
  matching: number;
  /** Blocks read so far, of the core's length. */
  scanned: number;
  done: boolean;
  /** Why the filter stopped before its end (a regular expression too slow), else null. */
  stopped: string | null;
}

export interface CoreFilterHooks {
  // What the pane shows changed.
  changed(): void;
  // A block that matched and that a pane following its tail shows (an append, or one of the newest
  // of the history): handed over, so that the pane draws it without reading it again.
  matched(seq: number, block: Buffer): void;
}

// Keeps the sequence numbers of one core's blocks whose shown text (as search reads it:
// shownSearchText, decoded where the core's format decodes it) the filter takes, history and live appends alike (docs/screen.md#filter). Reads
// in chunks and yields between them, newest history first, appends before history, so the tail a
// pane follows fills first; holds only the matching numbers, never the blocks. A truncation drops
// the matches it cut and reads on from the new end.
export class CoreFilter implements FilteredRows {
  // Matches in the history (before the core's length at the start), newest first.
  private older: number[] = [];
  // Matches appended since, oldest first, from index `newerHead` (the ones before were let go).
  private newer: number[] = [];
  private newerHead = 0;
  // The history is read down from `historyNext`, the appends up from `liveNext`: the blocks between
  // them have been read.
  private historyNext: number;
  private liveNext: number;
  private matching = 0;
  private stopped: string | null = null;
  private running = false;
  // Bumped by each truncation and by close: a chunk read before it is dropped.
  private pass = 0;
  private closed = false;

  constructor(
    private readonly core: Hypercore,
    /** What the blocks are matched against. */
    readonly filter: TextFilter,
    private readonly hooks: CoreFilterHooks,
    /** How the core's blocks are shown (docs/data-model.md#decoded-cores). */
    private readonly format: () => CoreFormat = () => RAW_FORMAT,
  ) {
    this.historyNext = core.length;
    this.liveNext = core.length;
  }

  start(): this {
    this.core.on('append', this.onAppend);
    this.core.on('truncate', this.onTruncate);
    this.run();
    return this;
  }

  close(): void {
    this.closed = true;
    this.pass++;
    this.core.off('append', this.onAppend);
    this.core.off('truncate', this.onTruncate);
  }

  get count(): number {
    return this.older.length + this.newer.length - this.newerHead;
  }

  seqAt(index: number): number {
    const older = this.older.length;
    return index < older ? this.older[older - 1 - index] : this.newer[this.newerHead + index - older];
  }

  indexOf(seq: number): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.seqAt(middle) < seq) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  status(): FilterStatus {
    const done = this.historyNext === 0 && this.liveNext >= this.core.length;
    return { matching: this.matching, scanned: this.liveNext - this.historyNext, done, stopped: this.stopped };
  }

  private readonly onAppend = (): void => this.run();

  private readonly onTruncate = (length: number): void => {
    this.pass++;
    this.running = false;
    const cut = (seq: number) => seq < length;
    const held = this.count;
    this.older = this.older.filter(cut);
    this.newer = this.newer.slice(this.newerHead).filter(cut);
    this.newerHead = 0;
    this.matching -= held - this.count;
    this.historyNext = Math.min(this.historyNext, length);
    this.liveNext = Math.min(this.liveNext, length);
    this.hooks.changed();
    this.run();
  };

  private run(): void {
    if (this.running || this.closed || this.stopped !== null) return;
    this.running = true;
    const pass = this.pass;
    this.readChunks(pass).then(
      () => {
        if (pass === this.pass) this.running = false;
      },
      () => {
        if (pass === this.pass) this.running = false;
      },
    );
  }

  // The next blocks to read: appends first, then the history, newest first.
  private nextChunk(): { start: number; end: number; live: boolean } | null {
    if (this.liveNext < this.core.length) {
      return { start: this.liveNext, end: Math.min(this.core.length, this.liveNext + CHUNK), live: true };
    }
    if (this.historyNext > 0) {
      return { start: Math.max(0, this.historyNext - CHUNK), end: this.historyNext, live: false };
    }
    return null;
  }

  private async readChunks(pass: number): Promise<void> {
    for (let chunk = this.nextChunk(); chunk !== null; chunk = this.nextChunk()) {
      const { start, end, live } = chunk;
      const seqs = Array.from({ length: end - start }, (_, offset) => start + offset);
      const blocks = await Promise.all(
        seqs.map((seq) => this.core.get(seq, { timeout: READ_TIMEOUT_MS }).catch(() => null)),
      );
      if (pass !== this.pass) return;
      const read = seqs.flatMap((seq, index) => {
        const block = blocks[index];
        return block ? [{ seq, block }] : [];
      });
      const matched = matchEach(
        this.filter,
        read.map(({ seq, block }) => shownSearchText(this.format(), seq, block)),
      );
      if (matched === null) {
        this.stopped = `${TOO_SLOW}: filter stopped`;
        this.hooks.changed();
        return;
      }
      const found = read.filter((_, index) => matched[index]);
      this.matching += found.length;
      if (live) {
        this.liveNext = end;
        for (const { seq, block } of found) this.holdNewer(seq, block);
      } else {
        this.historyNext = start;
        for (const { seq, block } of found.reverse()) {
          if (this.count >= MAX_HELD) break;
          this.older.push(seq);
          if (this.older.length <= HANDED_OVER) this.hooks.matched(seq, block);
        }
      }
      this.hooks.changed();
      await new Promise((resolve) => setImmediate(resolve));
      if (pass !== this.pass) return;
    }
  }

  private holdNewer(seq: number, block: Buffer): void {
    this.newer.push(seq);
    this.hooks.matched(seq, block);
    if (this.count <= MAX_HELD) return;
    if (this.older.length > 0) this.older.pop();
    else this.newerHead++;
    // Let go of the numbers let go of, now and then rather than one at a time.
    if (this.newerHead >= CHUNK * 64) {
      this.newer = this.newer.slice(this.newerHead);
      this.newerHead = 0;
    }
  }
}
