import React from 'react';
import { Box, Text } from 'ink';
import { TextRuns } from './TextRuns.js';
import type { BlockEncoding } from '../text/block-encoding.js';
import type { BlockDetailLines } from '../text/detail.js';
import { paint } from './palette.js';

export interface BlockDetailProps {
  name: string;
  seq: number;
  length: number;
  // Undefined while the block is on its way.
  byteLength: number | undefined;
  detail: BlockDetailLines | undefined;
  top: number;
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

// One block whole: title with its size and kind, then its lines (escapes dimmed) from `top`.
export function BlockDetail({
  name,
  seq,
  length,
  byteLength,
  detail,
  top,
  width,
  height,
}: BlockDetailProps): React.JSX.Element {
  const body = detailBodyLines(height);
  const lines = detail?.lines ?? [];
  const first = Math.max(0, Math.min(top, lines.length - body));
  const shown = lines.slice(first, first + body);
  const cut =
    detail && byteLength !== undefined && detail.shownBytes < byteLength
      ? ` · first ${detail.shownBytes} bytes shown`
      : '';
  const kind = detail ? ` · ${ENCODING_LABELS[detail.encoding]}` : '';
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
        {lines.length > body ? `lines ${first + 1}–${first + shown.length} of ${lines.length}` : ' '}
      </Text>
    </Box>
  );
}
