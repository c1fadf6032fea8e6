// `reader KEY --seed`: real processes on a private loopback DHT. A seeder copies every block of
// every core while the writer is there; once the writer has gone, a fresh reader with an empty
// storage gets every block from the seeder alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startPlainWriter } from '../../harness/apps.js';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { spawnPiped } from '../../harness/piped.js';
import { spawnInPty } from '../../harness/pty.js';
import { storedSubCoreBlocks } from '../helpers/stored-blocks.js';
import { startTestnet } from '../../harness/testnet.js';
import { waitFor } from '../../harness/wait.js';

// Lines of 5 bytes or more (with the newline) go to core-3, shorter ones to core-2.
const LONG_LINES = Array.from({ length: 400 }, (_, index) => `seeded line ${String(index).padStart(3, '0')}`);
const SHORT_LINES = Array.from({ length: 60 }, (_, index) => `s${String(index % 100).padStart(2, '0')}`);

function seededLines(output: string, core: string): Array<{ local: number; length: number }> {
  return [...output.matchAll(new RegExp(`^seeded ${core} (\\d+)/(\\d+)$`, 'gm'))].map((match) => ({
    local: Number(match[1]),
    length: Number(match[2]),
  }));
}

test(
  'a seeder keeps every block; with the writer gone, a fresh reader gets them all from the seeder',
  { timeout: 180_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const writerStorage = await tempDir(cleanup);
    const seederStorage = await tempDir(cleanup);
    const readerStorage = await tempDir(cleanup);

    const { app: writer, mainKey } = await startPlainWriter(cleanup, { bootstrap, storage: writerStorage });
    const interleaved = LONG_LINES.flatMap((line, index) => [line, ...SHORT_LINES.slice(index, index + 1)]);
    writer.child.stdin!.write(`${interleaved.join('\n')}\n`);
    await writer.waitForStdout('every long line appended', /^appended block 399 to core-3 /m);
    await writer.waitForStdout('every short line appended', /^appended block 59 to core-2 /m);

    const seederStarted = Date.now();
    const seeder = spawnPiped(
      ['reader', mainKey, '--seed', '--plain', '--bootstrap', bootstrap, '--storage', seederStorage],
      { cleanup },
    );
    await seeder.waitForStdout('the main core seeded', /^seeded core-1 1\/1$/m);
    await seeder.waitForStdout('core-2 seeded', /^seeded core-2 60\/60$/m);
    await seeder.waitForStdout('core-3 seeded', /^seeded core-3 400\/400$/m);
    const seedingSeconds = (Date.now() - seederStarted) / 1000;
    const printed = seeder.stdout().trimEnd().split('\n');
    t.diagnostic(`seeder output (${seedingSeconds.toFixed(1)} s):\n${printed.join('\n')}`);
    // Progress, not blocks: and not one line per block, a few a second at most.
    assert.ok(
      printed.every((line) => /^seeded core-[123] \d+\/\d+$/.test(line)),
      'the seeder prints only progress',
    );
    for (const core of ['core-1', 'core-2', 'core-3']) {
      const lines = seededLines(seeder.stdout(), core);
      const locals = lines.map((line) => line.local);
      assert.deepEqual(
        locals,
        [...locals].sort((a, b) => a - b),
        `${core}: progress only grows`,
      );
      assert.ok(lines.length <= 2 * Math.ceil(seedingSeconds) + 2, `${core}: ${lines.length} lines`);
    }

    // The writer goes for good; the seeder stays.
    await writer.stop();
    assert.equal(writer.child.exitCode !== null || writer.child.signalCode !== null, true, 'the writer exited');

    const reader = spawnPiped(
      ['reader', mainKey, '--plain', '--timeout', '30', '--bootstrap', bootstrap, '--storage', readerStorage],
      { cleanup },
    );
    await waitFor(
      'the fresh reader to print every block',
      () => reader.stdout().split('\n').length > LONG_LINES.length + SHORT_LINES.length,
      {
        timeoutMs: 40_000,
        describe: () => `reader stdout:\n${reader.stdout().slice(-2000)}\nreader stderr:\n${reader.stderr()}`,
      },
    );
    const byCore = new Map<string, string[]>();
    for (const line of reader.stdout().trimEnd().split('\n')) {
      const match = /^Block (\d+) in Core ([0-9a-f]{64}): (.*)$/.exec(line);
      assert.ok(match, `nothing but block lines: ${line}`);
      const texts = byCore.get(match[2]) ?? [];
      assert.equal(Number(match[1]), texts.length, 'blocks of a core arrive in order');
      texts.push(match[3]);
      byCore.set(match[2], texts);
    }
    assert.deepEqual(
      [...byCore.values()].sort((a, b) => a.length - b.length),
      [SHORT_LINES, LONG_LINES],
      'every block of both sub-cores, text for text',
    );
    assert.match(reader.stderr(), /peer [0-9a-f]{8} joined/, 'the reader found a peer: the seeder');

    // What the seeder kept is on its disk, whole, once it has closed its store.
    await reader.stop();
    await seeder.stop();
    assert.deepEqual(await storedSubCoreBlocks(seederStorage, mainKey), [
      SHORT_LINES.map((line) => `${line}\n`),
      LONG_LINES.map((line) => `${line}\n`),
    ]);
  },
);

test('the seeding screen: each title reaches "seeded", the notice line shows the overall progress', async (t) => {
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);
  const { app: writer, mainKey } = await startPlainWriter(cleanup, { bootstrap });
  writer.child.stdin!.write(`${LONG_LINES.join('\n')}\nab\ncd\n`);
  await writer.waitForStdout('every line appended', /^appended block 399 to core-3 /m);
  await writer.waitForStdout('every line appended', /^appended block 1 to core-2 /m);

  const seeder = spawnInPty(
    ['reader', mainKey, '--seed', '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)],
    { cleanup, cols: 140, rows: 30 },
  );
  cleanup.add('stop the seeder before the writer', () => seeder.stop());
  await seeder.waitForScreen('both titles to say seeded', (lines) => {
    const screen = lines.join('\n');
    return /core-2 [0-9a-z]+ len 2 · seeded/.test(screen) && /core-3 [0-9a-z]+ len 400 · seeded/.test(screen);
  });
  await seeder.waitForText('seeded: all 403 blocks of 3 cores here, serving them');

  // Seeding goes on: a new block is copied too, and counted.
  writer.child.stdin!.write('one more line\n');
  await seeder.waitForScreen('core-3 seeded at its new length', (lines) =>
    lines.some((line) => /core-3 [0-9a-z]+ len 401 · seeded/.test(line)),
  );
  await seeder.waitForText('seeded: all 404 blocks of 3 cores here, serving them');
});
