// A core written by the real hyperbee2 package (docs/data-model.md#hyperbee2), served by its own
// process (test/fixtures/holepunch/bee2-writer.mjs): the reader recognises it from block 0 and shows
// each block as the part of a write batch it holds, in --plain, --json and on the screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { paneBlocks } from '../../harness/layout.js';
import { spawnPiped } from '../../harness/piped.js';
import { startReader } from '../../harness/apps.js';
import { startTestnet } from '../../harness/testnet.js';
import { startBee2Writer, type Bee2Op } from '../helpers/bee2-writer.js';

const TIMEOUT = { timeout: 180_000 };

const put = (key: string, value: string): Bee2Op => ['put', key, value];
const del = (key: string): Bee2Op => ['del', key];

// Block 0: four puts; block 1: a delete and a put; block 2: a delete alone; blocks 3 and 4: a value
// over 1 KiB, stored in a block of its own before its key.
const BATCHES: Bee2Op[][] = [
  [put('user/1', '{"n":1}'), put('user/0', '{"n":0}'), put('user/2', '{"n":2}'), put('user/3', '{"n":3}')],
  [del('user/1'), put('user/9', 'nine')],
  [del('user/2')],
  [put('big', 'b'.repeat(3000))],
];

const LINES = [
  'put user/0, put user/1, put user/2, +1 more (4 changes)',
  'put user/9',
  'no puts: 1 tree node rewritten (a delete leaves no key)',
  '1 value (3000 B) for a later block of its batch · part 1 of 2',
  'put big · part 2 of 2',
];

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('--plain prints each hyperbee2 block as its batch, live as the writer flushes more', TIMEOUT, async (t) => {
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);
  const writer = await startBee2Writer(cleanup, bootstrap, BATCHES);
  const reader = spawnPiped(
    ['reader', writer.key, '--plain', '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)],
    { cleanup },
  );
  cleanup.add('stop the reader', () => reader.stop());
  for (const [seq, line] of LINES.entries()) {
    await reader.waitForStdout(
      `block ${seq}`,
      new RegExp(`^Block ${seq} in Core ${writer.key}: ${escaped(line)}$`, 'm'),
      90_000,
    );
  }
  assert.match(reader.stderr(), /a hyperbee2 core: showing its batches decoded/);
  assert.equal(writer.length, LINES.length);

  await writer.write([put('user/5', 'five'), put('user/4', 'four')]);
  await reader.waitForStdout(
    'the live batch',
    new RegExp(`^Block 5 in Core ${writer.key}: put user/4, put user/5$`, 'm'),
  );
});

test('a manifest whose sub-core is a hyperbee2 core: its pane decoded, --plain too', TIMEOUT, async (t) => {
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);
  const writer = await startBee2Writer(cleanup, bootstrap, BATCHES, { manifest: true });
  assert.notEqual(writer.key, writer.bee2Key);
  const reader = spawnPiped(
    ['reader', writer.key, '--plain', '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)],
    { cleanup },
  );
  cleanup.add('stop the reader', () => reader.stop());
  await reader.waitForStdout(
    'the sub-core decoded',
    new RegExp(`^Block 2 in Core ${writer.bee2Key}: ${escaped(LINES[2])}$`, 'm'),
    90_000,
  );

  const { app } = await startReader(cleanup, writer.key, { bootstrap, cols: 120, rows: 30 });
  await app.waitForScreen(
    "core-2's batches",
    (lines) =>
      lines.some((line) => /core-2 .*bee2/.test(line)) &&
      paneBlocks(lines, 'core-2')?.some((row) => row.text === 'put user/9'),
  );
});

test('--json gives each hyperbee2 block its kind, puts, tree nodes and part of a batch', TIMEOUT, async (t) => {
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);
  const writer = await startBee2Writer(cleanup, bootstrap, BATCHES);
  const reader = spawnPiped(
    ['reader', writer.key, '--json', '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)],
    { cleanup },
  );
  cleanup.add('stop the reader', () => reader.stop());
  await reader.waitForStdout('block 4', /"event":"block"[^\n]*"seq":4/, 90_000);
  const blocks = reader
    .stdout()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((event) => event.event === 'block');
  assert.deepEqual(
    blocks.map((block) => block.kind),
    ['batch', 'batch', 'batch', 'batch', 'batch'],
  );
  assert.deepEqual(blocks[1].decoded, {
    ops: [{ op: 'put', key: { text: 'user/9', encoding: 'text' }, value: { text: 'nine', encoding: 'text' } }],
    treeNodes: 1,
    part: { index: 1, count: 1 },
  });
  assert.deepEqual(blocks[4].decoded, {
    ops: [{ op: 'put', key: { text: 'big', encoding: 'text' }, valueIn: 3 }],
    treeNodes: 1,
    part: { index: 2, count: 2 },
  });
  assert.equal(blocks[2].text, LINES[2]);
});

