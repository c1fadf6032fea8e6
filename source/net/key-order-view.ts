import { EventEmitter } from 'node:events';
import type { KeyOrderEntry, KeyOrderReader } from '../decode/key-order.js';
import type { FramedView } from './frame-clock.js';

/** How the keys move the key-order view (the names of the log's scroll actions). */
export type KeyOrderMove = 'scroll-up' | 'scroll-down' | 'page-up' | 'page-down' | 'top' | 'bottom';

/** What the core a key-order view reads tells it: that it grew or was cut back. */
export interface GrowingCore {
  readonly length: number;
  on(event: 'append' | 'truncate', listener: () => void): unknown;
  off(event: 'append' | 'truncate', listener: () => void): unknown;
}

// Where the page in view starts: the first key, the last page, or a key (the first row's).
type Anchor = { kind: 'first' } | { kind: 'last' } | { kind: 'from'; key: Uint8Array };

// How long a frame waits for the page's re-read after the core grew: longer, and every pane
// would stand still behind a slow peer; the page is drawn when its read ends.
const HOLD_MS = 250;

// A bee's contents in key order, a page at a time (docs/screen.md#key-order-view): only the
// entries in view are read, from a cursor (a key), never the whole bee. A move reads from the
// page's first or last key, forwards or backwards; when the core grows or is cut back, the page
// in view is read again at the next tick of the screen's frame clock. Moves and reads run one
// after another, each from where the one before left the page. Read by a pane through subscribe
// and getSnapshot, like CoreView.
export class KeyOrderView extends EventEmitter implements FramedView {
  private entries: KeyOrderEntry[] = [];
  private selected = 0;
  private anchor: Anchor = { kind: 'first' };
  // How many entries the pane has room for; nothing is read before the pane says.
  private rows = 0;
  private queue: Promise<void> = Promise.resolve();
  private loaded = false;
  // The core changed since the page was read.
  private stale = false;
  private holdTimer: NodeJS.Timeout | null = null;
  private failure: string | null = null;
  private version = 0;
  private drawnVersion = 0;
  private readonly drawnListeners = new Set<() => void>();
  private closed = false;

  constructor(
    readonly core: GrowingCore,
    private readonly reader: KeyOrderReader,
  ) {
    super();
    core.on('append', this.onCoreChange);
    core.on('truncate', this.onCoreChange);
  }

  /** The entries in view, in key order. */
  page(): readonly KeyOrderEntry[] {
    return this.entries;
  }

  /** The row Enter shows (an index into page()). */
  selectedRow(): number {
    return Math.min(this.selected, Math.max(0, this.entries.length - 1));
  }

  selectedEntry(): KeyOrderEntry | null {
    return this.entries[this.selectedRow()] ?? null;
  }

  /** Whether the first page was read (an empty page before that is not an empty bee). */
  isLoaded(): boolean {
    return this.loaded;
  }

  /** Why the last read failed, in one line; null once one succeeds. */
  readFailure(): string | null {
    return this.failure;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.drawnListeners.add(listener);
    return () => this.drawnListeners.delete(listener);
  };

  readonly getSnapshot = (): number => this.drawnVersion;

  // The pane has room for `rows` entries: the page is read for it (again, if the room changed).
  want(rows: number): void {
    if (this.closed || rows === this.rows || rows <= 0) return;
    this.rows = rows;
    this.enqueue(() => this.reread());
  }

  // The pane is off screen (another page of panes): the page is not read again until it is back.
  hide(): void {
    this.rows = 0;
  }

  move(move: KeyOrderMove): void {
    if (this.closed || this.rows === 0) return;
    this.enqueue(() => this.apply(move));
  }

  tick(): void {
    if (!this.stale || this.rows === 0 || this.closed) return;
    this.stale = false;
    this.hold();
    this.enqueue(() => this.reread());
  }

  holdsFrame(): boolean {
    return this.holdTimer !== null;
  }

  drawn(): void {
    if (this.drawnVersion === this.version) return;
    this.drawnVersion = this.version;
    for (const listener of this.drawnListeners) listener();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.core.off('append', this.onCoreChange);
    this.core.off('truncate', this.onCoreChange);
    this.release();
    this.drawnListeners.clear();
    await this.queue;
    await this.reader.close();
  }

  private readonly onCoreChange = (): void => {
    this.stale = true;
    if (this.rows > 0 && !this.closed) this.emit('due');
  };

  private hold(): void {
    if (this.holdTimer) return;
    this.holdTimer = setTimeout(() => {
      this.holdTimer = null;
      this.changed();
    }, HOLD_MS);
  }

  private release(): void {
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = null;
  }

  private enqueue(step: () => Promise<void>): void {
    this.queue = this.queue.then(async () => {
      if (this.closed) return;
      try {
        await step();
        this.failure = null;
      } catch (error) {
        this.failure = `the entries could not be read: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (this.closed) return;
      this.release();
      this.changed();
    });
  }

  private changed(): void {
    if (this.closed) return;
    this.version++;
    this.emit('change');
  }

  private show(entries: KeyOrderEntry[]): void {
    this.entries = entries;
    this.loaded = true;
  }

  // The page from the anchor, as the bee holds it now; a page cut short by the end of the bee is
  // filled with the keys before it.
  private async reread(): Promise<void> {
    const rows = this.rows;
    const { anchor } = this;
    if (anchor.kind === 'first') return this.show(await this.reader.range({ limit: rows }));
    if (anchor.kind === 'last') return this.show((await this.reader.range({ limit: rows, reverse: true })).reverse());
    const page = await this.reader.range({ gte: anchor.key, limit: rows });
    const before =
      page.length < rows ? await this.reader.range({ lt: anchor.key, limit: rows - page.length, reverse: true }) : [];
    this.show([...before.reverse(), ...page]);
  }

  private async apply(move: KeyOrderMove): Promise<void> {
    const rows = this.rows;
    const first = this.entries[0];
    const last = this.entries[this.entries.length - 1];
    const selected = this.selectedRow();
    if (move === 'top' || move === 'bottom' || !first || !last) {
      this.anchor = move === 'bottom' ? { kind: 'last' } : { kind: 'first' };
      this.selected = move === 'bottom' ? rows - 1 : 0;
      return this.reread();
    }
    switch (move) {
      case 'scroll-up': {
        if (selected > 0) return void (this.selected = selected - 1);
        const [previous] = await this.reader.range({ lt: first.key, limit: 1, reverse: true });
        if (!previous) return;
        this.anchor = { kind: 'from', key: previous.key };
        return this.show([previous, ...this.entries].slice(0, rows));
      }
      case 'scroll-down': {
        if (selected < this.entries.length - 1) return void (this.selected = selected + 1);
        const [next] = await this.reader.range({ gt: last.key, limit: 1 });
        if (!next) return;
        const page = [...this.entries, next].slice(-rows);
        this.anchor = { kind: 'from', key: page[0].key };
        this.selected = page.length - 1;
        return this.show(page);
      }
      case 'page-up': {
        const before = await this.reader.range({ lt: first.key, limit: rows, reverse: true });
        const top = before[before.length - 1];
        if (!top) return void (this.selected = 0);
        this.anchor = { kind: 'from', key: top.key };
        return this.reread();
      }
      case 'page-down': {
        const [next] = await this.reader.range({ gt: last.key, limit: 1 });
        if (!next) return void (this.selected = this.entries.length - 1);
        this.anchor = { kind: 'from', key: next.key };
        return this.reread();
      }
    }
  }
}
