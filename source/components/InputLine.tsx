import React from 'react';
import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import { sanitizeString } from '../text/sanitize.js';
import { tailWithin } from '../text/terminal-width.js';
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
  // Show the end of a long line, like a shell does, measured in columns so wide characters fit;
  // a pasted bidi override, zero-width character or skin-tone modifier shows as its escape here
  // too (the line itself is appended as typed). Borders, padding and "› " take 6 columns, the cursor 1.
  const room = Math.max(2, width - 7);
  const visible = sanitizeString(value);
  const shown = stringWidth(visible) > room ? `…${tailWithin(visible, room - 1)}` : visible;
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
