import React from 'react';
import { Box, Text } from 'ink';
import type { Binding } from '../keys/keymap.js';

export function HelpOverlay({ bindings, width }: { bindings: Binding[]; width: number }): React.JSX.Element {
  const labelWidth = Math.max(...bindings.map((binding) => binding.label.length));
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1} width={Math.min(width, 72)}>
      <Text bold>Keys</Text>
      {bindings.map((binding) => (
        <Text key={binding.action} wrap="truncate-end">
          <Text bold>{binding.label.padEnd(labelWidth)}</Text>
          <Text>  {binding.description}</Text>
        </Text>
      ))}
      <Text dimColor>Esc, ? or q closes this help</Text>
    </Box>
  );
}
