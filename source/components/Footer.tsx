import React from 'react';
import { Text } from 'ink';
import stringWidth from 'string-width';

export interface FooterEntry {
  label: string;
  description: string;
}

const SEPARATOR = ' · ';
// The key map lists help and quit last: they are the two a footer must never lose.
const ALWAYS_KEPT = 2;

// The entries that fit in `width` columns: the last ones (help, quit) always, then as many of the
// others, in order, as there is room for; "? help" lists the rest.
export function fitFooter(entries: readonly FooterEntry[], width: number): FooterEntry[] {
  const widthOf = (entry: FooterEntry) => stringWidth(`${entry.label} ${entry.description}`) + SEPARATOR.length;
  const kept = entries.slice(-ALWAYS_KEPT);
  let used = kept.reduce((sum, entry) => sum + widthOf(entry), 0);
  const front: FooterEntry[] = [];
  for (const entry of entries.slice(0, Math.max(0, entries.length - ALWAYS_KEPT))) {
    if (used + widthOf(entry) > width) break;
    front.push(entry);
    used += widthOf(entry);
  }
  return [...front, ...kept];
}

export function Footer({ entries, width }: { entries: FooterEntry[]; width: number }): React.JSX.Element {
  return (
    <Text wrap="truncate-end">
      {fitFooter(entries, width).map((entry, index) => (
        <Text key={entry.label}>
          {index > 0 ? <Text dimColor>{SEPARATOR}</Text> : null}
          <Text bold>{entry.label}</Text>
          <Text dimColor> {entry.description}</Text>
        </Text>
      ))}
    </Text>
  );
}
