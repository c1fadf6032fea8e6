import type { CoreFormat } from '../decode/decoded-block.js';
// The state behind the keys, for both roles, and what is read off it to draw the screen. Pure:
// no React, no I/O; what the screen knows of the world arrives as ScreenFacts.
import type { KeyContext } from '../keys/keymap.js';
import { pageOf, type Layout } from '../layout/layout.js';
import { FOLLOW, visibleRange, type Scroll } from '../layout/scroll.js';
import type { TextFilter } from '../model/filter.js';
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
  // The core is a bee or a drive's file table: its contents can be shown in key order.
  hasKeyOrder?: boolean;
  // In key order, the block that wrote the entry selected (what Enter shows), if any is in view.
  selectedEntrySeq?: () => number | null;
  // How its blocks are shown (docs/data-model.md#decoded-cores); raw when not given.
  format?: CoreFormat;
  // While `&` filters the panes: the matching blocks, which are the pane's rows.
  filtered?: PaneRows | null;
}

// The rows of a filtered pane: matching blocks, oldest first.
export interface PaneRows {
  readonly count: number;
  seqAt(index: number): number;
  // The index of the first row at or after block `seq` (count when none).
  indexOf(seq: number): number;
}

// What a pane shows: its log of blocks, or its contents in key order (docs/screen.md#key-order-view).
export type PaneView = 'log' | 'key-order';

export interface ScreenFacts {
  role: Role;
  panes: readonly PaneFacts[];
  // Block lines in a pane, and panes shown at once (more are paged).
  blockLines: number;
  panesPerPage: number;
  // The writer's one main key (none before its store is open), or the reader's, in the order given.
  mainKeys: readonly Buffer[];
  readerCommandFor: (mainKeys: readonly string[]) => string;
  // Columns of the writer's input line field (where text and cursor are drawn).
  inputWidth: number;
  // The block view as laid out: its text width, and lines in a page of it.
  detailWidth: number;
  detailPage: number;
  // Where everything is drawn: what the mouse points at.
  layout: Layout;
  // The screen has the mouse (the help then has two lines more), and the peers connected.
  mouse: boolean;
  peers: number;
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
  // A short word on what just happened (a paste ignored), fading like a copy's.
  | { kind: 'info'; id: number; text: string }
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
  // What each pane shows; a pane not listed shows its log.
  paneViews: readonly PaneView[];
  helpOpen: boolean;
  // The peers view (p) is shown over the panes.
  peersOpen: boolean;
  // The first line of the help's list or the peers view's, scrolled by the wheel.
  overlayTop: number;
  detail: DetailTarget | null;
  file: FileTarget | null;
  // The query being typed after /, or null.
  searchPrompt: string | null;
  search: SearchTarget | null;
  searchProgress: SearchProgress | null;
  // The match n/N last went to: marked in its pane, and what Enter shows.
  match: number | null;
  // The text being typed after &, or null; and why Enter did not take it (a bad regular expression).
  filterPrompt: string | null;
  filterError: string | null;
  // What every pane is filtered by (docs/screen.md#filter), or null.
  filter: TextFilter | null;
  // Panes whose long blocks wrap (w), by pane.
  wraps: readonly boolean[];
  // The block a click picked: marked in its pane while in view, and what Enter shows.
  selected: { pane: number; seq: number } | null;
  // Enter on a paste of more lines than PASTE_LINES_WITHOUT_ASKING: how many it would append.
  confirmLines: number | null;
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
  paneViews: [],
  helpOpen: false,
  peersOpen: false,
  overlayTop: 0,
  detail: null,
  file: null,
  searchPrompt: null,
  search: null,
  searchProgress: null,
  match: null,
  filterPrompt: null,
  filterError: null,
  filter: null,
  wraps: [],
  selected: null,
  confirmLines: null,
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

// What a pane shows: key order only while its core has one (a rewritten block 0 can take it away).
export function paneViewOf(state: ScreenState, facts: ScreenFacts, pane: number): PaneView {
  return facts.panes[pane]?.hasKeyOrder === true ? (state.paneViews[pane] ?? 'log') : 'log';
}

export function keyContextOf(state: ScreenState, facts: ScreenFacts): KeyContext {
  const progress = state.searchProgress;
  const focused = focusedPaneOf(state, facts);
  return {
    role: facts.role,
    focus: facts.role === 'writer' && state.slot === 0 ? 'input' : 'pane',
    helpOpen: state.helpOpen,
    paged: facts.panes.length > facts.panesPerPage,
    detailOpen: state.detail !== null,
    fileOpen: state.file !== null,
    searchTyping: state.searchPrompt !== null,
    filterTyping: state.filterPrompt !== null,
    filterActive: state.filter !== null,
    searchActive: state.search !== null && state.search.pane === focusedPaneOf(state, facts),
    searchPartial: progress !== null && progress.done && progress.searched < progress.total,
    peersOpen: state.peersOpen,
    confirming: state.confirmLines !== null,
    hasKeyOrder: focused !== null && facts.panes[focused]?.hasKeyOrder === true,
    keyOrder: focused !== null && paneViewOf(state, facts, focused) === 'key-order',
  };
}

export function pageShown(state: ScreenState, facts: ScreenFacts): { first: number; end: number } {
  return pageOf(state.anchor, Math.max(1, facts.panesPerPage), facts.panes.length);
}

export const scrollOf = (state: ScreenState, pane: number): Scroll => state.scrolls[pane] ?? FOLLOW;

// A pane's rows: each block, or under a filter each matching one. Scrolling counts rows.
export const rowCountOf = (pane: PaneFacts | undefined): number => pane?.filtered?.count ?? pane?.length ?? 0;

export const seqOfRow = (pane: PaneFacts, row: number): number => pane.filtered?.seqAt(row) ?? row;

// The row that shows block `seq`, or under a filter the first matching one after it.
export const rowOfSeq = (pane: PaneFacts, seq: number): number => pane.filtered?.indexOf(seq) ?? seq;

// Whether block `seq` is on a row of [start, end).
const shownIn = (pane: PaneFacts, seq: number, start: number, end: number): boolean => {
  const row = rowOfSeq(pane, seq);
  return row >= start && row < end && seqOfRow(pane, row) === seq;
};

// The block Enter shows in a pane: the block clicked (n/N forget it) or else the match n/N went
// to, while in view; else the bottom one.
export function markedBlockOf(state: ScreenState, facts: ScreenFacts, pane: number): number | null {
  const paneFacts = facts.panes[pane];
  if (!paneFacts) return null;
  const { start, end } = visibleRange(scrollOf(state, pane), rowCountOf(paneFacts), facts.blockLines);
  const selected = state.selected?.pane === pane ? state.selected.seq : null;
  if (selected !== null && shownIn(paneFacts, selected, start, end)) return selected;
  const match = state.search?.pane === pane ? state.match : null;
  if (match !== null && shownIn(paneFacts, match, start, end)) return match;
  return end > 0 ? seqOfRow(paneFacts, end - 1) : null;
}
