import React from 'react';
import { Box, Text } from 'ink';
import type { KeyEntry } from '../keys/keymap.js';
import { paint } from './palette.js';

// While the screen has the mouse, the terminal's own selection needs Shift held (most terminals).
export const MOUSE_HELP = [
  'Mouse: the wheel scrolls, a click focuses a pane or picks a block',
  'Shift-drag selects text in most terminals (or start with --no-mouse)',
];

// Rows never shrink: on a short terminal the list is cut at the bottom, never drawn over itself.
// `top`: the first entry shown, scrolled by the wheel.
export function HelpOverlay({
  bindings,
  width,
  mouse = false,
  top = 0,
}: {
  bindings: KeyEntry[];
  width: number;
  mouse?: boolean;
  top?: number;
}): React.JSX.Element {
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
      {mouse
        ? MOUSE_HELP.map((line) => (
            <Box key={line} flexShrink={0}>
              <Text wrap="truncate-end" dimColor>
                {line}
              </Text>
            </Box>
          ))
        : null}
      {bindings.slice(top).map((binding) => (
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
