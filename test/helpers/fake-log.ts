// A log of blocks "block <n>" whose gets settle only when a test says so (serve), for the unit
// tests of the pieces that fetch blocks: what they asked for, and in which order, is kept.
export class FakeLog {
  /** Every block asked for, in order. */
  readonly asked: number[] = [];
  /** The options of each get, in order. */
  readonly options: Array<{ timeout?: number }> = [];
  private readonly pending: Array<{ seq: number; resolve: (block: Buffer) => void; reject: (error: Error) => void }> =
    [];
  private readonly failing = new Set<number>();

  constructor(public length: number) {}

  get(seq: number, options: { timeout?: number } = {}): Promise<Buffer | null> {
    this.asked.push(seq);
    this.options.push(options);
    return new Promise((resolve, reject) => this.pending.push({ seq, resolve, reject }));
  }

  grow(length: number): void {
    this.length = length;
  }

  // The next serve fails the get of this block, as a timeout would.
  fail(seq: number): void {
    this.failing.add(seq);
  }

  // Settles every get of a block that exists (or is to fail), and lets their callbacks run.
  async serve(): Promise<void> {
    const waiting = this.pending.splice(0);
    for (const get of waiting) {
      if (this.failing.has(get.seq)) get.reject(new Error('timed out'));
      else if (get.seq < this.length) get.resolve(Buffer.from(`block ${get.seq}`));
      else this.pending.push(get);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}
