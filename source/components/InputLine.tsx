import React from 'react';
import { Box, Text } from 'ink';
import { paint } from './palette.js';

export function InputLine({ value, focused, width }: { value: string; focused: boolean; width: number }): React.JSX.Element {
  // Show the end of a long line, like a shell does.
  const room = Math.max(1, width - 6);
  const shown = value.length > room ? `…${value.slice(value.length - room + 1)}` : value;
  return (
    <Box borderStyle={focused ? 'double' : 'round'} borderColor={paint(focused ? 'cyan' : 'gray')} paddingX={1} width={width}>
      <Text color={paint(focused ? 'cyan' : undefined)}>› </Text>
      <Text wrap="truncate-end">
        {shown}
        {focused ? <Text inverse> </Text> : null}
        {!focused && value.length === 0 ? <Text dimColor>Tab here to type a line</Text> : null}
      </Text>
    </Box>
  );
}
