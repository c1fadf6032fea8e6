// docs/screen.md#panes: a pane is a window onto its core. Over a million-block core it draws the tail and
// scrolls anywhere while holding only a bounded number of blocks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import React, { useMemo } from 'react';
import { render } from 'ink-testing-library';
import { CoreViewPane } from '../../source/app/CoreViewPane.js';
import { useViewFrames } from '../../source/hooks/use-view-frames.js';
import type { Scroll } from '../../source/layout/scroll.js';
import { CoreView } from '../../source/net/core-view.js';
import { cleanupFor } from '../../harness/cleanup.js';
import { storeIn } from '../../harness/store.js';
import { waitFor } from '../../harness/wait.js';
import { visible } from './helpers.js';

const BLOCKS = 1_000_000;
const BATCH = 20_000;
const CAPACITY = 256;

// A pane on the screen's frame clock, as ScreenApp draws it.
function Pane({ view, scroll }: { view: CoreView; scroll: Scroll }): React.JSX.Element {
  useViewFrames(useMemo(() => [view], [view]));
  return (
    <CoreViewPane
      view={view}
      highlight={null}
      marked={null}
      scroll={scroll}
      keyFormat="hex"
      focused
      width={60}
      height={23}
      blockLines={20}
      widthRules={0}
    />
  );
}

test(
  'a pane over a 1,000,000-block core draws the tail and holds a bounded number of blocks',
  { timeout: 300_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const store = await storeIn(cleanup);
    const core = store.get({ name: 'big' });
    await core.ready();
    for (let start = 0; start < BLOCKS; start += BATCH) {
      await core.append(Array.from({ length: BATCH }, (_, index) => Buffer.from(`block ${start + index}\n`)));
    }
    assert.equal(core.length, BLOCKS);

    const view = new CoreView('core-2', core, CAPACITY);
    cleanup.add('close the view', () => view.close());
    const app = render(<Pane view={view} scroll={{ follow: true }} />);
    cleanup.add('unmount the app', () => app.unmount());
    await waitFor('the tail drawn', () => visible(app.lastFrame()).includes(`block ${BLOCKS - 1}`));
    assert.ok(view.cachedCount() <= 20, `following the tail holds only the blocks in view (${view.cachedCount()})`);

    // Jump around the whole core, as PgUp/Home/End would: the cache never passes its bound.
    for (let round = 0; round < 40; round++) {
      const top = Math.floor(((round * 7919) % 1000) * (BLOCKS / 1000));
      app.rerender(<Pane view={view} scroll={{ follow: false, top, seen: BLOCKS }} />);
      await waitFor(
        `block ${top} drawn`,
        () => visible(app.lastFrame()).includes(`block ${top}\n`) || visible(app.lastFrame()).includes(`block ${top} `),
      );
      assert.ok(view.cachedCount() <= CAPACITY, `cache bounded at ${CAPACITY} (holds ${view.cachedCount()})`);
    }
    assert.ok(view.cachedCount() > 20, 'scrolling did fill the cache beyond one screen');
  },
);
