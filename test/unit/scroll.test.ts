import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyScroll,
  FOLLOW,
  newSincePaused,
  topOf,
  visibleRange,
  type Scroll,
  type ScrollAction,
} from '../../source/layout/scroll.js';

const LINES = 10;

function run(actions: ScrollAction[], length: number, start: Scroll = FOLLOW): Scroll {
  return actions.reduce((scroll, action) => applyScroll(scroll, action, length, LINES), start);
}

test('following shows the tail', () => {
  assert.deepEqual(visibleRange(FOLLOW, 100, LINES), { start: 90, end: 100 });
  assert.deepEqual(visibleRange(FOLLOW, 3, LINES), { start: 0, end: 3 });
  assert.deepEqual(visibleRange(FOLLOW, 0, LINES), { start: 0, end: 0 });
});

test('following keeps showing the tail as the core grows', () => {
  assert.deepEqual(visibleRange(FOLLOW, 101, LINES), { start: 91, end: 101 });
  assert.deepEqual(visibleRange(FOLLOW, 1_000_000, LINES), { start: 999_990, end: 1_000_000 });
});

test('scrolling up stops following', () => {
  const scroll = applyScroll(FOLLOW, 'scroll-up', 100, LINES);
  assert.deepEqual(scroll, { follow: false, top: 89, seen: 100 });
  assert.deepEqual(visibleRange(scroll, 100, LINES), { start: 89, end: 99 });
});

test('a stopped pane stays where it is while the core grows', () => {
  const scroll = run(['scroll-up', 'scroll-up'], 100);
  assert.deepEqual(visibleRange(scroll, 100, LINES), { start: 88, end: 98 });
  assert.deepEqual(visibleRange(scroll, 500, LINES), { start: 88, end: 98 });
});

test('End follows again', () => {
  const scroll = run(['page-up', 'page-up', 'bottom'], 100);
  assert.deepEqual(scroll, FOLLOW);
  assert.deepEqual(visibleRange(scroll, 150, LINES), { start: 140, end: 150 });
});

test('Home goes to the first block and stops following', () => {
  const scroll = applyScroll(FOLLOW, 'top', 100, LINES);
  assert.deepEqual(scroll, { follow: false, top: 0, seen: 100 });
  assert.deepEqual(visibleRange(scroll, 100, LINES), { start: 0, end: 10 });
});

test('PgUp moves a page up, clamped at the first block', () => {
  assert.deepEqual(run(['page-up'], 100), { follow: false, top: 80, seen: 100 });
  assert.deepEqual(run(['page-up', 'page-up'], 100), { follow: false, top: 70, seen: 100 });
  assert.deepEqual(run(Array(20).fill('page-up') as ScrollAction[], 100), { follow: false, top: 0, seen: 100 });
});

test('PgDn moves a page down and follows again on reaching the tail', () => {
  const start: Scroll = { follow: false, top: 0, seen: 100 };
  assert.deepEqual(run(['page-down'], 100, start), { follow: false, top: 10, seen: 100 });
  assert.deepEqual(run(Array(9).fill('page-down') as ScrollAction[], 100, start), FOLLOW);
  assert.deepEqual(run(['page-up', 'page-down'], 100), FOLLOW);
});

test('↓ moves one block down and follows again at the tail', () => {
  assert.deepEqual(run(['scroll-down'], 100, { follow: false, top: 50, seen: 100 }), {
    follow: false,
    top: 51,
    seen: 100,
  });
  assert.deepEqual(run(['scroll-up', 'scroll-down'], 100), FOLLOW);
});

test('↓ and PgDn while following keep following', () => {
  assert.deepEqual(run(['scroll-down'], 100), FOLLOW);
  assert.deepEqual(run(['page-down'], 100), FOLLOW);
});

test('↑ at the first block stays at the first block', () => {
  assert.deepEqual(run(['scroll-up'], 100, { follow: false, top: 0, seen: 100 }), { follow: false, top: 0, seen: 100 });
});

test('a position past the tail is clamped to the tail', () => {
  const scroll: Scroll = { follow: false, top: 95, seen: 100 };
  assert.equal(topOf(scroll, 100, LINES), 90);
  assert.deepEqual(visibleRange(scroll, 100, LINES), { start: 90, end: 100 });
  // The next ↑ starts from what is on screen, not from the stale position.
  assert.deepEqual(applyScroll(scroll, 'scroll-up', 100, LINES), { follow: false, top: 89, seen: 100 });
});

test('after the core grows, scrolling continues from what is shown', () => {
  const scroll = run(['page-up'], 100); // top 80
  // The core grew to 1000: ↓ goes to 81, not to the new tail.
  assert.deepEqual(applyScroll(scroll, 'scroll-down', 1000, LINES), { follow: false, top: 81, seen: 100 });
  assert.deepEqual(applyScroll(scroll, 'page-down', 1000, LINES), { follow: false, top: 90, seen: 100 });
});

test('a core shorter than the pane shows everything', () => {
  for (const action of ['scroll-up', 'page-up', 'top', 'scroll-down', 'page-down', 'bottom'] as const) {
    assert.deepEqual(visibleRange(applyScroll(FOLLOW, action, 4, LINES), 4, LINES), { start: 0, end: 4 });
  }
});

test('the visible range never exceeds the pane or the core', () => {
  const actions: ScrollAction[] = ['scroll-up', 'scroll-down', 'page-up', 'page-down', 'top', 'bottom'];
  let scroll: Scroll = FOLLOW;
  let length = 0;
  for (let step = 0; step < 2000; step++) {
    length += step % 3;
    scroll = applyScroll(scroll, actions[(step * 7) % actions.length], length, LINES);
    const { start, end } = visibleRange(scroll, length, LINES);
    assert.ok(start >= 0 && end <= length && end - start <= LINES && start <= end);
    assert.equal(end - start, Math.min(LINES, length));
  }
});

test('a paused pane counts only the blocks appended after it stopped following', () => {
  const paused = applyScroll(FOLLOW, 'page-up', 100, LINES);
  assert.equal(newSincePaused(paused, 100), 0, 'nothing new at the moment of pausing');
  assert.equal(newSincePaused(paused, 107), 7);
  const further = applyScroll(paused, 'scroll-up', 107, LINES);
  assert.equal(newSincePaused(further, 107), 7, 'scrolling on while paused keeps the count');
  assert.equal(newSincePaused(FOLLOW, 107), 0);
});
