// Inside tmux, Ctrl+K puts the main key into tmux's paste buffer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { mainKeyOn, paneBlocks } from '../../harness/layout.js';
import { CLI, REPO_ROOT, childEnv } from '../../harness/pty.js';
import { DEADLINE_MS, processGone, settlesWithin, waitFor } from '../../harness/wait.js';
import { startTestnet } from '../../harness/testnet.js';

const run = promisify(execFile);

function tmuxAvailable(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

test('Ctrl+K inside tmux puts the main key in the tmux paste buffer', { timeout: 90_000 }, async (t) => {
  if (!tmuxAvailable()) {
    t.skip('tmux is not installed');
    return;
  }
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);
  const storage = await tempDir(cleanup);
  // A private server: its own socket name, and its socket in a folder of ours.
  const socketDir = await tempDir(cleanup, 'many-cores-tmux-');
  const server = `many-cores-e2e-${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmuxEnv = childEnv({ TMUX_TMPDIR: socketDir });
  const tmux = async (...args: string[]) =>
    (await run('tmux', ['-L', server, ...args], { env: tmuxEnv, cwd: REPO_ROOT })).stdout;

  // `exec` makes the pane's process the app itself, so teardown can make sure it is gone.
  const command = [
    'exec',
    'env',
    '-u',
    'CI',
    shellQuote(process.execPath),
    shellQuote(CLI),
    'writer',
    '--bootstrap',
    bootstrap,
    '--storage',
    shellQuote(storage),
  ].join(' ');
  await tmux('-f', '/dev/null', 'new-session', '-d', '-x', '120', '-y', '30', command);
  const panePid = Number((await tmux('display-message', '-p', '#{pane_pid}')).trim());
  cleanup.add('kill the tmux server', async () => {
    await tmux('kill-server').catch(() => {});
    if (panePid > 0 && !(await settlesWithin(processGone(panePid), 5000))) {
      try {
        process.kill(panePid, 'SIGKILL');
      } catch {
        // Gone between the check and the kill.
      }
    }
  });

  const capture = async () => (await tmux('capture-pane', '-p')).split('\n');
  let lastScreen: string[] = [];
  const mainKey = await waitFor(
    'the writer in tmux to show its main key',
    async () => {
      lastScreen = await capture();
      return paneBlocks(lastScreen, 'core-3') && mainKeyOn(lastScreen);
    },
    { describe: () => lastScreen.join('\n') },
  );
  // What the app runs with: tmux's TMUX set, CI gone (else Ink would draw nothing live).
  const appEnvironment = await readFile(`/proc/${panePid}/environ`, 'utf8').catch(() => null);
  if (appEnvironment !== null) {
    const names = appEnvironment.split('\0').map((entry) => entry.split('=')[0]);
    assert.ok(names.includes('TMUX'), 'tmux sets TMUX for the app');
    assert.ok(!names.includes('CI'), 'CI is removed for the app');
  }

  await tmux('send-keys', 'C-k');
  const buffer = await waitFor(
    'the key in the tmux paste buffer',
    async () => {
      lastScreen = await capture();
      const listed = await tmux('list-buffers').catch(() => '');
      if (listed.trim() === '') return undefined;
      return tmux('show-buffer');
    },
    { timeoutMs: DEADLINE_MS, describe: () => lastScreen.join('\n') },
  );
  assert.equal(buffer, mainKey, 'tmux show-buffer holds exactly the main key');

  const screen = await waitFor(
    'the copy message',
    async () => {
      lastScreen = await capture();
      return lastScreen.some((line) => line.includes('copied')) ? lastScreen : undefined;
    },
    { describe: () => lastScreen.join('\n') },
  );
  const message = screen.find((line) => line.includes('copied'))!;
  assert.match(message, /main key/, `the message says what was copied: ${message}`);
  assert.match(message, /tmux/, `the message says it went to tmux: ${message}`);
  assert.doesNotMatch(message, /OSC 52/, `inside tmux the copy goes to tmux, not raw OSC 52: ${message}`);
});
