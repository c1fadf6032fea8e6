import React from 'react';
import { Box, Text } from 'ink';
import { TextRuns } from './TextRuns.js';
import type { BlockEncoding } from '../text/block-encoding.js';
import type { TextRun } from '../text/sanitize.js';
import { paint } from './palette.js';

// What of a block the view shows: its lines in view, from line `first`.
export interface DetailWindow {
  encoding: BlockEncoding;
  // What the block is when its encoding does not say it (a decoded block: `Hyperbee put`).
  label?: string;
  // Bytes laid out: a block over 64 KiB is shown only up to there.
  shownBytes: number;
  lines: TextRun[][];
  first: number;
  // All the block's lines, once known (it was laid out to its end).
  total: number | undefined;
  // How far into the shown bytes the last line in view ends, from 0 to 1.
  fraction: number;
}

export interface BlockDetailProps {
  name: string;
  seq: number;
  length: number;
  // Undefined while the block is on its way.
  byteLength: number | undefined;
  detail: DetailWindow | undefined;
  width: number;
  height: number;
}

const ENCODING_LABELS: Record<BlockEncoding, string> = {
  text: 'text',
  json: 'JSON, compacted',
  hex: 'binary, as hex',
};

// Lines of the block view between its title and the bottom border.
export function detailBodyLines(height: number): number {
  return Math.max(1, height - 4);
}

// Where the view is in the block: its lines in view, of how many (or how far in, while that is not
// known), or nothing when the whole block is in view.
function position(detail: DetailWindow | undefined, body: number): string {
  if (!detail || (detail.total !== undefined && detail.total <= body)) return ' ';
  const lines = `lines ${detail.first + 1}–${detail.first + detail.lines.length}`;
  return detail.total !== undefined
    ? `${lines} of ${detail.total}`
    : `${lines} · ${Math.floor(detail.fraction * 100)}%`;
}

// One block whole: title with its size and kind, then its lines in view (escapes dimmed).
export function BlockDetail({
  name,
  seq,
  length,
  byteLength,
  detail,
  width,
  height,
}: BlockDetailProps): React.JSX.Element {
  const body = detailBodyLines(height);
  const first = detail?.first ?? 0;
  const shown = detail?.lines ?? [];
  const cut =
    detail && byteLength !== undefined && detail.shownBytes < byteLength
      ? ` · first ${detail.shownBytes} bytes shown`
      : '';
  const kind = detail ? ` · ${detail.label ?? ENCODING_LABELS[detail.encoding]}` : '';
  return (
    <Box
      flexDirection="column"
      width={width}
      height={height}
      borderStyle="double"
      borderColor={paint('cyan')}
      paddingX={1}
      overflow="hidden"
    >
      <Text wrap="truncate-end">
        <Text bold>{name}</Text>
        <Text>
          {' '}
          block {seq} of {length}
        </Text>
        <Text dimColor>
          {byteLength !== undefined
            ? ` · ${byteLength} bytes`
            : seq >= length
              ? ' · no longer in the core: its writer truncated it'
              : ' · loading…'}
          {kind}
          {cut}
        </Text>
      </Text>
      <Box flexDirection="column" height={body}>
        {shown.map((line, index) => (
          <Text key={first + index} wrap="truncate-end">
            {line.length === 0 ? ' ' : null}
            <TextRuns runs={line} />
          </Text>
        ))}
      </Box>
      <Text dimColor wrap="truncate-end">
        {position(detail, body)}
      </Text>
    </Box>
  );
}
