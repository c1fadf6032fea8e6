// The screen as one state machine: every key and every answer from the world is an event; the
// reducer returns the next state and what should happen outside (effects, as data), which a thin
// hook carries out. Pure, so each behaviour is specified by a unit test without Ink.
import { decodeBlock } from '../decode/decode-block.js';
import type { BlobRange } from '../decode/decoded-block.js';
import { filePutOf, type FilePut } from '../decode/drive.js';
import { helpEntries, modeOf, resolveAction, type Action, type KeyPress } from '../keys/keymap.js';
import { hitTest, inPaneArea } from '../layout/hit-test.js';
import { helpTopFor, peersTopFor } from '../layout/overlays.js';
import { applyScroll, showAtBottom, visibleRange, type ScrollAction } from '../layout/scroll.js';
import { parseFilter, type TextFilter } from '../model/filter.js';
import { formatKey } from '../model/keys.js';
import type { SearchProgress } from '../model/search.js';
import { RAW_FORMAT } from '../decode/core-format.js';
import { shownCopyText, shownDetailLayout } from '../decode/shown-block.js';
import { blockDetailLayout } from '../text/detail.js';
import { addEntry, inputHistory, newerEntry, olderEntry } from './input-history.js';
import { charactersOf, NO_KEY, typedCharacter } from './key-burst.js';
import { EMPTY_LINE, editLine, lineState, type LineEdit, type LineState } from './line-editor.js';
import { viewLine } from './line-view.js';
import { linesToAppend, pastedText, promptText } from './paste.js';
import { MAX_PASTE_CHARACTERS, type MouseReport } from './terminal-input.js';
import {
  firstPaneSlot,
  focusedPaneOf,
  keyContextOf,
  markedBlockOf,
  pageShown,
  rowCountOf,
  rowOfSeq,
  scrollOf,
  seqOfRow,
  type DetailTarget,
  type FileContent,
  type Notice,
  type PaneView,
  type ScreenFacts,
  type ScreenState,
  type SearchTarget,
} from './screen-state.js';

// How long "copied …" stays on the notice line.
export const NOTICE_MS = 4000;

// Enter on more lines than this asks first (docs/screen.md#paste): a paste of a whole file by
// mistake would otherwise become that many blocks at once.
export const PASTE_LINES_WITHOUT_ASKING = 20;

// Blocks (or block view lines) a notch of the mouse wheel scrolls.
export const WHEEL_STEP = 3;

export type ScreenEvent =
  | { type: 'key'; press: KeyPress }
  // A bracketed paste, raw (cut: longer than MAX_PASTE_CHARACTERS, the rest dropped).
  | { type: 'paste'; text: string; cut: boolean }
  | { type: 'mouse'; report: MouseReport }
  // A copy finished: where the text went (nowhere: the screen shows it for selecting by hand).
  | { type: 'copied'; what: string; text: string; destinations: string[] }
  | { type: 'notice-expired'; id: number }
  | { type: 'search-progress'; progress: SearchProgress }
  // The lines sent in earlier runs, read from the storage folder.
  | { type: 'history-loaded'; entries: readonly string[] }
  // The history file could not be read, and was set aside (or could not be): said once.
  | { type: 'history-set-aside'; message: string }
  // The writer stored lines, or could not: the lines it could not store are offered again.
  | { type: 'lines-stored' }
  | { type: 'append-failed'; message: string; unstoredLines: readonly string[] }
  // A reader's disk is full: it stores no more blocks.
  | { type: 'disk-full'; message: string }
  // The reader's writer rewrote block 0: the panes are now the cores the new one gives.
  | { type: 'panes-replaced' }
  // The reader was started with --filter.
  | { type: 'filter-given'; filter: TextFilter }
  // A drive's file (`seq` of `pane`) was read from its blobs core, or could not be.
  | { type: 'file-read'; pane: number; seq: number; content: FileContent };

