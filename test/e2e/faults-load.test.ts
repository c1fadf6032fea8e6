// Ten plain readers watching one plain writer fed 200 lines a second for 20 seconds: every reader
// ends with the same blocks, every core contiguous from 0, every line there once (docs/speed.md#targets).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PLAIN_KEY_LINE } from '../../harness/apps.js';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { spawnPiped, type PipedApp } from '../../harness/piped.js';
import { sleep, waitFor } from '../../harness/wait.js';
import { startTestnet } from '../../harness/testnet.js';

const BLOCK_LINE = /^Block (\d+) in Core ([0-9a-f]{64}): (.*)$/;

const READERS = 10;
const LINES_PER_SECOND = 200;
const SECONDS = 20;
const TOTAL = LINES_PER_SECOND * SECONDS;
// Lines go out in small batches, as a program printing steadily would write them.
const BATCH_MS = 50;
const PER_BATCH = (LINES_PER_SECOND * BATCH_MS) / 1000;

// Unique texts: every third line is short (its index in base 36, at most 3 bytes + '\n': core-2),
// the others long, of varying length (core-3).
function lineAt(index: number): string {
  return index % 3 === 2 ? index.toString(36) : `line ${index} ${'x'.repeat(1 + (index % 40))}`;
}

// Counts stdout lines as they arrive: rescanning ten growing outputs every 50 ms would load the
// machine the processes under test share with us.
function lineCounter(app: PipedApp): () => number {
  let count = 0;
  app.child.stdout!.on('data', (chunk: string) => {
    for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) count++;
  });
  return () => count;
}

function failIfExited(app: PipedApp, who: string): void {
  if (app.child.exitCode !== null || app.child.signalCode !== null) {
    throw new Error(
      `${who} exited early (${app.child.exitCode ?? app.child.signalCode})\n--- stderr ---\n${app.stderr()}--- end ---`,
    );
  }
}