test(
  'on the screen a hyperbee2 pane shows its batches, Enter shows one whole, search matches them',
  TIMEOUT,
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const writer = await startBee2Writer(cleanup, bootstrap, BATCHES);
    const { app } = await startReader(cleanup, writer.key, { bootstrap, cols: 120, rows: 30 });
    // Each row starts with its batch (the pane may cut the end of a long one).
    await app.waitForScreen('the five batches', (lines) => {
      const rows = paneBlocks(lines, 'core-1');
      return (
        rows?.length === LINES.length &&
        rows.every((row, seq) => row.seq === seq && LINES[seq].startsWith(row.text.replace(/…$/, '')))
      );
    });
    await app.waitForScreen('the notice', (lines) =>
      lines.some((line) => line.includes('a hyperbee2 core: showing its batches decoded')),
    );
    await app.waitForScreen('the title says bee2', (lines) => lines.some((line) => /core-1.*bee2/.test(line)));

    // Enter opens the selected row, the last: a put whose value is in block 3.
    app.write('\r');
    await app.waitForScreen('block 4 whole', (lines) => {
      const text = lines.join('\n');
      return ['block 4 of 5', 'hyperbee2 core batch', 'big', 'value  in block 3', 'batch  part 2 of 2'].every((part) =>
        text.includes(part),
      );
    });
    for (let i = 0; i < 4; i++) app.write('\x1b[D');
    await app.waitForScreen('block 0 whole: every put, key and value', (lines) => {
      const text = lines.join('\n');
      return ['block 0 of 5', 'user/0', '{"n":0}', 'user/3', '{"n":3}', 'tree nodes  1 rewritten'].every((part) =>
        text.includes(part),
      );
    });

    // Search matches the rows' decoded text: the put in block 1, and the delete-only block 2.
    app.write('\x1b');
    await app.waitForScreen('the log again', (lines) => paneBlocks(lines, 'core-1')?.length === LINES.length);
    app.write('/user/9');
    await app.waitForText('search pane: /user/9▏');
    app.write('\r');
    await app.waitForText(/\/user\/9: 1 match in 5 blocks/);
    app.write('\x1b');
    app.write('/tree node');
    await app.waitForText('search pane: /tree node▏');
    app.write('\r');
    await app.waitForText(/\/tree node: 1 match in 5 blocks/);
    // user/3 is block 0's fourth put, past what its row names: a batch matches by every key it puts.
    app.write('\x1b');
    app.write('/user/3');
    await app.waitForText('search pane: /user/3▏');
    app.write('\r');
    await app.waitForText(/\/user\/3: 1 match in 5 blocks/);
  },
);

// The keys of a key-order pane's rows, top to bottom, and its title.
function keyOrderPane(lines: string[]): { title: string; keys: string[] } | undefined {
  const titleIndex = lines.findIndex((line) => /core-1 .*bee2 · key order/.test(line));
  if (titleIndex < 0) return undefined;
  const keys: string[] = [];
  for (const line of lines.slice(titleIndex + 1)) {
    const row = /^[│║]\s(\S+) → /.exec(line);
    if (!row) break;
    keys.push(row[1]);
  }
  return { title: lines[titleIndex], keys };
}

test('t shows a hyperbee2 core in key order, read by hyperbee2, with a batch showing up live', TIMEOUT, async (t) => {
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);
  const writer = await startBee2Writer(cleanup, bootstrap, BATCHES);
  const { app } = await startReader(cleanup, writer.key, { bootstrap, cols: 120, rows: 30 });
  await app.waitForScreen('the log', (lines) => paneBlocks(lines, 'core-1')?.length === LINES.length);

  app.write('t');
  const shown = (expected: string[]) => (lines: string[]) =>
    JSON.stringify(keyOrderPane(lines)?.keys) === JSON.stringify(expected) && lines;
  // user/1 and user/2 were deleted: the tree no longer points to them.
  const lines = await app.waitForScreen('the entries in key order', shown(['big', 'user/0', 'user/3', 'user/9']));
  assert.match(keyOrderPane(lines)!.title, /key order · 4 in view/);
  assert.ok(
    lines.some((line) => line.includes('user/3 → {"n":3}')),
    app.screen(),
  );

  await writer.write([del('user/0'), put('user/10', 'ten')]);
  await app.waitForScreen('the batch in key order', shown(['big', 'user/10', 'user/3', 'user/9']));

  // Enter on the first row shows the block that holds its key: big's, whose value is in block 3.
  app.write('\r');
  await app.waitForScreen('the entry whole in the block view', (lines) => {
    const text = lines.join('\n');
    return text.includes('core-1 block 4 of') && text.includes('value  in block 3');
  });
  app.write('\x1b');
  await app.waitForScreen('key order again', shown(['big', 'user/10', 'user/3', 'user/9']));
  app.write('t');
  await app.waitForScreen(
    'the log again, with the new batch',
    (lines) => keyOrderPane(lines) === undefined && paneBlocks(lines, 'core-1')?.at(-1)?.text === 'put user/10',
  );
});
