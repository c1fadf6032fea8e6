// A pane either follows the tail or stays where the user scrolled it, however the core grows.
// `seen`: the core's length when the pane stopped following; what came after is "new".
export type Scroll = { follow: true } | { follow: false; top: number; seen: number };

export type ScrollAction = 'scroll-up' | 'scroll-down' | 'page-up' | 'page-down' | 'top' | 'bottom';

export const FOLLOW: Scroll = { follow: true };

function tailTop(length: number, lines: number): number {
  return Math.max(0, length - lines);
}

export function topOf(scroll: Scroll, length: number, lines: number): number {
  return scroll.follow ? tailTop(length, lines) : Math.min(scroll.top, tailTop(length, lines));
}

export function applyScroll(scroll: Scroll, action: ScrollAction, length: number, lines: number): Scroll {
  const top = topOf(scroll, length, lines);
  const seen = scroll.follow ? length : scroll.seen;
  const to = (next: number): Scroll =>
    next >= tailTop(length, lines) ? FOLLOW : { follow: false, top: Math.max(0, next), seen };
  switch (action) {
    case 'scroll-up':
      return { follow: false, top: Math.max(0, top - 1), seen };
    case 'page-up':
      return { follow: false, top: Math.max(0, top - lines), seen };
    case 'top':
      return { follow: false, top: 0, seen };
    case 'scroll-down':
      return scroll.follow ? FOLLOW : to(top + 1);
    case 'page-down':
      return scroll.follow ? FOLLOW : to(top + lines);
    case 'bottom':
      return FOLLOW;
  }
}

export function visibleRange(scroll: Scroll, length: number, lines: number): { start: number; end: number } {
  const start = topOf(scroll, length, lines);
  return { start, end: Math.min(length, start + lines) };
}

// Blocks appended since the pane stopped following.
export function newSincePaused(scroll: Scroll, length: number): number {
  return scroll.follow ? 0 : Math.max(0, length - scroll.seen);
}

// Scrolls so that block `seq` is the bottom line (as far as the core's start allows): where
// n/N put a match, so Enter then shows it whole.
export function showAtBottom(scroll: Scroll, seq: number, length: number, lines: number): Scroll {
  const seen = scroll.follow ? length : scroll.seen;
  return { follow: false, top: Math.max(0, Math.min(seq - lines + 1, tailTop(length, lines))), seen };
}
