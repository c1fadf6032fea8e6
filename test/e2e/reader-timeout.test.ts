// docs/command-line.md#timeout: `reader KEY --timeout SEC` on the screen: if the writer is not found in time, the screen
// is left, `Could not connect to the writer peer` is printed and the status is 1; once connected,
// the timeout never fires.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWriter } from '../../harness/apps.js';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { paneBlocks } from '../../harness/layout.js';
import { spawnInPty } from '../../harness/pty.js';
import { sleep } from '../../harness/wait.js';
import { assertQuitCleanly } from '../helpers/quit.js';
import { startTestnet } from '../../harness/testnet.js';

test(
  'the screen reader gives up after --timeout: one message, status 1, terminal restored',
  { timeout: 60_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const key = 'ab'.repeat(32);
    // Port 9 (discard) on loopback: no DHT answers there, so the writer is never found.
    const reader = spawnInPty(
      ['reader', key, '--timeout', '2', '--bootstrap', '127.0.0.1:9', '--storage', await tempDir(cleanup)],
      { cleanup },
    );
    await reader.waitForText('looking for the writer');
    assert.equal(reader.hasExited(), false, 'still looking before the timeout');
    const { status, message } = await assertQuitCleanly(reader, 'reader (timed out)', key, {
      status: 'nonzero',
      allowMessage: true,
    });
    assert.equal(status.exitCode, 1);
    assert.equal(message, 'many-cores: Could not connect to the writer peer');
  },
);

test('once connected, the screen reader outlives its --timeout', { timeout: 90_000 }, async (t) => {
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);
  const { app: writer, mainKey } = await startWriter(cleanup, { bootstrap });
  writer.write('first line\r');
  // The key shows before the swarm is up: a reader with a short timeout starts once the writer
  // can be found.
  await writer.waitForScreen('the writer to announce', (lines) => lines.some((line) => line.includes('DHT announced')));

  const timeoutSeconds = 2;
  const started = Date.now();
  const reader = spawnInPty(
    [
      'reader',
      mainKey,
      '--timeout',
      String(timeoutSeconds),
      '--bootstrap',
      bootstrap,
      '--storage',
      await tempDir(cleanup),
    ],
    { cleanup },
  );
  const shows = (text: string) => (lines: string[]) =>
    paneBlocks(lines, 'core-3')?.some((block) => block.text === text);
  await reader.waitForScreen('the first line in the reader', shows('first line'));
  // Past twice the timeout (the one wait here that has to be a wait), the reader still follows.
  await sleep(Math.max(0, started + 2 * timeoutSeconds * 1000 - Date.now()));
  writer.write('second line\r');
  await reader.waitForScreen('the second line in the reader', shows('second line'));
  assert.equal(reader.hasExited(), false, 'the reader is still running after its timeout');

  reader.write('q');
  await assertQuitCleanly(reader, 'reader', mainKey);
});
