import { useRef } from 'react';
import { useRefState } from './use-ref-state.js';
import { resolveAction, type Action, type KeyContext } from '../keys/keymap.js';
import { pageOf } from '../layout/layout.js';
import { sanitizedString, withoutTrailingNewline } from '../text/sanitize.js';
import type { CoreSearch, SearchProgress, SearchScope } from '../net/core-search.js';
import { usePaneSearch, type SearchTarget } from './use-pane-search.js';
import { applyScroll, FOLLOW, showAtBottom, visibleRange, type Scroll, type ScrollAction } from '../layout/scroll.js';
import { formatKey, type KeyFormat } from '../model/keys.js';
import { useCopy, type CopyNotice } from './use-copy.js';
import { useKeyPress, type RawKey } from './use-key-press.js';

export interface PaneFacts {
  key: Buffer;
  length: number;
  // The block if the pane holds it (it holds the ones in view).
  blockAt?: (seq: number) => Uint8Array | undefined;
  // Starts a search of the pane's core (running; cancel it when done with it).
  search?: (query: string, scope: SearchScope) => CoreSearch;
}

// The block shown whole over the panes.
export interface DetailTarget {
  pane: number;
  seq: number;
}

export interface ScreenControllerOptions {
  role: 'writer' | 'reader';
  panes: PaneFacts[];
  blockLines: number;
  // Panes shown at once; more are paged.
  panesPerPage?: number;
  mainKey: Buffer | null;
  readerCommandFor: (mainKey: string) => string;
  onQuit: () => void;
  onSubmitLines?: (lines: string[]) => void;
}

export interface ScreenController {
  context: KeyContext;
  focusedPane: number | null;
  // In the focused pane, the block Enter would show.
  markedBlock: number | null;
  detail: DetailTarget | null;
  // The query being typed after /, or null.
  searchPrompt: string | null;
  search: SearchTarget | null;
  searchProgress: SearchProgress | null;
  // The panes on screen: the page of the focused pane, or of the last pane focused.
  page: { first: number; end: number };
  scrolls: Scroll[];
  keyFormat: KeyFormat;
  input: string;
  // Puts a line that could not be stored back in the input line, to send again, unless
  // something new is being typed there.
  restoreInput: (line: string) => void;
  notice: CopyNotice | null;
}

const SCROLL_ACTIONS = new Set<Action>(['scroll-up', 'scroll-down', 'page-up', 'page-down', 'top', 'bottom']);

// Several keys can arrive in one read (fast typing, key repeat, a slow link, a paste); Ink then
// hands them over as one string. Replays them in order onto the line: Enter completes a line,
// DEL and ^H delete, Ctrl+C asks to quit, other controls are dropped.
export function replayTyping(line: string, chunk: string): { line: string; completed: string[]; quit: boolean } {
  const completed: string[] = [];
  let current = Array.from(line);
  let previous = '';
  for (const character of chunk) {
    if (character === '\n' && previous === '\r') {
      previous = character;
      continue;
    }
    previous = character;
    if (character === '\r' || character === '\n') {
      if (current.length > 0) completed.push(current.join(''));
      current = [];
    } else if (character === '\x7f' || character === '\b') {
      current.pop();
    } else if (character === '\x03') {
      return { line: current.join(''), completed, quit: true };
    } else if (character >= ' ' && !(character >= '\x7f' && character <= '\x9f')) {
      current.push(character);
    }
  }
  return { line: current.join(''), completed, quit: false };
}

function lastBefore(sorted: readonly number[], limit: number): number | undefined {
  for (let index = sorted.length - 1; index >= 0; index--) if ((sorted[index] as number) < limit) return sorted[index];
  return undefined;
}

