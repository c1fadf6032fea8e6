import React from 'react';
import { Box, Text } from 'ink';
import type { LineState } from '../screen/line-editor.js';
import { viewLine } from '../screen/line-view.js';
import { paint } from './palette.js';
import { TextRuns } from './TextRuns.js';

// Borders, padding and "› " take six columns; the rest is the field the line scrolls in.
const CHROME_COLUMNS = 6;

// The writer's input line: the part of the line around the cursor that fits (scrolled from
// `start`, the offset the screen keeps), the cursor drawn where the next character goes, and
// pasted controls, bidi overrides or disputed sequences shown as their escapes.
export function InputLine({
  line,
  start = 0,
  focused,
  width,
}: {
  line: LineState;
  start?: number;
  focused: boolean;
  width: number;
}): React.JSX.Element {
  const view = viewLine(line, Math.max(1, width - CHROME_COLUMNS), start);
  return (
    <Box
      borderStyle={focused ? 'double' : 'round'}
      borderColor={paint(focused ? 'cyan' : 'gray')}
      paddingX={1}
      width={width}
    >
      <Text color={paint(focused ? 'cyan' : undefined)}>{view.hiddenBefore ? '›…' : '› '}</Text>
      <Text wrap="truncate-end">
        {focused ? (
          <>
            <TextRuns runs={view.beforeCursor} />
            <Text inverse>{view.underCursor ? <TextRuns runs={view.underCursor} /> : ' '}</Text>
            <TextRuns runs={view.afterCursor} />
          </>
        ) : (
          <TextRuns runs={view.runs} />
        )}
        {!focused && line.text.length === 0 ? <Text dimColor>Tab here to type a line</Text> : null}
      </Text>
    </Box>
  );
}
