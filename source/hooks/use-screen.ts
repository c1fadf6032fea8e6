import { useEffect, useLayoutEffect, useState } from 'react';
import { useStdout } from 'ink';
import type { BlobRange } from '../decode/decoded-block.js';
import type { KeyPress } from '../keys/keymap.js';
import type { TextFilter } from '../model/filter.js';
import type { ScrollAction } from '../layout/scroll.js';
import type { CoreSearch } from '../net/core-search.js';
import { splitKeyBurst } from '../screen/key-burst.js';
import type { MouseReport } from '../screen/terminal-input.js';
import { keyEvent, reduceBurst, type Effect, type ScreenEvent } from '../screen/reduce.js';
import {
  INITIAL_SCREEN_STATE,
  type FileContent,
  type ScreenFacts,
  type ScreenState,
  type SearchTarget,
} from '../screen/screen-state.js';
import { copyText } from '../terminal/clipboard.js';
import { useKeyPress } from './use-key-press.js';

// What the screen's effects reach outside it.
export interface ScreenOutside {
  onQuit: () => void;
  // Stops the job (Ctrl+Z) and returns once it is continued; without it Ctrl+Z does nothing.
  onSuspend?: () => void;
  onAppendLines?: (lines: string[]) => void;
  onHistoryChanged?: (entries: readonly string[]) => void;
  // Starts a search of a pane's core; it runs until cancelled.
  searchPane: (target: SearchTarget) => CoreSearch | undefined;
  // Filters every pane (null: none); the same filter again changes nothing.
  filterPanes: (filter: TextFilter | null) => void;
  // Opens or closes a pane's key-order view, and moves it (docs/screen.md#key-order-view).
  showKeyOrder?: (pane: number, shown: boolean) => void;
  moveKeyOrder?: (pane: number, move: ScrollAction) => void;
  // Reads the first bytes of a drive's file from the pane's blobs core; undefined while that is not open.
  readFile?: (pane: number, blob: BlobRange | null) => Promise<FileContent> | undefined;
}

// Events from outside the screen (lines stored or refused, the history read) on their way in; kept until the screen
// listens, so none is lost to the first render.
export class ScreenInbox {
  private waiting: ScreenEvent[] = [];
  private listener: ((events: readonly ScreenEvent[]) => void) | null = null;

  send(event: ScreenEvent): void {
    if (this.listener) this.listener([event]);
    else this.waiting.push(event);
  }

  listen(listener: (events: readonly ScreenEvent[]) => void): () => void {
    this.listener = listener;
    const waiting = this.waiting;
    this.waiting = [];
    listener(waiting);
    return () => {
      if (this.listener === listener) this.listener = null;
    };
  }
}

// Holds the latest state between renders (keys arrive faster than frames) and carries out
// effects: the clipboard, timers, the running search.
class ScreenRunner {
  private state = INITIAL_SCREEN_STATE;
  private search: CoreSearch | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly publish: (state: ScreenState) => void,
    private readonly writeToTerminal: (data: string) => void,
    private facts: ScreenFacts,
    private outside: ScreenOutside,
  ) {}

  // Keys see the facts of the last frame drawn.
  update(facts: ScreenFacts, outside: ScreenOutside): void {
    this.facts = facts;
    // New panes (the writer's first, a rewritten block 0's) are filtered as the others are.
    if (outside !== this.outside && this.state.filter !== null) outside.filterPanes(this.state.filter);
    this.outside = outside;
  }

  keys(press: KeyPress): void {
    this.dispatch(splitKeyBurst(press).map(keyEvent));
  }

  paste(text: string, cut: boolean): void {
    this.dispatch([{ type: 'paste', text, cut }]);
  }

  mouse(report: MouseReport): void {
    this.dispatch([{ type: 'mouse', report }]);
  }

  dispatch(events: readonly ScreenEvent[]): void {
    if (this.closed || events.length === 0) return;
    const { state, effects } = reduceBurst(this.state, events, this.facts);
    this.state = state;
    this.publish(state);
    for (const effect of effects) this.perform(effect);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.stopSearch();
    this.outside.filterPanes(null);
  }

  private perform(effect: Effect): void {
    switch (effect.kind) {
      case 'quit':
        this.outside.onQuit();
        return;
      case 'suspend':
        this.outside.onSuspend?.();
        return;
      case 'append-lines':
        this.outside.onAppendLines?.(effect.lines);
        return;
      case 'save-history':
        this.outside.onHistoryChanged?.(effect.entries);
        return;
      case 'copy': {
        const { what, text } = effect;
        const copying = copyText(text, {
          env: process.env,
          platform: process.platform,
          writeToTerminal: this.writeToTerminal,
        });
        void copying.then(({ destinations }) => this.dispatch([{ type: 'copied', what, text, destinations }]));
        return;
      }
      case 'start-search': {
        this.stopSearch();
        const search = this.outside.searchPane(effect.target);
        if (!search) return;
        this.search = search;
        search.on('progress', (progress: CoreSearch['progress']) =>
          this.dispatch([{ type: 'search-progress', progress: { ...progress } }]),
        );
        this.dispatch([{ type: 'search-progress', progress: { ...search.progress } }]);
        return;
      }
      case 'cancel-search':
        this.stopSearch();
        return;
      case 'filter-panes':
        this.outside.filterPanes(effect.filter);
        return;
      case 'show-key-order':
        this.outside.showKeyOrder?.(effect.pane, effect.shown);
        return;
      case 'move-key-order':
        this.outside.moveKeyOrder?.(effect.pane, effect.move);
        return;
      case 'read-file': {
        const { pane, seq } = effect;
        const reading =
          this.outside.readFile?.(pane, effect.blob) ??
          Promise.resolve({ reason: "the drive's blobs core is not open yet" });
        void reading.then((content) => this.dispatch([{ type: 'file-read', pane, seq, content }]));
        return;
      }
      case 'later': {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.dispatch([effect.event]);
        }, effect.ms);
        this.timers.add(timer);
        return;
      }
    }
  }

  private stopSearch(): void {
    this.search?.removeAllListeners('progress');
    this.search?.cancel();
    this.search = null;
  }
}

// The screen's state machine in React: each key of a burst is one event, taken in the state the
// one before left; the effects of the whole burst are then carried out.
export function useScreen(facts: ScreenFacts, outside: ScreenOutside, inbox?: ScreenInbox): ScreenState {
  const { stdout } = useStdout();
  const [state, setState] = useState(INITIAL_SCREEN_STATE);
  const [runner] = useState(() => new ScreenRunner(setState, (data) => stdout.write(data), facts, outside));
  useLayoutEffect(() => runner.update(facts, outside));
  useEffect(() => () => runner.close(), [runner]);
  useEffect(() => inbox?.listen((events) => runner.dispatch(events)), [runner, inbox]);
  useKeyPress((press) => runner.keys(press), {
    paste: (text, cut) => runner.paste(text, cut),
    mouse: (report) => runner.mouse(report),
  });
  return state;
}
