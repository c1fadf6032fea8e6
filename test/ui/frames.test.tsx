// What a pane draws while blocks arrive: never a placeholder for a block it could read, and the
// tail of a flood once the flood stops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mount, pad } from './screen-harness.js';
import { visible } from './helpers.js';

test('frames: a block appended to a followed pane comes with its text in the first frame that shows it', async (t) => {
  const s = await mount(t, { role: 'reader', left: 3, right: 2 });
  await s.waitForText('R-001');
  for (let round = 0; round < 5; round++) {
    const before = s.app.frames.length;
    await s.append(1, [`R-new-${round}`]);
    await s.waitForText(`R-new-${round}`);
    const seq = 2 + round;
    const placeholders = s.app.frames
      .slice(before)
      .map(visible)
      .filter((frame) => new RegExp(`\\b${seq} …`).test(frame));
    assert.deepEqual(placeholders, [], `block ${seq} was drawn as a placeholder first`);
  }
});

test('frames: after a flood of single appends the pane shows the last block and the full length', async (t) => {
  const s = await mount(t, { role: 'reader', left: 3, right: 2 });
  await s.waitForText('R-001');
  const appends: Array<Promise<void>> = [];
  for (let index = 0; index < 500; index++) {
    appends.push(s.append(1, [`F-${pad(index)}`]));
    if (index % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(appends);
  await s.waitForText('F-499');
  await s.waitForText('len 502');
});
