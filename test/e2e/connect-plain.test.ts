// Plain mode over pipes: --local with no other setup, and the reliability of the connection
// (a fresh writer and a fresh reader, two processes, must find each other every time).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PLAIN_KEY_LINE, startPlainWriter } from '../../harness/apps.js';
import { Cleanup, cleanupFor, tempDir } from '../../harness/cleanup.js';
import { spawnPiped, type PipedApp } from '../../harness/piped.js';
import { waitFor } from '../../harness/wait.js';
import { privateLoopback, udpPortFree } from '../helpers/netns.js';
import { startTestnet } from '../../harness/testnet.js';

const blockLine = (text: string) =>
  new RegExp(`^Block (\\d+) in Core ([0-9a-f]{64}): ${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm');

const LOCAL_PORT = 49737;

// Stops the reader before the writer (the writer may host the --local bootstrap node).
async function stopAll(...apps: PipedApp[]): Promise<void> {
  for (const app of apps) await app.stop();
}

test(
  '--local: a writer and a reader on one machine find each other with no other setup',
  { timeout: 90_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const writerStorage = await tempDir(cleanup);
    const readerStorage = await tempDir(cleanup);

    // The first --local process hosts the bootstrap node on 127.0.0.1:49737. A developer's own --local
    // session may hold that port on this machine: where we can, run both in a private network namespace.
    const namespace = await privateLoopback(cleanup);
    const wrap = namespace.ok ? namespace.wrap : [];
    if (!namespace.ok)
      t.diagnostic(`no private network namespace (${namespace.reason}): using this machine's loopback`);
    const portWasFree = await udpPortFree(LOCAL_PORT, wrap);
    if (!portWasFree)
      t.diagnostic(
        `UDP ${LOCAL_PORT} is already taken by another process: this run cannot check that the writer hosts the bootstrap node`,
      );
    const writer = spawnPiped(['writer', '--local', '--plain', '--storage', writerStorage], { cleanup, wrap });
    const [, mainKey] = await writer.waitForStdout('the writer to print its key', PLAIN_KEY_LINE);
    if (portWasFree) {
      await waitFor(`the writer to bind UDP ${LOCAL_PORT}`, async () => !(await udpPortFree(LOCAL_PORT, wrap)));
    }
    writer.child.stdin!.write('hello over local\n');
    writer.child.stdin!.write('hi\n');
    await writer.waitForStdout('both lines appended', /appended block 0 to core-2[^\n]*\n/);
    await writer.waitForStdout('both lines appended', /appended block 0 to core-3[^\n]*\n/);

    const reader = spawnPiped(
      ['reader', mainKey, '--local', '--plain', '--timeout', '20', '--storage', readerStorage],
      { cleanup, wrap },
    );
    // Registered after the writer's, so it runs first: reader, then writer.
    cleanup.add('stop reader then writer', () => stopAll(reader, writer));

    const long = await reader.waitForStdout('history: the long line', blockLine('hello over local'));
    const short = await reader.waitForStdout('history: the short line', blockLine('hi'));
    assert.equal(long[1], '0');
    assert.equal(short[1], '0');
    assert.notEqual(long[2], short[2], 'the short and the long line are in different cores');
    assert.notEqual(long[2], mainKey, 'blocks come from sub-cores, not the main core');

    writer.child.stdin!.write('a live line\n');
    const live = await reader.waitForStdout(
      'live: a line written after the reader connected',
      blockLine('a live line'),
    );
    assert.equal(live[1], '1');
    assert.equal(live[2], long[2], 'the live long line is in the same core as the first long line');

    // Nothing but block lines on the reader's stdout (the order between cores is free).
    const printed = reader.stdout().trimEnd().split('\n');
    assert.deepEqual(
      printed.map((line) => line.replace(/ in Core [0-9a-f]{64}:/, ':')).sort(),
      ['Block 0: hello over local', 'Block 0: hi', 'Block 1: a live line'],
      `the reader's stdout:\n${reader.stdout()}`,
    );
  },
);

test('20 fresh writer + reader pairs in a row all connect (testnet, plain mode)', { timeout: 600_000 }, async (t) => {
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);
  const ROUNDS = 20;
  const results: Array<{ round: number; ok: boolean; connectMs: number; detail?: string }> = [];

  for (let round = 1; round <= ROUNDS; round++) {
    const pair = new Cleanup();
    try {
      const { app: writer, mainKey } = await startPlainWriter(pair, { bootstrap });
      writer.child.stdin!.write(`round ${round}\n`);
      await writer.waitForStdout('the line appended', /appended block 0 to core-3/);

      const started = Date.now();
      const reader = spawnPiped(
        ['reader', mainKey, '--bootstrap', bootstrap, '--plain', '--timeout', '20', '--storage', await tempDir(pair)],
        {
          cleanup: pair,
        },
      );
      pair.add('stop reader then writer', () => stopAll(reader, writer));
      await waitFor(
        `round ${round}: the reader to print the block`,
        () =>
          blockLine(`round ${round}`).test(reader.stdout()) ||
          (reader.child.exitCode !== null
            ? Promise.reject(new Error(`reader exited ${reader.child.exitCode}: ${reader.stderr().trim()}`))
            : undefined),
        { timeoutMs: 25_000, describe: () => `reader stdout:\n${reader.stdout()}\nreader stderr:\n${reader.stderr()}` },
      );
      results.push({ round, ok: true, connectMs: Date.now() - started });
    } catch (error) {
      results.push({
        round,
        ok: false,
        connectMs: -1,
        detail: String((error as Error).message)
          .split('\n')
          .slice(0, 3)
          .join(' | '),
      });
    } finally {
      await pair.run();
    }
  }

  const successes = results.filter((result) => result.ok).length;
  t.diagnostic(`connected ${successes}/${ROUNDS}`);
  t.diagnostic(
    `connect times (ms, reader start to block printed): ${results.map((result) => (result.ok ? result.connectMs : 'FAIL')).join(', ')}`,
  );
  for (const failure of results.filter((result) => !result.ok))
    t.diagnostic(`round ${failure.round} failed: ${failure.detail}`);
  assert.equal(successes, ROUNDS, `every fresh pair connects: ${successes}/${ROUNDS}`);
});
