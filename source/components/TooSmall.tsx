import React from 'react';
import { Text } from 'ink';

export function TooSmall({
  columns,
  rows,
  need,
}: {
  columns: number;
  rows: number;
  need: { columns: number; rows: number };
}): React.JSX.Element {
  return (
    <Text wrap="truncate-end">
      Terminal too small ({columns}×{rows}); needs {need.columns}×{need.rows}. q quits.
    </Text>
  );
}
