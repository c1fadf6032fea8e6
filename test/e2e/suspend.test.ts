// Job control: the app runs as a job of an interactive shell in the pty. Ctrl+Z (a key in raw
// mode) and a SIGTSTP from outside give the terminal back to the shell, main screen and cooked
// mode; `fg` brings the screen back whole, in raw mode, and nothing typed at the shell reaches
// the app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { startWriter } from '../../harness/apps.js';
import { Cleanup, cleanupFor, tempDir } from '../../harness/cleanup.js';
import { paneBlocks, writerReady } from '../../harness/layout.js';
import { childEnv, killChildrenOf, spawnInPty, type AppInPty } from '../../harness/pty.js';
import { startTestnet } from '../../harness/testnet.js';
import { storedSubCoreBlocks } from '../helpers/stored-blocks.js';
import { processGone, signalProcess, waitFor } from '../../harness/wait.js';

const PROMPT = 'shell$ ';

// The last line with something on it ends with a fresh prompt (after a `^C` the shell echoed, say).
const atPrompt = (lines: string[]) =>
  lines
    .filter((line) => line.trim() !== '')
    .at(-1)
    ?.trimEnd()
    .endsWith(PROMPT.trim()) === true;
const BOX_DRAWING = /[╭╮╰╯│║╔╗╚╝]/;

interface ShellJob {
  shell: AppInPty;
  // The app's own process (the shell's child).
  appPid: () => Promise<number>;
}

// `bash -i -s ARGS`: an interactive shell with job control whose "$@" is the app's command line,
// which the test types at the prompt, as a user would start it.
async function startAsJob(args: string[], cleanup: Cleanup, size = { cols: 120, rows: 30 }): Promise<ShellJob> {
  const shell = spawnInPty(args, {
    cleanup,
    ...size,
    wrap: ['bash', '--norc', '--noprofile', '-i', '-s'],
    env: childEnv({ PS1: PROMPT, HISTFILE: '/dev/null' }),
  });
  cleanup.add('kill the app if it outlived its shell', () => killChildrenOf(shell.pid));
  await shell.waitForText(PROMPT);
  shell.write('"$@"\r');
  return {
    shell,
    appPid: () =>
      waitFor('the app running under the shell', async () => {
        const children = await fs.readFile(`/proc/${shell.pid}/task/${shell.pid}/children`, 'utf8').catch(() => '');
        const pid = Number(children.trim().split(/\s+/)[0]);
        return pid > 0 ? pid : undefined;
      }),
  };
}

// The shell has the terminal: main screen, the job reported stopped, a fresh prompt, no drawing.
async function assertStoppedAtPrompt(shell: AppInPty, who: string): Promise<void> {
  const lines = await shell.waitForScreen(
    `${who} stopped, the shell's prompt on the main screen`,
    (current) =>
      shell.term.buffer.active.type === 'normal' &&
      current.some((line) => /Stopped/.test(line)) &&
      atPrompt(current) &&
      current,
  );
  const screen = lines.join('\n');
  assert.ok(!BOX_DRAWING.test(screen), `${who}: no drawing of the app on the main screen:\n${screen}`);
  assert.ok(!screen.includes('many-cores writer'), `${who}: no header on the main screen:\n${screen}`);
}

// The tty's modes as the shell sees them while the job is stopped, then `fg`, typed at the prompt.
function resumeWithFg(shell: AppInPty, sttyFile: string): void {
  shell.write(`stty -a > '${sttyFile}'; fg\r`);
}

async function assertCookedWhileStopped(sttyFile: string, who: string): Promise<void> {
  const stty = await fs.readFile(sttyFile, 'utf8');
  const flags = new Set(stty.split(/[\s;]+/));
  for (const flag of ['icanon', 'echo', 'isig']) {
    assert.ok(flags.has(flag) && !flags.has(`-${flag}`), `${who}: cooked mode while stopped (${flag} on):\n${stty}`);
  }
}

// The whole frame, at the terminal's size: header on the first row, footer drawn, last row free.
function wholeFrame(lines: string[], role: 'writer' | 'reader', cols: number): boolean {
  const footer = lines.findIndex((line) => line.includes('Ctrl+K'));
  return (
    lines[0]?.includes(`many-cores ${role}`) === true &&
    footer > 0 &&
    lines.at(-1) === '' &&
    lines.some((line) => BOX_DRAWING.test(line) && line.length === cols)
  );
}

// Bracketed paste and the mouse go off as the app leaves its screen and on as it takes it back
// (docs/screen.md#paste, docs/screen.md#mouse). Told apart from the shell's own bracketed paste
// by where they stand: with the alternate screen's switch.
const MODES_ON = '\x1b[?1049h\x1b[H\x1b[?2004h\x1b[?1000h\x1b[?1006h';
const MODES_OFF = '\x1b[?1006l\x1b[?1000l\x1b[?2004l\x1b[?1049l';
function assertInputModes(written: string, expected: 'on' | 'off', who: string): void {
  const on = written.lastIndexOf(MODES_ON);
  const off = written.lastIndexOf(MODES_OFF);
  assert.ok(expected === 'on' ? on > off : off > on, `${who}: paste and mouse modes ${expected}`);
}

