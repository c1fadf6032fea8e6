// What a pane is told, and when: a CoreView over a real replica, as the screen uses it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CoreView } from '../../source/net/core-view.js';
import { FrameClock } from '../../source/net/frame-clock.js';
import { cleanupFor, type Cleanup } from '../../harness/cleanup.js';
import { blocks, writerAndReader } from '../../harness/store.js';
import { sleep, waitFor } from '../../harness/wait.js';
import type Hypercore from 'hypercore';

// A view as a pane following the tail uses it, on the screen's frame clock: after each frame, it
// asks for the blocks in view, the last `rows` (the room the pane has), or all of them. Each frame
// is kept with what it showed: whether it held the last block, and how many in view it lacked.
function followTail(cleanup: Cleanup, copy: Hypercore, rows?: number) {
  const view = new CoreView('core-3', copy);
  const clock = new FrameClock([view]);
  cleanup.add('close the view', () => view.close());
  const changes: Array<{ length: number; holdsLast: boolean; missing: number }> = [];
  const startFor = (length: number) => (rows === undefined ? 0 : Math.max(0, length - rows));
  const want = (length: number) => view.want(startFor(length), length, rows);
  const stop = clock.subscribe(() => {
    const { length } = view.stats();
    let missing = 0;
    for (let seq = startFor(length); seq < length; seq++) if (view.block(seq) === undefined) missing++;
    changes.push({ length, holdsLast: view.block(length - 1) !== undefined, missing });
    want(length);
  });
  cleanup.add('stop following', stop);
  want(copy.length);
  return { view, changes };
}

// Blocks "line 1" to "line <total - 1>", 10 to an append, an append every 5 ms: each append alone
// is a flood, however fast the reader keeps up.
async function flood(source: Hypercore, total: number): Promise<void> {
  const appends: Array<Promise<unknown>> = [];
  for (let from = 1; from < total; from += 10) {
    const batch: Buffer[] = [];
    for (let seq = from; seq < Math.min(total, from + 10); seq++) batch.push(Buffer.from(`line ${seq}`));
    appends.push(source.append(batch));
    await sleep(5);
  }
  await Promise.all(appends);
}

test('a block appended to a followed core comes in one change that already holds it', async (t) => {
  const cleanup = cleanupFor(t);
  const { source, copy } = await writerAndReader(cleanup, ['b0', 'b1']);
  const { view, changes } = followTail(cleanup, copy);
  await waitFor('the first two blocks', () => view.cachedCount() === 2);

  for (const text of ['one', 'two', 'three']) {
    const before = changes.length;
    await source.append(blocks(text));
    await waitFor(`"${text}" in the view`, () => view.block(source.length - 1)?.toString() === text);
    const shown = changes.slice(before).filter((change) => change.length === source.length);
    assert.ok(shown.length > 0, 'a change showed the new length');
    assert.ok(shown[0].holdsLast, `the first change that showed length ${source.length} held its block`);
  }
});

test('a pane with rows to spare gets the next block appended in the change that shows it, the first block too', async (t) => {
  const cleanup = cleanupFor(t);
  const { source, copy } = await writerAndReader(cleanup, []);
  const { changes } = followTail(cleanup, copy, 10);
  for (const text of ['b0', 'b1']) {
    await source.append(blocks(text));
    const length = source.length;
    await waitFor(`block ${length - 1} in a change`, () => changes.some((change) => change.length === length));
    assert.ok(
      changes.find((change) => change.length === length)?.holdsLast,
      `the first change showing block ${length - 1} held it`,
    );
  }
});

test('a followed core that is not flooding asks for the next block ahead: it comes with the new length, in one round trip', async (t) => {
  const cleanup = cleanupFor(t);
  const { source, copy } = await writerAndReader(cleanup, ['b0']);
  const { view } = followTail(cleanup, copy, 10);
  await waitFor('block 0', () => view.block(0) !== undefined);
  for (const text of ['b1', 'b2', 'b3']) {
    const seq = copy.length;
    // Without asking ahead, the new length comes first and the block only after a request for it.
    const heldWhenAnnounced = new Promise<boolean>((resolve) =>
      copy.once('append', () => void copy.has(seq).then(resolve)),
    );
    await sleep(20);
    await source.append(blocks(text));
    assert.equal(await heldWhenAnnounced, true, `block ${seq} was on disk when the length grew to hold it`);
    await waitFor(`"${text}" in the view`, () => view.block(seq)?.toString() === text);
  }
});