export type Effect =
  | { kind: 'quit' }
  // Stop the job (Ctrl+Z): the screen is left until the shell's fg.
  | { kind: 'suspend' }
  | { kind: 'append-lines'; lines: string[] }
  // The lines sent, oldest first, to keep for the next run.
  | { kind: 'save-history'; entries: readonly string[] }
  | { kind: 'copy'; what: string; text: string }
  // Starts a search of a pane's core, cancelling the one running.
  | { kind: 'start-search'; target: SearchTarget }
  | { kind: 'cancel-search' }
  // Filters every pane (null: shows every block again).
  | { kind: 'filter-panes'; filter: TextFilter | null }
  // A pane turned to key order (its entries are read from now on) or back to its log (they are not).
  | { kind: 'show-key-order'; pane: number; shown: boolean }
  // The keys moved a pane's key order: the page is read from its first or last key.
  | { kind: 'move-key-order'; pane: number; move: ScrollAction }
  // Reads the first bytes of a drive's file (block `seq` of `pane` put it) from the blobs core.
  | { kind: 'read-file'; pane: number; seq: number; blob: BlobRange | null }
  | { kind: 'later'; ms: number; event: ScreenEvent };

export interface Reduction {
  state: ScreenState;
  effects: Effect[];
}

const unchanged = (state: ScreenState): Reduction => ({ state, effects: [] });

// For the handlers the mouse calls, which read no key.
const NO_PRESS = NO_KEY;

// The input line after an edit, with its field scrolled to keep the cursor in view.
function withInput(state: ScreenState, input: LineState, facts: ScreenFacts): ScreenState {
  return { ...state, input, inputStart: viewLine(input, facts.inputWidth, state.inputStart).start };
}

export function reduce(state: ScreenState, event: ScreenEvent, facts: ScreenFacts): Reduction {
  switch (event.type) {
    case 'key':
      return reduceKey(state, event.press, facts);
    case 'paste':
      return reducePaste(state, event.text, event.cut, facts);
    case 'mouse':
      return reduceMouse(state, event.report, facts);
    case 'copied': {
      const id = state.notices + 1;
      const notice: Notice =
        event.destinations.length === 0
          ? { kind: 'manual', id, what: event.what, text: event.text }
          : { kind: 'copied', id, what: event.what, destinations: event.destinations };
      // A notice for selecting by hand stays until Esc; the others fade.
      const effects: Effect[] =
        notice.kind === 'copied' ? [{ kind: 'later', ms: NOTICE_MS, event: { type: 'notice-expired', id } }] : [];
      return { state: { ...state, notice, notices: id }, effects };
    }
    case 'notice-expired':
      return unchanged(state.notice?.id === event.id ? { ...state, notice: null } : state);
    case 'search-progress': {
      const { search } = state;
      const current = search && event.progress.query === search.query && event.progress.scope === search.scope;
      if (!current) return unchanged(state);
      // A truncation shortens the search: a match stepped to past its end is gone.
      const { match } = state;
      const kept = match !== null && match < event.progress.total ? match : null;
      return unchanged({ ...state, searchProgress: event.progress, match: kept });
    }
    case 'lines-stored':
      return unchanged(state.alert === null ? state : { ...state, alert: null });
    case 'append-failed': {
      // The first refused line goes back into an empty input line, to be sent again; what is
      // being typed is never overwritten.
      const [first] = event.unstoredLines;
      const times = state.alert?.message === event.message ? state.alert.times + 1 : 1;
      const refused = { ...state, alert: { message: event.message, times } };
      return unchanged(
        state.input.text === '' && first !== undefined ? withInput(refused, lineState(first), facts) : refused,
      );
    }
    case 'disk-full':
    case 'history-set-aside':
      return unchanged({ ...state, alert: { message: event.message, times: 1 } });
    case 'panes-replaced':
      // What was scrolled, searched or shown whole belonged to panes that may be gone.
      return {
        state: {
          ...state,
          slot: firstPaneSlot(facts),
          anchor: 0,
          scrolls: [],
          paneViews: [],
          detail: null,
          file: null,
          searchPrompt: null,
          search: null,
          searchProgress: null,
          match: null,
          wraps: [],
          selected: null,
        },
        // The filter stays: the new panes are filtered as they come.
        effects: state.search === null ? [] : [{ kind: 'cancel-search' }],
      };
    case 'filter-given':
      return setFilter(state, event.filter);
    case 'file-read': {
      const { file } = state;
      if (file?.pane !== event.pane || file.seq !== event.seq) return unchanged(state);
      return unchanged({ ...state, file: { ...file, content: event.content } });
    }
    case 'history-loaded': {
      // Lines sent before the file was read come after those from earlier runs.
      const entries = [...event.entries, ...state.history.entries];
      return unchanged({ ...state, history: inputHistory(entries) });
    }
  }
}

export const keyEvent = (press: KeyPress): ScreenEvent => ({ type: 'key', press });

