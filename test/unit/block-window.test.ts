import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockWindow } from '../../source/net/block-window.js';
import { FakeLog } from '../helpers/fake-log.js';

function windowOver(log: FakeLog, capacity = 1024) {
  const landed: number[] = [];
  const missed: number[] = [];
  const window = new BlockWindow(
    log,
    { landed: (seq) => landed.push(seq), missed: (seq) => missed.push(seq) },
    capacity,
  );
  return { window, landed, missed };
}

test('a window fetches only the blocks it lacks, once each, and says how many it lacks', async () => {
  const log = new FakeLog(10);
  const { window, landed } = windowOver(log);
  assert.equal(window.fetchMissing(0, 4), 4);
  assert.equal(window.fetchMissing(2, 6), 4, 'two on their way, two new');
  assert.deepEqual(log.asked, [0, 1, 2, 3, 4, 5], 'none asked twice');
  await log.serve();
  assert.deepEqual(landed, [0, 1, 2, 3, 4, 5]);
  assert.equal(window.block(3)?.toString(), 'block 3');
  assert.equal(window.fetchMissing(0, 6), 0);
  assert.equal(log.asked.length, 6);
});

test('a window holds at most its capacity, dropping the blocks asked for least recently', async () => {
  const log = new FakeLog(100);
  const { window } = windowOver(log, 8);
  window.fetchMissing(0, 8);
  await log.serve();
  // Blocks 0–3 asked for again: 4–7 are now the oldest.
  window.fetchMissing(0, 4);
  window.fetchMissing(50, 54);
  await log.serve();
  assert.equal(window.size(), 8);
  for (const seq of [0, 1, 2, 3, 50, 51, 52, 53]) assert.ok(window.has(seq), `holds ${seq}`);
  for (const seq of [4, 5, 6, 7]) assert.ok(!window.has(seq), `dropped ${seq}`);
  window.remember(99, Buffer.from('mine'));
  assert.equal(window.size(), 8);
  assert.ok(!window.has(0) && window.has(99));
});

test('a truncation drops the blocks cut off, and a fetch asked for before it lands nothing', async () => {
  const log = new FakeLog(6);
  const { window, landed } = windowOver(log);
  window.fetchMissing(0, 4);
  await log.serve();
  window.fetchMissing(4, 6);
  window.truncate(3);
  await log.serve();
  assert.deepEqual(landed, [0, 1, 2, 3]);
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((seq) => window.has(seq)),
    [true, true, true, false, false, false],
  );
  assert.equal(window.fetching(4), false, 'nothing stays on its way from the old history');
});

test('a block asked for ahead is fetched once, without a timeout, until it settles', async () => {
  const log = new FakeLog(3);
  const { window, landed, missed } = windowOver(log);
  window.fetchMissing(3, 4, { ahead: true });
  assert.equal(window.fetchingAhead(), true);
  assert.deepEqual(log.options.at(-1), {}, 'waits for the writer as long as it takes');
  await log.serve();
  assert.equal(window.fetchingAhead(), true, 'block 3 does not exist yet');
  log.grow(4);
  await log.serve();
  assert.equal(window.fetchingAhead(), false);
  assert.deepEqual(landed, [3]);
  window.fetchMissing(7, 8);
  assert.deepEqual(log.options.at(-1), { timeout: 3000 }, 'a block in view is asked with a timeout');
  log.fail(7);
  await log.serve();
  assert.deepEqual(missed, [7], 'a block in view that did not come is reported, to be asked again');
});
