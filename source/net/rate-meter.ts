const WINDOW_SECONDS = 2;

// Events per second over the last two whole seconds plus the current one, from one-second
// buckets: constant memory however fast the events come.
export class RateMeter {
  private readonly buckets = new Map<number, number>();

  constructor(private readonly now: () => number = Date.now) {}

  record(count = 1): void {
    const second = Math.floor(this.now() / 1000);
    this.buckets.set(second, (this.buckets.get(second) ?? 0) + count);
    this.prune(second);
  }

  perSecond(): number {
    const second = Math.floor(this.now() / 1000);
    this.prune(second);
    let total = 0;
    for (const [bucket, count] of this.buckets) if (bucket < second) total += count;
    return Math.round(total / WINDOW_SECONDS);
  }

  // True while some event is still inside the window, so a shown rate must be refreshed.
  get active(): boolean {
    this.prune(Math.floor(this.now() / 1000));
    return this.buckets.size > 0;
  }

  private prune(second: number): void {
    for (const bucket of this.buckets.keys()) if (bucket < second - WINDOW_SECONDS) this.buckets.delete(bucket);
  }
}
