// Closing the terminal under a running app (a closed tab, a dropped ssh connection): the app ends
// by itself with a status, never by a signal (it used to die of SIGSEGV in Node's exit-time
// terminal restore), and its store is closed with every block in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { startWriter } from '../../harness/apps.js';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { mainKeyOn, paneBlocks, writerReady } from '../../harness/layout.js';
import { spawnInPty, killChildrenOf, type AppInPty, type ExitStatus } from '../../harness/pty.js';
import { waitFor } from '../../harness/wait.js';
import { startTestnet } from '../../harness/testnet.js';
import { storedSubCoreBlocks } from '../helpers/stored-blocks.js';

// docs/untrusted-input.md#quitting promises a quit within 2 s; this only has to tell "exited" from "hung" or "crashed".
const EXIT_BOUND_MS = 5000;

async function hangUpAndWait(app: AppInPty): Promise<{ status: ExitStatus; elapsed: number }> {
  const started = Date.now();
  app.hangUp();
  const status = await app.waitForExit();
  return { status, elapsed: Date.now() - started };
}

function assertCleanExit(who: string, { status, elapsed }: { status: ExitStatus; elapsed: number }): void {
  assert.deepEqual(status, { exitCode: 0, signal: 0 }, `${who} exits with status 0, not by a signal`);
  assert.ok(elapsed < EXIT_BOUND_MS, `${who} exits within ${EXIT_BOUND_MS} ms of the hang-up (took ${elapsed} ms)`);
}

const hasLine = (lines: string[], pane: string, text: string) =>
  paneBlocks(lines, pane)?.some((block) => block.text === text);

test(
  'closing the terminal of a screen reader and writer, peers connected: status 0, stores closed and whole',
  { timeout: 120_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const writerStorage = await tempDir(cleanup);
    const readerStorage = await tempDir(cleanup);

    const { app: writer, mainKey } = await startWriter(cleanup, { bootstrap, storage: writerStorage });
    writer.write('hi\r');
    writer.write('hello world\r');
    await writer.waitForScreen('both lines in the writer', (lines) => hasLine(lines, 'core-3', 'hello world'));

    const reader = spawnInPty(['reader', mainKey, '--bootstrap', bootstrap, '--storage', readerStorage], { cleanup });
    await reader.waitForScreen(
      'both lines in the reader',
      (lines) => hasLine(lines, 'core-2', 'hi') && hasLine(lines, 'core-3', 'hello world'),
    );
    await writer.waitForText('peers 1');

    assertCleanExit('reader', await hangUpAndWait(reader));
    assertCleanExit('writer', await hangUpAndWait(writer));

    assert.deepEqual(
      await storedSubCoreBlocks(readerStorage, mainKey),
      [['hi\n'], ['hello world\n']],
      "the reader's store opens and holds the blocks it showed",
    );
    // A new writer on the same folder starts (no "in use") with the same key and every block.
    const again = spawnInPty(['writer', '--bootstrap', bootstrap, '--storage', writerStorage], { cleanup });
    await again.waitForScreen(
      'the restarted writer to show both blocks under the same key',
      (lines) =>
        mainKeyOn(lines) === mainKey && hasLine(lines, 'core-2', 'hi') && hasLine(lines, 'core-3', 'hello world'),
    );
  },
);

// A wrapper script or a multiplexer may leave the app outside the session's leader: the kernel's
// SIGHUP then goes to the wrapper alone, and the app only sees its input end and writes fail.
test(
  'a screen writer whose terminal goes away without a SIGHUP still exits with status 0',
  { timeout: 60_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const dir = await tempDir(cleanup);
    const storage = path.join(dir, 'writer-storage');
    const statusFile = path.join(dir, 'status');
    const wrap = ['sh', '-c', `trap '' HUP; "$@"; echo "$?" > '${statusFile}'`, 'sh'];
    // Port 9 (discard) on loopback: no network needed for this one.
    const writer = spawnInPty(['writer', '--bootstrap', '127.0.0.1:9', '--storage', storage], { cleanup, wrap });
    cleanup.add('kill the app if it outlived its terminal', () => killChildrenOf(writer.pid));
    await writer.waitForScreen('the writer to show its main key', writerReady);
    writer.write('still here\r');
    await writer.waitForScreen('the line in the writer', (lines) => hasLine(lines, 'core-3', 'still here'));

    const started = Date.now();
    writer.hangUp();
    // The shell creates the file before echo writes it: wait for the whole line.
    const status = await waitFor('the app to exit and the wrapper to record its status', () =>
      fs.readFile(statusFile, 'utf8').then(
        (text) => (text.endsWith('\n') ? text : undefined),
        () => undefined,
      ),
    );
    // Through the shell, a death by signal would read 128 + its number.
    assert.equal(status.trim(), '0', 'the app exits with status 0, not by a signal');
    assert.ok(Date.now() - started < EXIT_BOUND_MS, `the app exits within ${EXIT_BOUND_MS} ms of the hang-up`);
  },
);

test(
  'closing the terminal of a plain writer and a plain reader: status 0, not a signal',
  { timeout: 120_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const writerStorage = await tempDir(cleanup);

    const writer = spawnInPty(['writer', '--plain', '--bootstrap', bootstrap, '--storage', writerStorage], { cleanup });
    const [, mainKey] = await writer.waitForScreen(
      'the plain writer to print its key',
      (lines) => lines.join('\n').match(/main core key: ([0-9a-f]{64})/) ?? undefined,
    );
    writer.write('typed in plain mode\r');
    await writer.waitForText('appended block 0 to core-3');

    const reader = spawnInPty(
      ['reader', mainKey, '--plain', '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)],
      {
        cleanup,
      },
    );
    await reader.waitForText(`in Core `);
    await reader.waitForText(': typed in plain mode');

    assertCleanExit('plain reader', await hangUpAndWait(reader));
    assertCleanExit('plain writer', await hangUpAndWait(writer));
    assert.deepEqual(await storedSubCoreBlocks(writerStorage, mainKey), [[], ['typed in plain mode\n']]);
  },
);
