// What a block window reads from: a Hypercore, or any log of blocks by number.
export interface BlockSource<Block> {
  get(seq: number, options?: { timeout?: number }): Promise<Block | null>;
}

// What a window tells its owner about the fetches it made.
export interface BlockWindowEvents {
  // A block asked for is held now.
  landed(seq: number): void;
  // A block asked for in view did not come (failed or timed out): still in view, it is asked again.
  missed(seq: number): void;
}

const FETCH_TIMEOUT_MS = 3000;

// The blocks of one log that somebody asked for (those in view), bounded: the least recently asked
// for go first once more than `capacity` are held, so a million-block core never fills memory.
// Whatever is missing is fetched one way, fetchMissing; a truncation drops what the cut made stale.
export class BlockWindow<Block = Buffer> {
  private readonly held = new Map<number, Block>();
  private readonly inflight = new Set<number>();
  // The block after the last, asked for before it exists (see fetchMissing's `ahead`).
  private aheadSeq: number | null = null;
  // Bumped by each truncation: a fetch asked before it may hold a block of the old history.
  private history = 0;
  private closed = false;

  constructor(
    private readonly source: BlockSource<Block>,
    private readonly events: BlockWindowEvents,
    /** How many blocks are held at most. */
    readonly capacity = 1024,
  ) {}

  block(seq: number): Block | undefined {
    return this.held.get(seq);
  }

  has(seq: number): boolean {
    return this.held.has(seq);
  }

  size(): number {
    return this.held.size;
  }

  // Whether a fetch of this block is on its way.
  fetching(seq: number): boolean {
    return this.inflight.has(seq);
  }

  // Whether a fetch of some block of [start, end) is on its way.
  fetchingIn(start: number, end: number): boolean {
    for (const seq of this.inflight) if (seq >= start && seq < end) return true;
    return false;
  }

  // Whether a block asked for ahead has not settled yet: one at a time.
  fetchingAhead(): boolean {
    return this.aheadSeq !== null;
  }

  // A block its owner already has (a writer's own line): kept without a read.
  remember(seq: number, block: Block): void {
    this.held.set(seq, block);
    this.evictOverCapacity();
  }

  // Fetches the blocks of [start, end) not held or on their way, and marks those held as the most
  // recently asked for. Returns how many of them are not held yet. A block asked for `ahead` does
  // not exist yet: its get waits for the writer as long as it takes, and is not asked again.
  fetchMissing(start: number, end: number, options: { ahead?: boolean } = {}): number {
    let missing = 0;
    for (let seq = Math.max(0, start); seq < end; seq++) {
      const block = this.held.get(seq);
      if (block !== undefined) {
        this.held.delete(seq);
        this.held.set(seq, block);
        continue;
      }
      missing++;
      if (!this.inflight.has(seq)) this.fetch(seq, options.ahead === true);
    }
    return missing;
  }

  // The log was cut back to `length`: no block at or past it stays, and none asked for before lands.
  truncate(length: number): void {
    this.history++;
    this.inflight.clear();
    for (const seq of [...this.held.keys()]) if (seq >= length) this.held.delete(seq);
  }

  close(): void {
    this.closed = true;
    this.held.clear();
  }

  private fetch(seq: number, ahead: boolean): void {
    const history = this.history;
    if (ahead) this.aheadSeq = seq;
    this.inflight.add(seq);
    this.source.get(seq, ahead ? {} : { timeout: FETCH_TIMEOUT_MS }).then(
      (block) => {
        if (ahead && this.aheadSeq === seq) this.aheadSeq = null;
        if (history !== this.history) return;
        this.inflight.delete(seq);
        if (this.closed || !block) return;
        this.held.set(seq, block);
        this.evictOverCapacity();
        this.events.landed(seq);
      },
      () => {
        if (ahead && this.aheadSeq === seq) this.aheadSeq = null;
        if (history !== this.history) return;
        this.inflight.delete(seq);
        // A request that failed or hung (seen under 1,000 appends/s: a few blocks in view stayed
        // placeholders for good): the owner's next change makes the pane ask again.
        if (!ahead && !this.closed) this.events.missed(seq);
      },
    );
  }

  private evictOverCapacity(): void {
    while (this.held.size > this.capacity) {
      const oldest = this.held.keys().next().value as number;
      this.held.delete(oldest);
    }
  }
}
