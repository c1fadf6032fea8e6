// docs/untrusted-input.md#quitting: quitting by an uncaught error restores the terminal too. The
// fault is injected into the real, unmodified binary by a Node preload (test/fixtures/crash), fired
// once the app is running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PLAIN_KEY_LINE } from '../../harness/apps.js';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { mainKeyOn, paneBlocks, writerReady } from '../../harness/layout.js';
import { spawnPiped } from '../../harness/piped.js';
import { childEnv, killChildrenOf, REPO_ROOT, spawnInPty, type AppInPty } from '../../harness/pty.js';
import { assertQuitCleanly, ttyStateAfterExit } from '../helpers/quit.js';
import { startTestnet } from '../../harness/testnet.js';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'crash');

// "hi\n" is 3 bytes (core-2), the other is longer (core-3): both sub-cores have a block to lose.
const SHORT_LINE = 'hi';
const LONG_LINE = 'typed before the crash';

function showsBothLines(lines: string[]): boolean {
  return (
    (paneBlocks(lines, 'core-2')?.some((block) => block.text === SHORT_LINE) ?? false) &&
    (paneBlocks(lines, 'core-3')?.some((block) => block.text === LONG_LINE) ?? false)
  );
}

const FAULTS = [
  { name: 'an uncaught exception thrown from a timer', fixture: 'throw.mjs' },
  { name: 'an unhandled promise rejection', fixture: 'reject.mjs' },
] as const;

for (const fault of FAULTS) {
  test(
    `${fault.name} restores the terminal (at most one line, no stack) and frees the storage; exits non-zero`,
    { timeout: 120_000 },
    async (t) => {
      const cleanup = cleanupFor(t);
      const { bootstrap } = await startTestnet(cleanup);
      const dir = await tempDir(cleanup);
      const storage = path.join(dir, 'writer-storage');
      const trigger = path.join(dir, 'crash-now');
      const tty = ttyStateAfterExit(dir);

      const writer: AppInPty = spawnInPty(['writer', '--bootstrap', bootstrap, '--storage', storage], {
        cleanup,
        nodeArgs: ['--import', pathToFileURL(path.join(FIXTURES, fault.fixture)).href],
        wrap: tty.wrap,
        env: childEnv({ MANY_CORES_TEST_CRASH_TRIGGER: trigger }),
      });
      // `pid` is the wrapping shell: if the test fails midway, end the app under it too.
      cleanup.add('kill the app if it outlived the shell', () => killChildrenOf(writer.pid));

      const mainKey = await writer.waitForScreen('the writer to show its main key', writerReady);
      writer.write(`${SHORT_LINE}\r`);
      writer.write(`${LONG_LINE}\r`);
      // Shown means appended (docs/untrusted-input.md#durability): these must survive the crash.
      await writer.waitForScreen('both lines in their panes', showsBothLines);
      assert.equal(writer.hasExited(), false, 'the preload does nothing before it is triggered');

      await fs.writeFile(trigger, '');
      const who = `writer after ${fault.name}`;
      // The status is checked last (below), so that a wrong one does not hide the rest.
      const { status, message } = await assertQuitCleanly(writer, who, mainKey, { status: 'any', allowMessage: true });
      const appStatus = await tty.appExitStatus();
      t.diagnostic(
        `exit status ${appStatus}; left on the main screen: ${message === undefined ? '(nothing)' : JSON.stringify(message)}`,
      );
      await tty.assertCooked(who);
      const output = writer.output();
      assert.ok(!/^\s+at /m.test(output.replace(/\r/g, '')), `${who}: no stack frame was ever written to the terminal`);
      assert.ok(
        !output.includes('second line of the injected error'),
        `${who}: at most the error's first line reaches the user`,
      );

      // The storage lock went with the process, and what was shown is on disk.
      const again = spawnInPty(['writer', '--bootstrap', bootstrap, '--storage', storage], { cleanup });
      const lines = await again.waitForScreen(
        'the restarted writer to show both lines',
        (current) => showsBothLines(current) && current,
      );
      assert.equal(mainKeyOn(lines), mainKey, 'the restarted writer has the same main key');
      again.write('\x03');
      await assertQuitCleanly(again, 'restarted writer', mainKey);

      await t.test('the crashed app exits with a failure status of its own', () => {
        assert.equal(status.signal ?? 0, 0, `${who}: not ended by a signal: ${JSON.stringify(status)}`);
        // Through the wrapping shell, a signal death would show as 128+n.
        assert.ok(appStatus >= 1 && appStatus < 128, `${who}: exit status ${appStatus}, expected a failure status`);
        assert.notEqual(status.exitCode, 0);
      });
    },
  );
}

// Plain mode has no screen to restore, but the same promise: one line, status 1, the store closed.
for (const fault of FAULTS) {
  test(`plain mode: ${fault.name} prints one line, exits 1 and frees the storage`, { timeout: 60_000 }, async (t) => {
    const cleanup = cleanupFor(t);
    const dir = await tempDir(cleanup);
    const trigger = path.join(dir, 'crash-now');
    const storage = path.join(dir, 'writer-storage');
    const args = ['writer', '--plain', '--bootstrap', '127.0.0.1:9', '--storage', storage];
    const writer = spawnPiped(args, {
      cleanup,
      nodeArgs: ['--import', pathToFileURL(path.join(FIXTURES, fault.fixture)).href],
      env: childEnv({ MANY_CORES_TEST_CRASH_TRIGGER: trigger }),
    });
    writer.child.stdin!.write('a line before the crash\n');
    await writer.waitForStdout('the line appended', /appended block 0 to core-3/);
    await fs.writeFile(trigger, '');
    assert.equal((await writer.exited).code, 1, 'status 1');
    assert.deepEqual(writer.stderr().trimEnd().split('\n'), [
      'many-cores: unexpected error: injected ' +
        (fault.fixture === 'throw.mjs' ? 'uncaught exception' : 'unhandled rejection'),
    ]);

    const again = spawnPiped(args, { cleanup });
    // A writer that cannot take the storage exits instead: the assertion below then says why.
    await again.waitForStdout('the second writer key', PLAIN_KEY_LINE).catch(() => undefined);
    assert.match(again.stdout(), /^main core key: [0-9a-f]{64}$/m, 'the storage lock was released');
  });
}