// A burst of events (the keys of one read: fast typing, a paste) taken one by one, each in the
// state the one before left. Keys after a quit (Ctrl+C inside a paste) are not acted on.
export function reduceBurst(state: ScreenState, events: readonly ScreenEvent[], facts: ScreenFacts): Reduction {
  let next = state;
  const effects: Effect[] = [];
  for (const event of events) {
    const reduction = reduce(next, event, facts);
    next = reduction.state;
    effects.push(...reduction.effects);
    if (reduction.effects.some((effect) => effect.kind === 'quit')) break;
  }
  return { state: next, effects: coalesce(effects) };
}

// The lines a burst appends (a paste) go to the writer together, and only the burst's last
// history is saved.
function coalesce(effects: readonly Effect[]): Effect[] {
  const lines = effects.flatMap((effect) => (effect.kind === 'append-lines' ? effect.lines : []));
  const saves = effects.filter((effect) => effect.kind === 'save-history');
  const others = effects.filter((effect) => effect.kind !== 'append-lines' && effect.kind !== 'save-history');
  return [...(lines.length > 0 ? [{ kind: 'append-lines' as const, lines }] : []), ...others, ...saves.slice(-1)];
}

function reduceKey(state: ScreenState, press: KeyPress, facts: ScreenFacts): Reduction {
  if (state.notice?.kind === 'manual' && press.escape) return unchanged({ ...state, notice: null });
  const context = keyContextOf(state, facts);
  // A run of typed text is one edit of the input line; anywhere else each character is a key.
  const keys = charactersOf(press);
  if (keys.length > 1 && modeOf(context) !== 'input') {
    return reduceBurst(state, keys.map(keyEvent), facts);
  }
  const action = resolveAction(press, context);
  if (action) return HANDLERS[action](state, facts, press);
  if (context.helpOpen) return unchanged(state);
  if (context.searchTyping) return unchanged({ ...state, searchPrompt: edited(state.searchPrompt ?? '', press) });
  if (context.filterTyping) {
    return unchanged({ ...state, filterPrompt: edited(state.filterPrompt ?? '', press), filterError: null });
  }
  if (modeOf(context) === 'input') return typeIntoInput(state, press, facts);
  return unchanged(state);
}

// The search prompt: typed characters go at the end, Backspace takes one off.
function edited(text: string, press: KeyPress): string {
  if (press.backspace) return Array.from(text).slice(0, -1).join('');
  return text + (typedCharacter(press) ?? '');
}

function typeIntoInput(state: ScreenState, press: KeyPress, facts: ScreenFacts): Reduction {
  if (press.enter) {
    const lines = linesToAppend(state.input.text);
    if (lines.length > PASTE_LINES_WITHOUT_ASKING) return unchanged({ ...state, confirmLines: lines.length });
    return appendInput(state, facts);
  }
  const typed = typedCharacter(press);
  return unchanged(
    typed === null ? state : withInput(state, editLine(state.input, { kind: 'insert', text: typed }), facts),
  );
}

// Each line of the input line (a paste's lines, or the one typed) becomes a block, as if typed
// and sent one by one.
function appendInput(state: ScreenState, facts: ScreenFacts): Reduction {
  const lines = linesToAppend(state.input.text);
  const cleared = withInput({ ...state, confirmLines: null }, EMPTY_LINE, facts);
  if (lines.length === 0) return unchanged(state.input.text === '' ? state : cleared);
  const history = lines.reduce(addEntry, state.history);
  return {
    state: { ...cleared, history },
    effects: [
      { kind: 'append-lines', lines },
      { kind: 'save-history', entries: history.entries },
    ],
  };
}

function withInfo(state: ScreenState, text: string): Reduction {
  const id = state.notices + 1;
  return {
    state: { ...state, notice: { kind: 'info', id, text }, notices: id },
    effects: [{ kind: 'later', ms: NOTICE_MS, event: { type: 'notice-expired', id } }],
  };
}

