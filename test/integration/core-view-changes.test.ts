// What a pane is told, and when: a CoreView over a real replica, as the screen uses it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CoreView } from '../../source/net/core-view.js';
import { blocks, writerAndReader } from '../helpers/replicas.js';
import { waitFor } from '../helpers/wait.js';

test('a block appended to a followed core comes in one change that already holds it', async (t) => {
  const { source, copy } = await writerAndReader(t, ['b0', 'b1']);
  const view = new CoreView('core-3', copy);
  t.after(() => view.close());
  copy.download({ start: copy.length, end: -1 });
  // As a pane following the tail does: after each frame, it asks for the blocks in view.
  const changes: Array<{ length: number; holdsLast: boolean }> = [];
  view.on('change', () => {
    changes.push({ length: copy.length, holdsLast: view.block(copy.length - 1) !== undefined });
    view.want(0, copy.length);
  });
  view.want(0, copy.length);
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
