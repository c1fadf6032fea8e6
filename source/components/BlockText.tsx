import React from 'react';
import { Text } from 'ink';
import { sanitizeBytes, withoutTrailingNewline } from '../text/sanitize.js';

// One block on one line: sanitized, escapes dimmed, cut to the width Ink gives it.
// Only enough bytes for the widest line are decoded, so a huge block costs nothing.
export function BlockText({ bytes, width }: { bytes: Uint8Array; width: number }): React.JSX.Element {
  const { runs, cut } = sanitizeBytes(withoutTrailingNewline(bytes), Math.max(64, width * 4));
  return (
    <Text wrap="truncate-end">
      {runs.map((run, index) =>
        run.escaped ? (
          <Text key={index} dimColor>
            {run.text}
          </Text>
        ) : (
          <Text key={index}>{run.text}</Text>
        ),
      )}
      {cut ? <Text dimColor>…</Text> : null}
    </Text>
  );
}
