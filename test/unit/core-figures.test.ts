// A pane title's figures: when a count of the blocks here lands, and when it asks for a frame.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type Hypercore from 'hypercore';
import { CoreFigures } from '../../source/net/core-figures.js';

// A reader's core whose count says how many blocks are here.
function figuresOver(t: TestContext) {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
  const core = {
    length: 10,
    writable: false,
    peers: [],
    contiguousLength: 0,
    here: 4,
    count: () => Promise.resolve(core.here),
  };
  let changes = 0;
  const figures = new CoreFigures(core as unknown as Hypercore, () => changes++);
  t.after(() => figures.close());
  return { core, figures, changes: () => changes };
}

async function settled(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

test('a count that lands is shown by the next change sent out, with no frame of its own', async (t) => {
  const { figures, changes } = figuresOver(t);
  await settled();
  assert.equal(figures.stats(10).local, 4);
  figures.refresh();
  t.mock.timers.tick(1000);
  assert.equal(changes(), 0);
});

test('a count that no change carries asks for a frame within one refresh period', async (t) => {
  const { core, figures, changes } = figuresOver(t);
  await settled();
  figures.refresh();
  core.here = 7;
  figures.markStale();
  figures.refresh();
  t.mock.timers.tick(250);
  await settled();
  assert.equal(changes(), 0, 'the recount began after one refresh period, and has just landed');
  t.mock.timers.tick(249);
  assert.equal(changes(), 0);
  t.mock.timers.tick(1);
  assert.equal(changes(), 1);
  assert.equal(figures.stats(10).local, 7);
});