// Focus, scrolling, help, key format and the writer's input line: the state behind the keys.
export function useScreenController(options: ScreenControllerOptions): ScreenController {
  const { role, panes, blockLines, mainKey, readerCommandFor, onQuit, onSubmitLines } = options;
  const panesPerPage = Math.max(1, options.panesPerPage ?? panes.length);
  // Focus slots: the writer's input line first (slot 0), then one per pane.
  const firstPaneSlot = role === 'writer' ? 1 : 0;
  const slotCount = firstPaneSlot + panes.length;
  const [, setSlot, slotRef] = useRefState(0);
  const [, setAnchor, anchorRef] = useRefState(0);
  const [scrolls, setScrolls, scrollsRef] = useRefState<Scroll[]>([]);
  const [, setHelpOpen, helpOpenRef] = useRefState(false);
  const [detail, setDetail, detailRef] = useRefState<DetailTarget | null>(null);
  const [searchPrompt, setSearchPrompt, searchPromptRef] = useRefState<string | null>(null);
  const [search, setSearch, searchRef] = useRefState<SearchTarget | null>(null);
  // The match n/N last went to: marked in its pane, and what Enter shows.
  const [, setMatch, matchRef] = useRefState<number | null>(null);
  const searchProgress = usePaneSearch(search, (target) => panes[target.pane]?.search?.(target.query, target.scope));
  const progressRef = useRef(searchProgress);
  progressRef.current = searchProgress;
  const [keyFormat, setKeyFormat, keyFormatRef] = useRefState<KeyFormat>('hex');
  const [input, setInput, inputRef] = useRefState('');
  const { notice, copy, dismiss } = useCopy();

  const focusedPaneOf = (slot: number) =>
    slot >= firstPaneSlot && slot - firstPaneSlot < panes.length ? slot - firstPaneSlot : null;
  // The same whether or not the terminal fits: while it is too small, typing still goes to the
  // input line (shown once it fits again) and digits stay text, so nothing typed is lost and the
  // focus never moves by itself.
  const contextNow = (): KeyContext => ({
    role,
    focus: role === 'writer' && slotRef.current === 0 ? 'input' : 'pane',
    helpOpen: helpOpenRef.current,
    paged: panes.length > panesPerPage,
    detailOpen: detailRef.current !== null,
    searchTyping: searchPromptRef.current !== null,
    searchActive: searchRef.current !== null && searchRef.current.pane === focusedPaneOf(slotRef.current),
    searchPartial:
      progressRef.current !== null &&
      progressRef.current.done &&
      progressRef.current.searched < progressRef.current.total,
  });
  const context = contextNow();
  const focusedPane = focusedPaneOf(slotRef.current);
  const page = pageOf(anchorRef.current, panesPerPage, panes.length);

  // The block Enter shows: the match n/N went to while it is in view, else the bottom one.
  const markedBlock = (pane: number): number | null => {
    const { length } = panes[pane] as PaneFacts;
    const { start, end } = visibleRange(scrollsRef.current[pane] ?? FOLLOW, length, blockLines);
    const match = searchRef.current?.pane === pane ? matchRef.current : null;
    if (match !== null && match >= start && match < end) return match;
    return end > 0 ? end - 1 : null;
  };

  const focusSlot = (slot: number) => {
    setSlot(slot);
    const pane = focusedPaneOf(slot);
    if (pane !== null) setAnchor(pane);
  };
  // The first pane of the page `step` pages away, wrapping around.
  const turnPage = (step: 1 | -1) => {
    const pages = Math.ceil(panes.length / panesPerPage);
    const current = Math.floor(page.first / panesPerPage);
    focusSlot(firstPaneSlot + ((current + step + pages) % pages) * panesPerPage);
  };

  const act = (action: Action, typed: string) => {
    const slot = slotRef.current;
    const focusedPane = focusedPaneOf(slot);
    const keyFormat = keyFormatRef.current;
    if (SCROLL_ACTIONS.has(action)) {
      if (focusedPane === null) return;
      const pane = panes[focusedPane] as PaneFacts;
      const next = [...scrollsRef.current];
      next[focusedPane] = applyScroll(next[focusedPane] ?? FOLLOW, action as ScrollAction, pane.length, blockLines);
      setScrolls(next);
      return;
    }
    switch (action) {
      case 'quit':
        onQuit();
        return;
      case 'help':
        setHelpOpen(true);
        return;
      case 'close-overlay':
        setHelpOpen(false);
        return;
      case 'focus-next':
        if (slotCount > 0) focusSlot((slot + 1) % slotCount);
        return;
      case 'focus-previous':
        if (slotCount > 0) focusSlot((slot - 1 + slotCount) % slotCount);
        return;
      case 'next-page':
        turnPage(1);
        return;
      case 'open-detail': {
        const seq = focusedPane === null ? null : markedBlock(focusedPane);
        if (focusedPane !== null && seq !== null) setDetail({ pane: focusedPane, seq });
        return;
      }
      case 'close-detail':
        setDetail(null);
        return;
      case 'detail-previous':
      case 'detail-next': {
        const current = detailRef.current;
        if (!current) return;
        const length = panes[current.pane]?.length ?? 0;
        const seq = Math.max(0, Math.min(length - 1, current.seq + (action === 'detail-next' ? 1 : -1)));
        setDetail({ ...current, seq });
        return;
      }
      case 'copy-block': {
        const current = detailRef.current;
        const bytes = current ? panes[current.pane]?.blockAt?.(current.seq) : undefined;
        if (current && bytes)
          copy(`block ${current.seq} of pane ${current.pane + 1}`, sanitizedString(withoutTrailingNewline(bytes)));
        return;
      }
      case 'search':
        setSearchPrompt('');
        return;
      case 'search-cancel':
        setSearchPrompt(null);
        return;
      case 'search-submit': {
        const query = searchPromptRef.current ?? '';
        setSearchPrompt(null);
        setMatch(null);
        if (query.length > 0 && focusedPane !== null) setSearch({ pane: focusedPane, query, scope: 'local' });
        return;
      }
      case 'search-all': {
        const current = searchRef.current;
        if (current) setSearch({ ...current, scope: 'all' });
        return;
      }
      case 'search-clear':
        setSearch(null);
        setMatch(null);
        return;
      case 'search-next':
      case 'search-previous': {
        const current = searchRef.current;
        const matches = progressRef.current?.matches ?? [];
        if (!current || matches.length === 0) return;
        const pane = panes[current.pane] as PaneFacts;
        const scroll = scrollsRef.current[current.pane] ?? FOLLOW;
        // Step from the match last stepped to, or else from the bottom of the pane.
        const bottom = matchRef.current ?? visibleRange(scroll, pane.length, blockLines).end - 1;
        const target =
          action === 'search-next'
            ? (matches.find((seq) => seq > bottom) ?? (matches[0] as number))
            : (lastBefore(matches, bottom) ?? (matches[matches.length - 1] as number));
        const next = [...scrollsRef.current];
        next[current.pane] = showAtBottom(scroll, target, pane.length, blockLines);
        setScrolls(next);
        setMatch(target);
        return;
      }
      case 'focus-pane': {
        const pane = Number(typed) - 1;
        if (pane < panes.length) focusSlot(firstPaneSlot + pane);
        return;
      }
      case 'previous-page':
        turnPage(-1);
        return;
      case 'toggle-key-format':
        setKeyFormat(keyFormat === 'hex' ? 'z32' : 'hex');
        return;
      case 'copy-main-key':
        if (mainKey) copy('the main key', formatKey(mainKey, keyFormat));
        return;
      case 'copy-core-key':
        if (focusedPane !== null) {
          copy(`the key of pane ${focusedPane + 1}`, formatKey((panes[focusedPane] as PaneFacts).key, keyFormat));
        }
        return;
      case 'copy-reader-command':
        if (mainKey) copy('a reader command', readerCommandFor(formatKey(mainKey, keyFormat)));
        return;
    }
  };

  const handle = ({ press, key }: RawKey): void => {
    if (notice?.kind === 'manual' && press.escape) {
      dismiss();
      return;
    }
    const context = contextNow();
    // Keys that arrive in one read (fast typing, tmux send-keys, a slow link) come as one string:
    // outside a text field, take them one at a time, each in the state the one before left.
    const typing = context.searchTyping || (context.focus === 'input' && !context.helpOpen);
    if (!typing && !press.ctrl && press.input.length > 1 && /^[\x20-\x7e]+$/.test(press.input)) {
      for (const character of press.input) handle({ press: { ...press, input: character }, key });
      return;
    }
    const action = resolveAction(press, context);
    if (action) {
      act(action, press.input);
      return;
    }
    if (context.searchTyping && !context.helpOpen) {
      if (key.backspace || key.delete)
        setSearchPrompt(
          Array.from(searchPromptRef.current ?? '')
            .slice(0, -1)
            .join(''),
        );
      else if (!press.ctrl && press.input.length > 0) {
        const typed = replayTyping(searchPromptRef.current ?? '', press.input);
        setSearchPrompt(typed.line);
        if (typed.quit) onQuit();
      }
      return;
    }
    if (context.focus !== 'input' || context.helpOpen) {
      if (press.input.length > 1 && press.input.includes('\x03')) onQuit();
      return;
    }
    if (key.backspace || key.delete) {
      setInput(Array.from(inputRef.current).slice(0, -1).join(''));
      return;
    }
    if (key.return) {
      if (inputRef.current.length > 0) onSubmitLines?.([inputRef.current]);
      setInput('');
      return;
    }
    if (press.ctrl || press.input.length === 0) return;
    const { line, completed, quit } = replayTyping(inputRef.current, press.input);
    if (completed.length > 0) onSubmitLines?.(completed);
    setInput(line);
    if (quit) onQuit();
  };
  useKeyPress(handle);

  return {
    context,
    focusedPane,
    markedBlock: focusedPane === null ? null : markedBlock(focusedPane),
    detail,
    searchPrompt,
    search,
    searchProgress,
    page,
    scrolls,
    keyFormat,
    input,
    restoreInput: (line) => {
      if (inputRef.current === '') setInput(line);
    },
    notice,
  };
}
