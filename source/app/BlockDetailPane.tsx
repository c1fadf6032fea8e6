import React, { useEffect } from 'react';
import { BlockDetail, detailBodyLines, type DetailWindow } from '../components/BlockDetail.js';
import type { CoreView } from '../net/core-view.js';
import { shownDetailLayout } from '../decode/shown-block.js';

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
  let detail: DetailWindow | undefined;
  if (bytes) {
    // Border and padding take four columns.
    const layout = shownDetailLayout(view.format, seq, bytes, width - 4);
    const body = detailBodyLines(height);
    // One line past the view says whether the block goes on; a resize can leave fewer lines than
    // the top the keys scrolled to.
    const first = Math.max(0, Math.min(top, layout.linesUpTo(top + body + 1) - body));
    const lines = layout.lines(first, body);
    detail = {
      encoding: layout.encoding,
      ...(layout.label === undefined ? {} : { label: layout.label }),
      shownBytes: layout.shownBytes,
      lines,
      first,
      total: layout.total(),
      fraction: layout.fractionAt(first + lines.length - 1),
    };
  }
  return (
    <BlockDetail
      name={view.name}
      seq={seq}
      length={view.stats().length}
      byteLength={bytes?.length}
      detail={detail}
      width={width}
      height={height}
    />
  );
}
