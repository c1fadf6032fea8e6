import type { CoreFormat } from '../decode/decoded-block.js';
// The state behind the keys, for both roles, and what is read off it to draw the screen. Pure:
// no React, no I/O; what the screen knows of the world arrives as ScreenFacts.
import type { KeyContext } from '../keys/keymap.js';
import { pageOf } from '../layout/layout.js';
import { FOLLOW, visibleRange, type Scroll } from '../layout/scroll.js';
import type { KeyFormat } from '../model/keys.js';
import type { SearchProgress, SearchScope } from '../model/search.js';
import { inputHistory, type InputHistory } from './input-history.js';
import { EMPTY_LINE, type LineState } from './line-editor.js';

export type Role = 'writer' | 'reader';

// What the screen needs of each pane.
export interface PaneFacts {
  key: Buffer;
  length: number;
  // The block if the pane holds it (it holds the ones in view).
  blockAt?: (seq: number) => Uint8Array | undefined;
  // How its blocks are shown (docs/data-model.md#decoded-cores); raw when not given.
  format?: CoreFormat;
}

export interface ScreenFacts {
  role: Role;
  panes: readonly PaneFacts[];
  // Block lines in a pane, and panes shown at once (more are paged).
  blockLines: number;
  panesPerPage: number;
  mainKey: Buffer | null;
  readerCommandFor: (mainKey: string) => string;
  // Columns of the writer's input line field (where text and cursor are drawn).
  inputWidth: number;
  // The block view as laid out: its text width, and lines in a page of it.
  detailWidth: number;
  detailPage: number;
}

export interface SearchTarget {
  pane: number;
  query: string;
  scope: SearchScope;
}

// The block shown whole over the panes, scrolled to line `top`.
export interface DetailTarget {
  pane: number;
  seq: number;
  top: number;
}

/**
 * A file's first bytes as read from its drive's blobs core (`cut`: the file goes on past them), or
 * why they could not be read.
 */
export type FileContent = { bytes: Uint8Array; cut: boolean } | { reason: string };

/** A drive's file shown whole over the panes (docs/screen.md#file-view), scrolled to line `top`. */
export interface FileTarget {
  pane: number;
  seq: number;
  path: string;
  size: number;
  top: number;
  /** Null while its bytes are on their way. */
  content: FileContent | null;
}

export type Notice =
  | { kind: 'copied'; id: number; what: string; destinations: string[] }
  | { kind: 'manual'; id: number; what: string; text: string };

export interface Alert {
  message: string;
  times: number;
}

export interface ScreenState {
  // Focus slots: the writer's input line first (slot 0), then one per pane.
  slot: number;
  // The pane whose page is shown: the one focused, or the last one focused.
  anchor: number;
  scrolls: readonly Scroll[];
  helpOpen: boolean;
  // The peers view (p) is shown over the panes.
  peersOpen: boolean;
  detail: DetailTarget | null;
  file: FileTarget | null;
  // The query being typed after /, or null.
  searchPrompt: string | null;
  search: SearchTarget | null;
  searchProgress: SearchProgress | null;
  // The match n/N last went to: marked in its pane, and what Enter shows.
  match: number | null;
  keyFormat: KeyFormat;
  // The writer's input line, the offset its field is scrolled to, and the lines sent (↑ ↓).
  input: LineState;
  inputStart: number;
  history: InputHistory;
  notice: Notice | null;
  // What went wrong last (a line the disk refused, a history file that could not be read), until
  // the next line is stored; times counts the same refusal in a row, so that sending a line again
  // visibly did something.
  alert: Alert | null;
  // Notices are numbered so that an old one's timer cannot clear a newer one.
  notices: number;
}

export const INITIAL_SCREEN_STATE: ScreenState = {
  slot: 0,
  anchor: 0,
  scrolls: [],
  helpOpen: false,
  peersOpen: false,
  detail: null,
  file: null,
  searchPrompt: null,
  search: null,
  searchProgress: null,
  match: null,
  keyFormat: 'hex',
  input: EMPTY_LINE,
  inputStart: 0,
  history: inputHistory(),
  notice: null,
  alert: null,
  notices: 0,
};

export const firstPaneSlot = (facts: ScreenFacts): number => (facts.role === 'writer' ? 1 : 0);

export function focusedPaneOf(state: ScreenState, facts: ScreenFacts): number | null {
  const pane = state.slot - firstPaneSlot(facts);
  return pane >= 0 && pane < facts.panes.length ? pane : null;
}

export function keyContextOf(state: ScreenState, facts: ScreenFacts): KeyContext {
  const progress = state.searchProgress;
  return {
    role: facts.role,
    focus: facts.role === 'writer' && state.slot === 0 ? 'input' : 'pane',
    helpOpen: state.helpOpen,
    paged: facts.panes.length > facts.panesPerPage,
    detailOpen: state.detail !== null,
    fileOpen: state.file !== null,
    searchTyping: state.searchPrompt !== null,
    searchActive: state.search !== null && state.search.pane === focusedPaneOf(state, facts),
    searchPartial: progress !== null && progress.done && progress.searched < progress.total,
    peersOpen: state.peersOpen,
  };
}

export function pageShown(state: ScreenState, facts: ScreenFacts): { first: number; end: number } {
  return pageOf(state.anchor, Math.max(1, facts.panesPerPage), facts.panes.length);
}

export const scrollOf = (state: ScreenState, pane: number): Scroll => state.scrolls[pane] ?? FOLLOW;

// The block Enter shows in a pane: the match n/N went to while it is in view, else the bottom one.
export function markedBlockOf(state: ScreenState, facts: ScreenFacts, pane: number): number | null {
  const length = facts.panes[pane]?.length ?? 0;
  const { start, end } = visibleRange(scrollOf(state, pane), length, facts.blockLines);
  const match = state.search?.pane === pane ? state.match : null;
  if (match !== null && match >= start && match < end) return match;
  return end > 0 ? end - 1 : null;
}
