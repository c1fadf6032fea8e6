import { frameDelay, frameGap, FRAME_GAP_MS } from '../model/frame-pacing.js';

// What the clock drives: a pane's view of a core (CoreView).
export interface FramedView {
  readonly core: { readonly length: number };
  // Fetch what the coming frame shows (a followed tail that grew).
  tick(): void;
  // What the coming frame shows is on its way (blocks, or a change not sent yet): it waits for the
  // view's next change.
  holdsFrame(): boolean;
  // The frame is drawn: the view tells its panes, if it changed since the last.
  drawn(): void;
  // 'change': something a pane shows changed; 'due': a followed tail grew.
  on(event: 'change' | 'due', listener: () => void): unknown;
  off(event: 'change' | 'due', listener: () => void): unknown;
}

// The one clock of the screen's panes, paced by source/model/frame-pacing.ts: each frame is a
// React commit and an Ink layout of the whole screen, whichever pane changed. A change or a grown
// tail asks for a frame; at the frame the views fetch what it will show (tick), and it is drawn
// once the blocks on their way are here (or a view stops waiting for them). A grown tail waits
// out the gap after the last frame that drew a grown tail, not after any frame: a title's figure
// (a count, a rate) drawn in between would otherwise hold the next block back. Keys do not wait
// for this: they change the screen's state, which renders at once.
// Read by React through subscribe and getSnapshot (useSyncExternalStore); it runs while subscribed.
export class FrameClock {
  private readonly listeners = new Set<() => void>();
  // The next tick: at once (the next turn, so that the changes of every view in this turn make
  // one frame) or after a wait.
  private next:
    { kind: 'now'; handle: NodeJS.Immediate } | { kind: 'later'; handle: NodeJS.Timeout; at: number } | null = null;
  // Ticked, not drawn yet: waiting for this turn's changes, or for blocks on their way.
  private drawing = false;
  private settleTimer: NodeJS.Immediate | null = null;
  // A tail grew while a frame was being drawn: another tick follows it.
  private dueAgain = false;
  private lastTickAt = 0;
  // The last tick at which the views' tails had grown: a grown tail is paced from it alone.
  private lastGrowthAt = 0;
  private gap = FRAME_GAP_MS;
  private lengthTicked: number;
  private frames = 0;

  constructor(private readonly views: readonly FramedView[]) {
    this.lengthTicked = this.totalLength();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  };

  /** Counts the frames drawn. */
  readonly getSnapshot = (): number => this.frames;

  private start(): void {
    for (const view of this.views) {
      view.on('change', this.changed);
      view.on('due', this.due);
    }
  }

  private stop(): void {
    for (const view of this.views) {
      view.off('change', this.changed);
      view.off('due', this.due);
    }
    if (this.next?.kind === 'now') clearImmediate(this.next.handle);
    if (this.next?.kind === 'later') clearTimeout(this.next.handle);
    this.next = null;
    if (this.settleTimer) clearImmediate(this.settleTimer);
    this.settleTimer = null;
    this.drawing = false;
  }

  private readonly changed = (): void => {
    if (this.drawing) return this.settleSoon();
    this.request(this.lastTickAt);
  };

  private readonly due = (): void => {
    if (this.drawing) this.dueAgain = true;
    else this.request(this.lastGrowthAt);
  };

  // A frame one gap after `since` (the last tick, or the last that drew a grown tail), or sooner if
  // one is already asked for sooner.
  private request(since: number): void {
    if (this.next?.kind === 'now') return;
    const now = Date.now();
    const delay = frameDelay(now, since, this.gap);
    if (this.next && this.next.at <= now + delay) return;
    if (this.next) clearTimeout(this.next.handle);
    this.next =
      delay === 0
        ? { kind: 'now', handle: setImmediate(this.tick) }
        : { kind: 'later', handle: setTimeout(this.tick, delay), at: now + delay };
  }

  private readonly tick = (): void => {
    this.next = null;
    this.lastTickAt = Date.now();
    const length = this.totalLength();
    if (length !== this.lengthTicked) this.lastGrowthAt = this.lastTickAt;
    this.gap = frameGap(length - this.lengthTicked);
    this.lengthTicked = length;
    this.drawing = true;
    for (const view of this.views) view.tick();
    this.settleSoon();
  };

  // After this turn, so that the changes the tick brought are in the frame.
  private settleSoon(): void {
    if (this.settleTimer) return;
    this.settleTimer = setImmediate(this.settle);
  }

  private readonly settle = (): void => {
    this.settleTimer = null;
    if (!this.drawing || this.views.some((view) => view.holdsFrame())) return;
    this.drawing = false;
    this.frames++;
    for (const view of this.views) view.drawn();
    for (const listener of this.listeners) listener();
    if (this.dueAgain) {
      this.dueAgain = false;
      this.request(this.lastGrowthAt);
    }
  };

  private totalLength(): number {
    return this.views.reduce((sum, view) => sum + view.core.length, 0);
  }
}
