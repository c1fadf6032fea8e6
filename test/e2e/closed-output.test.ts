// `many-cores reader KEY --plain | head -3`: once nobody reads the output, plain and JSON modes
// stop as `seq` or `cat` do: no message, status 0, the store closed with its blocks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Corestore from 'corestore';
import { startPlainWriter } from '../../harness/apps.js';
import { Cleanup, cleanupFor, tempDir } from '../../harness/cleanup.js';
import { spawnPiped, type PipedApp } from '../../harness/piped.js';
import { killChildrenOf } from '../../harness/pty.js';
import { settlesWithin, waitFor } from '../../harness/wait.js';
import { startTestnet } from '../../harness/testnet.js';
import { storedSubCoreBlocks } from '../helpers/stored-blocks.js';

// Generous: the app has to notice on its next write, then close its session (≤ 2 s).
const EXIT_BOUND_MS = 10_000;
// Peers coming and going is what plain mode is meant to say on stderr.
const PEER_LINE = /^peer [0-9a-f]{8} (?:joined|left) \(\d+ connected\)$/;

async function writerOfFourLines(
  cleanup: Cleanup,
): Promise<{ writer: PipedApp; mainKey: string; bootstrap: string; storage: string }> {
  const { bootstrap } = await startTestnet(cleanup);
  const { app: writer, mainKey, storage } = await startPlainWriter(cleanup, { bootstrap });
  writer.child.stdin!.write('one 1\ntwo 2\nthree 3\nfour 4\n');
  await writer.waitForStdout('four appends', /appended block 3 to core-3/);
  return { writer, mainKey, bootstrap, storage };
}

async function exitOf(app: PipedApp, who: string): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  assert.ok(
    await settlesWithin(app.exited, EXIT_BOUND_MS),
    `${who} exits within ${EXIT_BOUND_MS} ms once its output is closed\n--- stderr ---\n${app.stderr()}`,
  );
  return app.exited;
}

function assertQuiet(app: PipedApp, who: string): void {
  const unexpected = app
    .stderr()
    .split('\n')
    .filter((line) => line !== '' && !PEER_LINE.test(line));
  assert.deepEqual(unexpected, [], `${who} says nothing on stderr but peers coming and going`);
}

for (const format of ['plain', 'json'] as const) {
  test(`reader --${format} stops quietly with status 0 when its output is closed`, { timeout: 90_000 }, async (t) => {
    const cleanup = cleanupFor(t);
    const { writer, mainKey, bootstrap } = await writerOfFourLines(cleanup);
    const storage = await tempDir(cleanup);

    const reader = spawnPiped(['reader', mainKey, `--${format}`, '--bootstrap', bootstrap, '--storage', storage], {
      cleanup,
    });
    const block = format === 'plain' ? /^Block \d+ in Core /gm : /"event":"block"/g;
    await waitFor('three blocks read', () => (reader.stdout().match(block)?.length ?? 0) >= 3, {
      describe: () => `--- stdout ---\n${reader.stdout()}--- stderr ---\n${reader.stderr()}`,
    });
    // What `head -3` does once it has its lines; the reader's next write meets a closed pipe.
    reader.child.stdout!.destroy();
    writer.child.stdin!.write('five 5 after the pipe closed\n');

    assert.deepEqual(await exitOf(reader, `reader --${format}`), { code: 0, signal: null });
    assertQuiet(reader, `reader --${format}`);
    const [core2, core3] = await storedSubCoreBlocks(storage, mainKey);
    assert.deepEqual(core2, [], 'core-2 has no blocks');
    assert.deepEqual(core3.slice(0, 4), ['one 1\n', 'two 2\n', 'three 3\n', 'four 4\n'], 'the store reopens whole');
  });
}

test(
  'reader --json | head -1, through a real shell pipe: status 0, nothing on stderr',
  { timeout: 90_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { writer, mainKey, bootstrap } = await writerOfFourLines(cleanup);
    const storage = await tempDir(cleanup);
    // bash's status is the reader's, the first command of the pipe.
    const wrap = ['bash', '-c', '"$@" | head -1; exit "${PIPESTATUS[0]}"', 'bash'];
    const reader = spawnPiped(['reader', mainKey, '--json', '--bootstrap', bootstrap, '--storage', storage], {
      cleanup,
      wrap,
    });
    cleanup.add('kill the reader if it outlived head', () => reader.child.pid && killChildrenOf(reader.child.pid));
    await reader.waitForStdout('the key event through head', /"event":"key"/);
    // Something more to write, in case the reader had written all it had before head went.
    writer.child.stdin!.write('five 5 after head\n');

    assert.deepEqual(await exitOf(reader, 'reader --json | head -1'), { code: 0, signal: null });
    assert.equal(reader.stdout(), `${JSON.stringify({ event: 'key', role: 'reader', key: mainKey })}\n`);
    assertQuiet(reader, 'reader --json | head -1');
    // It may have stopped before block 0 came: the store only has to open.
    const store = new Corestore(storage);
    await store.ready();
    await store.close();
  },
);

test(
  'writer --plain stops quietly with status 0 when its output is closed, its lines on disk',
  { timeout: 90_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { writer, mainKey, storage } = await writerOfFourLines(cleanup);
    writer.child.stdout!.destroy();
    writer.child.stdin!.write('five 5 after the pipe closed\n');

    assert.deepEqual(await exitOf(writer, 'writer --plain'), { code: 0, signal: null });
    assertQuiet(writer, 'writer --plain');
    assert.deepEqual(await storedSubCoreBlocks(storage, mainKey), [
      [],
      ['one 1\n', 'two 2\n', 'three 3\n', 'four 4\n', 'five 5 after the pipe closed\n'],
    ]);
  },
);