// A paste is text, never keys: into an open prompt, else the writer's input line at its cursor;
// a reader has nowhere else to put it.
function reducePaste(state: ScreenState, raw: string, cut: boolean, facts: ScreenFacts): Reduction {
  const text = pastedText(raw);
  const cutNote = cut ? ` (cut to its first ${MAX_PASTE_CHARACTERS.toLocaleString('en')} characters)` : '';
  if (state.confirmLines !== null) return withInfo(state, 'paste ignored: first answer the question above');
  if (state.searchPrompt !== null) {
    const prompted = { ...state, searchPrompt: state.searchPrompt + promptText(text) };
    return cut ? withInfo(prompted, `pasted${cutNote}`) : unchanged(prompted);
  }
  if (state.filterPrompt !== null) {
    const prompted = { ...state, filterPrompt: state.filterPrompt + promptText(text), filterError: null };
    return cut ? withInfo(prompted, `pasted${cutNote}`) : unchanged(prompted);
  }
  if (facts.role === 'reader')
    return withInfo(state, 'paste ignored: a reader takes a paste only at the / or & prompt');
  if (text === '') return unchanged(state);
  const pasted = withInput({ ...state, slot: 0 }, editLine(state.input, { kind: 'paste', text }), facts);
  return cut ? withInfo(pasted, `pasted${cutNote}`) : unchanged(pasted);
}

// The wheel scrolls what is under the pointer; a click focuses a pane (or the input line) and,
// on a block's line, picks that block for Enter.
function reduceMouse(state: ScreenState, report: MouseReport, facts: ScreenFacts): Reduction {
  const { button } = report;
  const wheel = button === 'wheel-up' || button === 'wheel-down';
  if (report.release || (!wheel && button !== 'left') || state.confirmLines !== null) return unchanged(state);
  const overlay = state.helpOpen || state.peersOpen || state.detail !== null || state.notice?.kind === 'manual';
  if (overlay) {
    if (!wheel || !inPaneArea(facts.layout, report)) return unchanged(state);
    return unchanged(scrollOverlay(state, button === 'wheel-up' ? -WHEEL_STEP : WHEEL_STEP, facts));
  }
  const hit = hitTest(
    { layout: facts.layout, page: pageShown(state, facts), withInputLine: facts.role === 'writer' },
    report,
  );
  if (hit.kind === 'input-line' && !wheel) return unchanged(facts.role === 'writer' ? { ...state, slot: 0 } : state);
  if (hit.kind !== 'pane') return unchanged(state);
  const { pane } = hit;
  const paneFacts = facts.panes[pane];
  // Rows: every block, or under a filter every matching one.
  const rows = rowCountOf(paneFacts);
  if (wheel) {
    const action = button === 'wheel-up' ? 'scroll-up' : 'scroll-down';
    let scroll = scrollOf(state, pane);
    for (let step = 0; step < WHEEL_STEP; step++) scroll = applyScroll(scroll, action, rows, facts.blockLines);
    return unchanged(withScroll(state, pane, scroll));
  }
  const focused = focusSlot(state, firstPaneSlot(facts) + pane, facts);
  // A wrapped pane's lines are not one a block: a click there only focuses.
  if (hit.blockLine === null || !paneFacts || state.wraps[pane] === true) return unchanged(focused);
  const row = visibleRange(scrollOf(state, pane), rows, facts.blockLines).start + hit.blockLine;
  return unchanged(row < rows ? { ...focused, selected: { pane, seq: seqOfRow(paneFacts, row) } } : focused);
}

// The wheel over the help, the peers view or the block view: `lines` down (up if negative).
function scrollOverlay(state: ScreenState, lines: number, facts: ScreenFacts): ScreenState {
  const height = facts.layout.fits ? facts.layout.paneHeight * facts.layout.paneRows : 0;
  const wanted = state.overlayTop + lines;
  if (state.helpOpen) {
    const entries = helpEntries({ ...keyContextOf(state, facts), helpOpen: false }).length;
    return { ...state, overlayTop: helpTopFor(wanted, entries, height, facts.mouse) };
  }
  if (state.peersOpen) {
    return { ...state, overlayTop: peersTopFor(wanted, facts.peers, height, facts.panes.length) };
  }
  const handler = HANDLERS[lines < 0 ? 'detail-line-up' : 'detail-line-down'];
  let next = state;
  for (let count = 0; count < Math.abs(lines); count++) next = handler(next, facts, NO_PRESS).state;
  return next;
}

// ↑ ↓ on the input line: the line sent before, or after (then what was being typed).
function walkHistory(state: ScreenState, older: boolean, facts: ScreenFacts): ScreenState {
  const step = older ? olderEntry(state.history, state.input) : newerEntry(state.history);
  return step ? withInput({ ...state, history: step.history }, step.line, facts) : state;
}

function focusSlot(state: ScreenState, slot: number, facts: ScreenFacts): ScreenState {
  const next = { ...state, slot };
  const pane = focusedPaneOf(next, facts);
  return pane === null ? next : { ...next, anchor: pane };
}

