// Quitting from the keyboard leaves the terminal as it was: main screen, no leftover drawing,
// cursor shown, status 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startReader, startWriter } from '../../harness/apps.js';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { paneBlocks } from '../../harness/layout.js';
import { spawnInPty } from '../../harness/pty.js';
import { assertQuitCleanly } from '../helpers/quit.js';
import { startTestnet } from '../../harness/testnet.js';

test(
  'q in the reader and Ctrl+C in the writer quit with status 0 and restore the main screen',
  { timeout: 120_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);

    const { app: writer, mainKey } = await startWriter(cleanup, { bootstrap });
    writer.write('hello world\r');
    await writer.waitForScreen('the line in the writer', (lines) =>
      paneBlocks(lines, 'core-3')?.some((block) => block.text === 'hello world'),
    );

    const reader = spawnInPty(['reader', mainKey, '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)], {
      cleanup,
    });
    await reader.waitForScreen('the line in the reader', (lines) =>
      paneBlocks(lines, 'core-3')?.some((block) => block.text === 'hello world'),
    );
    assert.equal(reader.term.buffer.active.type, 'alternate');

    reader.write('q');
    await assertQuitCleanly(reader, 'reader', mainKey);

    // In raw mode Ctrl+C is a key, not SIGINT: the app itself must quit on it.
    writer.write('\x03');
    await assertQuitCleanly(writer, 'writer', mainKey);
  },
);

test('q typed into the writer input line is text, not quit; Ctrl+C still quits', { timeout: 60_000 }, async (t) => {
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);

  const { app: writer, mainKey } = await startWriter(cleanup, { bootstrap });
  writer.write('quiet q\r');
  await writer.waitForScreen('"quiet q" appended', (lines) =>
    paneBlocks(lines, 'core-3')?.some((block) => block.text === 'quiet q'),
  );
  // Typed into the input line, q is a letter: Enter then appends it, which a quit could not.
  writer.write('q');
  await writer.waitForText(/› q\s*║/);
  writer.write('\r');
  await writer.waitForScreen('"q" appended, the writer still running', (lines) =>
    paneBlocks(lines, 'core-2')?.some((block) => block.text === 'q'),
  );
  assert.equal(writer.term.buffer.active.type, 'alternate');

  writer.write('\x03');
  await assertQuitCleanly(writer, 'writer', mainKey);
});

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  test(`${signal} restores the main screen too`, { timeout: 60_000 }, async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const { app: writer, mainKey } = await startWriter(cleanup, { bootstrap });
    process.kill(writer.pid, signal);
    // The status after a signal is the app's choice; the terminal must be restored either way.
    await assertQuitCleanly(writer, `writer (${signal})`, mainKey, { status: 'any' });
  });
}

test('q quits and restores the screen while the DHT is unreachable', { timeout: 60_000 }, async (t) => {
  const cleanup = cleanupFor(t);
  // Port 9 (discard) on loopback: nothing answers there.
  const { app: writer, mainKey } = await startWriter(cleanup, { bootstrap: '127.0.0.1:9' });
  const key = 'a'.repeat(64);
  const { app: reader } = await startReader(cleanup, key, { bootstrap: '127.0.0.1:9' });

  reader.write('q');
  await assertQuitCleanly(reader, 'reader (DHT unreachable)', key);
  writer.write('\x03');
  await assertQuitCleanly(writer, 'writer (DHT unreachable)', mainKey);
});
