import React from 'react';
import { Box, Text } from 'ink';
import { paint, type Colour } from './palette.js';

export interface HeaderProps {
  role: 'writer' | 'reader';
  mainKey: string | null;
  peers: number;
  dhtState: string;
  storage: string;
}

const STATE_COLOUR: Record<string, Colour> = {
  announced: 'green',
  connected: 'green',
  connecting: 'yellow',
  'looking for writer': 'yellow',
  offline: 'red',
};

export function Header({ role, mainKey, peers, dhtState, storage }: HeaderProps): React.JSX.Element {
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold inverse>
          {` many-cores ${role} `}
        </Text>
        <Text> main key </Text>
        <Text bold>{mainKey ?? '…'}</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text dimColor>peers </Text>
        <Text bold>{peers}</Text>
        <Text dimColor> · DHT </Text>
        <Text color={paint(STATE_COLOUR[dhtState.split(' (')[0] ?? ''] ?? 'yellow')}>{dhtState}</Text>
        <Text dimColor> · storage </Text>
        <Text>{storage}</Text>
      </Text>
    </Box>
  );
}
