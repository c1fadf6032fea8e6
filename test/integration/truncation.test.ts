// A writer truncates its core (a new fork of its history): real Corestores in temp folders, the
// reader's copy replicated from the writer's. What a pane holds, what the plain reader follows and
// what a search found must drop the blocks that were cut off and take the new history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SearchProgress } from '../../source/model/search.js';
import { CoreSearch } from '../../source/net/core-search.js';
import { CoreView, type CoreStats } from '../../source/net/core-view.js';
import { followBlocks } from '../../source/net/follow-blocks.js';
import { cleanupFor } from '../../harness/cleanup.js';
import { blocks, storeIn, writerAndReader } from '../../harness/store.js';
import { waitFor } from '../../harness/wait.js';

test("a pane's view drops the blocks cut off, fetches the new ones, and says it was truncated", async (t) => {
  const cleanup = cleanupFor(t);
  const { source, copy } = await writerAndReader(cleanup, ['b0', 'b1', 'old b2', 'old b3']);
  const view = new CoreView('core-1', copy);
  cleanup.add('close the view', () => view.close());
  // The screen's frame clock fetches a grown tail at its next tick.
  view.on('due', () => view.tick());
  view.want(0, 4);
  await waitFor('the four blocks in the view', () => view.cachedCount() === 4);
  assert.equal(view.stats().truncatedTo, null);

  await source.truncate(2);
  await source.append(blocks('new b2'));
  await waitFor('the new block 2', () => {
    view.want(0, copy.length);
    return view.block(2)?.toString() === 'new b2';
  });
  assert.equal(view.block(3), undefined, 'the old block 3 is gone');
  assert.equal(view.block(1)?.toString(), 'b1', 'what the two histories share stays');
  assert.equal(view.stats().length, 3);
  assert.equal(view.stats().truncatedTo, 2, 'the title can say what the core was cut back to');
});

test("a pane's local count is of the history a truncation left, never past its length", async (t) => {
  const cleanup = cleanupFor(t);
  const { source, copy } = await writerAndReader(cleanup, ['b0', 'b1', 'b2', 'b3', 'b4', 'b5']);
  const view = new CoreView('core-1', copy);
  cleanup.add('close the view', () => view.close());
  view.want(0, 6);
  await waitFor('all six blocks counted here', () => view.stats().local === 6);

  // Read as the reader hears of each, before any recount: a title drawn then shows these.
  const heard = new Promise<{ truncated: CoreStats; appended: CoreStats }>((resolve) =>
    copy.once('truncate', () => {
      const truncated = view.stats();
      copy.once('append', () => resolve({ truncated, appended: view.stats() }));
    }),
  );
  await source.truncate(2);
  await source.append(blocks('new b2', 'new b3', 'new b4', 'new b5'));
  const { truncated, appended } = await heard;
  assert.deepEqual([truncated.length, truncated.local], [2, 2], 'cut to two blocks, both here');
  // The new blocks are announced before any of them is fetched: the pane keeps the two it has
  // until they come, and the six counted before the truncation are not what is here now.
  assert.deepEqual([appended.length, appended.local], [2, 2], 'still shown two blocks, both here');
  assert.equal(copy.length, 6);
});

test('followBlocks hears of the truncation and goes on with the new history', async (t) => {
  const cleanup = cleanupFor(t);
  const { source, copy } = await writerAndReader(cleanup, ['b0', 'b1', 'old b2', 'old b3']);
  const seen: string[] = [];
  const follower = followBlocks(
    copy,
    (seq, block) => seen.push(`${seq} ${block.toString()}`),
    (length, fork) => seen.push(`truncated to ${length}, fork ${fork}`),
  );
  cleanup.add('stop following', () => follower.stop());
  await waitFor('the first history', () => seen.length === 4);
  await source.truncate(2);
  await source.append(blocks('new b2', 'new b3', 'new b4'));
  await waitFor('the new history', () => seen.at(-1) === '4 new b4');
  assert.deepEqual(seen, [
    '0 b0',
    '1 b1',
    '2 old b2',
    '3 old b3',
    'truncated to 2, fork 1',
    '2 new b2',
    '3 new b3',
    '4 new b4',
  ]);
});

function lastProgress(search: CoreSearch, until: (progress: SearchProgress) => boolean): Promise<SearchProgress> {
  return new Promise((resolve) => {
    const check = (progress: SearchProgress) => {
      if (!until(progress)) return;
      search.off('progress', check);
      resolve(progress);
    };
    search.on('progress', check);
    if (until(search.progress)) resolve(search.progress);
  });
}

test('a search done before a truncation keeps no match past it', async (t) => {
  const cleanup = cleanupFor(t);
  const store = await storeIn(cleanup);
  const core = store.get({ name: 'log' });
  await core.ready();
  await core.append(
    Array.from({ length: 100 }, (_, index) => Buffer.from(`block ${index}${index % 10 === 3 ? ' hit' : ''}`)),
  );
  const search = new CoreSearch(core, 'hit', 'local').start();
  cleanup.add('cancel the search', () => search.cancel());
  const first = await lastProgress(search, (progress) => progress.done);
  assert.deepEqual(first.matches, [3, 13, 23, 33, 43, 53, 63, 73, 83, 93]);

  await core.truncate(35);
  const again = await lastProgress(search, (progress) => progress.done && progress.total === 35);
  assert.deepEqual(again.matches, [3, 13, 23, 33]);
  assert.equal(again.searched, 35);
});

test('a search running when the core is truncated reports only blocks that are left', async (t) => {
  const cleanup = cleanupFor(t);
  const store = await storeIn(cleanup);
  const core = store.get({ name: 'log' });
  await core.ready();
  await core.append(Array.from({ length: 5000 }, (_, index) => Buffer.from(`entry ${index} needle`)));
  const search = new CoreSearch(core, 'needle', 'local').start();
  cleanup.add('cancel the search', () => search.cancel());
  await lastProgress(search, (progress) => progress.scanned > 0 && !progress.done);
  await core.truncate(1000);
  await core.append(Buffer.from('a new block 1000, not searched: it came after the search began'));
  const done = await lastProgress(search, (progress) => progress.done);
  assert.equal(done.total, 1000);
  assert.equal(done.matches.length, 1000);
  assert.ok(
    done.matches.every((seq) => seq < 1000),
    'no match past the truncation',
  );
});
