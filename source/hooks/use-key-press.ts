import { useEffect, useRef } from 'react';
import { useInput, useStdin, type Key } from 'ink';
import type { KeyPress } from '../keys/keymap.js';
import { NO_KEY } from '../screen/key-burst.js';
import { TerminalInputSplitter, type MouseReport, type TerminalInput } from '../screen/terminal-input.js';
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

// How long what is held waits for the rest: a lone ESC (then it is Esc: long enough for a
// sequence cut between two reads, short enough not to be felt), the start of a sequence (never
// a key), a paste that pauses (then it is taken as ended without its end marker).
export const ESCAPE_WAIT_MS = 50;
const WAIT_MS = { escape: ESCAPE_WAIT_MS, sequence: 500, paste: 1000 } as const;

// Where pastes and mouse reports go: the screen's latest handlers.
interface TerminalInputHandlers {
  paste: (text: string, cut: boolean) => void;
  mouse: (report: MouseReport) => void;
}

const routers = new WeakMap<NodeJS.EventEmitter, { handlers: TerminalInputHandlers | null }>();

// Ink 6.8 can throw on a key before any handler sees it: parse-keypress reads a CSI's first
// parameter as a modifier (ESC[5X, ESC[31m: 5 and 31 carry its Ctrl bit) and names the key from a
// table that lacks it, so use-input's `input.startsWith` runs on an undefined name. Thrown from
// stdin's 'readable' listener, that ended the app. Ink splits stdin into one 'input' event per key
// on this emitter: an event that throws before reaching our handlers is a key Ink cannot read, and
// is dropped; anything our own handlers throw still goes on up.
//
// Before Ink reads an event as keys, a bracketed paste and mouse reports are taken out of it
// (source/screen/terminal-input.ts): a pasted Ctrl+C, q or Tab is text, never a key. The
// terminal's replies to the width probe are taken out too, before Ink or any handler sees them.
function routeTerminalInput(emitter: NodeJS.EventEmitter): { handlers: TerminalInputHandlers | null } {
  const existing = routers.get(emitter);
  if (existing) return existing;
  const router: { handlers: TerminalInputHandlers | null } = { handlers: null };
  routers.set(emitter, router);
  const emit = emitter.emit.bind(emitter);
  const emitKeys = (data: string): boolean => {
    // The terminal's answer to the width probe is no key, not even in the input line.
    if (takeProbeReply(data)) return false;
    currentEvent = data;
    keyDelivered = false;
    try {
      return emit('input', data);
    } catch (error) {
      if (keyDelivered) throw error;
      return false;
    }
  };
  const splitter = new TerminalInputSplitter();
  let timer: NodeJS.Timeout | undefined;
  const deliver = (inputs: readonly TerminalInput[]): boolean => {
    let delivered = false;
    for (const input of inputs) {
      if (input.kind === 'keys') delivered = emitKeys(input.data) || delivered;
      else if (input.kind === 'paste') router.handlers?.paste(input.text, input.cut);
      else router.handlers?.mouse(input.report);
    }
    clearTimeout(timer);
    const waiting = splitter.waiting();
    if (waiting) {
      timer = setTimeout(() => deliver(splitter.flush()), WAIT_MS[waiting]);
      timer.unref();
    }
    return delivered;
  };
  emitter.emit = (event: string | symbol, ...args: unknown[]): boolean => {
    if (event !== 'input' || typeof args[0] !== 'string') return emit(event, ...args);
    return deliver(splitter.push(args[0]));
  };
  return router;
}

// A CSI or SS3 sequence Ink does not name (ESC[1m, a stray ESC[201~, an X10 mouse report) comes
// through as its own tail, '[1m': pasted or sent by a terminal, that is not something typed.
function isUnnamedSequence(event: string, input: string): boolean {
  // eslint-disable-next-line no-control-regex -- an escape sequence is what this looks for
  return /^\x1b+[[O]./.test(event) && input === event.slice(1);
}

// Ink's useInput, plus F1, which Ink parses but does not pass on (it has no field for it), and
// what the terminal sends besides keys: pastes and mouse reports.
export function useKeyPress(handler: (press: KeyPress) => void, handlers: TerminalInputHandlers): void {
  const latest = useRef(handler);
  const latestHandlers = useRef(handlers);
  useEffect(() => {
    latest.current = handler;
    latestHandlers.current = handlers;
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
    const router = routeTerminalInput(emitter);
    router.handlers = {
      paste: (text, cut) => latestHandlers.current.paste(text, cut),
      mouse: (report) => latestHandlers.current.mouse(report),
    };
    const onInput = (data: string) => {
      if (!F1_SEQUENCES.has(data)) return;
      keyDelivered = true;
      latest.current({ ...NO_KEY, f1: true });
    };
    emitter.on('input', onInput);
    return () => {
      emitter.off('input', onInput);
      router.handlers = null;
    };
  }, [stdin]);
}
