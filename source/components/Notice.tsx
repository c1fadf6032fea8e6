import React from 'react';
import { Text } from 'ink';
import type { Alert } from '../screen/screen-state.js';
import { paint } from './palette.js';

export type ShortNotice =
  | { kind: 'copied'; what: string; destinations: string[] }
  // A paste ignored, or cut.
  | { kind: 'info'; text: string };

// One line under the panes: what happened last (a copy), what went wrong, or what the session is doing.
// A repeated alert's count comes first, where a narrow screen still shows it.
export function Notice({
  notice,
  alert = null,
  status,
}: {
  notice: ShortNotice | null;
  alert?: Alert | null;
  status: string | null;
}): React.JSX.Element {
  if (notice?.kind === 'copied') {
    return (
      <Text wrap="truncate-end" color={paint('green')}>
        ✓ copied {notice.what} to {notice.destinations.join(' and ')}
      </Text>
    );
  }
  if (notice?.kind === 'info') {
    return (
      <Text wrap="truncate-end" color={paint('yellow')}>
        {notice.text}
      </Text>
    );
  }
  if (alert) {
    return (
      <Text wrap="truncate-end" color={paint('red')} bold>
        ✗ {alert.times > 1 ? `(×${alert.times}) ` : ''}
        {alert.message}
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end" dimColor>
      {status ?? ' '}
    </Text>
  );
}
