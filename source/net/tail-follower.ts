import { FLOOD_GAP_MS, isFlood } from '../model/frame-pacing.js';
import type { BlockWindow } from './block-window.js';

// An append whose blocks are being read waits this long at most before the new length is shown.
const APPEND_SHOWN_WITHIN_MS = 50;
// A flood is over once its tail has not been fetched for this long; the pages behind the tail,
// which scrolled past unfetched, are fetched then (see fetchBehindTail).
const FLOOD_OVER_AFTER_MS = 3 * FLOOD_GAP_MS;
// How many pages behind a followed tail are fetched once a flood is over.
const PAGES_BEHIND = 2;
// A tail whose blocks are still on their way is shown (as placeholders) only once it has waited
// this long: until then the pane keeps the last tail that came whole.
const LOADING_SHOWN_AFTER_MS = 1000;

// What the follower needs of the view it works for.
export interface TailFollowerHooks {
  // Something a pane shows changed: a frame is due.
  changed(): void;
  // The followed tail grew: the next tick of the frame clock fetches it.
  due(): void;
  // Whether the next block may be asked for before it exists (not for a writer's own core, whose
  // blocks are here, nor a seeder's, which downloads every block anyway).
  mayLookAhead(): boolean;
}

// Decides what of a followed tail to fetch, and when. It paces nothing itself: the screen's frame
// clock (FrameClock) calls tick before each frame, and a tail that grew since the last tick is
// fetched then, so the blocks that scroll past between two frames are never fetched. The change
// that shows the new length waits for the tail's blocks (briefly), so the frame shows text, not a
// placeholder. Its two timeouts are not a clock: how long that change waits at most, and how long
// a flood must be quiet to be over.
// - quiet: the block after the last is asked for before it exists, so it comes with the new length;
// - a flood (more than FLOOD_BLOCKS new blocks since the last fetch): nothing is asked ahead, and
//   the clock ticks once per flood frame gap;
// - after a flood: the pages just behind the tail, which scrolled past unfetched, are fetched, so
//   paging up shows text at once.
export class TailFollower {
  // The last range a pane asked for, and whether it reached the end of the core then.
  private wantedEnd = 0;
  private wantedSpan = 0;
  private wantedTail = false;
  // The followed tail grew since the last fetch: the next tick fetches it.
  private tailDue = false;
  private tailFetchedTo: number;
  private flooding = false;
  private floodOverTimer: NodeJS.Timeout | null = null;
  // While an append's blocks are on their way, the change that shows them waits for them.
  private holdTimer: NodeJS.Timeout | null = null;
  // The first block the held append is fetching.
  private tailFrom = 0;
  // The length at the last tail fetch whose blocks all came, and since when a later one waits.
  private wholeLength: number;
  private loadingSince: number | null = null;
  private closed = false;

  constructor(
    private readonly core: { readonly length: number },
    private readonly window: BlockWindow<unknown>,
    private readonly hooks: TailFollowerHooks,
  ) {
    this.tailFetchedTo = core.length;
    this.wholeLength = core.length;
  }

  // The length a pane is shown: while the grown tail waits for the next tick, that of the last
  // fetch (a frame may be drawn before that tick: one held for the last fetch's blocks, which
  // appends came in behind); and while that fetch's blocks are on their way (up to a second),
  // that of the last tail that came whole, so that a frame shows text, never a row still loading.
  shownLength(): number {
    const length = this.tailDue ? this.tailFetchedTo : this.core.length;
    if (this.loadingSince === null || Date.now() - this.loadingSince >= LOADING_SHOWN_AFTER_MS) return length;
    return Math.min(length, this.wholeLength);
  }

  // Whether a change must wait for the blocks of an append still on their way.
  holdsChange(): boolean {
    return this.holdTimer !== null;
  }

