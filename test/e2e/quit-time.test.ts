// docs/untrusted-input.md#quitting: quitting by any path finishes within 2 s, even when the DHT is unreachable. The app
// bounds its own closing at 1.8 s (source/app/run-screen.tsx); the bound here adds a margin for a
// loaded 2-core CI machine, so it fails only when quitting waits on something it should not (a
// swarm that cannot reach its DHT takes 9 s or more to close). The precise figure is the bench's.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { startWriter } from '../../harness/apps.js';
import { Cleanup, cleanupFor, tempDir } from '../../harness/cleanup.js';
import { paneBlocks } from '../../harness/layout.js';
import { spawnInPty, type AppInPty } from '../../harness/pty.js';
import { assertQuitCleanly } from '../helpers/quit.js';
import { startTestnet } from '../../harness/testnet.js';

// The contract's 2 s plus 1.5 s for a loaded machine. Measured here, 2 cores at load average 6 to 10:
// 40–240 ms for each path, 1.35–1.39 s for the offline writer (its swarm close runs into the 1.8 s
// budget). Without that budget an offline quit takes 9 s or more, so the bound still catches it.
const QUIT_BOUND_MS = 3500;

async function timeQuit(t: TestContext, app: AppInPty, who: string, quit: () => void): Promise<number> {
  const started = performance.now();
  quit();
  await app.exited;
  const took = Math.round(performance.now() - started);
  t.diagnostic(`${who}: quit took ${took} ms`);
  return took;
}

async function screenWriter(cleanup: Cleanup, bootstrap: string): Promise<{ app: AppInPty; mainKey: string }> {
  const { app, mainKey } = await startWriter(cleanup, { bootstrap });
  return { app, mainKey };
}

test('every quit path finishes within the bound, connected or offline', { timeout: 240_000 }, async (t) => {
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);
  const times: Record<string, number> = {};

  // Connected: a writer and a reader that has its block.
  const connected = await screenWriter(cleanup, bootstrap);
  connected.app.write('hello world\r');
  const reader = spawnInPty(
    ['reader', connected.mainKey, '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)],
    { cleanup },
  );
  await reader.waitForScreen('the line in the reader', (lines) =>
    paneBlocks(lines, 'core-3')?.some((block) => block.text === 'hello world'),
  );
  times['reader q'] = await timeQuit(t, reader, 'reader q', () => reader.write('q'));
  await assertQuitCleanly(reader, 'reader q', connected.mainKey);
  times['writer Ctrl+C'] = await timeQuit(t, connected.app, 'writer Ctrl+C', () => connected.app.write('\x03'));
  await assertQuitCleanly(connected.app, 'writer Ctrl+C', connected.mainKey);

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    const { app, mainKey } = await screenWriter(cleanup, bootstrap);
    times[`writer ${signal}`] = await timeQuit(t, app, `writer ${signal}`, () => process.kill(app.pid, signal));
    await assertQuitCleanly(app, `writer ${signal}`, mainKey, { status: 'any' });
  }

  // Offline: port 9 (discard) on loopback, where no DHT answers.
  const offline = await screenWriter(cleanup, '127.0.0.1:9');
  times['offline writer Ctrl+C'] = await timeQuit(t, offline.app, 'offline writer Ctrl+C', () =>
    offline.app.write('\x03'),
  );
  await assertQuitCleanly(offline.app, 'offline writer Ctrl+C', offline.mainKey);
  const key = 'a'.repeat(64);
  const offlineReader = spawnInPty(['reader', key, '--bootstrap', '127.0.0.1:9', '--storage', await tempDir(cleanup)], {
    cleanup,
  });
  await offlineReader.waitForText('looking for the writer');
  times['offline reader q'] = await timeQuit(t, offlineReader, 'offline reader q', () => offlineReader.write('q'));
  await assertQuitCleanly(offlineReader, 'offline reader q', key);

  const slow = Object.entries(times).filter(([, took]) => took > QUIT_BOUND_MS);
  assert.deepEqual(slow, [], `every quit within ${QUIT_BOUND_MS} ms: ${JSON.stringify(times)}`);
});
