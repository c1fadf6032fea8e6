import React, { useEffect, useSyncExternalStore } from 'react';
import { CorePane, type PaneBlock } from '../components/CorePane.js';
import { newSincePaused, visibleRange, type Scroll } from '../layout/scroll.js';
import { shortKey, type KeyFormat } from '../model/keys.js';
import type { CoreView } from '../net/core-view.js';
import { driveFigures } from '../decode/drive.js';

export interface CoreViewPaneProps {
  view: CoreView;
  // The main key it came from, short, when a reader has several; null otherwise.
  origin?: string | null;
  // The pane can show key order too: its title says it shows the log.
  logTitle?: boolean;
  scroll: Scroll;
  keyFormat: KeyFormat;
  focused: boolean;
  width: number;
  height: number;
  blockLines: number;
  highlight: string | null;
  // The block Enter would show, drawn marked (focused pane only).
  marked: number | null;
  // The version of the width rules (source/text/terminal-width.ts): memo draws the rows again when it changes.
  widthRules: number;
  // Long blocks wrap (w).
  wrap?: boolean;
  // A drive's blobs core: its length and the blocks of it here, once it is open.
  blobsLength?: number;
  blobsLocal?: number;
}

// Binds a CoreView to a pane: asks for the blocks in view, shows what has arrived. It renders
// again when a frame drawn changed its view (memo keeps it still otherwise), and asks again then:
// a block that failed to come is asked for while it is in view, and a pane asking up to the
// length it is shown follows the tail. Filtered, its rows are the matching blocks
// (docs/screen.md#filter), and it asks for those.
export const CoreViewPane = React.memo(function CoreViewPane({
  view,
  origin,
  logTitle = false,
  scroll,
  keyFormat,
  focused,
  width,
  height,
  blockLines,
  highlight,
  marked,
  wrap = false,
  blobsLength,
  blobsLocal,
}: CoreViewPaneProps): React.JSX.Element {
  const drawn = useSyncExternalStore(view.subscribe, view.getSnapshot);
  const stats = view.stats();
  const filtered = view.filtered();
  const rows = filtered ? filtered.count : stats.length;
  const { start, end } = visibleRange(scroll, rows, blockLines);
  useEffect(() => {
    view.wantRows(start, end, blockLines);
  }, [view, drawn, start, end, blockLines]);
  const blocks: PaneBlock[] = [];
  for (let row = start; row < end; row++) {
    const seq = filtered ? filtered.seqAt(row) : row;
    blocks.push({ seq, bytes: view.block(seq) });
  }
  return (
    <CorePane
      name={view.name}
      origin={origin}
      viewName={logTitle ? 'log' : null}
      shortKey={shortKey(view.key, keyFormat)}
      length={stats.length}
      local={stats.local}
      peers={stats.peers}
      downloadRate={stats.downloadRate}
      uploadRate={stats.uploadRate}
      seeding={view.seeding}
      seeded={view.seeded()}
      following={scroll.follow}
      newer={newSincePaused(scroll, rows)}
      truncatedTo={stats.truncatedTo}
      focused={focused}
      marked={focused ? marked : null}
      highlight={highlight}
      matching={view.filterStatus()?.matching ?? null}
      wrap={wrap}
      width={width}
      height={height}
      lines={blockLines}
      blocks={blocks}
      format={view.format}
      formatFigures={
        view.format.kind === 'drive'
          ? driveFigures(
              stats.length,
              blobsLength === undefined ? null : { length: blobsLength, local: blobsLocal ?? 0 },
            )
          : undefined
      }
    />
  );
});
