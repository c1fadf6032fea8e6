// Faults a user will meet (docs/untrusted-input.md#durability and #network-faults): the writer
// killed with SIGKILL right after a line was shown, and the writer going away and coming back while
// a reader watches (it says so, then resumes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Corestore from 'corestore';
import { startPlainWriter, startWriter } from '../../harness/apps.js';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { paneBlocks, type PaneBlockLine } from '../../harness/layout.js';
import { type PipedApp } from '../../harness/piped.js';
import { spawnInPty, type AppInPty } from '../../harness/pty.js';
import { settlesWithin, waitFor } from '../../harness/wait.js';
import { startTestnet } from '../../harness/testnet.js';

type Panes = { 'core-2': PaneBlockLine[]; 'core-3': PaneBlockLine[] };

function panesOf(lines: string[]): Panes | undefined {
  const core2 = paneBlocks(lines, 'core-2');
  const core3 = paneBlocks(lines, 'core-3');
  return core2 && core3 ? { 'core-2': core2, 'core-3': core3 } : undefined;
}

// The routing rule of docs/data-model.md#routing, written out here so that the test does not trust the product's:
// a line whose UTF-8 bytes plus '\n' are under 5 bytes goes to core-2, any other to core-3.
function expectedPanes(lines: readonly string[]): Panes {
  const panes: Panes = { 'core-2': [], 'core-3': [] };
  for (const text of lines) {
    const pane = panes[Buffer.byteLength(`${text}\n`) < 5 ? 'core-2' : 'core-3'];
    pane.push({ seq: pane.length, text });
  }
  return panes;
}

// Waits until both panes hold exactly `expected` (every line fits in the pane), then asserts it,
// so that a timeout still ends in a readable diff.
async function expectPanes(app: AppInPty, who: string, expected: Panes, timeoutMs?: number): Promise<void> {
  const same = (panes: Panes | undefined) => panes !== undefined && JSON.stringify(panes) === JSON.stringify(expected);
  try {
    await app.waitForScreen(
      `${who} panes to show ${JSON.stringify(expected)}`,
      (lines) => same(panesOf(lines)),
      timeoutMs,
    );
  } catch (error) {
    assert.deepEqual(panesOf(app.lines()), expected, `${who}: ${(error as Error).message}`);
    throw error;
  }
}

// Waits until a plain writer has reported `count` appended blocks on its stdout.
async function appendedCount(writer: PipedApp, count: number): Promise<void> {
  await waitFor(
    `${count} appended blocks`,
    () => (writer.stdout().match(/^appended block \d+ to core-[23] /gm)?.length ?? 0) >= count,
    {
      describe: () => `--- stdout ---\n${writer.stdout()}--- stderr ---\n${writer.stderr()}--- end ---`,
    },
  );
}

// Reads a core's blocks straight from a Corestore on disk.
async function blocksOf(store: Corestore, name: string): Promise<{ length: number; blocks: Buffer[]; key: Buffer }> {
  const core = store.get({ name });
  await core.ready();
  const blocks: Buffer[] = [];
  for (let seq = 0; seq < core.length; seq++) {
    const block = await core.get(seq, { wait: false });
    assert.ok(block, `${name} block ${seq} is on disk`);
    blocks.push(block);
  }
  return { length: core.length, blocks, key: core.key };
}

