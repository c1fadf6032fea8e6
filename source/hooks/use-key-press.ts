import { useEffect, useRef } from 'react';
import { useInput, useStdin, type Key } from 'ink';
import type { KeyPress } from '../keys/keymap.js';
import { NO_KEY } from '../screen/key-burst.js';

const F1_SEQUENCES = new Set(['\x1bOP', '\x1b[11~', '\x1b[[A', '\x1b[1P']);

function toKeyPress(input: string, key: Key): KeyPress {
  return {
    input,
    ctrl: key.ctrl,
    shift: key.shift,
    tab: key.tab,
    escape: key.escape,
    upArrow: key.upArrow,
    downArrow: key.downArrow,
    leftArrow: key.leftArrow,
    rightArrow: key.rightArrow,
    enter: key.return,
    // Ink reports DEL, which most terminals send for Backspace, as delete.
    backspace: key.backspace || key.delete,
    pageUp: key.pageUp,
    pageDown: key.pageDown,
    home: key.home,
    end: key.end,
    f1: false,
  };
}

interface StdinWithEvents {
  internal_eventEmitter?: NodeJS.EventEmitter;
}

// Ink's useInput, plus F1, which Ink parses but does not pass on (it has no field for it).
export function useKeyPress(handler: (press: KeyPress) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useInput((input, key) => latest.current(toKeyPress(input, key)));

  const stdin = useStdin() as unknown as StdinWithEvents;
  useEffect(() => {
    const emitter = stdin.internal_eventEmitter;
    if (!emitter) return;
    const onInput = (data: string) => {
      if (F1_SEQUENCES.has(data)) latest.current({ ...NO_KEY, f1: true });
    };
    emitter.on('input', onInput);
    return () => {
      emitter.off('input', onInput);
    };
  }, [stdin]);
}
