// What the terminal sends besides keys, picked out of Ink's input events before Ink reads them as
// keys: a bracketed paste (mode 2004: `ESC[200~ text ESC[201~`) and SGR mouse reports (modes
// 1000 and 1006: `ESC[<b;x;yM`). See docs/screen.md#paste and docs/screen.md#mouse.
//
// Ink splits stdin into one event per key sequence or run of text. A read that ends inside a
// sequence is held by Ink only until the next turn of the event loop, then handed on in pieces
// (`ESC[20`, then `0~text`): a piece that can still become a paste's start or a mouse report is
// held here until the next event says what it was, or until `flush()` (no more input came).

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';
// eslint-disable-next-line no-control-regex -- an escape sequence is what this looks for
const MOUSE_REPORT = /^\x1b\[<(\d{1,4});(\d{1,5});(\d{1,5})([Mm])/;
// A piece that a mouse report could still grow from.
// eslint-disable-next-line no-control-regex -- an escape sequence is what this looks for
const MOUSE_PREFIX = /^\x1b(\[(<[\d;]*)?)?$/;

// A paste is kept up to this many characters; the rest is read and dropped (said on screen).
export const MAX_PASTE_CHARACTERS = 1_000_000;

export type MouseButton = 'left' | 'middle' | 'right' | 'wheel-up' | 'wheel-down' | 'other';

export interface MouseReport {
  button: MouseButton;
  // The cell, from 0 at the top left of the screen.
  column: number;
  row: number;
  // A button let go (SGR's final `m`); wheel notches are presses only.
  release: boolean;
}

export type TerminalInput =
  // A key or a run of text, as Ink sent it: Ink reads it as keys.
  | { kind: 'keys'; data: string }
  | { kind: 'paste'; text: string; cut: boolean }
  | { kind: 'mouse'; report: MouseReport };

const BUTTONS: Record<number, MouseButton> = { 0: 'left', 1: 'middle', 2: 'right', 64: 'wheel-up', 65: 'wheel-down' };

// An SGR report's button code: the low bits and the wheel bit name the button; shift (4), meta (8),
// ctrl (16) and motion (32) do not change which.
export function parseMouseReport(sequence: string): { report: MouseReport; length: number } | null {
  const match = MOUSE_REPORT.exec(sequence);
  if (!match) return null;
  const code = Number(match[1]);
  const motion = (code & 32) !== 0;
  const button = motion ? 'other' : (BUTTONS[code & ~(4 | 8 | 16)] ?? 'other');
  return {
    report: {
      button,
      column: Math.max(0, Number(match[2]) - 1),
      row: Math.max(0, Number(match[3]) - 1),
      release: match[4] === 'm',
    },
    length: match[0].length,
  };
}

// eslint-disable-next-line no-control-regex -- an escape sequence is what this looks for
const CSI = /^\x1b\[[0-?]*[ -/]*[@-~]/;

const keysOf = (data: string): TerminalInput => ({ kind: 'keys', data });

const couldStartPaste = (text: string): boolean => text.length < PASTE_START.length && PASTE_START.startsWith(text);

export class TerminalInputSplitter {
  private held = '';
  private pasting = false;
  private pasted = '';
  private pasteCut = false;
  // The paste's last characters, not yet known not to be the start of its end marker.
  private pasteTail = '';

  // What is held: a lone ESC (the Esc key, or the start of a sequence), more of a sequence
  // (never a key), or a paste still arriving. The caller calls `flush()` if nothing follows.
  waiting(): 'escape' | 'sequence' | 'paste' | null {
    if (this.pasting) return 'paste';
    if (!this.held) return null;
    return this.held === '\x1b' ? 'escape' : 'sequence';
  }

  push(event: string): TerminalInput[] {
    const out: TerminalInput[] = [];
    const pieces = this.held ? [this.held, event] : [event];
    const whole = this.held + event;
    let data = whole;
    this.held = '';
    while (data.length > 0) {
      if (this.pasting) {
        data = this.takePaste(data, out);
        continue;
      }
      if (data.startsWith(PASTE_START)) {
        this.pasting = true;
        data = data.slice(PASTE_START.length);
        continue;
      }
      const mouse = parseMouseReport(data);
      if (mouse) {
        out.push({ kind: 'mouse', report: mouse.report });
        data = data.slice(mouse.length);
        continue;
      }
      if (couldStartPaste(data) || MOUSE_PREFIX.test(data)) {
        this.held = data;
        break;
      }
      // Held pieces that make another key (`ESC[` and `A`: ↑) go on to Ink as that key and the
      // text after it; pieces that came to nothing as they came; text after a paste or a report
      // as one run.
      const key = pieces.length > 1 && data === whole ? CSI.exec(whole)?.[0] : undefined;
      if (key) out.push(...[key, whole.slice(key.length)].filter(Boolean).map(keysOf));
      else if (data === whole) out.push(...pieces.map(keysOf));
      else out.push(keysOf(data));
      break;
    }
    return out;
  }

  // No more input for a while: a held piece was a key after all (a lone ESC is Esc), and a
  // paste whose end marker never came ends here.
  flush(): TerminalInput[] {
    if (this.pasting) {
      this.commit(this.pasteTail);
      return [this.endPaste()];
    }
    const held = this.held;
    this.held = '';
    return held ? [{ kind: 'keys', data: held }] : [];
  }

  // Takes paste text up to its end marker; returns what follows it.
  private takePaste(data: string, out: TerminalInput[]): string {
    const text = this.pasteTail + data;
    this.pasteTail = '';
    const end = text.indexOf(PASTE_END);
    if (end >= 0) {
      this.commit(text.slice(0, end));
      out.push(this.endPaste());
      return text.slice(end + PASTE_END.length);
    }
    const kept = Math.max(0, text.length - (PASTE_END.length - 1));
    this.commit(text.slice(0, kept));
    this.pasteTail = text.slice(kept);
    return '';
  }

  private commit(text: string): void {
    const room = MAX_PASTE_CHARACTERS - this.pasted.length;
    if (text.length > room) this.pasteCut = true;
    if (room > 0) this.pasted += text.slice(0, room);
  }

  private endPaste(): TerminalInput {
    const paste: TerminalInput = { kind: 'paste', text: this.pasted, cut: this.pasteCut };
    this.pasting = false;
    this.pasted = '';
    this.pasteCut = false;
    this.pasteTail = '';
    return paste;
  }
}
