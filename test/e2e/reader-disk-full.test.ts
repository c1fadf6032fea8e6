// Issue 19 item 2: a reader whose disk fills says so in one line, naming the folder and how many
// blocks it stored, instead of stalling in silence (Hypercore only pauses the peer whose block it
// could not store). The plain seeder and the plain reader exit 1 (--json: an error event too); the
// screen keeps running and shows the line on the notice line. Nothing stored is lost, and a
// seeder started again once space is freed goes on to a full copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startPlainWriter } from '../../harness/apps.js';
import { Cleanup, cleanupFor } from '../../harness/cleanup.js';
import { paneBlocks } from '../../harness/layout.js';
import { spawnPiped, type PipedApp } from '../../harness/piped.js';
import { REPO_ROOT, spawnInPty } from '../../harness/pty.js';
import { MESSAGE_LINE } from '../helpers/quit.js';
import { startTestnet } from '../../harness/testnet.js';
import { smallDisk } from '../helpers/tmpfs.js';
import { DEADLINE_MS, settlesWithin, waitFor } from '../../harness/wait.js';

const READ_SEEDED = path.join(REPO_ROOT, 'test', 'fixtures', 'read-seeded-blocks.mjs');
const PEER_LINE = /^peer [0-9a-f]{8} (joined|left) /;

// Far more than 2 MiB once stored: core-3's lines (5 bytes or more), then core-2's.
const LONG_LINES = Array.from({ length: 20_000 }, (_, index) => `line ${index} ${'x'.repeat(150)}`);
const SHORT_LINES = Array.from({ length: 40 }, (_, index) => String(index % 100).padStart(2, '0'));
const ALL_BLOCKS = 1 + SHORT_LINES.length + LONG_LINES.length;

interface StoredCore {
  length: number;
  blocks: Array<string | null>;
}

async function readBack(runInside: (command: string[]) => Promise<string>, storage: string, mainKey: string) {
  return JSON.parse(await runInside([process.execPath, READ_SEEDED, storage, mainKey])) as StoredCore[];
}

const storedCount = (cores: StoredCore[]) =>
  cores.reduce((sum, core) => sum + core.blocks.filter((block) => block !== null).length, 0);

const count = (figure: string) => Number(figure.replace(/,/g, ''));

// A plain writer on an ordinary disk with every line stored: its main key.
async function writerOf(
  cleanup: Cleanup,
  bootstrap: string,
  lines: string[],
): Promise<{ writer: PipedApp; mainKey: string }> {
  const { app: writer, mainKey } = await startPlainWriter(cleanup, { bootstrap });
  writer.child.stdin!.write(`${lines.join('\n')}\n`);
  const long = lines.filter((line) => line.length >= 4).length;
  const short = lines.length - long;
  if (long > 0)
    await writer.waitForStdout('every long line appended', new RegExp(`^appended block ${long - 1} to core-3 `, 'm'));
  if (short > 0)
    await writer.waitForStdout('every short line appended', new RegExp(`^appended block ${short - 1} to core-2 `, 'm'));
  return { writer, mainKey };
}

// The lines on stderr that are not about peers coming and going.
const messages = (stderr: string) =>
  stderr
    .split('\n')
    .filter(Boolean)
    .filter((line) => !PEER_LINE.test(line));

// Waits for a piped reader to connect, then for it to stop by itself.
async function stopsAfterConnecting(app: PipedApp, who: string, connected: () => boolean): Promise<void> {
  const shown = () => `--- stderr ---\n${app.stderr()}--- stdout (end) ---\n${app.stdout().slice(-1500)}--- end ---`;
  let exited = false;
  void app.exited.then(() => (exited = true));
  await waitFor(`${who} to connect`, () => connected() || exited, { describe: shown });
  if (!(await settlesWithin(app.exited, DEADLINE_MS))) assert.fail(`${who} did not stop on a full disk\n${shown()}`);
  assert.deepEqual(await app.exited, { code: 1, signal: null }, `${who}: status 1\n${shown()}`);
}

// A seeder's copy of the writer's sub-cores, read back from its disk: every line, in order.
function assertWritersLines(
  core2: ReadonlyArray<string | null> | undefined,
  core3: ReadonlyArray<string | null> | undefined,
): void {
  assert.deepEqual(
    core2,
    SHORT_LINES.map((text) => `${text}\n`),
    'core-2 whole',
  );
  assert.deepEqual(
    core3,
    LONG_LINES.map((text) => `${text}\n`),
    'core-3 whole',
  );
}

