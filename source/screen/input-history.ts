// The lines sent from the input line, walked with ↑ and ↓ as a shell walks its history.
// ↑ leaves the line being typed (the draft, cursor and all) for the newest entry, then older
// ones; ↓ comes back, and ↓ past the newest entry restores the draft. Edits made to a recalled
// entry are dropped when the walk moves on (the entries stay as sent); the draft's are kept.

import { MAX_HISTORY_ENTRIES } from '../model/input-history.js';
import type { LineState } from './line-editor.js';

export { MAX_HISTORY_ENTRIES };

export interface InputHistory {
  // Oldest first.
  readonly entries: readonly string[];
  // The entry on the input line while walking; null when the draft is.
  readonly position: number | null;
  // What was on the input line when the walk began.
  readonly draft: LineState | null;
}

export function inputHistory(entries: readonly string[] = []): InputHistory {
  return { entries: entries.slice(-MAX_HISTORY_ENTRIES), position: null, draft: null };
}

export interface HistoryStep {
  history: InputHistory;
  line: LineState;
}

const recalled = (entry: string): LineState => ({ text: entry, cursor: entry.length });

// ↑: the entry before the one shown (the newest when the draft is shown); null at the oldest.
export function olderEntry(history: InputHistory, current: LineState): HistoryStep | null {
  const position = (history.position ?? history.entries.length) - 1;
  if (position < 0) return null;
  const draft = history.position === null ? current : history.draft;
  return { history: { ...history, position, draft }, line: recalled(history.entries[position]) };
}

// ↓: the entry after the one shown, or the draft after the newest; null when the draft is shown.
export function newerEntry(history: InputHistory): HistoryStep | null {
  if (history.position === null) return null;
  const position = history.position + 1;
  if (position >= history.entries.length) {
    return { history: { ...history, position: null, draft: null }, line: history.draft ?? { text: '', cursor: 0 } };
  }
  return { history: { ...history, position }, line: recalled(history.entries[position]) };
}

// A line was sent: it becomes the newest entry (an empty one is not kept, nor one that repeats
// the newest) and the walk starts again from a new draft.
export function addEntry(history: InputHistory, line: string): InputHistory {
  const { entries } = history;
  const kept = line === '' || entries[entries.length - 1] === line ? entries : [...entries, line];
  return inputHistory(kept);
}
