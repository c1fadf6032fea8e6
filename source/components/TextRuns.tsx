import React from 'react';
import { Text } from 'ink';
import type { TextRun } from '../text/sanitize.js';

// Text as the sanitizer leaves it: escaped runs (what a terminal would act on or hide, written
// out) dimmed, the rest as it is, or drawn by `plain` (a search highlight).
export function TextRuns({
  runs,
  plain = (text) => text,
}: {
  runs: readonly TextRun[];
  plain?: (text: string) => React.ReactNode;
}): React.JSX.Element {
  return (
    <>
      {runs.map((run, index) =>
        run.escaped ? (
          <Text key={index} dimColor>
            {run.text}
          </Text>
        ) : (
          <Text key={index}>{plain(run.text)}</Text>
        ),
      )}
    </>
  );
}
