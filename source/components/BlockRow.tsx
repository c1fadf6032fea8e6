import React from 'react';
import { Text } from 'ink';
import { BlockText } from './BlockText.js';

export interface BlockRowProps {
  seq: number;
  // Undefined while the block is still on its way.
  bytes: Uint8Array | undefined;
  seqWidth: number;
  textWidth: number;
  marked: boolean;
  highlight: string | null;
}

// One block on one line of a pane. Memoized: while a pane follows a busy core, every row but the
// newest keeps its props from frame to frame, so only new rows are decoded and laid out again.
export const BlockRow = React.memo(function BlockRow({
  seq,
  bytes,
  seqWidth,
  textWidth,
  marked,
  highlight,
}: BlockRowProps): React.JSX.Element {
  // One Text a row, no Box: each Box is a layout node more. Truncating at the end never reaches
  // the number.
  return (
    <Text wrap="truncate-end">
      <Text dimColor={!marked} inverse={marked}>
        {String(seq).padStart(seqWidth)}
      </Text>{' '}
      {bytes ? <BlockText bytes={bytes} width={textWidth} highlight={highlight} /> : <Text dimColor>…</Text>}
    </Text>
  );
});
