import React from 'react';
import { Box, Text } from 'ink';
import { RAW_FORMAT } from '../decode/core-format.js';
import type { CoreFormat } from '../decode/decoded-block.js';
import { formatTag } from '../decode/shown-block.js';
import { wrappedSlices } from '../layout/wrap.js';
import { blockRow, wrappedBlockRows, type PaneBlock, type RowLayout } from './block-rows.js';
import { paint } from './palette.js';

export type { PaneBlock } from './block-rows.js';

export interface CorePaneProps {
  name: string;
  // The main key the core came from (short), when a reader has several: the title starts with it.
  origin?: string | null;
  // Which view of a bee's pane this is (`log`), for a pane that has another; null for a raw core.
  viewName?: string | null;
  shortKey: string;
  length: number;
  local: number;
  peers: number;
  // Blocks per second from and to peers; shown while either is above zero, as titles are narrow.
  downloadRate: number;
  uploadRate: number;
  // Reader --seed: the title counts the blocks here against the length, then says seeded.
  seeding?: boolean;
  seeded?: boolean;
  following: boolean;
  // Blocks appended since the pane stopped following.
  newer: number;
  // Set for a while after the writer truncated the core: the length it cut it back to.
  truncatedTo?: number | null;
  focused: boolean;
  // The block Enter would show whole (the bottom one of a focused pane), drawn in inverse.
  marked: number | null;
  // A search query to show in inverse where it occurs.
  highlight?: string | null;
  // Under a filter, how many blocks match (the title says `matching N of LEN`); null otherwise.
  matching?: number | null;
  // Long blocks wrap onto the rows below (w) instead of being cut.
  wrap?: boolean;
  // What the core is, told by its block 0: its rows are decoded, and its title says so.
  format?: CoreFormat;
  width: number;
  height: number;
  // Rows for blocks: the height less borders and title.
  lines?: number;
  blocks: PaneBlock[];
  // What the title says of it beside its format (a drive's version and blobs core).
  formatFigures?: string;
}

// A sub-core's block log: title with its figures, then one block a line, newest at the bottom.
export function CorePane(props: CorePaneProps): React.JSX.Element {
  const {
    name,
    origin,
    viewName = null,
    shortKey,
    length,
    local,
    peers,
    downloadRate,
    uploadRate,
    seeding = false,
    seeded = false,
    following,
    newer,
    truncatedTo,
    focused,
    marked,
    highlight,
    matching = null,
    wrap = false,
    format = RAW_FORMAT,
    width,
    height,
    lines = height - 3,
    blocks,
    formatFigures,
  } = props;
  const tag = formatTag(format);
  const seqWidth = String(Math.max(0, length - 1)).length;
  const layout = { seqWidth, textWidth: Math.max(1, width - 4 - seqWidth - 1), rowWidth: Math.max(1, width - 4) };
  // Not clipped: Ink cuts every line of a clipped box with slice-ansi on every frame, and a pane
  // never needs it, its rows being cut to the width already and never more than fit.
  return (
    <Box
      flexDirection="column"
      width={width}
      height={height}
      borderStyle={focused ? 'double' : 'round'}
      borderColor={paint(focused ? 'cyan' : 'gray')}
      paddingX={1}
    >
      <Text wrap="truncate-end">
        {origin ? <Text>{origin}/</Text> : null}
        <Text bold>{name}</Text>
        {truncatedTo === null || truncatedTo === undefined ? null : (
          <Text color={paint('yellow')}> truncated to {truncatedTo}</Text>
        )}
        {following ? null : <Text color={paint('yellow')}> paused{newer > 0 ? ` · ${newer} new` : ''}</Text>}
        {wrap ? <Text> wrap</Text> : null}
        <Text> {shortKey}</Text>
        {tag ? (
          <Text color={paint('green')}>
            {' '}
            {tag}
            {formatFigures ? ` ${formatFigures}` : ''}
          </Text>
        ) : null}
        {viewName === null ? null : <Text color={paint('cyan')}> · {viewName}</Text>}
        <Text dimColor>
          {' '}
          {seeding
            ? seeded
              ? `len ${length} · seeded`
              : `local ${local} / ${length}`
            : `${matching === null ? 'len' : `matching ${matching} of`} ${length} · local ${local}`}{' '}
          · peers {peers}
          {downloadRate > 0 || uploadRate > 0 ? ` · ↓${downloadRate}/s ↑${uploadRate}/s` : ''}
        </Text>
      </Text>
      {blocks.length === 0 ? (
        <Text dimColor>{length === 0 ? 'no blocks yet' : matching === null ? '' : 'no block matches'}</Text>
      ) : (
        <Text>{paneRows(blocks, layout, marked, highlight ?? null, wrap ? lines : null, format).join('\n')}</Text>
      )}
    </Box>
  );
}

// A block a row, or wrapped onto `wrapLines` rows at most, laid out from the bottom up.
function paneRows(
  blocks: readonly PaneBlock[],
  layout: RowLayout,
  marked: number | null,
  highlight: string | null,
  wrapLines: number | null,
  format: CoreFormat,
): string[] {
  if (wrapLines === null)
    return blocks.map((block) => blockRow(block, layout, block.seq === marked, highlight, format));
  const rows = blocks.map((block) =>
    wrappedBlockRows(block, layout, block.seq === marked, highlight, wrapLines, format),
  );
  const slices = wrappedSlices(
    rows.map((blockRows) => blockRows.length),
    wrapLines,
  );
  return rows.flatMap((blockRows, index) => blockRows.slice(slices[index].from, slices[index].to));
}
