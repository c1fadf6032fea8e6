// The e2e harness itself (harness/pty.ts): what a command writes last is read to the end
// before its exit is reported, however slow the reader, and the command in the terminal gets the
// terminal's signals as if it were alone there; in `direct` mode (the bench's), the command is the
// terminal's own process and its screens are dated by the chunk that drew them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Cleanup, cleanupFor, tempDir } from '../../harness/cleanup.js';
import { REPO_ROOT, childEnv, now, spawnInPty } from '../../harness/pty.js';
import { waitFor } from '../../harness/wait.js';

const CHILD = path.join(REPO_ROOT, 'test', 'fixtures', 'pty-child.mjs');
// Several times what a pseudo-terminal buffers (64 KiB and a little), so that plenty is unread at the exit.
const BURST_LINES = 5000;

// What pty-child.mjs writes in a burst, as the terminal delivers it (newlines become CR LF).
function burst(lines: number): string {
  let text = '';
  for (let n = 0; n < lines; n++) text += `line ${String(n).padStart(6, '0')} ${'x'.repeat(60)} é\n`;
  return `${text}the very last line\n`.replaceAll('\n', '\r\n');
}

// Blocks this process's event loop ms at every turn, as a busy machine does to a test: reading the
// terminal's last 64 KiB after the exit then takes many turns.
function stallEveryTurn(cleanup: Cleanup, ms: number): void {
  const blocker = new Int32Array(new SharedArrayBuffer(4));
  const timer = setInterval(() => Atomics.wait(blocker, 0, 0, ms), 1);
  cleanup.add('stop stalling the event loop', () => clearInterval(timer));
}

for (const { end, status } of [
  { end: 'exit 3', status: { exitCode: 3, signal: 0 } },
  { end: 'kill SIGKILL', status: { exitCode: 0, signal: 9 } },
]) {
  test(
    `a command that writes a burst and ends at once (${end}): every byte is read before the exit is reported`,
    { timeout: 60_000 },
    async (t) => {
      const cleanup = cleanupFor(t);
      stallEveryTurn(cleanup, 40);
      const app = spawnInPty([], {
        cleanup,
        cols: 100,
        rows: 10,
        wrap: [process.execPath, CHILD],
        env: childEnv({ PTY_CHILD: `burst:${BURST_LINES}:${end}` }),
      });
      assert.deepEqual(await app.waitForExit(), status, `the status is the command's (${end})`);
      const output = app.output();
      const pidLine = /^pid (\d+)\r\n/.exec(output);
      assert.ok(pidLine, `the command's pid comes first: ${JSON.stringify(output.slice(0, 40))}`);
      assert.equal(app.pid, Number(pidLine[1]), "pid is the command's, not the wrapper's");
      const rest = output.slice(pidLine[0].length);
      const expected = burst(BURST_LINES);
      assert.ok(
        rest === expected,
        `all ${expected.length} characters arrived, ${rest.length} did; it ends with ${JSON.stringify(rest.slice(-80))}`,
      );
      assert.equal(app.lines().at(-2), 'the very last line', 'the last line is on the screen');
    },
  );
}

test(
  "the command gets the terminal's signals: SIGWINCH on resize, SIGINT from Ctrl+C, SIGHUP when it closes",
  { timeout: 60_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const file = path.join(await tempDir(cleanup), 'hung-up');
    const app = spawnInPty([], {
      cleanup,
      cols: 80,
      rows: 24,
      wrap: [process.execPath, CHILD],
      env: childEnv({ PTY_CHILD: `signals:${file}` }),
    });
    const [pidLine] = await app.waitForText('ready');
    assert.equal(pidLine, `pid ${app.pid}`, "pid is the command's");
    app.resize(50, 20);
    await app.waitForText('got SIGWINCH 50x20');
    // The terminal is in cooked mode: Ctrl+C signals its foreground process group.
    app.write('\x03');
    await app.waitForText('got SIGINT');
    assert.equal(app.hasExited(), false, "Ctrl+C is the command's to act on: it stays");
    app.hangUp();
    assert.deepEqual(await app.waitForExit(), { exitCode: 0, signal: 0 }, "the command's own status");
    const said = await waitFor('the command to record its SIGHUP', () =>
      fs.readFile(file, 'utf8').catch(() => undefined),
    );
    assert.equal(said, 'SIGHUP\n');
  },
);

test(
  "direct: the command is the terminal's own process, and `when` dates a screen by the chunk that made it",
  { timeout: 60_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const file = path.join(await tempDir(cleanup), 'hung-up');
    const app = spawnInPty([], {
      cleanup,
      cols: 80,
      rows: 24,
      direct: true,
      wrap: [process.execPath, CHILD],
      env: childEnv({ PTY_CHILD: `signals:${file}` }),
    });
    const ready = await app.when('ready', (lines) => lines.find((line) => line.startsWith('pid ')));
    assert.equal(ready.value, `pid ${app.pid}`, "the pid is the command's: no wrapper in between");
    assert.ok(ready.at > app.spawnedAt && ready.at <= now(), 'stamped between the spawn and now');
    assert.ok(app.bytesOut() > 0, 'what it wrote is counted');
    const seen: number[] = [];
    const unwatch = app.watch((at) => seen.push(at));
    app.resize(50, 20);
    const resized = await app.when('SIGWINCH', (lines) => lines.includes('got SIGWINCH 50x20'));
    unwatch();
    assert.ok(seen.includes(resized.at), 'the watcher saw the chunk `when` dated');
    app.hangUp();
    await app.waitForExit();
    assert.equal(await waitFor('the SIGHUP', () => fs.readFile(file, 'utf8').catch(() => undefined)), 'SIGHUP\n');
  },
);
