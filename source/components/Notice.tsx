import React from 'react';
import { Text } from 'ink';
import { paint } from './palette.js';

export interface CopiedNotice {
  kind: 'copied';
  what: string;
  destinations: string[];
}

// One line under the panes: what happened last (a copy), what went wrong, or what the session is doing.
export function Notice({
  notice,
  alert = null,
  status,
}: {
  notice: CopiedNotice | null;
  alert?: string | null;
  status: string | null;
}): React.JSX.Element {
  if (notice?.kind === 'copied') {
    return (
      <Text wrap="truncate-end" color={paint('green')}>
        ✓ copied {notice.what} to {notice.destinations.join(' and ')}
      </Text>
    );
  }
  if (alert) {
    return (
      <Text wrap="truncate-end" color={paint('red')} bold>
        ✗ {alert}
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end" dimColor>
      {status ?? ' '}
    </Text>
  );
}
