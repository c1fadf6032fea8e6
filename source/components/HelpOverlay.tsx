import React from 'react';
import { Box, Text } from 'ink';
import type { KeyEntry } from '../keys/keymap.js';
import { paint } from './palette.js';

// Rows never shrink: on a short terminal the list is cut at the bottom, never drawn over itself.
export function HelpOverlay({ bindings, width }: { bindings: KeyEntry[]; width: number }): React.JSX.Element {
  const labelWidth = Math.max(...bindings.map((binding) => binding.label.length));
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={paint('cyan')}
      paddingX={1}
      width={Math.min(width, 72)}
      flexShrink={0}
    >
      <Box flexShrink={0}>
        <Text bold>Keys</Text>
        <Text dimColor> (Esc, ? or q closes this help)</Text>
      </Box>
      {bindings.map((binding) => (
        <Box key={binding.action} flexShrink={0}>
          <Text wrap="truncate-end">
            <Text bold>{binding.label.padEnd(labelWidth)}</Text>
            <Text> {binding.description}</Text>
          </Text>
        </Box>
      ))}
    </Box>
  );
}
