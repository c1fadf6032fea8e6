import React, { useEffect, useMemo, useState } from 'react';
import { BlockDetail, detailBodyLines } from '../components/BlockDetail.js';
import { useKeyPress } from '../hooks/use-key-press.js';
import { resolveAction, type KeyContext } from '../keys/keymap.js';
import type { CoreView } from '../net/core-view.js';
import { blockDetailLines } from '../text/detail.js';

export interface BlockDetailPaneProps {
  view: CoreView;
  seq: number;
  context: KeyContext;
  width: number;
  height: number;
}

// Binds a block of a CoreView to the block view, and scrolls it: the controller opens, steps and
// closes the view; the scroll offset lives here, where the laid-out line count is known.
export function BlockDetailPane({ view, seq, context, width, height }: BlockDetailPaneProps): React.JSX.Element {
  const bytes = view.block(seq);
  useEffect(() => {
    if (!bytes) view.want(seq, seq + 1);
  });
  // Border and padding take four columns.
  const detail = useMemo(() => (bytes ? blockDetailLines(bytes, width - 4) : undefined), [bytes, width]);
  const [top, setTop] = useState(0);
  useEffect(() => setTop(0), [seq]);
  const body = detailBodyLines(height);
  const lastTop = Math.max(0, (detail?.lines.length ?? 0) - body);

  useKeyPress(({ press }) => {
    const action = resolveAction(press, context);
    const clamp = (next: number) => setTop(Math.max(0, Math.min(lastTop, next)));
    if (action === 'detail-line-up') clamp(top - 1);
    else if (action === 'detail-line-down') clamp(top + 1);
    else if (action === 'detail-page-up') clamp(top - body);
    else if (action === 'detail-page-down') clamp(top + body);
  });

  return (
    <BlockDetail
      name={view.name}
      seq={seq}
      length={view.stats().length}
      byteLength={bytes?.length}
      detail={detail}
      top={top}
      width={width}
      height={height}
    />
  );
}