  // A pane asked for blocks [start, end) of the `last` it may see, with room for `rows`: a pane
  // not yet full shows the next block appended too.
  wanted(start: number, last: number, rows: number): void {
    const followed = this.following();
    this.wantedEnd = last;
    this.wantedSpan = Math.max(0, last - start, rows);
    // Until the next tick the pane is shown the length of the last tail fetch: asking up to it is
    // following the tail, though the core has grown since.
    this.wantedTail = last === this.shownLength();
    if (this.following() !== followed) {
      // A pane that comes back to the tail is shown it from where it is now, not from where it
      // left it.
      this.loadingSince = null;
      if (this.following()) this.tailFetchedTo = this.wholeLength = last;
    }
    this.lookAhead();
  }

  // The core grew. Returns false when no pane follows its tail: the change is the caller's.
  appended(): boolean {
    if (!this.following()) return false;
    if (this.tailDue || this.closed) return true;
    this.tailDue = true;
    this.hooks.due();
    return true;
  }

  // The frame clock is about to draw: a tail that grew since the last tick is fetched now.
  tick(): void {
    if (!this.tailDue || this.closed) return;
    this.tailDue = false;
    this.fetchTail();
  }

  // A block the window fetched is here: once the held append's blocks all are, its change goes.
  landed(): void {
    // Most blocks land with nothing waiting for them: the in-flight fetches are not walked then.
    if ((this.loadingSince === null && !this.holdTimer) || this.fetchingTail()) return;
    if (this.loadingSince !== null) this.tailWhole();
    if (this.holdTimer) {
      clearTimeout(this.holdTimer);
      this.holdTimer = null;
    }
  }

  // Asks for the next block before it exists, if a quiet tail is followed (see lookAhead).
  next(): void {
    this.lookAhead();
  }

  truncated(length: number): void {
    this.wantedEnd = Math.min(this.wantedEnd, length);
    this.tailFetchedTo = Math.min(this.tailFetchedTo, length);
    this.wholeLength = Math.min(this.wholeLength, length);
  }

  close(): void {
    this.closed = true;
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = null;
    if (this.floodOverTimer) clearTimeout(this.floodOverTimer);
  }

  private following(): boolean {
    return this.wantedTail && this.wantedSpan > 0;
  }

  // A pane following the tail of a core that is not flooding asks for the next block before it
  // exists: when the writer announces it, the request for it carries the new length too, so the
  // block comes in one round trip instead of two (the length, then the block).
  private lookAhead(): void {
    if (this.window.fetchingAhead() || this.closed || !this.hooks.mayLookAhead()) return;
    if (!this.following() || this.flooding) return;
    const seq = this.core.length;
    if (this.window.has(seq) || this.window.fetching(seq)) return;
    this.window.fetchMissing(seq, seq + 1, { ahead: true });
  }

  private fetchTail(): void {
    const length = this.core.length;
    this.flooding = isFlood(length - this.tailFetchedTo);
    if (this.flooding) this.waitForFloodOver();
    this.tailFetchedTo = length;
    const tailFrom = Math.max(this.wantedEnd, length - this.wantedSpan);
    // One asked for ahead may still be on its way: the change waits for it too.
    const fetching = this.following() && this.window.fetchMissing(tailFrom, length) > 0;
    this.lookAhead();
    if (!fetching) {
      this.tailWhole();
      return this.hooks.changed();
    }
    this.loadingSince ??= Date.now();
    if (this.holdTimer || this.closed) return;
    this.tailFrom = tailFrom;
    this.holdTimer = setTimeout(() => {
      this.holdTimer = null;
      this.hooks.changed();
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
    if (this.closed || !this.following()) return;
    const end = Math.max(0, this.core.length - this.wantedSpan);
    this.window.fetchMissing(end - PAGES_BEHIND * this.wantedSpan, end);
  }

  private tailWhole(): void {
    this.wholeLength = this.tailFetchedTo;
    this.loadingSince = null;
  }

  private fetchingTail(): boolean {
    // Not the block asked for ahead while it does not exist yet.
    return this.window.fetchingIn(this.tailFrom, this.core.length);
  }
}
