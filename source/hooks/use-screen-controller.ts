import { useState } from 'react';
import { useRefState } from './use-ref-state.js';
import { resolveAction, type Action, type KeyContext } from '../keys/keymap.js';
import { applyScroll, FOLLOW, type Scroll, type ScrollAction } from '../layout/scroll.js';
import { formatKey, type KeyFormat } from '../model/keys.js';
import { useCopy, type CopyNotice } from './use-copy.js';
import { useKeyPress } from './use-key-press.js';

export interface PaneFacts {
  key: Buffer;
  length: number;
}

export interface ScreenControllerOptions {
  role: 'writer' | 'reader';
  panes: PaneFacts[];
  blockLines: number;
  mainKey: Buffer | null;
  readerCommandFor: (mainKey: string) => string;
  onQuit: () => void;
  onSubmitLines?: (lines: string[]) => void;
}

export interface ScreenController {
  context: KeyContext;
  focusedPane: number | null;
  scrolls: Scroll[];
  keyFormat: KeyFormat;
  input: string;
  notice: CopyNotice | null;
}

const SCROLL_ACTIONS = new Set<Action>(['scroll-up', 'scroll-down', 'page-up', 'page-down', 'top', 'bottom']);

// Printable text from a key press or a paste: controls dropped, line breaks split lines.
function splitTyped(input: string): string[] {
  return input.replace(/[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]/g, '').split(/\r\n|\r|\n/);
}

// Focus, scrolling, help, key format and the writer's input line: the state behind the keys.
export function useScreenController(options: ScreenControllerOptions): ScreenController {
  const { role, panes, blockLines, mainKey, readerCommandFor, onQuit, onSubmitLines } = options;
  // Focus slots: the writer's input line first (slot 0), then one per pane.
  const firstPaneSlot = role === 'writer' ? 1 : 0;
  const slotCount = firstPaneSlot + panes.length;
  const [, setSlot, slotRef] = useRefState(0);
  const [scrolls, setScrolls] = useState<Scroll[]>([]);
  const [, setHelpOpen, helpOpenRef] = useRefState(false);
  const [keyFormat, setKeyFormat, keyFormatRef] = useRefState<KeyFormat>('hex');
  const [input, setInput, inputRef] = useRefState('');
  const { notice, copy, dismiss } = useCopy();

  const focusedPaneOf = (slot: number) =>
    slot >= firstPaneSlot && slot - firstPaneSlot < panes.length ? slot - firstPaneSlot : null;
  const contextNow = (): KeyContext => ({
    role,
    focus: role === 'writer' && slotRef.current === 0 ? 'input' : 'pane',
    helpOpen: helpOpenRef.current,
  });
  const context = contextNow();
  const focusedPane = focusedPaneOf(slotRef.current);

  const act = (action: Action) => {
    const slot = slotRef.current;
    const focusedPane = focusedPaneOf(slot);
    const keyFormat = keyFormatRef.current;
    if (SCROLL_ACTIONS.has(action)) {
      if (focusedPane === null) return;
      const pane = panes[focusedPane] as PaneFacts;
      setScrolls((current) => {
        const next = [...current];
        next[focusedPane] = applyScroll(current[focusedPane] ?? FOLLOW, action as ScrollAction, pane.length, blockLines);
        return next;
      });
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
        if (slotCount > 0) setSlot((slot + 1) % slotCount);
        return;
      case 'focus-previous':
        if (slotCount > 0) setSlot((slot - 1 + slotCount) % slotCount);
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

  useKeyPress(({ press, key }) => {
    if (notice?.kind === 'manual' && press.escape) {
      dismiss();
      return;
    }
    const context = contextNow();
    const action = resolveAction(press, context);
    if (action) {
      act(action);
      return;
    }
    if (context.focus !== 'input' || context.helpOpen) return;
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
    const typed = splitTyped(press.input);
    if (typed.length === 1) {
      setInput(inputRef.current + (typed[0] as string));
      return;
    }
    // A paste with line breaks: every complete line is submitted at once, in order.
    const complete = [inputRef.current + (typed[0] as string), ...typed.slice(1, -1)].filter((line) => line.length > 0);
    if (complete.length > 0) onSubmitLines?.(complete);
    setInput(typed[typed.length - 1] as string);
  });

  return { context, focusedPane, scrolls, keyFormat, input, notice };
}
