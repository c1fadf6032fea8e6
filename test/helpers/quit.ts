// What "the terminal is restored" means after the app exits, shared by every e2e test that ends one:
// main screen, no leftover drawing, cursor shown, no terminal mode left on, and (optionally) the
// tty's line discipline back in cooked mode.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppInPty, ExitStatus } from '../../harness/pty.js';

export const ENTER_ALTERNATE = '\x1b[?1049h';
export const LEAVE_ALTERNATE = '\x1b[?1049l';
export const SHOW_CURSOR = '\x1b[?25h';
export const HIDE_CURSOR = '\x1b[?25l';

// A one-line message on stderr after the screen is restored (the pty turns "\n" into "\r\n").
export const MESSAGE_LINE = /^many-cores: [^\r\n\x1b]*$/;

export interface QuitExpectation {
  // 'zero' (the default): status 0, not by a signal. 'nonzero': a failure status, not by a signal.
  // 'any': whatever the app chose (after a signal, say).
  status?: 'zero' | 'nonzero' | 'any';
  // Whether one `many-cores: …` line may be left on the main screen (a failure's reason).
  // It must then be the only thing there, with nothing but mode resets around it.
  allowMessage?: boolean;
}

// Waits for the exit, checks the terminal and returns the status and the message line (if any).
export async function assertQuitCleanly(
  app: AppInPty,
  who: string,
  mainKey: string,
  expect: QuitExpectation = {},
): Promise<{ status: ExitStatus; message: string | undefined }> {
  const status = await app.waitForExit();
  const expected = expect.status ?? 'zero';
  if (expected === 'zero')
    assert.deepEqual(status, { exitCode: 0, signal: 0 }, `${who} exits with status 0 (not by a signal)`);
  if (expected === 'nonzero') {
    assert.equal(status.signal ?? 0, 0, `${who} exits by itself, not killed by a signal: ${JSON.stringify(status)}`);
    assert.notEqual(status.exitCode, 0, `${who} exits with a failure status`);
  }

  const { term } = app;
  assert.equal(term.buffer.active.type, 'normal', `${who}: the main screen is back`);
  const screenLines = app.lines().filter((line) => line.trim() !== '');
  let message: string | undefined;
  if (expect.allowMessage && screenLines.length > 0) {
    assert.equal(screenLines.length, 1, `${who}: at most one line on the main screen:\n${app.screen()}`);
    assert.match(screenLines[0], MESSAGE_LINE, `${who}: the one line left is a many-cores: message`);
    message = screenLines[0]!;
  }
  // The screen with the permitted message taken out.
  const screen = app.screen().replace(message ?? '\0', '');
  assert.ok(!/^\s+at /m.test(app.screen()), `${who}: no stack trace on the main screen:\n${app.screen()}`);
  assert.ok(!screen.includes('many-cores'), `${who}: no header left on the main screen:\n${screen}`);
  assert.ok(!screen.includes(mainKey), `${who}: no key left on the main screen:\n${screen}`);
  assert.ok(!/core-[23]/.test(screen), `${who}: no pane left on the main screen:\n${screen}`);
  assert.ok(!/[╭╮╰╯│║╔╗╚╝]/.test(screen), `${who}: no box drawing left on the main screen:\n${screen}`);
  assert.equal(screen.trim(), '', `${who}: the main screen is as empty as before the app started`);
  assert.equal(term.modes.synchronizedOutputMode, false, `${who}: no synchronized output left on`);
  assert.equal(term.modes.bracketedPasteMode, false, `${who}: no bracketed paste left on`);
  assert.equal(term.modes.mouseTrackingMode, 'none', `${who}: no mouse tracking left on`);

  const output = app.output();
  assert.ok(
    output.startsWith(ENTER_ALTERNATE),
    `${who}: the alternate screen comes first: ${JSON.stringify(output.slice(0, 40))}`,
  );
  const leftAt = output.lastIndexOf(LEAVE_ALTERNATE);
  assert.ok(
    leftAt > output.lastIndexOf(ENTER_ALTERNATE),
    `${who}: the alternate screen is left after it was last entered`,
  );
  let tail = output.slice(leftAt + LEAVE_ALTERNATE.length);
  if (message !== undefined) {
    // The message must come after the screen was left (else it was drawn over and lost).
    const at = tail.indexOf(message);
    assert.ok(at !== -1, `${who}: the message is written after leaving the alternate screen: ${JSON.stringify(tail)}`);
    assert.match(tail.slice(at + message.length), /^\r?\n/, `${who}: the message is one whole line`);
    tail = tail.slice(0, at) + tail.slice(at + message.length).replace(/^\r?\n/, '');
  }
  assert.ok(
    tail.includes(SHOW_CURSOR),
    `${who}: the cursor is shown after leaving the alternate screen: ${JSON.stringify(tail)}`,
  );
  assert.ok(!tail.includes(HIDE_CURSOR), `${who}: nothing hides the cursor again: ${JSON.stringify(tail)}`);
  // Only mode resets may follow: no drawing lands on the main screen.
  assert.match(
    tail,
    /^(?:\x1b\[\?25h|\x1b\[0?m)+$/,
    `${who}: only cursor-show and attribute resets after leaving: ${JSON.stringify(tail)}`,
  );
  if (message === undefined) {
    assert.ok(
      output.endsWith(SHOW_CURSOR) || output.endsWith('\x1b[0m') || output.endsWith('\x1b[m'),
      `${who}: output ends with the restore sequences`,
    );
  }
  return { status, message };
}

// The tty's line discipline after the app exits: raw mode is invisible to xterm, so a shell around
// the app runs `stty -a` on the same pty once the app is gone, and records the app's own exit status
// (through the shell a signal death would look like status 128+n). Pass `wrap` to spawnInPty.
export function ttyStateAfterExit(dir: string): {
  wrap: string[];
  appExitStatus: () => Promise<number>;
  assertCooked: (who: string) => Promise<void>;
} {
  const file = path.join(dir, 'stty-after-exit.txt');
  const script = `"$@"; status=$?; { echo "app exit status $status"; stty -a; } > '${file}' 2>&1; exit $status`;
  const read = () => fs.readFile(file, 'utf8');
  return {
    wrap: ['sh', '-c', script, 'sh'],
    async appExitStatus() {
      const match = /^app exit status (\d+)$/m.exec(await read());
      assert.ok(match, 'the wrapper recorded the exit status');
      return Number(match[1]);
    },
    async assertCooked(who) {
      const stty = await read();
      const flags = new Set(stty.split(/[\s;]+/));
      // Node's raw mode clears all three; a shell after a crashed app would get no line editing or Ctrl+C.
      for (const flag of ['icanon', 'echo', 'isig']) {
        assert.ok(
          flags.has(flag) && !flags.has(`-${flag}`),
          `${who}: the tty is back in cooked mode (${flag} on):\n${stty}`,
        );
      }
    },
  };
}
