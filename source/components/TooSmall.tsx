import React from 'react';
import { Box, Text } from 'ink';

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
  // Wrapped, so that how to quit is read even on a very narrow terminal; never taller than rows - 1.
  return (
    <Box width={columns} height={Math.max(1, rows - 1)} overflow="hidden">
      <Text wrap="wrap">
        Terminal too small ({columns}×{rows}); needs {need.columns}×{need.rows}. {quitKeys.join(' or ')} quits.
      </Text>
    </Box>
  );
}
