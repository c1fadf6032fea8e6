import React, { useEffect, useSyncExternalStore } from 'react';
import { KeyOrderPane } from '../components/KeyOrderPane.js';
import { formatTag } from '../decode/shown-block.js';
import { shortKey, type KeyFormat } from '../model/keys.js';
import type { CoreView } from '../net/core-view.js';
import type { KeyOrderView } from '../net/key-order-view.js';

export interface KeyOrderViewPaneProps {
  // The pane's core, for its title's figures.
  pane: CoreView;
  view: KeyOrderView;
  keyFormat: KeyFormat;
  focused: boolean;
  width: number;
  height: number;
  // Rows the pane has for entries.
  blockLines: number;
}

// Binds a KeyOrderView to a pane: tells it how many entries fit (it reads that many), and draws
// the page when a frame that changed it is drawn.
export function KeyOrderViewPane({
  pane,
  view,
  keyFormat,
  focused,
  width,
  height,
  blockLines,
}: KeyOrderViewPaneProps): React.JSX.Element {
  useSyncExternalStore(view.subscribe, view.getSnapshot);
  useEffect(() => {
    view.want(blockLines);
    return () => view.hide();
  }, [view, blockLines]);
  const failure = view.readFailure();
  // A failure's line takes the last row while it lasts.
  const rows = Math.max(1, blockLines - (failure === null ? 0 : 1));
  const stats = pane.stats();
  return (
    <KeyOrderPane
      name={pane.name}
      tag={formatTag(pane.format)}
      shortKey={shortKey(pane.key, keyFormat)}
      length={stats.length}
      local={stats.local}
      peers={stats.peers}
      entries={view.page().slice(0, rows)}
      selected={focused ? view.selectedRow() : null}
      loaded={view.isLoaded()}
      failure={failure}
      focused={focused}
      width={width}
      height={height}
      files={pane.format.kind === 'drive'}
    />
  );
}