// The first pane of the page `step` pages away, wrapping around.
function turnPage(state: ScreenState, step: 1 | -1, facts: ScreenFacts): ScreenState {
  const perPage = Math.max(1, facts.panesPerPage);
  const pages = Math.ceil(facts.panes.length / perPage);
  if (pages === 0) return state;
  const current = Math.floor(pageShown(state, facts).first / perPage);
  return focusSlot(state, firstPaneSlot(facts) + ((current + step + pages) % pages) * perPage, facts);
}

function lastBefore(sorted: readonly number[], limit: number): number | undefined {
  for (let index = sorted.length - 1; index >= 0; index--) if (sorted[index] < limit) return sorted[index];
  return undefined;
}

function withScroll(state: ScreenState, pane: number, scroll: ScreenState['scrolls'][number]): ScreenState {
  const scrolls = [...state.scrolls];
  scrolls[pane] = scroll;
  return { ...state, scrolls };
}

// What an action does to the screen; the key pressed tells 1–9 apart.
type Handler = (state: ScreenState, facts: ScreenFacts, press: KeyPress) => Reduction;

// Each group names only actions: together they must handle every one (HANDLERS).
type Handlers = Partial<Record<Action, Handler>>;

const copy = (state: ScreenState, what: string, text: string): Reduction => ({
  state,
  effects: [{ kind: 'copy', what, text }],
});

const lineEdit =
  (edit: LineEdit): Handler =>
  (state, facts) =>
    unchanged(withInput(state, editLine(state.input, edit), facts));

// The writer's input line: edits, and ↑ ↓ through the lines sent.
const INPUT_LINE = {
  'cursor-left': lineEdit({ kind: 'backward-char' }),
  'cursor-right': lineEdit({ kind: 'forward-char' }),
  'word-left': lineEdit({ kind: 'backward-word' }),
  'word-right': lineEdit({ kind: 'forward-word' }),
  'line-start': lineEdit({ kind: 'beginning-of-line' }),
  'line-end': lineEdit({ kind: 'end-of-line' }),
  'delete-before': lineEdit({ kind: 'backward-delete-char' }),
  'delete-under': lineEdit({ kind: 'delete-char' }),
  'delete-to-space': lineEdit({ kind: 'unix-word-rubout' }),
  'delete-word-before': lineEdit({ kind: 'backward-kill-word' }),
  'delete-to-start': lineEdit({ kind: 'unix-line-discard' }),
  'history-older': (state, facts) => unchanged(walkHistory(state, true, facts)),
  'history-newer': (state, facts) => unchanged(walkHistory(state, false, facts)),
} satisfies Handlers;

const scrollPane =
  (action: ScrollAction): Handler =>
  (state, facts) => {
    const pane = focusedPaneOf(state, facts);
    if (pane === null) return unchanged(state);
    const rows = rowCountOf(facts.panes[pane]);
    return unchanged(withScroll(state, pane, applyScroll(scrollOf(state, pane), action, rows, facts.blockLines)));
  };

const moveKeyOrder =
  (move: ScrollAction): Handler =>
  (state, facts) => {
    const pane = focusedPaneOf(state, facts);
    return pane === null ? unchanged(state) : { state, effects: [{ kind: 'move-key-order', pane, move }] };
  };

const showPaneAs =
  (view: PaneView): Handler =>
  (state, facts) => {
    const pane = focusedPaneOf(state, facts);
    if (pane === null || facts.panes[pane]?.hasKeyOrder !== true) return unchanged(state);
    const paneViews = [...state.paneViews];
    paneViews[pane] = view;
    return { state: { ...state, paneViews }, effects: [{ kind: 'show-key-order', pane, shown: view === 'key-order' }] };
  };

// A bee's contents in key order (docs/screen.md#key-order-view): the page in view depends on the
// keys the bee holds, so the keys move it outside (effects), and the selected entry is a fact.
const KEY_ORDER = {
  'show-key-order': showPaneAs('key-order'),
  'show-log': showPaneAs('log'),
  'entry-up': moveKeyOrder('scroll-up'),
  'entry-down': moveKeyOrder('scroll-down'),
  'entries-page-up': moveKeyOrder('page-up'),
  'entries-page-down': moveKeyOrder('page-down'),
  'entries-first': moveKeyOrder('top'),
  'entries-last': moveKeyOrder('bottom'),
  // The entry whole is the block that wrote it, shown in the block view.
  'open-entry': (state, facts) => {
    const pane = focusedPaneOf(state, facts);
    const seq = pane === null ? null : (facts.panes[pane]?.selectedEntrySeq?.() ?? null);
    if (pane === null || seq === null) return unchanged(state);
    return unchanged({ ...state, detail: { pane, seq, top: 0 } });
  },
} satisfies Handlers;

