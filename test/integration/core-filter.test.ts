import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CoreFilter } from '../../source/net/core-filter.js';
import { parseFilter, type TextFilter } from '../../source/model/filter.js';
import { cleanupFor } from '../../harness/cleanup.js';
import { storeIn } from '../../harness/store.js';
import { waitFor } from '../../harness/wait.js';

function filterOf(text: string): TextFilter {
  const parsed = parseFilter(text);
  assert.ok(parsed.ok);
  return parsed.filter;
}

const rowsOf = (filter: CoreFilter) => Array.from({ length: filter.count }, (_, index) => filter.seqAt(index));

test('a filter keeps the matching blocks of the history and of live appends, in order, and follows a truncation', async (t) => {
  const cleanup = cleanupFor(t);
  const store = await storeIn(cleanup);
  const core = store.get({ name: 'log' });
  await core.ready();
  await core.append(
    Array.from({ length: 1000 }, (_, index) => Buffer.from(`entry ${index}${index % 100 === 7 ? ' Needle' : ''}\n`)),
  );
  const handed: number[] = [];
  const filter = new CoreFilter(core, filterOf('needle'), {
    changed: () => {},
    matched: (seq) => handed.push(seq),
  }).start();
  cleanup.add('close the filter', () => filter.close());
  await waitFor('the history read', () => filter.status().done);
  assert.deepEqual(rowsOf(filter), [7, 107, 207, 307, 407, 507, 607, 707, 807, 907]);
  assert.deepEqual(handed, [907, 807, 707, 607, 507, 407, 307, 207, 107, 7], 'the newest history matches first');
  handed.length = 0;
  assert.deepEqual(filter.status(), { matching: 10, scanned: 1000, done: true, stopped: null });
  assert.equal(filter.indexOf(300), 3);
  assert.equal(filter.indexOf(2000), 10);

  await core.append([Buffer.from('live needle\n'), Buffer.from('live other\n')]);
  await waitFor('the appends read', () => filter.status().scanned === 1002);
  assert.equal(rowsOf(filter).at(-1), 1000);
  assert.deepEqual(handed, [1000], 'a live match is handed over, to be shown without a read');

  await core.truncate(500);
  await core.append(Buffer.from('a new needle\n'));
  await waitFor('the new history read', () => filter.status().done && rowsOf(filter).at(-1) === 500);
  assert.deepEqual(rowsOf(filter), [7, 107, 207, 307, 407, 500]);
  assert.equal(filter.status().matching, 6);
});

test('a regular expression too slow stops the filter with a reason', async (t) => {
  const cleanup = cleanupFor(t);
  const store = await storeIn(cleanup);
  const core = store.get({ name: 'slow' });
  await core.ready();
  await core.append(Buffer.from(`${'a'.repeat(40)}c\n`));
  const filter = new CoreFilter(core, filterOf('/(a+)+b/'), { changed: () => {}, matched: () => {} }).start();
  cleanup.add('close the filter', () => filter.close());
  await waitFor('the filter stopped', () => filter.status().stopped !== null);
  assert.match(filter.status().stopped ?? '', /^the regular expression took over 250 ms: filter stopped$/);
  assert.equal(filter.count, 0);
});
