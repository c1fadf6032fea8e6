import React from 'react';
import { Text } from 'ink';

export function Footer({ entries }: { entries: Array<{ label: string; description: string }> }): React.JSX.Element {
  return (
    <Text wrap="truncate-end">
      {entries.map((entry, index) => (
        <Text key={entry.label}>
          {index > 0 ? <Text dimColor> · </Text> : null}
          <Text bold>{entry.label}</Text>
          <Text dimColor> {entry.description}</Text>
        </Text>
      ))}
    </Text>
  );
}
