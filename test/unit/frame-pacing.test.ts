import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frameDelay, frameGap } from '../../source/model/frame-pacing.js';

// Replays block arrivals (milliseconds) through the pacing, a millisecond at a time, as the
// screen's frame clock does: returns when each frame was drawn and how many blocks it brought.
function drawFrames(arrivals: number[], until: number): Array<{ at: number; blocks: number }> {
  const frames: Array<{ at: number; blocks: number }> = [];
  let next = 0;
  let waiting = 0;
  let lastFrameAt = -Infinity;
  let gap = frameGap(0);
  for (let now = 0; now <= until; now++) {
    while (next < arrivals.length && arrivals[next] <= now) {
      waiting++;
      next++;
    }
    if (waiting === 0 || frameDelay(now, lastFrameAt, gap) > 0) continue;
    frames.push({ at: now, blocks: waiting });
    gap = frameGap(waiting);
    lastFrameAt = now;
    waiting = 0;
  }
  return frames;
}

test('blocks that come one at a time are each drawn the moment they arrive', () => {
  const arrivals = [5, 200, 230, 900];
  const frames = drawFrames(arrivals, 1000);
  assert.deepEqual(
    frames.map(({ at }) => at),
    arrivals,
  );
});

test('a flood of 1,000 blocks a second is drawn about 10 times a second, and no block is left undrawn', () => {
  const arrivals = Array.from({ length: 2000 }, (_, index) => index);
  const frames = drawFrames(arrivals, 2100);
  const inSecondSecond = frames.filter(({ at }) => at >= 1000 && at < 2000).length;
  assert.ok(inSecondSecond >= 9 && inSecondSecond <= 11, `${inSecondSecond} frames in the flood's second second`);
  assert.equal(
    frames.reduce((sum, { blocks }) => sum + blocks, 0),
    arrivals.length,
  );
});

test('after a flood, the first block of a quiet spell is drawn at once', () => {
  const flood = Array.from({ length: 500 }, (_, index) => index);
  const frames = drawFrames([...flood, 1500], 1600);
  assert.equal(frames.at(-1)?.at, 1500);
  assert.equal(frames.at(-1)?.blocks, 1);
});
