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
  // The keys that quit right now ("q" is text while the writer types).
  quitKeys: string;
}): React.JSX.Element {
  return (
    <Text wrap="truncate-end">
      Terminal too small ({columns}×{rows}); needs {need.columns}×{need.rows}. {quitKeys} quits.
    </Text>
  );
}