const hasBlock = (lines: string[], pane: string, text: string) =>
  paneBlocks(lines, pane)?.some((block) => block.text === text) === true;

async function quitAndExitShell(shell: AppInPty, quitKey: string, who: string): Promise<void> {
  shell.write(quitKey);
  await shell.waitForScreen(
    `${who} to quit back to the prompt`,
    (lines) => shell.term.buffer.active.type === 'normal' && atPrompt(lines),
  );
  shell.write('exit\r');
  await shell.waitForExit();
}

for (const how of ['Ctrl+Z', 'kill -TSTP'] as const) {
  test(
    `writer stopped by ${how}: the shell gets the terminal, fg brings the screen back, typing goes on`,
    {
      timeout: 120_000,
    },
    async (t) => {
      const cleanup = cleanupFor(t);
      const { bootstrap } = await startTestnet(cleanup);
      const dir = await tempDir(cleanup);
      const storage = path.join(dir, 'writer');
      const sttyFile = path.join(dir, 'stty-while-stopped.txt');
      const { shell, appPid } = await startAsJob(['writer', '--bootstrap', bootstrap, '--storage', storage], cleanup);
      const mainKey = await shell.waitForScreen('the writer to show its main key', writerReady);
      shell.write('before stop\r');
      await shell.waitForScreen('the first line in core-3', (lines) => hasBlock(lines, 'core-3', 'before stop'));
      shell.write('abc');
      await shell.waitForText(/› abc\s*║/);

      const beforeStop = shell.output().length;
      if (how === 'Ctrl+Z') shell.write('\x1a');
      else signalProcess(await appPid(), 'SIGTSTP');
      await assertStoppedAtPrompt(shell, 'writer');
      assertInputModes(shell.output().slice(beforeStop), 'off', 'writer stopped');

      const beforeFg = shell.output().length;
      resumeWithFg(shell, sttyFile);
      await shell.waitForScreen(
        'the whole frame again, with what was being typed',
        (lines) =>
          shell.term.buffer.active.type === 'alternate' &&
          wholeFrame(lines, 'writer', 120) &&
          hasBlock(lines, 'core-3', 'before stop') &&
          lines.some((line) => /› abc\s*║/.test(line)),
      );
      await assertCookedWhileStopped(sttyFile, 'writer');
      assertInputModes(shell.output().slice(beforeFg), 'on', 'writer back');
      // In raw mode each key reaches the input line at once (cooked mode would hold it, echoed, until Enter).
      shell.write('def');
      await shell.waitForText(/› abcdef\s*║/);
      shell.write('\r');
      await shell.waitForScreen('the edited line in core-3', (lines) => hasBlock(lines, 'core-3', 'abcdef'));

      await quitAndExitShell(shell, '\x03', 'writer');
      assertInputModes(shell.output(), 'off', 'writer quit');
      assert.deepEqual(
        await storedSubCoreBlocks(storage, mainKey),
        [[], ['before stop\n', 'abcdef\n']],
        'the lines entered in the input line, and nothing typed at the shell (fg, stty)',
      );
    },
  );
}

test(
  'reader stopped by Ctrl+Z, then by kill -TSTP with the window resized meanwhile: redrawn whole at the new size, still replicating',
  { timeout: 120_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const dir = await tempDir(cleanup);
    const { app: writer, mainKey } = await startWriter(cleanup, { bootstrap, storage: path.join(dir, 'writer') });
    writer.write('first line\r');
    await writer.waitForScreen('the line in the writer', (lines) => hasBlock(lines, 'core-3', 'first line'));

    const { shell, appPid } = await startAsJob(
      ['reader', mainKey, '--bootstrap', bootstrap, '--storage', path.join(dir, 'reader')],
      cleanup,
    );
    await shell.waitForScreen('the reader to show the line', (lines) => hasBlock(lines, 'core-3', 'first line'));

    shell.write('\x1a');
    await assertStoppedAtPrompt(shell, 'reader after Ctrl+Z');
    resumeWithFg(shell, path.join(dir, 'stty-1.txt'));
    await shell.waitForScreen(
      'the whole frame after the first fg',
      (lines) =>
        shell.term.buffer.active.type === 'alternate' &&
        wholeFrame(lines, 'reader', 120) &&
        hasBlock(lines, 'core-3', 'first line'),
    );
    await assertCookedWhileStopped(path.join(dir, 'stty-1.txt'), 'reader after Ctrl+Z');

    signalProcess(await appPid(), 'SIGTSTP');
    await assertStoppedAtPrompt(shell, 'reader after kill -TSTP');
    // The window changes while the shell has it: the stopped reader hears nothing of it.
    shell.resize(100, 24);
    writer.write('while stopped\r');
    resumeWithFg(shell, path.join(dir, 'stty-2.txt'));
    await shell.waitForScreen(
      'the whole frame at 100x24 after the second fg, with the line appended meanwhile',
      (lines) =>
        shell.term.buffer.active.type === 'alternate' &&
        wholeFrame(lines, 'reader', 100) &&
        hasBlock(lines, 'core-3', 'while stopped'),
    );
    await assertCookedWhileStopped(path.join(dir, 'stty-2.txt'), 'reader after kill -TSTP');

    // Raw mode: `?` opens the help at once, no Enter needed.
    shell.write('?');
    await shell.waitForText('Keys (Esc');
    shell.write('\x1b');
    writer.write('after fg\r');
    await shell.waitForScreen('a line appended after fg', (lines) => hasBlock(lines, 'core-3', 'after fg'));
    await quitAndExitShell(shell, 'q', 'reader');
  },
);