test('under a flood a followed tail is fetched at the pace of frames: most changes hold every block they show, and those that scrolled past unseen are not fetched', async (t) => {
  const cleanup = cleanupFor(t);
  const { source, copy } = await writerAndReader(cleanup, ['b0']);
  // A pane 20 rows high following the tail.
  const rows = 20;
  const { view, changes } = followTail(cleanup, copy, rows);
  await waitFor('block 0', () => view.block(0) !== undefined);

  const total = 3000;
  await flood(source, total);
  await waitFor('the last block in a change', () => changes.at(-1)?.length === total && changes.at(-1)?.missing === 0);

  // The first fetches over a fresh connection can outlast the wait a change gives its blocks
  // (APPEND_SHOWN_WITHIN_MS): the changes are judged once the flood is under way. On a loaded
  // machine a few may still show a placeholder, never most.
  const shown = changes.filter((change) => change.length > total / 10);
  assert.ok(shown.length >= 2, `changes came while the blocks flowed: ${shown.length}`);
  const withHoles = shown.filter((change) => change.missing > 0);
  assert.ok(withHoles.length <= shown.length / 4, `changes with placeholders: ${JSON.stringify(withHoles)}`);
  for (let seq = total - rows; seq < total; seq++) assert.equal(view.block(seq)?.toString(), `line ${seq}`);
  const fetched = await copy.count(0, total);
  t.diagnostic(`${shown.length} changes, ${withHoles.length} with placeholders; ${fetched} of ${total} blocks fetched`);
  assert.ok(fetched < total / 2, `the reader stored ${fetched} of ${total} blocks`);
});

test('once a flood is over, the two pages behind a followed tail are fetched, so paging up shows text at once', async (t) => {
  const cleanup = cleanupFor(t);
  const { source, copy } = await writerAndReader(cleanup, ['b0']);
  const rows = 20;
  const { view } = followTail(cleanup, copy, rows);
  await waitFor('block 0', () => view.block(0) !== undefined);

  const total = 1000;
  await flood(source, total);

  const behind = { start: total - 3 * rows, end: total - rows };
  await waitFor(`blocks ${behind.start}–${behind.end - 1}, two pages behind the tail`, () => {
    for (let seq = behind.start; seq < behind.end; seq++) if (view.block(seq) === undefined) return false;
    return true;
  });
  for (let seq = behind.start; seq < behind.end; seq++) assert.equal(view.block(seq)?.toString(), `line ${seq}`);
  const fetched = await copy.count(0, total);
  assert.ok(fetched < total / 2, `the reader stored ${fetched} of ${total} blocks`);
});

test('under a flood, a frame drawn while the next tail fetch waits leaves the pane following: the next change holds the new tail', async (t) => {
  const cleanup = cleanupFor(t);
  const { source, copy } = await writerAndReader(cleanup, ['b0']);
  const rows = 20;
  const { view, changes } = followTail(cleanup, copy, rows);
  await waitFor('block 0', () => view.block(0) !== undefined);
  const batch = (from: number) => Array.from({ length: 10 }, (_, index) => Buffer.from(`line ${from + index}`));

  // Ten blocks in one append are a flood: the next tail fetch waits for the flood's frame gap.
  await source.append(batch(1));
  await waitFor('blocks 1–10 in a change', () => changes.some((change) => change.length === 11 && change.holdsLast));
  const grown = new Promise((resolve) => copy.once('append', resolve));
  await source.append(batch(11));
  await grown;
  assert.equal(view.stats().length, 11, 'the pane is shown the last tail fetched until the next fetch');
  // A frame for something else (a key, the other pane) redraws this pane now, up to that length.
  view.want(0, 11, rows);

  await waitFor('length 21 in a change', () => changes.some((change) => change.length === 21));
  const first = changes.find((change) => change.length === 21);
  assert.ok(first?.holdsLast, 'the first change showing length 21 held block 20');
  for (let seq = 1; seq < 21; seq++) assert.equal(view.block(seq)?.toString(), `line ${seq}`);
});

test("a frame that shows a new length moves the view's snapshot too, so a pane redrawn only on its own changes shows it", async (t) => {
  const cleanup = cleanupFor(t);
  const { source, copy } = await writerAndReader(cleanup, ['b0']);
  const view = new CoreView('core-3', copy);
  const clock = new FrameClock([view]);
  cleanup.add('close the view', () => view.close());
  const frames: Array<{ length: number; snapshot: number }> = [];
  const stop = clock.subscribe(() => {
    const { length } = view.stats();
    frames.push({ length, snapshot: view.getSnapshot() });
    view.want(Math.max(0, length - 10), length, 10);
  });
  cleanup.add('stop following', stop);
  view.want(0, copy.length, 10);
  await waitFor('block 0', () => view.block(0) !== undefined);
  for (const text of ['b1', 'b2', 'b3', 'b4', 'b5']) {
    await source.append(blocks(text));
    await waitFor(`"${text}" in a frame`, () => frames.some((frame) => frame.length === source.length));
    await sleep(20);
  }
  for (let index = 1; index < frames.length; index++) {
    if (frames[index].length === frames[index - 1].length) continue;
    assert.notEqual(
      frames[index].snapshot,
      frames[index - 1].snapshot,
      `frame ${index} showed length ${frames[index].length}`,
    );
  }
});
