import { test } from 'node:test';
import assert from 'node:assert/strict';
import Hyperbee2 from 'hyperbee2';
import type { KeyOrderEntry } from '../../source/decode/key-order.js';
import { Bee2KeyOrder } from '../../source/net/bee2-key-order.js';
import { cleanupFor } from '../../harness/cleanup.js';
import { storeIn } from '../../harness/store.js';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString();
const keys = (entries: KeyOrderEntry[]) => entries.map((entry) => text(entry.key));
const key = (n: number) => Buffer.from(`user/${String(n).padStart(2, '0')}`);

test("a replica of a hyperbee2 core is read in key order a page at a time, and each page follows the writer's batches", async (t) => {
  const cleanup = cleanupFor(t);
  const writerStore = await storeIn(cleanup);
  const readerStore = await storeIn(cleanup);
  const bee = new Hyperbee2(writerStore);
  await bee.ready();
  const first = bee.write();
  for (let n = 19; n >= 0; n--) first.tryPut(key(n), Buffer.from(JSON.stringify({ n })));
  first.tryPut(Buffer.from('big'), Buffer.alloc(3000, 'b'));
  await first.flush();

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
  const reader = new Bee2KeyOrder(readerStore, copy);
  cleanup.add('close the reader', () => reader.close());

  const page = await reader.range({ limit: 3 });
  assert.deepEqual(keys(page), ['big', 'user/00', 'user/01']);
  assert.equal(page[0].value.byteLength, 3000, 'a value stored in a block of its own is fetched whole');
  assert.equal(text(page[1].value), '{"n":0}');
  assert.equal(page[1].seq, copy.length - 1, 'the seq of the block that holds the key');
  assert.deepEqual(keys(await reader.range({ gt: key(1), limit: 2 })), ['user/02', 'user/03']);
  assert.deepEqual(keys(await reader.range({ lt: key(18), limit: 2, reverse: true })), ['user/17', 'user/16']);
  assert.deepEqual(keys(await reader.range({ gte: key(5), lte: key(7), limit: 10 })), [
    'user/05',
    'user/06',
    'user/07',
  ]);

  const second = bee.write();
  second.tryDelete(key(0));
  second.tryDelete(Buffer.from('big'));
  second.tryPut(Buffer.from('aaa'), Buffer.from('first'));
  await second.flush();
  await copy.update({ wait: true });
  assert.deepEqual(keys(await reader.range({ limit: 3 })), ['aaa', 'user/01', 'user/02'], 'deletes and a put show');
  assert.equal(copy.length, bee.core.length);
});
