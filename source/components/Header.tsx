import React from 'react';
import { Box, Text } from 'ink';
import { paint, type Colour } from './palette.js';

export interface HeaderProps {
  role: 'writer' | 'reader';
  // The main keys as shown: none yet (the writer before its store is open), one, or a reader's several.
  mainKeys: readonly string[];
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

// Drawn again only when what it shows changes: the keys are formatted afresh at each render, so
// they are compared one by one.
export const Header = React.memo(
  function Header({ role, mainKeys, peers, dhtState, storage }: HeaderProps): React.JSX.Element {
    return (
      <Box flexDirection="column">
        <Text wrap="truncate-end">
          <Text bold inverse>
            {` many-cores ${role} `}
          </Text>
          {/* Several keys: their count first, then as many keys as the line holds (docs/screen.md#header). */}
          <Text>{mainKeys.length > 1 ? ` ${mainKeys.length} main keys ` : ' main key '}</Text>
          <Text bold>{mainKeys.length > 0 ? mainKeys.join(' ') : '…'}</Text>
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
  },
  (before, after) =>
    before.role === after.role &&
    before.peers === after.peers &&
    before.dhtState === after.dhtState &&
    before.storage === after.storage &&
    before.mainKeys.length === after.mainKeys.length &&
    before.mainKeys.every((key, index) => key === after.mainKeys[index]),
);
