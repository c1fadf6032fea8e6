import React, { useMemo } from 'react';
import { Text } from 'ink';
import { TextRuns } from './TextRuns.js';
import { fitRuns } from '../text/fit.js';
import { matchRanges } from '../text/highlight.js';
import { blockForm, blockLine } from '../text/block-encoding.js';

// One block on one line: text sanitized (escapes dimmed), JSON compacted, binary as hex; cut to
// the width Ink gives it. Only enough bytes for the widest line are decoded, and whether the block
// is text is decided once per block, not once per frame.
// `highlight`: a search query whose occurrences (ignoring case) are drawn in inverse.
export function BlockText({
  bytes,
  width,
  highlight,
}: {
  bytes: Uint8Array;
  width: number;
  highlight?: string | null;
}): React.JSX.Element {
  const form = useMemo(() => blockForm(bytes), [bytes]);
  const decoded = blockLine(bytes, Math.max(64, width * 4), 'screen', form);
  // One column kept for the … that says the block goes on.
  const whole = fitRuns(decoded.runs, width);
  const { runs, cut } =
    whole.cut || decoded.cut ? { runs: fitRuns(decoded.runs, Math.max(0, width - 1)).runs, cut: true } : whole;
  return (
    <Text wrap="truncate-end">
      <TextRuns runs={runs} plain={highlight ? (text) => highlighted(text, highlight) : undefined} />
      {cut ? <Text dimColor>…</Text> : null}
    </Text>
  );
}

function highlighted(text: string, query: string): React.ReactNode[] {
  const parts: React.ReactNode[] = [];
  let from = 0;
  for (const [start, end] of matchRanges(text, query)) {
    if (start < from) continue;
    if (start > from) parts.push(text.slice(from, start));
    parts.push(
      <Text key={start} inverse>
        {text.slice(start, end)}
      </Text>,
    );
    from = end;
  }
  parts.push(text.slice(from));
  return parts;
}