test(
  `${READERS} plain readers under ${LINES_PER_SECOND} lines/s for ${SECONDS} s all print every block once, in order, identical`,
  { timeout: 180_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);

    const writer = spawnPiped(['writer', '--bootstrap', bootstrap, '--plain', '--storage', await tempDir(cleanup)], {
      cleanup,
    });
    const writerLines = lineCounter(writer);
    const [, mainKey] = await writer.waitForStdout('the writer key', PLAIN_KEY_LINE);
    // Every stdout line after the key reports one append.
    const appended = () => Math.max(0, writerLines() - 1);

    // Cleanup runs last-added first: readers stop before the writer, the writer before the testnet.
    const readers: PipedApp[] = [];
    const counters: Array<() => number> = [];
    for (let index = 0; index < READERS; index++) {
      const reader = spawnPiped(
        ['reader', mainKey, '--bootstrap', bootstrap, '--plain', '--storage', await tempDir(cleanup)],
        { cleanup },
      );
      readers.push(reader);
      counters.push(lineCounter(reader));
    }
    // All readers at once (their own steps, run later, find them stopped): one by one, ten closes
    // on a loaded machine eat into the runner's per-file timeout.
    cleanup.add('stop the readers', () => Promise.all(readers.map((reader) => reader.stop())));
    // Every reader stdout line is a block line (checked at the end).
    const countBlocks = (index: number) => counters[index]();

    // Line 0 first: once every reader has printed it, every reader is connected and following.
    const lines = Array.from({ length: TOTAL }, (_, index) => lineAt(index));
    writer.child.stdin!.write(`${lines[0]}\n`);
    await waitFor(
      'every reader to print line 0',
      () => {
        readers.forEach((reader, index) => failIfExited(reader, `reader ${index}`));
        return readers.every((_, index) => countBlocks(index) >= 1);
      },
      {
        timeoutMs: 30_000,
        describe: () =>
          readers
            .map((reader, index) => `reader ${index}: ${countBlocks(index)} blocks; stderr: ${reader.stderr().trim()}`)
            .join('\n'),
      },
    );

    // The rest at a steady rate, paced against the clock so slow timers do not stretch the run.
    const started = Date.now();
    // Progress every 5 s, for the log only (never asserted: the machine is shared and noisy).
    const progress: string[] = [];
    const sampler = setInterval(() => {
      const counts = readers.map((_, index) => countBlocks(index));
      progress.push(
        `${Math.round((Date.now() - started) / 1000)}s: appended ${appended()}, readers ${Math.min(...counts)}..${Math.max(...counts)}`,
      );
    }, 5000);
    cleanup.add('stop the progress sampler', () => clearInterval(sampler));
    for (let next = 1, batch = 0; next < TOTAL; batch++) {
      const due = started + batch * BATCH_MS;
      if (due > Date.now()) await sleep(due - Date.now());
      const chunk = lines.slice(next, next + PER_BATCH);
      writer.child.stdin!.write(chunk.map((line) => `${line}\n`).join(''));
      next += chunk.length;
    }
    t.diagnostic(`fed ${TOTAL - 1} lines in ${Date.now() - started} ms`);

    // Generous, yet inside the runner's per-file timeout (180 s in the documented command) so a
    // failure ends in a readable message and a full cleanup: with ten readers on two shared cores
    // the writer falls far behind the feed (see the progress log), 45-70 s here.
    const finishBy = started + 130_000;
    await waitFor(
      `the writer to report ${TOTAL} appends`,
      () => {
        failIfExited(writer, 'writer');
        return appended() >= TOTAL;
      },
      {
        timeoutMs: finishBy - Date.now(),
        describe: () => `writer reported ${appended()} appends; stderr:\n${writer.stderr()}`,
      },
    );
    await waitFor(
      `every reader to print ${TOTAL} blocks`,
      () => {
        readers.forEach((reader, index) => failIfExited(reader, `reader ${index}`));
        return readers.every((_, index) => countBlocks(index) >= TOTAL);
      },
      {
        timeoutMs: Math.max(0, finishBy - Date.now()),
        describe: () => readers.map((_, index) => `reader ${index}: ${countBlocks(index)} blocks`).join('\n'),
      },
    );
    clearInterval(sampler);
    t.diagnostic(`all readers complete ${Date.now() - started} ms after feeding began`);
    t.diagnostic(`progress: ${progress.join(' | ')}`);

    // The routing rule of docs/data-model.md#routing (under 5 bytes with '\n': core-2) tells where each line belongs.
    const expectedShort = lines.filter((line) => Buffer.byteLength(`${line}\n`) < 5);
    const expectedLong = lines.filter((line) => Buffer.byteLength(`${line}\n`) >= 5);
    assert.ok(expectedShort.length > 0 && expectedLong.length > 0, 'the lines cover both sub-cores');

    let reference: string[] | undefined;
    readers.forEach((reader, index) => {
      const who = `reader ${index}`;
      const printed = reader
        .stdout()
        .split('\n')
        .filter((line) => line !== '');
      const perCore = new Map<string, Array<{ seq: number; text: string }>>();
      for (const line of printed) {
        const match = BLOCK_LINE.exec(line);
        assert.ok(match, `${who}: only block lines on stdout, got ${JSON.stringify(line)}`);
        const [, seq, core, text] = match;
        assert.notEqual(core, mainKey, `${who}: no block of the main core is printed`);
        if (!perCore.has(core)) perCore.set(core, []);
        perCore.get(core)!.push({ seq: Number(seq), text });
      }
      assert.equal(perCore.size, 2, `${who}: blocks from exactly two sub-cores`);

      // Printed in order per core, seqs 0..length-1, no gap and no repeat.
      for (const [core, blocks] of perCore) {
        const seqs = blocks.map((block) => block.seq);
        assert.deepEqual(
          seqs,
          Array.from({ length: blocks.length }, (_, seq) => seq),
          `${who}: core ${core.slice(0, 8)} seqs are 0..${blocks.length - 1} in order, once each`,
        );
      }
      // The short lines in one core, the long in the other, each in the order it was fed.
      const texts = [...perCore.values()].map((blocks) => blocks.map((block) => block.text));
      const shortCore = texts.find((core) => core[0] === expectedShort[0]);
      const longCore = texts.find((core) => core[0] === expectedLong[0]);
      assert.ok(
        shortCore && longCore && shortCore !== longCore,
        `${who}: one core starts with the first short line, the other with the first long line`,
      );
      assert.deepEqual(shortCore, expectedShort, `${who}: core-2 holds every short line once, in order`);
      assert.deepEqual(longCore, expectedLong, `${who}: core-3 holds every long line once, in order`);

      // Identical across readers (core keys included), whatever the interleaving of the two cores.
      const sorted = [...printed].sort();
      if (reference === undefined) reference = sorted;
      else assert.deepEqual(sorted, reference, `${who} printed the same block lines as reader 0`);
    });
    assert.equal(reference?.length, TOTAL, `${TOTAL} block lines per reader`);
  },
);
