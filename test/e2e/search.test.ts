// Search in a real terminal: the reader finds a writer's lines, draws the matches inverse, and
// steps to them; a sparse reader first searches what is on its disk, then everything on `a`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startPlainWriter } from '../../harness/apps.js';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { paneBlocks } from '../../harness/layout.js';
import { spawnInPty, type AppInPty } from '../../harness/pty.js';
import { startTestnet } from '../../harness/testnet.js';

// True if `text` appears on screen with every cell drawn inverse.
function drawnInverse(app: AppInPty, text: string): boolean {
  const buffer = app.term.buffer.active;
  for (let row = 0; row < app.term.rows; row++) {
    const line = buffer.getLine(buffer.viewportY + row);
    const at = line?.translateToString(true).indexOf(text) ?? -1;
    if (!line || at === -1) continue;
    let inverse = true;
    for (let col = at; col < at + text.length; col++) inverse &&= line.getCell(col)?.isInverse() !== 0;
    if (inverse) return true;
  }
  return false;
}

test(
  "/ in the reader finds the writer's lines, draws them inverse, n steps, a searches every block",
  { timeout: 120_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const { app: writer, mainKey } = await startPlainWriter(cleanup, { bootstrap });
    cleanup.add('stop writer', () => writer.stop());
    const lines = Array.from({ length: 300 }, (_, index) => `entry ${index}${index % 50 === 37 ? ' needle here' : ''}`);
    writer.child.stdin!.write(`${lines.join('\n')}\n`);
    await writer.waitForStdout('every line appended', /appended block 299 to core-3/);

    const reader = spawnInPty(['reader', mainKey, '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)], {
      cleanup,
      cols: 120,
      rows: 30,
    });
    await reader.waitForScreen('the tail', (screen) =>
      paneBlocks(screen, 'core-3')?.some((block) => block.text === 'entry 299'),
    );
    // Focus core-3 (the second pane): the first is core-2, which holds no block here.
    reader.write('2');
    reader.write('/needle');
    await reader.waitForText('search pane: /needle▏');
    reader.write('\r');
    // The reader holds only what it has shown and what it fetched live: a partial search first.
    const partial = await reader.waitForScreen(
      'a search of the blocks on disk',
      (screen) =>
        /\/needle: (\d+) match(?:es)? in the (\d+) of 300 blocks here · a searches all/.exec(screen.join('\n')) ??
        undefined,
    );
    const [matchesHere, blocksHere] = [Number(partial[1]), Number(partial[2])];
    const inView = paneBlocks(reader.lines(), 'core-3')!;
    assert.ok(blocksHere < 300, `only part of the core is on disk: ${blocksHere}`);
    assert.ok(blocksHere >= inView.length, `the blocks in view are on disk: ${blocksHere} < ${inView.length}`);
    // 'entry 287 needle here' is in the tail on screen, so on disk and found; at most the 6 there are.
    assert.ok(
      inView.some((block) => block.text === 'entry 287 needle here'),
      'the tail on screen holds a needle line',
    );
    assert.ok(matchesHere >= 1 && matchesHere <= 6, `matches among the blocks here: ${matchesHere}`);
    reader.write('a');
    await reader.waitForText('/needle: 6 matches in 300 blocks');
    reader.write('n');
    await reader.waitForScreen(
      'the first match at the bottom of the pane',
      (screen) => paneBlocks(screen, 'core-3')?.at(-1)?.text === 'entry 37 needle here',
    );
    assert.ok(drawnInverse(reader, 'needle'), 'the match is drawn inverse');
    assert.ok(!drawnInverse(reader, 'entry 37'), 'the rest of the line is not');
    reader.write('n');
    await reader.waitForScreen(
      'the next match',
      (screen) => paneBlocks(screen, 'core-3')?.at(-1)?.text === 'entry 87 needle here',
    );
    reader.write('\x1b');
    await reader.waitForScreen('the search cleared', (screen) => !screen.join('\n').includes('/needle:'));
    reader.write('q');
    const status = await reader.waitForExit();
    assert.equal(status.exitCode, 0);
  },
);
