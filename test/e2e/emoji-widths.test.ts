// docs/untrusted-input.md#frame-widths: the app asks the terminal how wide it draws the clusters
// terminals dispute, and draws them whole where it draws them as the layout counts them. xterm.js with
// its grapheme addon draws ❤️ at 2 columns: whole there. tmux 3.3 draws it at 1: escaped there. In
// both every border stays in place, and the terminal's replies never reach the input line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWriter } from '../../harness/apps.js';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { paneBlocks } from '../../harness/layout.js';
import { spawnInPty, type AppInPty } from '../../harness/pty.js';
import { startTestnet } from '../../harness/testnet.js';
import { sleep, waitFor } from '../../harness/wait.js';
import {
  appInTmux,
  assertBordersInPlace,
  tmuxAvailable,
  withGraphemeClustering,
  xtermCells,
  type TmuxPane,
} from '../helpers/frame.js';

const LINE = 'heart ❤️ thumbs 👍🏽 hand ✋🏿 dove 🕊️ 😀 end';
// As tmux is sent it: what it draws at another width than string-width's is escaped.
const ESCAPED = 'heart ❤\\ufe0f thumbs 👍\\u{1f3fd} hand ✋\\u{1f3ff} dove 🕊\\ufe0f 😀 end';

function inputLineOf(lines: string[]): string | undefined {
  return lines.find((line) => line.includes('›'));
}

// Ink writes a frame in pieces: check the screen once two looks in a row agree.
async function assertXtermFrame(app: AppInPty, who: string): Promise<void> {
  const look = async () => {
    await app.settle();
    return JSON.stringify(xtermCells(app.term));
  };
  let previous = await look();
  await waitFor(`${who}: a settled screen`, async () => {
    await sleep(100);
    const current = await look();
    const same = current === previous;
    previous = current;
    return same;
  });
  assertBordersInPlace(xtermCells(app.term), who);
}

async function assertTmuxFrame(pane: TmuxPane, who: string): Promise<void> {
  let previous = JSON.stringify(await pane.capture());
  await waitFor(`${who}: a settled screen`, async () => {
    await sleep(100);
    const current = JSON.stringify(await pane.capture());
    const same = current === previous;
    previous = current;
    return same;
  });
  assertBordersInPlace(await pane.cells(), who);
}

test(
  'emoji are drawn whole in a terminal that clusters graphemes and escaped in tmux, every border in place',
  { timeout: 180_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);

    // The terminal's answer held back: the writer draws, and takes keys, before it comes.
    const { app: writer, mainKey } = await startWriter(cleanup, {
      bootstrap,
      cols: 160,
      rows: 30,
      onTerminal: withGraphemeClustering,
      holdReplies: true,
    });
    assert.ok(!writer.screen().includes('❤'), `the probe left nothing on screen:\n${writer.screen()}`);
    writer.write(LINE);
    await writer.waitForScreen('the typed line, escaped before the answer', (lines) =>
      inputLineOf(lines)?.includes(`› ${ESCAPED}`),
    );
    await assertXtermFrame(writer, 'writer before the answer');

    writer.releaseReplies();
    const answered = await writer.waitForScreen('the typed line redrawn whole once the terminal answered', (lines) =>
      inputLineOf(lines)?.includes(`› ${LINE}`) ? lines : undefined,
    );
    assert.match(writer.replies(), /\x1b\[\d+;\d+R/, 'the terminal answered cursor-position requests');
    // Nothing of the replies (ESC[1;3R, ...) reached the input line: it holds what was typed, no more.
    assert.equal((inputLineOf(answered) ?? '').replace(/^║\s*|\s*║$/g, ''), `› ${LINE}`);
    await assertXtermFrame(writer, 'writer with the typed line whole');

    writer.write('\r');
    await writer.waitForScreen('the line appended, whole', (lines) =>
      paneBlocks(lines, 'core-3')?.some((block) => block.text === LINE),
    );
    await assertXtermFrame(writer, 'writer with the block whole');

    const reader = spawnInPty(['reader', mainKey, '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)], {
      cleanup,
      cols: 160,
      rows: 30,
      onTerminal: withGraphemeClustering,
      holdReplies: true,
    });
    // A pane drawn before the answer is drawn again when it comes.
    await reader.waitForScreen('the block escaped in the reader before the answer', (lines) =>
      paneBlocks(lines, 'core-3')?.some((block) => block.text === ESCAPED),
    );
    await assertXtermFrame(reader, 'reader in xterm.js before the answer');
    reader.releaseReplies();
    await reader.waitForScreen('the block whole in the reader once the terminal answered', (lines) =>
      paneBlocks(lines, 'core-3')?.some((block) => block.text === LINE),
    );
    await assertXtermFrame(reader, 'reader in xterm.js');
    // Pane 2 is core-3's in the reader; Enter apart from the rest (a burst ending in Enter reads as a paste).
    reader.write('2');
    await sleep(200);
    reader.write('\r');
    await reader.waitForText('block 0 of 1');
    await reader.waitForText(LINE);
    await assertXtermFrame(reader, 'reader in the block view');

    if (!tmuxAvailable()) {
      t.diagnostic('tmux is not installed: the tmux half is skipped');
      return;
    }
    const pane = await appInTmux(
      ['reader', mainKey, '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)],
      cleanup,
      160,
      30,
    );
    let lastScreen: string[] = [];
    await waitFor(
      'the block escaped in the reader in tmux',
      async () => {
        lastScreen = await pane.capture();
        return paneBlocks(lastScreen, 'core-3')?.some((block) => block.text === ESCAPED);
      },
      { describe: () => lastScreen.join('\n') },
    );
    await assertTmuxFrame(pane, 'reader in tmux');
    assert.equal(
      lastScreen.join('\n').split('❤').length - 1,
      1,
      `one heart on the tmux screen:\n${lastScreen.join('\n')}`,
    );
  },
);

test('--plain in a terminal asks the terminal nothing', { timeout: 60_000 }, async (t) => {
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);
  const plain = spawnInPty(['writer', '--plain', '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)], {
    cleanup,
    onTerminal: withGraphemeClustering,
  });
  await plain.waitForText(/main core key: [0-9a-f]{64}/);
  plain.write(`${LINE}\r`);
  await plain.waitForText(/appended block 0/);
  assert.ok(!plain.output().includes('\x1b[6n'), 'no cursor-position request');
  assert.ok(!plain.output().includes('\x1b[?2027$p'), 'no DECRQM');
  assert.equal(plain.replies(), '', 'nothing for the terminal to answer');
});
