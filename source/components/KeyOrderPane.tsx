import React from 'react';
import { Box, Text } from 'ink';
import type { KeyOrderEntry } from '../decode/key-order.js';
import { entryRow, fileRow } from './key-order-rows.js';
import { paint } from './palette.js';

export interface KeyOrderPaneProps {
  name: string;
  // What the core is (`bee`, `drive`), as the log's title says it.
  tag: string;
  shortKey: string;
  length: number;
  local: number;
  peers: number;
  // The entries in view, in key order.
  entries: readonly KeyOrderEntry[];
  // The entry Enter shows (focused pane only), its key drawn in inverse.
  selected: number | null;
  // The first page was read: an empty page is then an empty bee.
  loaded: boolean;
  // Why the last read failed, in one line.
  failure: string | null;
  focused: boolean;
  width: number;
  height: number;
  // A drive's file table: each entry is a file, drawn as its file tree lists it.
  files?: boolean;
}

// A bee's contents in key order (docs/screen.md#key-order-view): the title says so and how many
// entries are in view, then one entry a line, `KEY → VALUE`, or for a drive its file tree.
export function KeyOrderPane(props: KeyOrderPaneProps): React.JSX.Element {
  const { name, tag, shortKey, length, local, peers, entries, selected, loaded, failure, focused, width, height } =
    props;
  const rowWidth = Math.max(1, width - 4);
  const row = props.files === true ? fileRow : entryRow;
  const rows = entries.map((entry, index) => row(entry, rowWidth, index === selected));
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
        <Text bold>{name}</Text>
        <Text> {shortKey}</Text>
        <Text color={paint('green')}> {tag}</Text>
        <Text color={paint('cyan')}> · key order · {entries.length} in view</Text>
        <Text dimColor>
          {' '}
          len {length} · local {local} · peers {peers}
        </Text>
      </Text>
      {failure === null ? null : (
        <Text color={paint('yellow')} wrap="truncate-end">
          {failure}
        </Text>
      )}
      {rows.length === 0 ? (
        <Text dimColor>{loaded ? 'no entries' : 'reading the keys…'}</Text>
      ) : (
        <Text>{rows.join('\n')}</Text>
      )}
    </Box>
  );
}