// The focused pane's scrolling.
const SCROLLING = {
  'scroll-up': scrollPane('scroll-up'),
  'scroll-down': scrollPane('scroll-down'),
  'page-up': scrollPane('page-up'),
  'page-down': scrollPane('page-down'),
  top: scrollPane('top'),
  bottom: scrollPane('bottom'),
} satisfies Handlers;

const slotCount = (facts: ScreenFacts): number => firstPaneSlot(facts) + facts.panes.length;

// Which pane (or the input line) has the focus, and which page of panes is shown.
const FOCUS = {
  'focus-next': (state, facts) => {
    const slots = slotCount(facts);
    return unchanged(slots > 0 ? focusSlot(state, (state.slot + 1) % slots, facts) : state);
  },
  'focus-previous': (state, facts) => {
    const slots = slotCount(facts);
    return unchanged(slots > 0 ? focusSlot(state, (state.slot - 1 + slots) % slots, facts) : state);
  },
  'next-page': (state, facts) => unchanged(turnPage(state, 1, facts)),
  'previous-page': (state, facts) => unchanged(turnPage(state, -1, facts)),
  'focus-pane': (state, facts, press) => {
    const pane = Number(press.input) - 1;
    return unchanged(pane < facts.panes.length ? focusSlot(state, firstPaneSlot(facts) + pane, facts) : state);
  },
} satisfies Handlers;

// ← → in the block view: the block before or after, within the pane (the matching one, filtered).
const stepDetail =
  (step: 1 | -1): Handler =>
  (state, facts) => {
    const current = state.detail;
    const pane = current ? facts.panes[current.pane] : undefined;
    if (!current || !pane) return unchanged(state);
    const rows = rowCountOf(pane);
    if (rows === 0) return unchanged(state);
    // The row of the block shown: filtered, it is not always a row (the filter changed since).
    const row = rowOfSeq(pane, current.seq);
    const here = row < rows && seqOfRow(pane, row) === current.seq;
    const next = step === 1 ? (here ? row + 1 : row) : row - 1;
    const seq = seqOfRow(pane, Math.max(0, Math.min(rows - 1, next)));
    return unchanged({ ...state, detail: { ...current, seq, top: seq === current.seq ? current.top : 0 } });
  };

// ↑ ↓ PgUp PgDn in the block view: `direction` a line or a page.
const scrollDetail =
  (direction: 1 | -1, by: 'line' | 'page'): Handler =>
  (state, facts) => {
    const current = state.detail;
    if (!current) return unchanged(state);
    const step = by === 'line' ? 1 : facts.detailPage;
    const top = detailTop(current, Math.max(0, current.top + direction * step), facts);
    return unchanged({ ...state, detail: { ...current, top } });
  };

// The block view: a block shown whole over the panes.
const DETAIL_VIEW = {
  'open-detail': (state, facts) => {
    const pane = focusedPaneOf(state, facts);
    const seq = pane === null ? null : markedBlockOf(state, facts, pane);
    if (pane === null || seq === null) return unchanged(state);
    const file = fileAt(facts, pane, seq);
    if (file) {
      return {
        state: { ...state, file: { pane, seq, path: file.path, size: file.size, top: 0, content: null } },
        effects: [{ kind: 'read-file', pane, seq, blob: file.blob }],
      };
    }
    return unchanged({ ...state, detail: { pane, seq, top: 0 } });
  },
  'close-detail': (state) => unchanged({ ...state, detail: null }),
  'detail-previous': stepDetail(-1),
  'detail-next': stepDetail(1),
  'detail-line-up': scrollDetail(-1, 'line'),
  'detail-line-down': scrollDetail(1, 'line'),
  'detail-page-up': scrollDetail(-1, 'page'),
  'detail-page-down': scrollDetail(1, 'page'),
  'copy-block': (state, facts) => {
    const current = state.detail;
    const pane = current ? facts.panes[current.pane] : undefined;
    const bytes = current ? pane?.blockAt?.(current.seq) : undefined;
    if (!current || !bytes) return unchanged(state);
    const text = shownCopyText(pane?.format ?? RAW_FORMAT, current.seq, bytes);
    return copy(state, `block ${current.seq} of pane ${current.pane + 1}`, text);
  },
} satisfies Handlers;

