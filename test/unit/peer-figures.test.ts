import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeSync,
  formatBytes,
  formatDuration,
  formatRtt,
  syncOf,
  type CoreSyncFigures,
} from '../../source/model/peer-figures.js';

const core = (length: number, contiguousLength: number, remoteContiguousLength: number): CoreSyncFigures => ({
  name: 'core-2',
  key: Buffer.alloc(32),
  length,
  contiguousLength,
  remoteContiguousLength,
});

test('synced when both sides hold every block from 0 on; else the share the lesser side holds', () => {
  assert.deepEqual(syncOf(core(0, 0, 0)), { synced: true }, 'an empty core is in sync');
  assert.deepEqual(syncOf(core(10, 10, 10)), { synced: true });
  // A writer (holds all) whose reader has 4 of 10; a reader that has 4 of the 10 its writer has.
  assert.deepEqual(syncOf(core(10, 10, 4)), { synced: false, percent: 40 });
  assert.deepEqual(syncOf(core(10, 4, 10)), { synced: false, percent: 40 });
  assert.equal(describeSync(core(1000, 1000, 999), 1), '99%', 'never rounds up to 100');
  assert.equal(describeSync(core(3, 3, 0), 1), '0%');
  assert.equal(describeSync(core(3, 3, 3), 2), 'synced');
  assert.equal(describeSync(core(3, 3, 3), 0), 'no peer', 'nobody connected: no sync to speak of');
});

test('bytes, durations and round trips are worded short; what is unknown is a dash', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1023), '1023 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(200 * 1024), '200 KiB');
  assert.equal(formatBytes(5 * 1024 ** 3), '5.0 GiB');
  assert.equal(formatBytes(null), '–');
  assert.equal(formatBytes(Number.NaN), '–');
  assert.equal(formatDuration(-5), '0s');
  assert.equal(formatDuration(59_999), '59s');
  assert.equal(formatDuration(65_000), '1m 05s');
  assert.equal(formatDuration(2 * 3600_000 + 7 * 60_000), '2h 07m');
  assert.equal(formatDuration(50 * 3600_000), '2d 02h');
  assert.equal(formatRtt(0.4), '0 ms');
  assert.equal(formatRtt(12.6), '13 ms');
  assert.equal(formatRtt(null), '–');
});
