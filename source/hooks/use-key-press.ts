import { useEffect, useRef } from 'react';
import { useInput, useStdin, type Key } from 'ink';
import type { KeyPress } from '../keys/keymap.js';

const F1_SEQUENCES = new Set(['\x1bOP', '\x1b[11~', '\x1b[[A', '\x1b[1P']);

export interface RawKey {
  press: KeyPress;
  // Ink's own reading of the key, for text editing (return, backspace).
  key: Key;
}

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
export function useKeyPress(handler: (raw: RawKey) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useInput((input, key) => latest.current({ press: toKeyPress(input, key), key }));

  const stdin = useStdin() as unknown as StdinWithEvents;
  useEffect(() => {
    const emitter = stdin.internal_eventEmitter;
    if (!emitter) return;
    const onInput = (data: string) => {
      if (!F1_SEQUENCES.has(data)) return;
      const press = { ...toKeyPress('', {} as Key), f1: true };
      latest.current({ press, key: {} as Key });
    };
    emitter.on('input', onInput);
    return () => {
      emitter.off('input', onInput);
    };
  }, [stdin]);
}
