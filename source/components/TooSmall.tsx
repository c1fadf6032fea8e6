import React from 'react';
import { Text } from 'ink';

export function TooSmall({
  columns,
  rows,
  need,
  quitKeys,
}: {
  columns: number;
  rows: number;
  need: { columns: number; rows: number };
  // The keys that quit where the focus is (q is text while the input line has it).
  quitKeys: string[];
}): React.JSX.Element {
  return (
    <Text wrap="truncate-end">
      Terminal too small ({columns}×{rows}); needs {need.columns}×{need.rows}. {quitKeys.join(' or ')} quits.
    </Text>
  );
}
