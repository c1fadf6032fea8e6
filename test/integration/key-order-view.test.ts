// A bee's contents in key order as a pane reads them: a KeyOrderView over HyperbeeKeyOrder, on a
// real replica of a bee written by the hyperbee package, on the screen's frame clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Hyperbee from 'hyperbee';
import type Hypercore from 'hypercore';
import { HyperbeeKeyOrder } from '../../source/net/bee-key-order.js';
import { FrameClock } from '../../source/net/frame-clock.js';
import { KeyOrderView } from '../../source/net/key-order-view.js';
import { cleanupFor, type Cleanup } from '../../harness/cleanup.js';
import { storeIn } from '../../harness/store.js';
import { sleep, waitFor } from '../../harness/wait.js';

const keyOf = (n: number): string => `user/${String(n).padStart(5, '0')}`;

// A bee of `count` entries (user/00000 → {"n":0} …) written in batches, and a reader's replica of
// its core that counts the blocks it downloads.
async function beeAndReplica(cleanup: Cleanup, count: number) {
  const writerStore = await storeIn(cleanup);
  const readerStore = await storeIn(cleanup);
  const bee = new Hyperbee<string, string>(writerStore.get({ name: 'bee' }), {
    keyEncoding: 'utf-8',
    valueEncoding: 'utf-8',
  });
  await bee.ready();
  for (let from = 0; from < count; from += 500) {
    const batch = bee.batch();
    for (let n = from; n < Math.min(count, from + 500); n++) await batch.put(keyOf(n), JSON.stringify({ n }));
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
  return { bee, copy, downloaded };
}

// A view as a pane uses it: on the frame clock, `rows` entries in view; `frames` counts the frames drawn.
function keyOrderPane(cleanup: Cleanup, copy: Hypercore, rows: number) {
  const view = new KeyOrderView(copy, new HyperbeeKeyOrder(copy));
  cleanup.add('close the key-order view', () => view.close());
  const clock = new FrameClock([view]);
  const frames = { drawn: 0 };
  cleanup.add(
    'stop the clock',
    clock.subscribe(() => frames.drawn++),
  );
  view.want(rows);
  const keys = () => view.page().map((entry) => Buffer.from(entry.key).toString());
  return { view, keys, frames };
}

const range = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => keyOf(from + i));

test('the key-order view reads the first page of a 3,000-entry bee, and only what that page needs', async (t) => {
  const cleanup = cleanupFor(t);
  const { copy, downloaded } = await beeAndReplica(cleanup, 3000);
  const { view, keys } = keyOrderPane(cleanup, copy, 10);
  await waitFor('the first page', () => keys().length === 10);
  assert.deepEqual(keys(), range(0, 10));
  assert.equal(Buffer.from(view.page()[3].value).toString(), '{"n":3}');
  assert.ok(downloaded.blocks < 100, `${downloaded.blocks} blocks downloaded for a page of 10`);
});

test('moves read forwards from the last key and backwards from the first; Home and End go to the ends', async (t) => {
  const cleanup = cleanupFor(t);
  const { copy, downloaded } = await beeAndReplica(cleanup, 3000);
  const { view, keys } = keyOrderPane(cleanup, copy, 10);
  await waitFor('the first page', () => keys().length === 10);
  const settle = (what: string, expected: string[]) =>
    waitFor(what, () => JSON.stringify(keys()) === JSON.stringify(expected), { describe: () => keys().join(' ') });

  view.move('page-down');
  await settle('the second page', range(10, 20));
  for (let i = 0; i < 9; i++) view.move('scroll-down');
  await waitFor('the selection at the last row', () => view.selectedRow() === 9);
  view.move('scroll-down');
  await settle('one entry further', range(11, 21));
  assert.equal(Buffer.from(view.selectedEntry()?.key ?? []).toString(), keyOf(20));
  view.move('page-up');
  await settle('a page back, read backwards from the first key', range(1, 11));
  view.move('page-up');
  await settle('the start, filled forwards', range(0, 10));
  view.move('bottom');
  await settle('the last page', range(2990, 3000));
  assert.equal(view.selectedRow(), 9);
  view.move('page-down');
  await waitFor('the last page still', () => view.selectedRow() === 9);
  assert.deepEqual(keys(), range(2990, 3000));
  view.move('top');
  await settle('the first page again', range(0, 10));
  assert.equal(view.selectedRow(), 0);
  assert.ok(downloaded.blocks < 300, `${downloaded.blocks} blocks downloaded for a few pages`);
});

