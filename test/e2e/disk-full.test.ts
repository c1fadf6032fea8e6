// docs/untrusted-input.md#disk-full: a full disk says so in one line, naming the folder and the last block stored;
// every block acknowledged before the fault reads back once space is freed. The plain writer
// exits 1; the screen writer stays up, shows the line, and keeps the typed line to send again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startWriter } from '../../harness/apps.js';
import { cleanupFor } from '../../harness/cleanup.js';
import { paneBlocks } from '../../harness/layout.js';
import { spawnPiped } from '../../harness/piped.js';
import { REPO_ROOT } from '../../harness/pty.js';
import { DEADLINE_MS, settlesWithin } from '../../harness/wait.js';
import { MESSAGE_LINE } from '../helpers/quit.js';
import { startTestnet } from '../../harness/testnet.js';
import { smallDisk } from '../helpers/tmpfs.js';

const READ_BLOCKS = path.join(REPO_ROOT, 'test', 'fixtures', 'read-writer-blocks.mjs');
const PADDING = 'x'.repeat(150);

type Blocks = Record<'core-2' | 'core-3', Array<string | null>>;

async function readBack(runInside: (command: string[]) => Promise<string>, storage: string): Promise<Blocks> {
  return JSON.parse(await runInside([process.execPath, READ_BLOCKS, storage])) as Blocks;
}

test(
  'plain writer on a full disk: one line naming the folder and the last block, status 1, every block acknowledged reads back',
  { timeout: 120_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const tmpfs = await smallDisk(t, cleanup, '2m');
    if (!tmpfs) return;
    const { mount } = tmpfs;
    const { bootstrap } = await startTestnet(cleanup);
    const storage = path.join(mount, 'writer-storage');
    const writer = spawnPiped(['writer', '--plain', '--storage', storage, '--bootstrap', bootstrap], {
      cleanup,
      wrap: tmpfs.wrap,
    });
    // Long lines (all to core-3) until the writer stops taking them.
    let exited = false;
    void writer.exited.then(() => (exited = true));
    for (let line = 0; !exited && line < 200_000; line += 500) {
      const chunk = Array.from({ length: 500 }, (_, offset) => `line ${line + offset} ${PADDING}\n`).join('');
      if (!writer.child.stdin!.write(chunk))
        await Promise.race([writer.exited, new Promise((r) => writer.child.stdin!.once('drain', r))]);
    }
    const shown = () =>
      `--- stderr ---\n${writer.stderr()}--- stdout (end) ---\n${writer.stdout().slice(-500)}--- end ---`;
    if (!(await settlesWithin(writer.exited, DEADLINE_MS))) assert.fail(`the writer did not stop\n${shown()}`);
    assert.deepEqual(await writer.exited, { code: 1, signal: null }, `status 1\n${shown()}`);

    const errors = writer.stderr().split('\n').filter(Boolean);
    assert.equal(errors.length, 1, `one line on stderr\n${shown()}`);
    assert.match(errors[0], MESSAGE_LINE);
    const said = new RegExp(
      `^many-cores: no space left on device in ${storage}: last block stored was core-3 block (\\d+)`,
    ).exec(errors[0]);
    assert.ok(said, `the line says the disk is full, names the folder and the last block\n${shown()}`);
    t.diagnostic(errors[0]);

    const acknowledged = [...writer.stdout().matchAll(/^appended block (\d+) to core-3 \(\d+ bytes\)$/gm)].map((m) =>
      Number(m[1]),
    );
    assert.ok(acknowledged.length > 100, `many blocks were stored before the fault\n${shown()}`);
    assert.deepEqual(
      acknowledged,
      Array.from({ length: acknowledged.length }, (_, seq) => seq),
      'acknowledged in order',
    );
    assert.equal(Number(said[1]), acknowledged.at(-1), 'the last block named is the last one acknowledged');

    await tmpfs.resize('16m');
    const blocks = await readBack(tmpfs.runInside, storage);
    for (const seq of acknowledged) {
      assert.equal(blocks['core-3'][seq], `line ${seq} ${PADDING}\n`, `core-3 block ${seq} reads back`);
    }
  },
);

test(
  'screen writer on a full disk: the line on screen, the typed line kept in the input, still up; every block shown reads back',
  { timeout: 180_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const tmpfs = await smallDisk(t, cleanup, '4m');
    if (!tmpfs) return;
    const { mount } = tmpfs;
    const { bootstrap } = await startTestnet(cleanup);
    const storage = path.join(mount, 'writer-storage');
    const { app: writer } = await startWriter(cleanup, { bootstrap, storage, wrap: tmpfs.wrap, cols: 220, rows: 30 });
    writer.write('before the disk filled\r');
    await writer.waitForScreen('the first line stored', (lines) =>
      paneBlocks(lines, 'core-3')?.some((block) => block.text === 'before the disk filled'),
    );

    // Take every byte left, then type long lines until one cannot be stored.
    await tmpfs.runInside(['sh', '-c', 'dd if=/dev/zero of="$0/filler" bs=64k 2>/dev/null; true', mount]);
    const typed = (n: number) => `typed line ${n} ${'y'.repeat(1500)} end ${n}`;
    const alertPattern = new RegExp(
      `✗ no space left on device in ${storage}: last block stored was core-3 block (\\d+)`,
    );
    let failedAt = -1;
    let alert: RegExpExecArray | null = null;
    for (let n = 0; n < 300 && failedAt < 0; n++) {
      writer.write(`${typed(n)}\r`);
      alert = await writer.waitForScreen(`line ${n} stored or refused`, (lines) => {
        const said = alertPattern.exec(lines.join('\n'));
        if (said) return said;
        return paneBlocks(lines, 'core-3')?.some((block) => block.text.startsWith(`typed line ${n} `))
          ? null
          : undefined;
      });
      if (alert) failedAt = n;
    }
    assert.ok(alert && failedAt >= 0, `a line was refused\n${writer.screen()}`);
    t.diagnostic(`refused line ${failedAt}: ${alert[0]}`);
    // Block 0 is the first line; typed line n is block n + 1.
    assert.equal(Number(alert[1]), failedAt, 'the last block named is the last one shown');
    const inputRow = () => writer.lines().find((line) => line.includes('›')) ?? '';
    assert.match(
      inputRow(),
      new RegExp(`y end ${failedAt}\\b`),
      `the refused line is back in the input\n${writer.screen()}`,
    );

    // Still up: Enter sends it again (refused again: the store stays read-only until a restart),
    // and the alert counts the second refusal.
    writer.write('\r');
    await writer.waitForText(new RegExp(`✗ \\(×2\\) ${alertPattern.source.slice('✗ '.length)}`));
    assert.equal(writer.hasExited(), false, 'the writer is still running');
    assert.match(inputRow(), new RegExp(`y end ${failedAt}\\b`), 'the line is still in the input');

    writer.write('\x03');
    await writer.waitForExit();
    await tmpfs.runInside(['rm', path.join(mount, 'filler')]);
    const blocks = await readBack(tmpfs.runInside, storage);
    assert.equal(blocks['core-3'][0], 'before the disk filled\n');
    for (let n = 0; n < failedAt; n++) {
      assert.equal(blocks['core-3'][n + 1], `${typed(n)}\n`, `typed line ${n} (shown) reads back`);
    }
  },
);
