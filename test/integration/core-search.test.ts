import { test } from 'node:test';
import assert from 'node:assert/strict';
import type Hypercore from 'hypercore';
import { CoreSearch } from '../../source/net/core-search.js';
import type { SearchProgress, SearchScope } from '../../source/model/search.js';
import { cleanupFor } from '../../harness/cleanup.js';
import { storeIn, writerAndReader } from '../../harness/store.js';

function searchDone(search: CoreSearch): Promise<SearchProgress> {
  return new Promise((resolve) => {
    search.on('progress', (progress: SearchProgress) => {
      if (progress.done) resolve(progress);
    });
    search.start();
  });
}

const run = (core: Hypercore, query: string, scope: SearchScope = 'local') =>
  searchDone(new CoreSearch(core, query, scope));

test('search finds the blocks whose shown text contains the query, ignoring case', async (t) => {
  const cleanup = cleanupFor(t);
  const store = await storeIn(cleanup);
  const core = store.get({ name: 'log' });
  await core.ready();
  await core.append(
    ['alpha\n', 'Beta\n', 'gamma beta\n', 'delta\n', 'esc \x1b[31m red\n'].map((text) => Buffer.from(text)),
  );
  const progress = await run(core, 'BETA');
  assert.deepEqual(progress.matches, [1, 2]);
  assert.equal(progress.searched, 5);
  assert.deepEqual((await run(core, '\\x1b[31m')).matches, [4], 'escapes are searched as they are shown');
  assert.deepEqual((await run(core, 'x0a')).matches, [], 'the trailing newline is not part of the text');
});

test('a search over 5,000 blocks reports progress before it is done, and can be cancelled', async (t) => {
  const cleanup = cleanupFor(t);
  const store = await storeIn(cleanup);
  const core = store.get({ name: 'big' });
  await core.ready();
  await core.append(
    Array.from({ length: 5000 }, (_, index) => Buffer.from(`entry ${index}${index % 1000 === 7 ? ' needle' : ''}\n`)),
  );
  const seen: number[] = [];
  const search = new CoreSearch(core, 'needle', 'local');
  search.on('progress', (progress: SearchProgress) => seen.push(progress.scanned));
  const done = await searchDone(search);
  assert.deepEqual(done.matches, [7, 1007, 2007, 3007, 4007]);
  assert.equal(seen.at(-1), 5000);

  const cancelled = new CoreSearch(core, 'needle', 'local');
  const stopped = new Promise<SearchProgress>((resolve, reject) => {
    cancelled.on('cancelled', resolve);
    cancelled.on('progress', (progress: SearchProgress) => {
      if (progress.done) reject(new Error('a cancelled search reported done'));
    });
  });
  cancelled.start();
  cancelled.cancel();
  const last = await stopped;
  assert.ok(last.scanned < 5000, `stopped after ${last.scanned} of 5000 blocks`);
  assert.equal(last.done, false);
});

test('local search reads only blocks on disk; a search of all blocks downloads the rest', async (t) => {
  const cleanup = cleanupFor(t);
  const { copy } = await writerAndReader(
    cleanup,
    Array.from({ length: 100 }, (_, index) => `block ${index}${index % 10 === 3 ? ' hit' : ''}\n`),
  );
  for (const seq of [3, 4, 5, 13]) await copy.get(seq);

  const local = await run(copy, 'hit', 'local');
  assert.equal(local.total, 100);
  assert.equal(local.searched, 4, 'only the four local blocks were read');
  assert.deepEqual(local.matches, [3, 13]);

  const all = await run(copy, 'hit', 'all');
  assert.equal(all.searched, 100);
  assert.deepEqual(all.matches, [3, 13, 23, 33, 43, 53, 63, 73, 83, 93]);
});