test(
  'plain seeder on a full disk: one line naming the folder and the blocks stored, status 1; freed, a restart seeds every block',
  { timeout: 240_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const tmpfs = await smallDisk(t, cleanup, '2m');
    if (!tmpfs) return;
    const { mount } = tmpfs;
    const { bootstrap } = await startTestnet(cleanup);
    const { mainKey } = await writerOf(cleanup, bootstrap, [...LONG_LINES, ...SHORT_LINES]);
    const storage = path.join(mount, 'seeder');
    const seedArgs = ['reader', mainKey, '--seed', '--plain', '--bootstrap', bootstrap, '--storage', storage];

    const seeder = spawnPiped(seedArgs, { cleanup, wrap: tmpfs.wrap });
    await stopsAfterConnecting(seeder, 'the seeder', () => PEER_LINE.test(seeder.stderr()));
    const said = messages(seeder.stderr());
    assert.equal(said.length, 1, `one line besides the peers on stderr:\n${seeder.stderr()}`);
    assert.match(said[0], MESSAGE_LINE);
    t.diagnostic(said[0]);
    const line = new RegExp(
      `^many-cores: no space left on device in ${storage}: ([\\d,]+) of ([\\d,]+) blocks stored; ` +
        'free some space, then start the seeder again$',
    ).exec(said[0]);
    assert.ok(line, `the line says the disk is full, in which folder, and what was stored: ${said[0]}`);
    const stored = count(line[1]);
    assert.equal(count(line[2]), ALL_BLOCKS, 'out of every block of the three cores');
    assert.ok(stored > 0 && stored < ALL_BLOCKS, `some blocks were stored, not all: ${stored}`);
    assert.ok(
      seeder
        .stdout()
        .split('\n')
        .filter(Boolean)
        .every((printed) => /^seeded core-[123] \d+\/\d+$/.test(printed)),
      `nothing but progress on stdout:\n${seeder.stdout()}`,
    );

    // Space freed: every block the line counted is there, and a new seeder goes on to them all.
    await tmpfs.resize('64m');
    assert.equal(
      storedCount(await readBack(tmpfs.runInside, storage, mainKey)),
      stored,
      'the blocks counted are stored',
    );
    const again = spawnPiped(seedArgs, { cleanup, wrap: tmpfs.wrap });
    await again.waitForStdout(
      'core-3 seeded',
      new RegExp(`^seeded core-3 ${LONG_LINES.length}/${LONG_LINES.length}$`, 'm'),
    );
    await again.waitForStdout(
      'core-2 seeded',
      new RegExp(`^seeded core-2 ${SHORT_LINES.length}/${SHORT_LINES.length}$`, 'm'),
    );
    await again.waitForStdout('core-1 seeded', /^seeded core-1 1\/1$/m);
    assert.deepEqual(messages(again.stderr()), [], 'no complaint this time');
    await again.stop();
    const [main, core2, core3] = await readBack(tmpfs.runInside, storage, mainKey);
    assert.equal(main?.blocks.length, 1);
    assertWritersLines(core2?.blocks, core3?.blocks);
  },
);

test(
  'a --json seeder and a plain reader on full disks: an error event and one stderr line, status 1',
  { timeout: 180_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const seederTmpfs = await smallDisk(t, cleanup, '2m');
    const readerTmpfs = seederTmpfs && (await smallDisk(t, cleanup, '2m'));
    if (!seederTmpfs || !readerTmpfs) return;
    const { mount: seederMount } = seederTmpfs;
    const { mount: readerMount } = readerTmpfs;
    const { bootstrap } = await startTestnet(cleanup);
    const { mainKey } = await writerOf(cleanup, bootstrap, [...LONG_LINES, ...SHORT_LINES]);
    const seederStorage = path.join(seederMount, 'seeder');
    const readerStorage = path.join(readerMount, 'reader');
    const seeder = spawnPiped(
      ['reader', mainKey, '--seed', '--json', '--bootstrap', bootstrap, '--storage', seederStorage],
      { cleanup, wrap: seederTmpfs.wrap },
    );
    const reader = spawnPiped(['reader', mainKey, '--plain', '--bootstrap', bootstrap, '--storage', readerStorage], {
      cleanup,
      wrap: readerTmpfs.wrap,
    });

    await stopsAfterConnecting(seeder, 'the --json seeder', () => seeder.stdout().includes('"event":"peer-join"'));
    const events = seeder
      .stdout()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { event: string; message?: string });
    const error = events.at(-1);
    assert.ok(error?.event === 'error', `the last event is the error:\n${seeder.stdout()}`);
    assert.match(
      error.message ?? '',
      new RegExp(`^no space left on device in ${seederStorage}: [\\d,]+ of [\\d,]+ blocks stored; `),
    );
    assert.deepEqual(seeder.stderr().split('\n').filter(Boolean), [`many-cores: ${error.message}`], 'stderr: the line');

    await stopsAfterConnecting(reader, 'the plain reader', () => PEER_LINE.test(reader.stderr()));
    const said = messages(reader.stderr());
    assert.equal(said.length, 1, `one line besides the peers on stderr:\n${reader.stderr()}`);
    assert.match(said[0], MESSAGE_LINE);
    t.diagnostic(said[0]);
    const line = new RegExp(
      `^many-cores: no space left on device in ${readerStorage}: ([\\d,]+) blocks stored ` +
        '\\(a reader keeps the blocks it reads\\); free some space, then start the reader again$',
    ).exec(said[0]);
    assert.ok(line, `the line says the disk is full, in which folder, and what was stored: ${said[0]}`);
    // Every block printed was stored, in order, as the writer wrote it.
    const printed = reader
      .stdout()
      .split('\n')
      .filter(Boolean)
      .map((text) => /^Block (\d+) in Core [0-9a-f]{64}: (.*)$/.exec(text));
    assert.ok(printed.every(Boolean), 'nothing but block lines on stdout');
    const core3 = printed.filter((match) => match![2].startsWith('line ')).map((match) => match![2]);
    assert.deepEqual(core3, LONG_LINES.slice(0, core3.length), 'core-3 printed in order');
    assert.ok(core3.length < LONG_LINES.length, `not every block printed: ${core3.length}`);
    assert.ok(printed.length < count(line[1]), `${printed.length} printed, ${line[1]} stored (block 0 too)`);
  },
);

