// A hyperbee2 core's contents in key order: Bee2KeyOrder on a real replica of a core written by the
// hyperbee2 package, alone and under a KeyOrderView on the screen's frame clock, as a pane reads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Hyperbee2 from 'hyperbee2';
import type { KeyOrderEntry } from '../../source/decode/key-order.js';
import { Bee2KeyOrder } from '../../source/net/bee2-key-order.js';
import { FrameClock } from '../../source/net/frame-clock.js';
import { KeyOrderView } from '../../source/net/key-order-view.js';
import { cleanupFor, type Cleanup } from '../../harness/cleanup.js';
import { storeIn } from '../../harness/store.js';
import { waitFor } from '../../harness/wait.js';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString();
const keys = (entries: readonly KeyOrderEntry[]) => entries.map((entry) => text(entry.key));
const keyOf = (n: number) => `user/${String(n).padStart(5, '0')}`;
const range = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => keyOf(from + i));

// A hyperbee2 core of `count` entries (user/00000 → {"n":0} …), written in batches of 25 from the
// last key down (a block or so each), and a reader's replica that counts the blocks it downloads.
async function bee2AndReplica(cleanup: Cleanup, count: number) {
  const writerStore = await storeIn(cleanup);
  const readerStore = await storeIn(cleanup);
  const bee = new Hyperbee2(writerStore);
  await bee.ready();
  for (let to = count; to > 0; to -= 25) {
    const batch = bee.write();
    for (let n = to - 1; n >= Math.max(0, to - 25); n--) batch.tryPut(Buffer.from(keyOf(n)), Buffer.from(`{"n":${n}}`));
    await batch.flush();
  }
  const streamA = writerStore.replicate(true);
  const streamB = readerStore.replicate(false);
  streamA.pipe(streamB).pipe(streamA);
  cleanup.add('end the replication', () => {
    streamA.destroy();
    streamB.destroy();
  });
  const copy = readerStore.get({ key: bee.core.key });
  await copy.ready();
  await copy.update({ wait: true });
  const downloaded = { blocks: 0 };
  copy.on('download', () => downloaded.blocks++);
  const reader = new Bee2KeyOrder(readerStore, copy);
  cleanup.add('close the reader', () => reader.close());
  const write = async (ops: Array<[string, string] | [string]>) => {
    const batch = bee.write();
    for (const [key, value] of ops) {
      if (value === undefined) batch.tryDelete(Buffer.from(key));
      else batch.tryPut(Buffer.from(key), Buffer.from(value));
    }
    await batch.flush();
  };
  return { bee, copy, reader, downloaded, write };
}

test('a replica of a hyperbee2 core is read in key order a page at a time, within bounds, either way', async (t) => {
  const cleanup = cleanupFor(t);
  const { copy, reader, write } = await bee2AndReplica(cleanup, 20);
  await write([['big', 'b'.repeat(3000)]]);
  await copy.update({ wait: true });

  const page = await reader.range({ limit: 3 });
  assert.deepEqual(keys(page), ['big', keyOf(0), keyOf(1)]);
  assert.equal(page[0].value.byteLength, 3000, 'a value stored in a block of its own is fetched whole');
  assert.equal(page[0].seq, copy.length - 1, 'the seq of the block that holds the key');
  assert.equal(text(page[1].value), '{"n":0}');
  assert.deepEqual(keys(await reader.range({ gt: Buffer.from(keyOf(1)), limit: 2 })), range(2, 4));
  assert.deepEqual(keys(await reader.range({ lt: Buffer.from(keyOf(18)), limit: 2, reverse: true })), [
    keyOf(17),
    keyOf(16),
  ]);
  assert.deepEqual(keys(await reader.range({ gte: Buffer.from(keyOf(5)), lte: Buffer.from(keyOf(7)), limit: 9 })), [
    ...range(5, 8),
  ]);
  assert.deepEqual(await reader.range({ limit: 0 }), []);
});

test('the key-order view over a 3,000-entry hyperbee2 core reads its first page, and only what that page needs', async (t) => {
  const cleanup = cleanupFor(t);
  const { copy, reader, downloaded, write } = await bee2AndReplica(cleanup, 3000);
  const view = new KeyOrderView(copy, reader);
  cleanup.add('close the key-order view', () => view.close());
  const clock = new FrameClock([view]);
  cleanup.add(
    'stop the clock',
    clock.subscribe(() => {}),
  );
  view.want(5);
  const shown = () => keys(view.page()).join(' ');
  await waitFor('the first page', () => shown() === range(0, 5).join(' '), { describe: shown });
  // hyperbee2 fetches the block of every key of each node on the page's path, not only the page's.
  assert.ok(downloaded.blocks < copy.length / 2, `${downloaded.blocks} of ${copy.length} blocks downloaded for 5 rows`);

  view.move('bottom');
  await waitFor('the last page', () => shown() === range(2995, 3000).join(' '), { describe: shown });
  view.move('top');
  await waitFor('the first page again', () => shown() === range(0, 5).join(' '), { describe: shown });

  // One batch: a delete of the first key and a put before the second.
  await write([[keyOf(0)], ['user/00000a', 'new']]);
  await waitFor("the writer's batch in place", () => shown() === ['user/00000a', ...range(1, 5)].join(' '), {
    describe: shown,
  });
  assert.equal(text(view.page()[0].value), 'new');
});
