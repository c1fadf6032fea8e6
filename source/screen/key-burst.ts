// Several keys can arrive in one read (fast typing, key repeat, tmux send-keys, a slow link, a
// paste); Ink then hands the run of text over as one input. Splits it back into keys, so the
// screen takes each in the state the one before left.
import type { KeyPress } from '../keys/keymap.js';

export const NO_KEY: KeyPress = {
  input: '',
  ctrl: false,
  shift: false,
  tab: false,
  escape: false,
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  enter: false,
  backspace: false,
  delete: false,
  meta: false,
  pageUp: false,
  pageDown: false,
  home: false,
  end: false,
  f1: false,
};

// ^A ^E ^U ^W: to the start, to the end, delete to the start, delete a word.
const LINE_EDITING_CONTROLS = new Set(['\x01', '\x05', '\x15', '\x17']);

const isControl = (character: string): boolean => character < ' ' || (character >= '\x7f' && character <= '\x9f');

// In a run of text, CR, LF and CRLF are Enter, DEL and ^H are Backspace, ^C is Ctrl+C, and the
// input line's own Ctrl keys (^A ^E ^U ^W) edit it, as they would typed one by one (fast typing,
// a slow link, tmux send-keys); other controls (a Tab or Ctrl+K inside pasted text among them)
// are dropped rather than acted on: they would move the focus and turn the rest into commands. The
// printable text between them stays one key, with several characters: the input line takes it in
// one edit (a long paste), anything else one character at a time (see `charactersOf`).
export function splitKeyBurst(press: KeyPress): KeyPress[] {
  const characters = Array.from(press.input);
  if (characters.length <= 1 || press.ctrl || press.escape || press.meta) return [press];
  const keys: KeyPress[] = [];
  let text = '';
  const flush = () => {
    if (text) keys.push({ ...NO_KEY, input: text });
    text = '';
  };
  let previous = '';
  for (const character of characters) {
    const afterCarriageReturn = previous === '\r';
    previous = character;
    if (character === '\n' && afterCarriageReturn) continue;
    if (!isControl(character)) {
      text += character;
      continue;
    }
    flush();
    if (character === '\r' || character === '\n') keys.push({ ...NO_KEY, enter: true });
    else if (character === '\x7f' || character === '\b') keys.push({ ...NO_KEY, backspace: true });
    else if (LINE_EDITING_CONTROLS.has(character) || character === '\x03')
      keys.push({ ...NO_KEY, ctrl: true, input: String.fromCharCode(character.charCodeAt(0) + 0x60) });
  }
  flush();
  return keys;
}

// A run of typed text as the keys it was typed with.
export function charactersOf(press: KeyPress): KeyPress[] {
  const characters = Array.from(press.input);
  return characters.length <= 1 ? [press] : characters.map((input) => ({ ...press, input }));
}

// A key that puts text into a text field: printable characters, no modifier.
export function typedCharacter(press: KeyPress): string | null {
  if (press.ctrl || press.meta || press.tab || press.escape || press.enter || press.f1) return null;
  return press.input.length > 0 && !Array.from(press.input).some(isControl) ? press.input : null;
}
