// Bracketed paste in the built app in a real terminal (docs/screen.md#paste): a paste is text,
// never keys. Its Ctrl+C, q and Tab do not quit or move the focus; in the writer it waits on the
// input line until Enter appends each of its lines as a block; a reader takes it only at the
// search prompt. The paste is written in pieces, its markers cut, as a slow link delivers it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startReader, startWriter } from '../../harness/apps.js';
import { cleanupFor } from '../../harness/cleanup.js';
import { focusedPaneOn, paneBlocks, paneLengthOn } from '../../harness/layout.js';
import type { AppInPty } from '../../harness/pty.js';
import { startTestnet } from '../../harness/testnet.js';
import { sleep } from '../../harness/wait.js';
import { storedSubCoreBlocks } from '../helpers/stored-blocks.js';

const START = '\x1b[200~';
const END = '\x1b[201~';

// The focused input line has a double border; its text follows the prompt.
function focusedInput(lines: string[]): string | undefined {
  for (const line of lines) {
    const match = /^║ ›[ …](.*?)\s*║$/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

// Each piece in a read of its own: the pause only keeps the terminal from joining them.
async function writeInPieces(app: AppInPty, pieces: readonly string[]): Promise<void> {
  for (const piece of pieces) {
    app.write(piece);
    await sleep(30);
  }
}

test(
  'writer: a paste holding Ctrl+C, q and Tab lands on the input line; Enter appends each line as a block',
  { timeout: 90_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const { app: writer, mainKey, storage } = await startWriter(cleanup, { bootstrap });

    writer.write('>');
    await writer.waitForScreen('the typed text', (lines) => focusedInput(lines) === '>');
    await writeInPieces(writer, ['\x1b[20', `0~first line\r\nq\r\x03tab\there\x1b[31m red\rend`, '\x1b[20', '1~']);
    const shown = await writer.waitForScreen('the paste on the input line', (lines) => {
      const text = focusedInput(lines);
      return text?.endsWith('end') && text;
    });
    assert.equal(shown, '>first line↵q↵tab    here red↵end', 'line breaks shown as ↵, escapes and Ctrl+C dropped');
    assert.equal(writer.hasExited(), false, 'the pasted Ctrl+C and q did not quit');
    assert.equal(focusedPaneOn(writer.lines()), undefined, 'the pasted Tab did not move the focus');
    assert.deepEqual(paneBlocks(writer.lines(), 'core-3'), [], 'nothing appended before Enter');

    writer.write('\r');
    await writer.waitForScreen(
      'the four lines appended, the input line empty',
      (lines) =>
        focusedInput(lines) === '' && paneLengthOn(lines, 'core-2') === 2 && paneLengthOn(lines, 'core-3') === 2,
    );
    writer.write('\x03');
    assert.equal((await writer.waitForExit()).exitCode, 0);
    assert.deepEqual(await storedSubCoreBlocks(storage, mainKey), [
      ['q\n', 'end\n'],
      ['>first line\n', 'tab\there red\n'],
    ]);
  },
);

test(
  'writer: Enter on a paste of 25 lines asks first; n goes back, y appends all 25',
  { timeout: 90_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const { app: writer } = await startWriter(cleanup, { bootstrap });
    const lines = Array.from({ length: 25 }, (_, index) => `pasted line ${index + 1}`);

    writer.write(`${START}${lines.join('\n')}${END}`);
    await writer.waitForScreen('the paste on the input line', (screen) => focusedInput(screen)?.endsWith('line 25'));
    writer.write('\r');
    await writer.waitForText('append 25 lines as 25 blocks? Enter or y appends · Esc or n goes back');
    writer.write('n');
    await writer.waitForScreen(
      'the question gone, the text kept',
      (screen) => !screen.join('\n').includes('append 25 lines') && focusedInput(screen)?.endsWith('line 25'),
    );
    assert.equal(paneLengthOn(writer.lines(), 'core-3'), 0);
    writer.write('\r');
    await writer.waitForText('append 25 lines as 25 blocks?');
    writer.write('y');
    const shown = await writer.waitForScreen(
      'the 25 lines appended',
      (screen) => paneLengthOn(screen, 'core-3') === 25 && screen,
    );
    assert.deepEqual(
      paneBlocks(shown, 'core-3')?.at(-1),
      { seq: 24, text: 'pasted line 25' },
      'each line its own block, in order',
    );
    assert.equal(focusedInput(shown), '');
  },
);

test('reader: a paste is ignored with a notice, and goes into the search prompt', { timeout: 90_000 }, async (t) => {
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);
  const { app: writer, mainKey } = await startWriter(cleanup, { bootstrap });
  writer.write('a needle in here\r');
  writer.write('and hay\r');
  const { app: reader } = await startReader(cleanup, mainKey, { bootstrap });
  await reader.waitForText('and hay');

  await writeInPieces(reader, [`${START}q\x03\t`, `qq${END}`]);
  await reader.waitForText('paste ignored: a reader takes a paste only at the / or & prompt');
  assert.equal(reader.hasExited(), false, 'the pasted Ctrl+C and q did not quit');
  assert.equal(focusedPaneOn(reader.lines()), 'core-2', 'the pasted Tab did not move the focus');

  reader.write('2');
  await reader.waitForScreen('core-3 focused', (lines) => focusedPaneOn(lines) === 'core-3');
  reader.write('/');
  await reader.waitForText('search pane: /▏');
  reader.write(`${START}needle\x03q${END}`);
  await reader.waitForText('search pane: /needleq▏');
  reader.write('\x7f\r');
  await reader.waitForText(/\/needle: 1 match/);
  assert.equal(reader.hasExited(), false);
});
