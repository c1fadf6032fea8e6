// The writer's first frame is for its main key: it is drawn as soon as the store has it, before the
// rest of the screen has loaded (docs/architecture.md#two-front-ends-one-core); nothing typed meanwhile is lost or echoed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { paneBlocks } from '../../harness/layout.js';
import { spawnInPty } from '../../harness/pty.js';
import { startTestnet } from '../../harness/testnet.js';

test('the writer draws its main key before the rest of its screen', { timeout: 60_000 }, async (t) => {
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);
  const writer = spawnInPty(['writer', '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)], { cleanup });
  const lines = await writer.waitForScreen('the panes', (current) => paneBlocks(current, 'core-3') && current);
  const key = /main key ([0-9a-f]{64})/.exec(lines[0] ?? '')?.[1];
  assert.ok(key, `the title row shows the key: ${lines[0]}`);
  const output = writer.output();
  const keyAt = output.indexOf(key);
  const panesAt = output.indexOf('╭');
  assert.ok(keyAt >= 0 && panesAt >= 0);
  assert.ok(keyAt < panesAt, 'the key was written before the first pane border');
  assert.equal(lines.filter((line) => line.includes(key)).length, 1, 'one title row, nothing left over');
});

test('a line typed while the writer starts is appended once it is up, never echoed', { timeout: 60_000 }, async (t) => {
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);
  const writer = spawnInPty(['writer', '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)], { cleanup });
  writer.write('typed early\r');
  const lines = await writer.waitForScreen(
    'the early line appended',
    (current) => paneBlocks(current, 'core-3')?.some((block) => block.text === 'typed early') && current,
  );
  assert.deepEqual(paneBlocks(lines, 'core-3'), [{ seq: 0, text: 'typed early' }]);
  assert.equal(lines.filter((line) => line.includes('typed early')).length, 1, 'shown in the pane only');
});