// The file a drive pane's block put, if the pane holds the block.
function fileAt(facts: ScreenFacts, pane: number, seq: number): FilePut | undefined {
  const { format, blockAt } = facts.panes[pane] ?? {};
  const bytes = format?.kind === 'drive' ? blockAt?.(seq) : undefined;
  return bytes ? filePutOf(decodeBlock(format!, seq, bytes)) : undefined;
}

// ↑ ↓ PgUp PgDn in the file view: `direction` a line or a page, no further than its last page.
const scrollFile =
  (direction: 1 | -1, by: 'line' | 'page'): Handler =>
  (state, facts) => {
    const { file } = state;
    if (!file || !file.content || !('bytes' in file.content)) return unchanged(state);
    const wanted = Math.max(0, file.top + direction * (by === 'line' ? 1 : facts.detailPage));
    const lines = blockDetailLayout(file.content.bytes, facts.detailWidth).linesUpTo(wanted + facts.detailPage);
    const top = Math.max(0, Math.min(wanted, lines - facts.detailPage));
    return unchanged({ ...state, file: { ...file, top } });
  };

// The file view: a drive's file shown over the panes, its bytes read on demand (docs/screen.md#file-view).
const FILE_VIEW = {
  'close-file': (state) => unchanged({ ...state, file: null }),
  'file-line-up': scrollFile(-1, 'line'),
  'file-line-down': scrollFile(1, 'line'),
  'file-page-up': scrollFile(-1, 'page'),
  'file-page-down': scrollFile(1, 'page'),
  'copy-path': (state) => (state.file ? copy(state, "the file's path", state.file.path) : unchanged(state)),
} satisfies Handlers;

// Searching the focused pane: the prompt, the search running, and stepping through its matches.
const SEARCH = {
  search: (state) => unchanged({ ...state, searchPrompt: '' }),
  'search-cancel': (state) => unchanged({ ...state, searchPrompt: null }),
  'search-submit': (state, facts) => {
    const query = state.searchPrompt ?? '';
    const pane = focusedPaneOf(state, facts);
    const next = { ...state, searchPrompt: null, match: null };
    if (query.length === 0 || pane === null) return unchanged(next);
    return startSearch(next, { pane, query, scope: 'local' });
  },
  'search-all': (state) => (state.search ? startSearch(state, { ...state.search, scope: 'all' }) : unchanged(state)),
  'search-clear': (state) => ({
    state: { ...state, search: null, searchProgress: null, match: null },
    effects: [{ kind: 'cancel-search' }],
  }),
  'search-next': (state, facts) => unchanged(stepToMatch(state, 1, facts)),
  'search-previous': (state, facts) => unchanged(stepToMatch(state, -1, facts)),
} satisfies Handlers;

// Every pane filtered (docs/screen.md#filter): its prompt, and the filter set or cleared. Rows are
// counted anew, so each pane follows its tail again.
const setFilter = (state: ScreenState, filter: TextFilter | null): Reduction => ({
  state: { ...state, filterPrompt: null, filterError: null, filter, scrolls: [] },
  effects: [{ kind: 'filter-panes', filter }],
});

const FILTER = {
  filter: (state) => unchanged({ ...state, filterPrompt: '', filterError: null }),
  'filter-cancel': (state) => unchanged({ ...state, filterPrompt: null, filterError: null }),
  'filter-submit': (state) => {
    const text = state.filterPrompt ?? '';
    if (text.length === 0) return setFilter(state, null);
    const parsed = parseFilter(text);
    // A bad expression stays in the prompt, to be mended.
    if (!parsed.ok) return unchanged({ ...state, filterError: parsed.reason });
    return setFilter(state, parsed.filter);
  },
  'filter-clear': (state) => setFilter(state, null),
  'toggle-wrap': (state, facts) => {
    const pane = focusedPaneOf(state, facts);
    if (pane === null) return unchanged(state);
    const wraps = [...state.wraps];
    wraps[pane] = !wraps[pane];
    return unchanged({ ...state, wraps });
  },
} satisfies Handlers;

