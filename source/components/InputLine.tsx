import React from 'react';
import { Box, Text } from 'ink';
import { sanitizeString } from '../text/sanitize.js';
import { paint } from './palette.js';

export function InputLine({
  value,
  focused,
  width,
}: {
  value: string;
  focused: boolean;
  width: number;
}): React.JSX.Element {
  // Show the end of a long line, like a shell does; a pasted bidi override or zero-width
  // character shows as its escape here too (the line itself is appended as typed).
  const room = Math.max(1, width - 6);
  const visible = sanitizeString(value);
  const shown = visible.length > room ? `…${visible.slice(visible.length - room + 1)}` : visible;
  return (
    <Box
      borderStyle={focused ? 'double' : 'round'}
      borderColor={paint(focused ? 'cyan' : 'gray')}
      paddingX={1}
      width={width}
    >
      <Text color={paint(focused ? 'cyan' : undefined)}>› </Text>
      <Text wrap="truncate-end">
        {shown}
        {focused ? <Text inverse> </Text> : null}
        {!focused && value.length === 0 ? <Text dimColor>Tab here to type a line</Text> : null}
      </Text>
    </Box>
  );
}