test('puts and dels the writer makes show up in the page in view, in key order', async (t) => {
  const cleanup = cleanupFor(t);
  const { bee, copy } = await beeAndReplica(cleanup, 50);
  const { view, keys, frames } = keyOrderPane(cleanup, copy, 5);
  await waitFor('the first page', () => keys().length === 5);
  view.move('page-down');
  await waitFor('the second page', () => keys()[0] === keyOf(5));

  await bee.put('user/00006a', 'between 6 and 7');
  await waitFor(
    'the new key in place',
    () => keys().join(' ') === 'user/00005 user/00006 user/00006a user/00007 user/00008',
  );
  assert.equal(Buffer.from(view.page()[2].value).toString(), 'between 6 and 7');
  assert.equal(view.page()[2].seq, copy.length - 1, 'the entry names the block that wrote it');

  await bee.del(keyOf(5));
  await waitFor(
    'the first key deleted, the page starting after it',
    () => keys().join(' ') === 'user/00006 user/00006a user/00007 user/00008 user/00009',
  );

  const drawnBefore = frames.drawn;
  await bee.put(keyOf(7), 'changed');
  await waitFor('the new value', () => Buffer.from(view.page()[2]?.value ?? []).toString() === 'changed');
  assert.ok(frames.drawn > drawnBefore, 'a frame was drawn for the change');
});

test('the last page follows the end of the bee as keys are added after it', async (t) => {
  const cleanup = cleanupFor(t);
  const { bee, copy } = await beeAndReplica(cleanup, 20);
  const { view, keys } = keyOrderPane(cleanup, copy, 4);
  await waitFor('the first page', () => keys().length === 4);
  view.move('bottom');
  await waitFor('the last page', () => keys()[3] === keyOf(19));
  await bee.put(keyOf(20), 'new');
  await waitFor('the new last key', () => keys().join(' ') === range(17, 21).join(' '));
});

test('a bee cut back by its writer is read again: the entries the cut removed are gone', async (t) => {
  const cleanup = cleanupFor(t);
  const { bee, copy } = await beeAndReplica(cleanup, 10);
  const { keys } = keyOrderPane(cleanup, copy, 20);
  await bee.put('zzz', 'last');
  await waitFor('all eleven', () => keys().length === 11);
  await bee.core.truncate(bee.core.length - 1);
  await waitFor('the truncated put gone', () => keys().length === 10 && !keys().includes('zzz'), {
    describe: () => keys().join(' '),
  });
});

test('a node no hyperbee would write (its last block) is said in one line; the page read before stays', async (t) => {
  const cleanup = cleanupFor(t);
  const { bee, copy } = await beeAndReplica(cleanup, 10);
  const { view, keys } = keyOrderPane(cleanup, copy, 5);
  await waitFor('the first page', () => keys().length === 5);
  await bee.core.append(Buffer.from([0x0a, 0x05, 0x01]));
  await waitFor('the failure said', () => view.readFailure() ?? undefined, { describe: () => keys().join(' ') });
  assert.match(view.readFailure() ?? '', /^the entries could not be read: .+/);
  assert.ok(!(view.readFailure() ?? '').includes('\n'), 'one line');
  assert.deepEqual(keys(), range(0, 5));
});

test('a view hidden (its pane on another page) reads nothing as the bee grows, and reads the page again when shown', async (t) => {
  const cleanup = cleanupFor(t);
  const { bee, copy } = await beeAndReplica(cleanup, 10);
  const reader = new HyperbeeKeyOrder(copy);
  const reads = { count: 0 };
  const counted = {
    range: (range: Parameters<HyperbeeKeyOrder['range']>[0]) => {
      reads.count++;
      return reader.range(range);
    },
    close: () => reader.close(),
  };
  const view = new KeyOrderView(copy, counted);
  cleanup.add('close the key-order view', () => view.close());
  const clock = new FrameClock([view]);
  cleanup.add(
    'stop the clock',
    clock.subscribe(() => {}),
  );
  const keys = () => view.page().map((entry) => Buffer.from(entry.key).toString());
  view.want(20);
  await waitFor('the page', () => keys().length === 10);
  view.hide();
  const before = reads.count;
  await bee.put('user/00003a', 'while hidden');
  await waitFor('the put replicated', () => copy.length === bee.core.length);
  await sleep(300);
  assert.equal(reads.count, before, 'no read while hidden');
  view.want(20);
  await waitFor('the put, once shown again', () => keys().includes('user/00003a'));
});
