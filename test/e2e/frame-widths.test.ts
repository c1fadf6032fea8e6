// docs/untrusted-input.md#frame-widths: no text breaks the frame. Hard Unicode typed into the
// writer's input line, appended, and read by a screen reader: every box row keeps its borders in
// place, read cell by cell in @xterm/headless (Unicode 11 widths, as xterm.js terminals ship) and
// in tmux (widths tmux reports).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWriter } from '../../harness/apps.js';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { paneBlocks } from '../../harness/layout.js';
import { spawnInPty, type AppInPty } from '../../harness/pty.js';
import { sleep, waitFor } from '../../harness/wait.js';
import {
  appInTmux,
  assertBordersInPlace,
  tmuxAvailable,
  withUnicode11,
  xtermCells,
  type TmuxPane,
} from '../helpers/frame.js';
import { startTestnet } from '../../harness/testnet.js';

// Every line is 5 bytes or more, so all go to core-3. Emoji are from Unicode 11 or older: newer
// ones are one column in xterm.js's tables and two in tmux's (drawn two: the row can only fall short).
const HARD_LINES = [
  'cjk 漢字テスト 中文',
  'fullwidth ＡＢＣ１２３ ｱｲｳ',
  'thumbs 👍🏽 up ✋🏿',
  'flag 🇯🇵 jp 🇺🇸🇩🇪 lone 🇯 x',
  'zwj 👨‍👩‍👧 family 🏳️‍🌈',
  'marks e\u0301 Z\u0324\u0354\u0367\u0311 ค่ะ',
  'heart ❤️ smile 😀️ watch ⌚︎ keycap 1️⃣',
  'hindi क्षि नमस्ते का',
  'hangul \u1112\u1161\u11ab 한국어 \u1161 lone',
  'İstanbul stands',
  // Wider than a pane and than the input line: cut in the pane, scrolled in the input line, wrapped in the block view.
  `long ${'漢字👍🏽é'.repeat(20)} end`,
];

function blocksShown(lines: string[]): number {
  return paneBlocks(lines, 'core-3')?.length ?? 0;
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

// The cells drawn inverse on the row holding `text`, as a string; digits left out (the block
// number of the bottom block of a focused pane is drawn inverse too).
function inverseOnRow(app: AppInPty, text: string): string | undefined {
  const buffer = app.term.buffer.active;
  for (let row = 0; row < app.term.rows; row++) {
    const line = buffer.getLine(buffer.viewportY + row);
    if (!line?.translateToString(true).includes(text)) continue;
    let inverse = '';
    for (let column = 0; column < app.term.cols; column++) {
      const cell = line.getCell(column);
      if (cell?.isInverse() && /\D/.test(cell.getChars())) inverse += cell.getChars();
    }
    return inverse;
  }
  return undefined;
}

test(
  'hard Unicode keeps every border in place: typed in the writer, read in xterm.js and in tmux',
  { timeout: 180_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);

    const { app: writer, mainKey } = await startWriter(cleanup, {
      bootstrap,
      cols: 100,
      rows: 30,
      onTerminal: withUnicode11,
    });
    for (const [index, line] of HARD_LINES.entries()) {
      writer.write(line);
      // The start of the line, or for a long one the …, after the prompt, of a line scrolled to its end.
      await writer.waitForText(line.length > 60 ? /›….* end/ : `› ${line.slice(0, 4)}`);
      await assertXtermFrame(writer, `writer typing ${JSON.stringify(line)}`);
      writer.write('\r');
      await writer.waitForScreen(`block ${index} in the writer`, (lines) => blocksShown(lines) === index + 1);
      await assertXtermFrame(writer, `writer after appending ${JSON.stringify(line)}`);
    }
    // A long hard line scrolls in the input line, and the frame holds there too.
    writer.write(HARD_LINES.join(' '));
    await writer.waitForText('›…');
    await assertXtermFrame(writer, 'writer with a long hard line in the input line');

    const reader = spawnInPty(['reader', mainKey, '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)], {
      cleanup,
      cols: 100,
      rows: 30,
      onTerminal: withUnicode11,
    });
    await reader.waitForScreen('every block in the reader', (lines) => blocksShown(lines) === HARD_LINES.length);
    await assertXtermFrame(reader, 'reader in xterm.js');

    // Search: 'İ' lowercases to two code units; the highlight must still cover what matched.
    reader.write('2/stan');
    await reader.waitForText('search pane: /stan');
    reader.write('\r');
    // Blocks the reader fetched only for the screen may not be on its disk yet: then search them all.
    const searched = await reader.waitForText(/\/stan: \d+ match/);
    if (searched.join('\n').includes('a searches all')) reader.write('a');
    await reader.waitForText(`/stan: 1 match in ${HARD_LINES.length} blocks`);
    assert.equal(inverseOnRow(reader, 'İstanbul'), 'stanstan', 'both "stan"s on the İstanbul line, nothing else');
    await assertXtermFrame(reader, 'reader with search highlights');

    // The block view shows a block whole: step back to the flags.
    reader.write('\r');
    // Whole: wrapped by columns, no part of it cut off.
    await reader.waitForScreen('the long block shown whole', (lines) => {
      const screen = lines.join('\n');
      return (
        screen.includes(`block ${HARD_LINES.length - 1} of ${HARD_LINES.length}`) &&
        screen.split('漢').length - 1 === 20 &&
        screen.includes(' end')
      );
    });
    await assertXtermFrame(reader, 'reader showing the long block whole');
    for (let step = 0; step < HARD_LINES.length - 4; step++) reader.write('\x1b[D');
    await reader.waitForText('flag');
    await assertXtermFrame(reader, 'reader in the block view');

    if (!tmuxAvailable()) {
      t.diagnostic('tmux is not installed: the tmux half is skipped');
      return;
    }
    const pane = await appInTmux(
      ['reader', mainKey, '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)],
      cleanup,
      100,
      30,
    );
    let lastScreen: string[] = [];
    await waitFor(
      'every block in the reader in tmux',
      async () => {
        lastScreen = await pane.capture();
        return blocksShown(lastScreen) === HARD_LINES.length;
      },
      { describe: () => lastScreen.join('\n') },
    );
    await assertTmuxFrame(pane, 'reader in tmux');
    // Enter apart from the rest: a burst ending in Enter reads as a paste.
    await pane.sendKeys('2', '/', 's', 't', 'a', 'n');
    await waitFor('the search prompt in tmux', async () =>
      (await pane.capture()).some((line) => line.includes('search pane: /stan')),
    );
    await pane.sendKeys('Enter');
    const searchedInTmux = await waitFor(
      'the search in tmux',
      async () => {
        lastScreen = await pane.capture();
        return lastScreen.some((line) => /\/stan: \d+ match/.test(line)) && lastScreen;
      },
      { describe: () => lastScreen.join('\n') },
    );
    if (searchedInTmux.join('\n').includes('a searches all')) await pane.sendKeys('a');
    await waitFor(
      'the search of every block in tmux',
      async () => {
        lastScreen = await pane.capture();
        return lastScreen.some((line) => line.includes(`/stan: 1 match in ${HARD_LINES.length} blocks`));
      },
      { describe: () => lastScreen.join('\n') },
    );
    await assertTmuxFrame(pane, 'reader in tmux with search highlights');
  },
);
