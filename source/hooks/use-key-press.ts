import { useEffect, useRef } from 'react';
import { useInput, useStdin, type Key } from 'ink';
import type { KeyPress } from '../keys/keymap.js';
import { NO_KEY } from '../screen/key-burst.js';
import { takeProbeReply } from '../terminal/width-probe.js';

const F1_SEQUENCES = new Set(['\x1bOP', '\x1b[11~', '\x1b[[A', '\x1b[1P']);

// Ink names both DEL (the Backspace most terminals send) and the Delete key (ESC[3~) `delete`;
// only the bytes tell them apart.
// eslint-disable-next-line no-control-regex -- an escape sequence is what this looks for
const FORWARD_DELETE = /^\x1b+\[3[;~$^]/;

function toKeyPress(input: string, key: Key, sequence: string): KeyPress {
  const forwardDelete = key.delete && FORWARD_DELETE.test(sequence);
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
    backspace: key.backspace || (key.delete && !forwardDelete),
    delete: forwardDelete,
    // Ink sets meta for Esc itself too; Esc is told apart by `escape`.
    meta: key.meta,
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

// The 'input' event being handled (one key, or a run of text), and whether it reached a handler of ours.
let currentEvent = '';
let keyDelivered = false;
const guardedEmitters = new WeakSet<NodeJS.EventEmitter>();

// Ink 6.8 can throw on a key before any handler sees it: parse-keypress reads a CSI's first
// parameter as a modifier (ESC[5X, ESC[31m: 5 and 31 carry its Ctrl bit) and names the key from a
// table that lacks it, so use-input's `input.startsWith` runs on an undefined name. Thrown from
// stdin's 'readable' listener, that ended the app. Ink splits stdin into one 'input' event per key
// on this emitter: an event that throws before reaching our handlers is a key Ink cannot read, and
// is dropped; anything our own handlers throw still goes on up. The terminal's replies to the width
// probe are taken out here too, before Ink or any handler sees them.
function dropUnreadableKeys(emitter: NodeJS.EventEmitter): void {
  if (guardedEmitters.has(emitter)) return;
  guardedEmitters.add(emitter);
  const emit = emitter.emit.bind(emitter);
  emitter.emit = (event: string | symbol, ...args: unknown[]): boolean => {
    if (event !== 'input') return emit(event, ...args);
    currentEvent = typeof args[0] === 'string' ? args[0] : '';
    // The terminal's answer to the width probe is no key, not even in the input line.
    if (takeProbeReply(currentEvent)) return false;
    keyDelivered = false;
    try {
      return emit(event, ...args);
    } catch (error) {
      if (keyDelivered) throw error;
      return false;
    }
  };
}

// A CSI or SS3 sequence Ink does not name (ESC[1m, ESC[200~, a mouse report) comes through as its
// own tail, '[1m': pasted or sent by a terminal, that is not something typed.
function isUnnamedSequence(event: string, input: string): boolean {
  // eslint-disable-next-line no-control-regex -- an escape sequence is what this looks for
  return /^\x1b+[[O]./.test(event) && input === event.slice(1);
}

// Ink's useInput, plus F1, which Ink parses but does not pass on (it has no field for it).
export function useKeyPress(handler: (press: KeyPress) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useInput((input, key) => {
    keyDelivered = true;
    if (isUnnamedSequence(currentEvent, input)) return;
    latest.current(toKeyPress(input, key, currentEvent));
  });

  const stdin = useStdin() as unknown as StdinWithEvents;
  useEffect(() => {
    const emitter = stdin.internal_eventEmitter;
    if (!emitter) return;
    dropUnreadableKeys(emitter);
    const onInput = (data: string) => {
      if (!F1_SEQUENCES.has(data)) return;
      keyDelivered = true;
      latest.current({ ...NO_KEY, f1: true });
    };
    emitter.on('input', onInput);
    return () => {
      emitter.off('input', onInput);
    };
  }, [stdin]);
}
