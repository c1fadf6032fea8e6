import type { WriteStream } from 'node:tty';
import { hasHungUp } from './hang-up.js';

// The alternate screen, cleared, with the cursor at its top left: where Ink's first frame starts.
const ENTER = '\x1b[?1049h\x1b[H';
// Main screen back, cursor shown, attributes reset.
const LEAVE = '\x1b[?1049l\x1b[?25h\x1b[0m';
// Ink hides the cursor once, with its first frame; a screen taken back must hide it again.
const HIDE_CURSOR = '\x1b[?25l';
// Bracketed paste (2004): a paste comes marked, to be taken as text (docs/screen.md#paste).
const PASTE_ON = '\x1b[?2004h';
const PASTE_OFF = '\x1b[?2004l';
// Clicks and the wheel (1000), reported as SGR (1006) (docs/screen.md#mouse).
const MOUSE_ON = '\x1b[?1000h\x1b[?1006h';
const MOUSE_OFF = '\x1b[?1006l\x1b[?1000l';

export interface ScreenModes {
  // Take the mouse (off: `--no-mouse`, the terminal keeps its own selection).
  mouse: boolean;
}

export interface AlternateScreen {
  // Leaves it for good: main screen, the terminal's own modes, the cursor shown. Safe to call twice.
  leave(): void;
  // Leaves it for a while (the job is being stopped), as leave() does.
  pause(): void;
  // Takes it back after a pause, blank: raw mode as it was, the cursor hidden. The caller redraws,
  // if it is back: not when left for good, nor on a terminal that hung up meanwhile.
  resume(): boolean;
}

// Ink 6 has no alternate screen: we enter it ourselves and make sure every exit path leaves it,
// including process.exit() and crashes, where React never unmounts. A terminal that hung up
// has no screen left to restore. The input modes (paste, mouse) go on and off with the screen.
export function enterAlternateScreen(
  stdout: WriteStream,
  stdin: NodeJS.ReadStream,
  modes: ScreenModes,
): AlternateScreen {
  const enter = ENTER + PASTE_ON + (modes.mouse ? MOUSE_ON : '');
  const leave = (modes.mouse ? MOUSE_OFF : '') + PASTE_OFF + LEAVE;
  let state: 'on' | 'paused' | 'left' = 'on';
  let wasRaw = false;
  const setRawMode = (raw: boolean) => {
    if (!stdin.isTTY) return;
    try {
      stdin.setRawMode(raw);
    } catch {
      // stdin already closed: nothing to restore.
    }
  };
  const restoreTerminal = () => {
    if (hasHungUp(stdout)) return;
    setRawMode(false);
    stdout.write(leave);
  };
  stdout.write(enter);
  const leaveForGood = () => {
    if (state === 'left') return;
    const wasOn = state === 'on';
    state = 'left';
    if (wasOn) restoreTerminal();
  };
  process.on('exit', leaveForGood);
  return {
    leave: leaveForGood,
    pause() {
      if (state !== 'on') return;
      state = 'paused';
      wasRaw = stdin.isTTY === true && stdin.isRaw;
      restoreTerminal();
    },
    resume() {
      if (state !== 'paused' || hasHungUp(stdout)) return false;
      state = 'on';
      // Raw mode first: continued in the background (bg), setting it stops the job again
      // (SIGTTOU) until it is brought to the foreground, before anything is drawn.
      setRawMode(wasRaw);
      stdout.write(enter + HIDE_CURSOR);
      return true;
    },
  };
}
