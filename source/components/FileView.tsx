import React from 'react';
import { Box, Text } from 'ink';
import { sizeText } from '../decode/drive.js';
import type { FileContent } from '../screen/screen-state.js';
import type { BlockEncoding } from '../text/block-encoding.js';
import { blockDetailLayout } from '../text/detail.js';
import { sanitizeString } from '../text/sanitize.js';
import { detailBodyLines } from './BlockDetail.js';
import { TextRuns } from './TextRuns.js';
import { paint } from './palette.js';

export interface FileViewProps {
  // The pane's name, and the file as its drive's entry gives it.
  name: string;
  path: string;
  size: number;
  content: FileContent | null;
  // The first line shown (the screen state scrolls it).
  top: number;
  width: number;
  height: number;
}

const ENCODING_LABELS: Record<BlockEncoding, string> = {
  text: 'text',
  json: 'JSON, compacted',
  hex: 'binary, as hex',
};

// A drive's file whole (docs/screen.md#file-view): its path and size, then its first bytes laid out
// as the block view lays out a block (text by lines, binary as a hex dump), and a note when the
// file goes on past what was read.
export function FileView({ name, path, size, content, top, width, height }: FileViewProps): React.JSX.Element {
  const body = detailBodyLines(height);
  let lines: React.JSX.Element[] = [];
  let kind = '';
  let footer: string;
  if (content === null) {
    footer = 'fetching the file from the blobs core…';
  } else if ('reason' in content) {
    footer = sanitizeString(content.reason);
  } else {
    // Border and padding take four columns.
    const layout = blockDetailLayout(content.bytes, width - 4);
    const first = Math.max(0, Math.min(top, layout.linesUpTo(top + body + 1) - body));
    lines = layout.lines(first, body).map((line, index) => (
      <Text key={first + index} wrap="truncate-end">
        {line.length === 0 ? ' ' : null}
        <TextRuns runs={line} />
      </Text>
    ));
    kind = ` · ${ENCODING_LABELS[layout.encoding]}`;
    const total = layout.total();
    const position =
      total !== undefined && total <= body
        ? ''
        : `lines ${first + 1}–${first + lines.length}${total ? ` of ${total}` : ''}`;
    const cut = content.cut ? `cut: the first ${sizeText(content.bytes.length)} of ${sizeText(size)} shown` : '';
    footer = [position, cut].filter(Boolean).join(' · ') || ' ';
  }
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
        <Text> file {sanitizeString(path)}</Text>
        <Text dimColor>
          {' · '}
          {sizeText(size)}
          {kind}
        </Text>
      </Text>
      <Box flexDirection="column" height={body}>
        {lines}
      </Box>
      <Text dimColor wrap="truncate-end">
        {footer}
      </Text>
    </Box>
  );
}
