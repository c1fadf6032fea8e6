import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDiskFull } from '../../source/net/disk-full.js';
import { LineAppendQueue, type AppendFailure } from '../../source/net/line-append-queue.js';
import { AppendError, type AppendReceipt } from '../../source/net/writer-session.js';

// RocksDB's shape: a generic message, the errno on the cause.
function rocksDiskFull(): Error {
  const cause = Object.assign(new Error('While appending to file: db/000004.log: No space left on device'), {
    code: 'ENOSPC',
  });
  return new Error('Batch was not applied', { cause });
}

function receipt(seq: number): AppendReceipt {
  return { core: 'core-3', seq, byteLength: 10 };
}

test('RocksDB\'s "Batch was not applied" is a full disk when its cause says ENOSPC', () => {
  assert.equal(isDiskFull(rocksDiskFull()), true);
  assert.equal(isDiskFull(new Error('Batch was not applied')), false);
  assert.equal(isDiskFull('ENOSPC'), false);
});

test('lines that arrive during a batch go together in the next one; a failure names the last block stored', async () => {
  const batches: string[][] = [];
  let next = 0;
  let full = false;
  const writer = {
    storage: '/data/store',
    appendLines: async (lines: readonly string[]) => {
      batches.push([...lines]);
      await new Promise((resolve) => setImmediate(resolve));
      if (full) throw rocksDiskFull();
      return lines.map(() => receipt(next++));
    },
  };
  const stored: number[] = [];
  const failures: AppendFailure[] = [];
  const queue = new LineAppendQueue(writer, {
    stored: (receipts) => stored.push(...receipts.map((r) => r.seq)),
    failed: (failure) => failures.push(failure),
  });
  queue.push(['a line']);
  queue.push(['b line', 'c line']);
  queue.push(['d line']);
  await queue.idle();
  assert.deepEqual(batches, [['a line'], ['b line', 'c line', 'd line']]);
  assert.deepEqual(stored, [0, 1, 2, 3]);

  full = true;
  queue.push(['e line']);
  await queue.idle();
  assert.equal(failures.length, 1);
  assert.equal(
    failures[0].message,
    'no space left on device in /data/store: last block stored was core-3 block 3; free some space, then start the writer again',
  );
  assert.deepEqual(failures[0].unstoredLines, ['e line']);
});

test('a half-failed batch reports the lines that are on disk, then the failure with the rest', async () => {
  const writer = {
    storage: '/data/store',
    appendLines: () =>
      Promise.reject(new AppendError([{ core: 'core-2', seq: 7, byteLength: 3 }], ['long line'], rocksDiskFull())),
  };
  const stored: AppendReceipt[] = [];
  const failures: AppendFailure[] = [];
  const queue = new LineAppendQueue(writer, {
    stored: (receipts) => stored.push(...receipts),
    failed: (failure) => failures.push(failure),
  });
  queue.push(['hi', 'long line']);
  await queue.idle();
  assert.deepEqual(stored, [{ core: 'core-2', seq: 7, byteLength: 3 }]);
  assert.match(failures[0].message, /^no space left on device in \/data\/store: last block stored was core-2 block 7;/);
  assert.deepEqual(failures[0].unstoredLines, ['long line']);
});

test('another failure is one escaped line, and says when nothing was stored', async () => {
  const writer = {
    storage: '/data/store',
    appendLines: () => Promise.reject(new Error('disk on fire\x1b[2J\nsecond line')),
  };
  const failures: AppendFailure[] = [];
  const queue = new LineAppendQueue(writer, { stored: () => {}, failed: (failure) => failures.push(failure) });
  queue.push(['x line']);
  await queue.idle();
  assert.equal(failures.length, 1);
  assert.doesNotMatch(failures[0].message, /[\n\x1b]/);
  assert.match(failures[0].message, /^could not store a line in \/data\/store \(disk on fire.*\): no line was stored/);
});

test('a long run of lines is stored in batches of at most 2,048, each line once and in order', async () => {
  const batches: string[][] = [];
  let next = 0;
  const writer = {
    storage: '/data/store',
    appendLines: async (lines: readonly string[]) => {
      batches.push([...lines]);
      await new Promise((resolve) => setImmediate(resolve));
      return lines.map(() => receipt(next++));
    },
  };
  const stored: number[] = [];
  const queue = new LineAppendQueue(writer, {
    stored: (receipts) => stored.push(...receipts.map((r) => r.seq)),
    failed: () => {},
  });
  const lines = Array.from({ length: 5000 }, (_, index) => `line ${index}`);
  queue.push(lines);
  await queue.idle();
  assert.deepEqual(
    batches.map((batch) => batch.length),
    [2048, 2048, 904],
  );
  assert.deepEqual(batches.flat(), lines);
  assert.equal(stored.length, 5000);
});