test(
  'a line shown by the writer survives kill -9 right after it: all lines back after a restart, once each, and on disk',
  { timeout: 180_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const storage = await tempDir(cleanup);
    // 40 rows give each writer pane 29 block lines: all 25 lines stay in view.
    const size = { cols: 120, rows: 40 };

    const N = 25;
    // Every third line is short (core-2), the rest long (core-3); each one unique.
    const typed = Array.from({ length: N }, (_, i) => (i % 3 === 1 ? `s${i}` : `line ${i} typed before kill -9`));
    const expected = expectedPanes(typed);
    assert.ok(expected['core-2'].length > 0 && expected['core-3'].length > 0, 'the lines cover both sub-cores');

    const { app: writer, mainKey } = await startWriter(cleanup, { bootstrap, storage, ...size });
    // One write per line, no waiting between them: the lines queue up in the app.
    for (const line of typed) writer.write(`${line}\r`);
    const last = typed[N - 1];
    const lastPane = Buffer.byteLength(`${last}\n`) < 5 ? 'core-2' : 'core-3';
    await writer.waitForScreen(`the last line "${last}" in ${lastPane}`, (lines) =>
      paneBlocks(lines, lastPane)?.some((block) => block.text === last),
    );
    // Shown means on disk (docs/untrusted-input.md#durability): no grace period.
    process.kill(writer.pid, 'SIGKILL');
    const killed = await writer.waitForExit();
    assert.equal(killed.signal, 9, 'the writer died of SIGKILL, not by a clean exit');

    const { app: restarted, mainKey: restartedKey } = await startWriter(cleanup, { bootstrap, storage, ...size });
    assert.equal(restartedKey, mainKey, 'same storage, same main key');
    await expectPanes(restarted, 'restarted writer', expected);

    restarted.write('\x03');
    const status = await restarted.waitForExit();
    assert.equal(status.exitCode, 0, 'the restarted writer quits with status 0');

    // On disk: block 0 written once, every typed line exactly once, in order, in its core.
    const store = new Corestore(storage);
    try {
      await store.ready();
      const main = store.get<{ otherKeys: string[] }>({ name: 'core-1', valueEncoding: 'json' });
      await main.ready();
      assert.equal(main.length, 1, 'core-1 holds block 0 only, written once');
      const core2 = await blocksOf(store, 'core-2');
      const core3 = await blocksOf(store, 'core-3');
      assert.deepEqual(
        await main.get(0, { wait: false }),
        { otherKeys: [core2.key.toString('hex'), core3.key.toString('hex')] },
        'block 0 lists core-2 and core-3',
      );
      assert.equal(main.key.toString('hex'), mainKey, 'core-1 is the main core the screen showed');
      assert.deepEqual(
        core2.blocks.map((block) => block.toString('utf8')),
        expected['core-2'].map(({ text }) => `${text}\n`),
        'core-2 holds the short lines, each line plus \\n, once, in order',
      );
      assert.deepEqual(
        core3.blocks.map((block) => block.toString('utf8')),
        expected['core-3'].map(({ text }) => `${text}\n`),
        'core-3 holds the long lines, each line plus \\n, once, in order',
      );
      assert.equal(core2.length + core3.length, N, 'N blocks in the sub-cores together');
    } finally {
      await store.close();
    }
  },
);

test(
  'the writer goes away and comes back: the reader shows peers 0 and "writer left", then resumes by itself, every line once',
  { timeout: 180_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const writerStorage = await tempDir(cleanup);
    const readerStorage = await tempDir(cleanup);

    const before = ['first line from the writer', 'a', 'second long line', 'bc', 'third long line'];
    const after = ['back again, first line after', 'd', 'ef', 'back again, second line after', 'g'];

    const { app: writer, mainKey } = await startPlainWriter(cleanup, { bootstrap, storage: writerStorage });
    writer.child.stdin!.write(before.map((line) => `${line}\n`).join(''));
    await appendedCount(writer, before.length);

    // 40 rows: 32 block lines per reader pane, so every line stays in view.
    const reader = spawnInPty(['reader', mainKey, '--bootstrap', bootstrap, '--storage', readerStorage], {
      cleanup,
      cols: 120,
      rows: 40,
    });
    await expectPanes(reader, 'reader (before the writer left)', expectedPanes(before));
    await reader.waitForText(/^peers 1 /m);

    // A clean stop: SIGTERM, as a service manager or `kill` would send it.
    writer.child.kill('SIGTERM');
    assert.ok(await settlesWithin(writer.exited, 10_000), 'the writer exits by itself on SIGTERM');
    const writerStatus = await writer.exited;
    t.diagnostic(`writer exit after SIGTERM: ${JSON.stringify(writerStatus)}`);

    // The reader stays up, says that nobody is connected and that the writer left, and keeps what it has.
    await reader.waitForText(/^peers 0 /m, 30_000);
    await reader.waitForText(/writer left/);
    assert.equal(reader.hasExited(), false, 'the reader keeps running while the writer is gone');
    assert.deepEqual(panesOf(reader.lines()), expectedPanes(before), 'the reader still shows every line it had');

    const { app: back, mainKey: backKey } = await startPlainWriter(cleanup, { bootstrap, storage: writerStorage });
    assert.equal(backKey, mainKey, 'same storage, same main key');
    back.child.stdin!.write(after.map((line) => `${line}\n`).join(''));
    await appendedCount(back, after.length);

    // No key pressed on the reader: it must find the writer again by itself (its lookups back off to 10 s).
    await expectPanes(reader, 'reader (after the writer came back)', expectedPanes([...before, ...after]), 60_000);
    await reader.waitForText(/^peers 1 /m);
    // Once the writer is back, the notice goes.
    const resumed = await reader.waitForScreen(
      'the "writer left" notice to go',
      (lines) => !lines.join('\n').includes('writer left') && lines,
    );
    assert.deepEqual(
      panesOf(resumed),
      expectedPanes([...before, ...after]),
      'still every line once after the notice went',
    );
    assert.equal(reader.hasExited(), false);
  },
);
