import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FLOOD_BLOCKS, FLOOD_GAP_MS, FRAME_GAP_MS, frameDelay, frameGap } from '../../source/model/frame-pacing.js';

test('blocks that come one at a time are drawn as each arrives; a flood at 10 frames a second', () => {
  assert.equal(frameGap(0), FRAME_GAP_MS);
  assert.equal(frameGap(1), FRAME_GAP_MS);
  assert.equal(frameGap(FLOOD_BLOCKS), FRAME_GAP_MS);
  assert.equal(frameGap(FLOOD_BLOCKS + 1), FLOOD_GAP_MS);
  assert.equal(frameGap(1000), FLOOD_GAP_MS);
  assert.equal(1000 / FLOOD_GAP_MS, 10);
});

test('the first change after a quiet spell is drawn at once; one soon after waits out the gap', () => {
  assert.equal(frameDelay(1000, 0, FRAME_GAP_MS), 0);
  assert.equal(frameDelay(1000, 1000 - FRAME_GAP_MS, FRAME_GAP_MS), 0);
  assert.equal(frameDelay(1000, 995, FRAME_GAP_MS), FRAME_GAP_MS - 5);
  assert.equal(frameDelay(1000, 990, FLOOD_GAP_MS), FLOOD_GAP_MS - 10);
});