test(
  'plain writer keeps the default Ctrl+Z: the terminal stops it, fg continues it',
  { timeout: 60_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const dir = await tempDir(cleanup);
    const storage = path.join(dir, 'writer');
    // Port 9 (discard) on loopback: the plain writer appends without a network.
    const { shell } = await startAsJob(
      ['writer', '--plain', '--bootstrap', '127.0.0.1:9', '--storage', storage],
      cleanup,
    );
    const [, mainKey] = await shell.waitForScreen(
      'the plain writer to print its key',
      (lines) => lines.join('\n').match(/main core key: ([0-9a-f]{64})/) ?? undefined,
    );
    shell.write('\x1a');
    await shell.waitForScreen(
      'the plain writer stopped at the prompt',
      (lines) => lines.some((line) => /Stopped/.test(line)) && atPrompt(lines),
    );
    shell.write('fg\r');
    // The shell names the job it continues; only then is the writer reading again.
    await shell.waitForScreen('the shell to continue the job', (lines) => {
      const fg = lines.findIndex((line) => line.trimEnd() === `${PROMPT}fg`);
      return fg !== -1 && lines[fg + 1]?.includes('"$@"');
    });
    shell.write('typed after fg\r');
    await shell.waitForText('appended block 0 to core-3');
    // End of input, then Ctrl+C: the plain writer keeps serving after its input ends.
    shell.write('\x04');
    shell.write('\x03');
    await shell.waitForScreen('the prompt after the plain writer ends', atPrompt);
    shell.write('exit\r');
    await shell.waitForExit();
    assert.deepEqual(await storedSubCoreBlocks(storage, mainKey), [[], ['typed after fg\n']]);
  },
);

test('closing the terminal of a stopped writer ends it, its store closed and whole', { timeout: 60_000 }, async (t) => {
  const cleanup = cleanupFor(t);
  const storage = path.join(await tempDir(cleanup), 'writer');
  const { shell, appPid } = await startAsJob(['writer', '--bootstrap', '127.0.0.1:9', '--storage', storage], cleanup);
  const mainKey = await shell.waitForScreen('the writer to show its main key', writerReady);
  shell.write('before the hang-up\r');
  await shell.waitForScreen('the line in core-3', (lines) => hasBlock(lines, 'core-3', 'before the hang-up'));
  const pid = await appPid();
  shell.write('\x1a');
  await assertStoppedAtPrompt(shell, 'writer');
  // The shell hands its hang-up on to its jobs, and continues the stopped ones to hear it.
  shell.hangUp();
  await processGone(pid);
  assert.throws(() => process.kill(pid, 0), 'the writer is gone');
  assert.deepEqual(await storedSubCoreBlocks(storage, mainKey), [[], ['before the hang-up\n']]);
});

// SIGSTOP cannot be caught: the screen stays up while the shell writes over it and puts the
// terminal back in cooked mode. Once continued, the writer takes the terminal back anyway.
test('writer stopped by kill -STOP: fg brings back raw mode and the whole frame', { timeout: 120_000 }, async (t) => {
  const cleanup = cleanupFor(t);
  const storage = path.join(await tempDir(cleanup), 'writer');
  const { shell, appPid } = await startAsJob(['writer', '--bootstrap', '127.0.0.1:9', '--storage', storage], cleanup);
  const mainKey = await shell.waitForScreen('the writer to show its main key', writerReady);
  shell.write('abc');
  await shell.waitForText(/› abc\s*║/);
  signalProcess(await appPid(), 'SIGSTOP');
  await shell.waitForScreen('the shell to say the job stopped', (lines) => lines.some((line) => /Stopped/.test(line)));
  shell.write('fg\r');
  await shell.waitForScreen(
    'the whole frame again, with what was being typed',
    (lines) =>
      shell.term.buffer.active.type === 'alternate' &&
      wholeFrame(lines, 'writer', 120) &&
      !lines.some((line) => /Stopped/.test(line)) &&
      lines.some((line) => /› abc\s*║/.test(line)),
  );
  shell.write('def');
  await shell.waitForText(/› abcdef\s*║/);
  shell.write('\r');
  await shell.waitForScreen('the line in core-3', (lines) => hasBlock(lines, 'core-3', 'abcdef'));
  await quitAndExitShell(shell, '\x03', 'writer');
  assert.deepEqual(await storedSubCoreBlocks(storage, mainKey), [[], ['abcdef\n']]);
});