// The main key and the cores' keys: copied, or shown another way.
const KEYS = {
  'copy-main-key': (state, facts) => {
    const keys = facts.mainKeys.map((key) => formatKey(key, state.keyFormat));
    if (keys.length === 0) return unchanged(state);
    return copy(state, keys.length === 1 ? 'the main key' : `the ${keys.length} main keys`, keys.join(' '));
  },
  'copy-core-key': (state, facts) => {
    const index = focusedPaneOf(state, facts);
    const pane = index === null ? undefined : facts.panes[index];
    if (index === null || !pane) return unchanged(state);
    return copy(state, `the key of pane ${index + 1}`, formatKey(pane.key, state.keyFormat));
  },
  'copy-reader-command': (state, facts) =>
    facts.mainKeys.length > 0
      ? copy(
          state,
          'a reader command',
          facts.readerCommandFor(facts.mainKeys.map((key) => formatKey(key, state.keyFormat))),
        )
      : unchanged(state),
  'toggle-key-format': (state) => unchanged({ ...state, keyFormat: state.keyFormat === 'hex' ? 'z32' : 'hex' }),
} satisfies Handlers;

// The help overlay and the peers view.
const OVERLAYS = {
  help: (state) => unchanged({ ...state, helpOpen: true, overlayTop: 0 }),
  'close-overlay': (state) => unchanged({ ...state, helpOpen: false }),
  peers: (state) => unchanged({ ...state, peersOpen: true, overlayTop: 0 }),
  'close-peers': (state) => unchanged({ ...state, peersOpen: false }),
} satisfies Handlers;

// The question Enter asks before appending a long paste.
const CONFIRM = {
  'confirm-append': (state, facts) => appendInput(state, facts),
  'cancel-append': (state) => unchanged({ ...state, confirmLines: null }),
} satisfies Handlers;

// The program itself, stopped or ended.
const PROGRAM = {
  quit: (state) => ({ state, effects: [{ kind: 'quit' }] }),
  suspend: (state) => ({ state, effects: [{ kind: 'suspend' }] }),
} satisfies Handlers;

// Every action the key map names has its handler here: a new binding does not compile until it
// does something.
const HANDLERS: { [A in Action]: Handler } = {
  ...INPUT_LINE,
  ...SCROLLING,
  ...KEY_ORDER,
  ...FOCUS,
  ...DETAIL_VIEW,
  ...FILE_VIEW,
  ...SEARCH,
  ...FILTER,
  ...KEYS,
  ...OVERLAYS,
  ...CONFIRM,
  ...PROGRAM,
};

// The block view's top line scrolled to `wanted`, or to where it shows the block's end if that
// comes first. The block is laid out only as far as that page.
function detailTop({ pane, seq }: DetailTarget, wanted: number, facts: ScreenFacts): number {
  const shown = facts.panes[pane];
  const bytes = shown?.blockAt?.(seq);
  if (!bytes) return 0;
  const layout = shownDetailLayout(shown?.format ?? RAW_FORMAT, seq, bytes, facts.detailWidth);
  const lines = layout.linesUpTo(wanted + facts.detailPage);
  return Math.max(0, Math.min(wanted, lines - facts.detailPage));
}

function startSearch(state: ScreenState, target: SearchTarget): Reduction {
  return { state: { ...state, search: target, searchProgress: null }, effects: [{ kind: 'start-search', target }] };
}

// n/N: from the match last stepped to, or else from the bottom of the pane, to the next match
// that way (wrapping around), put at the bottom of the pane.
function stepToMatch(state: ScreenState, step: 1 | -1, facts: ScreenFacts): ScreenState {
  const current = state.search;
  const matches = state.searchProgress?.matches ?? [];
  const pane = current ? facts.panes[current.pane] : undefined;
  if (!current || !pane || matches.length === 0) return state;
  const scroll = scrollOf(state, current.pane);
  const rows = rowCountOf(pane);
  const bottom = visibleRange(scroll, rows, facts.blockLines).end - 1;
  const from = state.match ?? (bottom >= 0 ? seqOfRow(pane, bottom) : -1);
  const target =
    step === 1
      ? (matches.find((seq) => seq > from) ?? matches[0])
      : (lastBefore(matches, from) ?? matches[matches.length - 1]);
  // Filtered, a match the filter hides is shown by the matching block at or after it.
  const row = Math.min(rowOfSeq(pane, target), Math.max(0, rows - 1));
  const moved = withScroll(state, current.pane, showAtBottom(scroll, row, rows, facts.blockLines));
  return { ...moved, match: target, selected: null };
}
