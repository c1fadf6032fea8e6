import React, { useEffect, useMemo } from 'react';
import { BlockDetail, detailBodyLines } from '../components/BlockDetail.js';
import type { CoreView } from '../net/core-view.js';
import { blockDetailLines } from '../text/detail.js';

export interface BlockDetailPaneProps {
  view: CoreView;
  seq: number;
  // The first line shown (the screen state scrolls it).
  top: number;
  width: number;
  height: number;
}

// Binds a block of a CoreView to the block view, asking for the block while it is not here.
export function BlockDetailPane({ view, seq, top, width, height }: BlockDetailPaneProps): React.JSX.Element {
  const bytes = view.block(seq);
  useEffect(() => {
    if (!bytes) view.want(seq, seq + 1);
  });
  // Border and padding take four columns.
  const detail = useMemo(() => (bytes ? blockDetailLines(bytes, width - 4) : undefined), [bytes, width]);
  // A resize can leave fewer lines than the top the keys scrolled to.
  const lastTop = Math.max(0, (detail?.lines.length ?? 0) - detailBodyLines(height));
  return (
    <BlockDetail
      name={view.name}
      seq={seq}
      length={view.stats().length}
      byteLength={bytes?.length}
      detail={detail}
      top={Math.min(top, lastTop)}
      width={width}
      height={height}
    />
  );
}
