import { EventEmitter } from 'node:events';
import type Hypercore from 'hypercore';
import { RAW_FORMAT, sameFormat } from '../decode/core-format.js';
import type { CoreFormat } from '../decode/decoded-block.js';
import { BlockWindow } from './block-window.js';
import { CoreFigures, type CoreStats } from './core-figures.js';
import type { FramedView } from './frame-clock.js';
import { TailFollower } from './tail-follower.js';

export type { CoreStats } from './core-figures.js';

// A pane's view of one core, made of three pieces: a BlockWindow (the blocks in view, bounded,
// fetched one way), a TailFollower (what of a followed tail to fetch at each frame) and CoreFigures
// (the title's figures). Emits 'change' once for all the events of one turn of the event loop, and
// 'due' when a followed tail grew; the screen's FrameClock listens to both, ticks the view before
// each frame and tells it when the frame is drawn. A pane reads it through subscribe and
// getSnapshot (useSyncExternalStore): the snapshot is the version of the last frame drawn.
export class CoreView extends EventEmitter implements FramedView {
  readonly key: Buffer;
  private readonly window: BlockWindow;
  private readonly follower: TailFollower;
  private readonly figures: CoreFigures;
  private changeTimer: NodeJS.Immediate | null = null;
  // Counts 'change' events.
  private version = 0;
  // The version of the last frame drawn, and the panes to tell when it moves.
  private drawnVersion = 0;
  private readonly drawnListeners = new Set<() => void>();
  private closed = false;
  private shownFormat: CoreFormat = RAW_FORMAT;

  constructor(
    readonly name: string,
    readonly core: Hypercore,
    /** How many blocks the view holds at most. */
    readonly capacity = 1024,
  ) {
    super();
    this.key = core.key;
    this.window = new BlockWindow(core, { landed: this.onLanded, missed: () => this.scheduleChange() }, capacity);
    this.figures = new CoreFigures(core, () => this.scheduleChange());
    this.follower = new TailFollower(core, this.window, {
      changed: () => this.scheduleChange(),
      due: () => this.emit('due'),
      mayLookAhead: () => !this.core.writable && !this.figures.seeding,
    });
    core.on('append', this.onAppend);
    core.on('peer-add', this.onCoreChange);
    core.on('peer-remove', this.onCoreChange);
    core.on('download', this.onDownload);
    core.on('upload', this.onUpload);
    core.on('truncate', this.onTruncate);
  }

  /** How the pane shows the blocks, told by the core's block 0 (docs/data-model.md#decoded-cores). */
  get format(): CoreFormat {
    return this.shownFormat;
  }

  // Set by the reader once it has read block 0 (again when the writer rewrote it): every row changes.
  showAs(format: CoreFormat): void {
    if (sameFormat(format, this.shownFormat)) return;
    this.shownFormat = format;
    this.scheduleChange();
  }

  /** Reader --seed: the title counts toward a full copy (see startSeeding). */
  get seeding(): boolean {
    return this.figures.seeding;
  }

  stats(): CoreStats {
    return this.figures.stats(this.follower.shownLength());
  }

  // For useSyncExternalStore: `listener` is called when a frame that changed this view is drawn.
  readonly subscribe = (listener: () => void): (() => void) => {
    this.drawnListeners.add(listener);
    return () => this.drawnListeners.delete(listener);
  };

  readonly getSnapshot = (): number => this.drawnVersion;

  tick(): void {
    this.follower.tick();
  }

  // The coming frame waits for blocks of the tail on their way, or for a change not sent yet.
  holdsFrame(): boolean {
    return this.follower.holdsChange() || this.changeTimer !== null;
  }

  drawn(): void {
    if (this.drawnVersion === this.version) return;
    this.drawnVersion = this.version;
    for (const listener of this.drawnListeners) listener();
  }

  // Called once the core's length is known from a peer or the disk, so that a fresh store's
  // "0 of 0" is never taken for a full copy.
  startSeeding(): void {
    this.figures.seeding = true;
    this.onCoreChange();
  }

  seeded(): boolean {
    return this.figures.seeded();
  }

  cachedCount(): number {
    return this.window.size();
  }

  block(seq: number): Buffer | undefined {
    return this.window.block(seq);
  }

  // The writer already has the bytes it appended: keeping them saves a read and means its pane
  // never shows a placeholder for its own line.
  remember(seq: number, block: Buffer): void {
    this.window.remember(seq, block);
    this.scheduleChange();
  }

  // Asks for blocks [start, end); those not held yet are fetched and a 'change' follows. Rows is
  // how many blocks the pane has room for: a pane not yet full shows the next block appended too.
  want(start: number, end: number, rows = end - start): void {
    const last = Math.min(end, this.core.length);
    this.follower.wanted(start, last, rows);
    this.window.fetchMissing(start, last);
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
    this.changeTimer = null;
    this.drawnListeners.clear();
    this.follower.close();
    this.figures.close();
    this.window.close();
  }

  private readonly onLanded = (): void => {
    // A count that ran while this block was still being stored missed it.
    this.figures.markStale();
    this.follower.landed();
    this.scheduleChange();
    this.follower.next();
  };

  private readonly onCoreChange = (): void => {
    this.figures.markStale();
    this.scheduleChange();
  };

  private readonly onAppend = (): void => {
    this.figures.markStale();
    if (!this.follower.appended()) this.scheduleChange();
  };

  // The writer cut the core back (and may write a new history from there): no block at or past
  // the new length may stay on screen, and none asked for before may land in the window.
  private readonly onTruncate = (length: number): void => {
    this.window.truncate(length);
    this.follower.truncated(length);
    this.figures.truncated(length);
    this.onCoreChange();
  };

  // A block that came in changes the rate (redrawn each second while blocks flow) and the local
  // count (recounted with the next change): on its own it is worth a frame only to a seeder,
  // whose progress it is. A block a pane is waiting for brings its change when its get resolves.
  private readonly onDownload = (): void => {
    this.figures.recordDownload();
    if (this.figures.seeding) this.scheduleChange();
  };

  private readonly onUpload = (): void => {
    this.figures.recordUpload();
    this.scheduleChange();
  };

  // One 'change' for all that happened in this turn (one read from a peer can bring many blocks).
  private scheduleChange(): void {
    // While an append's blocks are on their way, every change waits for them (or the timer).
    if (this.closed || this.changeTimer || this.follower.holdsChange()) return;
    this.changeTimer = setImmediate(() => {
      this.changeTimer = null;
      if (this.closed) return;
      // An append came in meanwhile: its change follows its blocks.
      if (this.follower.holdsChange()) return;
      this.figures.refresh();
      this.version++;
      this.emit('change');
    });
  }
}