test(
  'screen seeder on a full disk: the line on the notice line, still up; freed, a restart seeds every block',
  { timeout: 240_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const tmpfs = await smallDisk(t, cleanup, '2m');
    if (!tmpfs) return;
    const { mount } = tmpfs;
    const { bootstrap } = await startTestnet(cleanup);
    const { mainKey } = await writerOf(cleanup, bootstrap, [...LONG_LINES, ...SHORT_LINES]);
    const storage = path.join(mount, 'seeder');
    const seedArgs = ['reader', mainKey, '--seed', '--bootstrap', bootstrap, '--storage', storage];

    const seeder = spawnInPty(seedArgs, { cleanup, wrap: tmpfs.wrap, cols: 200, rows: 30 });
    const [, stored, total] = await seeder.waitForScreen(
      'the full disk on the notice line',
      (lines) =>
        new RegExp(
          `^✗ no space left on device in ${storage}: ([\\d,]+) of ([\\d,]+) blocks stored; free some space, then start the seeder again`,
        ).exec(lines.find((line) => line.startsWith('✗')) ?? '') ?? undefined,
    );
    t.diagnostic(`stored ${stored} of ${total}`);
    assert.equal(count(total), ALL_BLOCKS);
    // Still up, serving what it has: q quits as ever.
    assert.equal(seeder.hasExited(), false, 'the seeder is still running');
    seeder.write('q');
    assert.equal((await seeder.waitForExit()).exitCode, 0);

    await tmpfs.resize('64m');
    assert.equal(storedCount(await readBack(tmpfs.runInside, storage, mainKey)), count(stored));
    const again = spawnInPty(seedArgs, { cleanup, wrap: tmpfs.wrap, cols: 200, rows: 30 });
    await again.waitForText(`seeded: all ${ALL_BLOCKS.toLocaleString('en-US')} blocks of 3 cores here, serving them`);
    again.write('q');
    await again.waitForExit();
    const [, core2, core3] = await readBack(tmpfs.runInside, storage, mainKey);
    assertWritersLines(core2?.blocks, core3?.blocks);
  },
);

test(
  'screen reader whose disk fills while it follows the writer: the line on the notice line, still up',
  { timeout: 180_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const tmpfs = await smallDisk(t, cleanup, '4m');
    if (!tmpfs) return;
    const { mount } = tmpfs;
    const { bootstrap } = await startTestnet(cleanup);
    const { writer, mainKey } = await writerOf(cleanup, bootstrap, ['before the disk filled', 'ab']);
    const storage = path.join(mount, 'reader');
    const reader = spawnInPty(['reader', mainKey, '--bootstrap', bootstrap, '--storage', storage], {
      cleanup,
      wrap: tmpfs.wrap,
      cols: 200,
      rows: 30,
    });
    await reader.waitForScreen('the first line', (lines) =>
      paneBlocks(lines, 'core-3')?.some((block) => block.text === 'before the disk filled'),
    );

    // Take every byte left, then write long lines until the reader cannot keep one.
    await tmpfs.runInside(['sh', '-c', 'dd if=/dev/zero of="$0/filler" bs=64k 2>/dev/null; true', mount]);
    const alertPattern = new RegExp(
      `✗ no space left on device in ${storage}: [\\d,]+ blocks stored \\(a reader keeps the blocks it reads\\)`,
    );
    let alert: string | null = null;
    for (let n = 0; n < 200 && !alert; n++) {
      writer.child.stdin!.write(`written line ${n} ${'y'.repeat(1500)}\n`);
      alert = await reader.waitForScreen(`line ${n} shown or refused`, (lines) => {
        const said = alertPattern.exec(lines.join('\n'));
        if (said) return said[0];
        return paneBlocks(lines, 'core-3')?.some((block) => block.text.startsWith(`written line ${n} `))
          ? null
          : undefined;
      });
    }
    assert.ok(alert, `the reader said its disk is full\n${reader.screen()}`);
    t.diagnostic(alert);
    assert.equal(reader.hasExited(), false, 'the reader is still running');
    reader.write('q');
    assert.equal((await reader.waitForExit()).exitCode, 0);
  },
);
