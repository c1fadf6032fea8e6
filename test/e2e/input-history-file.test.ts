// The writer's input-history file in its storage folder, in a real terminal: a file it could not
// read (garbage, or 50 MB) is not replaced by the next line sent but set aside, kept byte for byte,
// and the notice line says so once; an input-history that is a directory, a FIFO or a symbolic
// link is named as the problem in one line, status 1, and nothing in the folder is touched.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, rm, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snapshotFolder } from '../helpers/folder-snapshot.js';
import { startWriter } from '../../harness/apps.js';
import { Cleanup, cleanupFor, tempDir } from '../../harness/cleanup.js';
import { paneBlocks } from '../../harness/layout.js';
import { spawnInPty, type AppInPty } from '../../harness/pty.js';
import { assertQuitCleanly } from '../helpers/quit.js';
import { startTestnet } from '../../harness/testnet.js';

const CTRL_C = '\x03';
const SET_ASIDE = /input-history\.unreadable-\d{8}-\d{6}(?:-\d+)?/;

// A store the writer made and left: its folder, with no history yet.
async function writerStore(cleanup: Cleanup, bootstrap: string): Promise<string> {
  const storage = await tempDir(cleanup);
  const { app: writer } = await startWriter(cleanup, { bootstrap, storage, cols: 200 });
  writer.write(CTRL_C);
  assert.equal((await writer.waitForExit()).exitCode, 0);
  return storage;
}

async function sendLine(writer: AppInPty, text: string): Promise<void> {
  writer.write(`${text}\r`);
  await writer.waitForScreen(`${text} appended`, (lines) =>
    [...(paneBlocks(lines, 'core-2') ?? []), ...(paneBlocks(lines, 'core-3') ?? [])].some(
      (block) => block.text === text,
    ),
  );
}

test(
  'an input-history that could not be read is set aside, kept whole, and said once',
  { timeout: 120_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const storage = await writerStore(cleanup, bootstrap);
    const file = path.join(storage, 'input-history');
    const garbage = Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a, 0x0a, 0x9b, 0x22]);

    for (const [what, write, check] of [
      [
        'binary garbage',
        () => writeFile(file, garbage),
        async (kept: string) => assert.deepEqual(await readFile(kept), garbage),
      ],
      [
        'a 50 MB file',
        () => writeFile(file, '').then(() => truncate(file, 50 * 1024 * 1024)),
        async (kept: string) => assert.equal((await stat(kept)).size, 50 * 1024 * 1024),
      ],
    ] as const) {
      await write();
      const writer = spawnInPty(['writer', '--bootstrap', bootstrap, '--storage', storage], { cleanup, cols: 200 });
      const lines = await writer.waitForText(SET_ASIDE);
      const notice = lines.find((line) => SET_ASIDE.test(line)) ?? '';
      assert.match(notice, /input history not loaded: .+; kept as input-history\.unreadable-\d{8}-\d{6}/, what);
      const aside = SET_ASIDE.exec(notice)![0];
      await check(path.join(storage, aside));

      await sendLine(writer, `after ${what}`);
      assert.ok(!SET_ASIDE.test(writer.screen()), `${what}: said once, gone once a line is stored`);
      writer.write(CTRL_C);
      assert.equal((await writer.waitForExit()).exitCode, 0);
      await check(path.join(storage, aside));
      assert.equal(await readFile(file, 'utf8'), `${JSON.stringify(`after ${what}`)}\n`, `${what}: a new history`);
      await rm(file);
    }
    assert.equal((await readdir(storage)).filter((name) => SET_ASIDE.test(name)).length, 2);

    // A store with files set aside opens as before.
    const { app: again } = await startWriter(cleanup, { bootstrap, storage, cols: 200 });
    again.write(CTRL_C);
    assert.equal((await again.waitForExit()).exitCode, 0);
  },
);

test(
  'an input-history that is a directory, a FIFO or a symbolic link is named in one line, nothing touched',
  { timeout: 120_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const storage = await writerStore(cleanup, bootstrap);
    const file = path.join(storage, 'input-history');
    for (const [is, make] of [
      ['a directory', () => mkdir(file)],
      ['a FIFO (named pipe)', () => Promise.resolve(void execFileSync('mkfifo', [file]))],
      ['a symbolic link', () => symlink('/dev/zero', file)],
    ] as const) {
      await make();
      const before = await snapshotFolder(storage);
      const writer = spawnInPty(['writer', '--bootstrap', bootstrap, '--storage', storage], { cleanup, cols: 200 });
      const { message } = await assertQuitCleanly(writer, `writer beside ${is}`, 'no key', {
        status: 'nonzero',
        allowMessage: true,
      });
      assert.equal(message, `many-cores: ${file} is ${is}, not a file: move it away`);
      assert.equal((await writer.exited).exitCode, 1);
      assert.deepEqual(await snapshotFolder(storage), before, `${is}: the folder is as it was`);
      await rm(file, { recursive: true });
    }
  },
);
