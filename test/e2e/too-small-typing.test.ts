// While the terminal is too small for the layout, keys act as they do when it fits: typing goes on
// into the writer's input line, digits and pane letters stay text, the focus never moves by itself,
// and nothing typed is lost (docs/screen.md#too-small). A plain reader of the writer's key shows what was
// appended while the writer could not draw it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWriter } from '../../harness/apps.js';
import { Cleanup, cleanupFor, tempDir } from '../../harness/cleanup.js';
import { paneBlocks, writerReady } from '../../harness/layout.js';
import { spawnPiped } from '../../harness/piped.js';
import { type AppInPty } from '../../harness/pty.js';
import { startTestnet } from '../../harness/testnet.js';

const BIG = { cols: 120, rows: 30 };
const SMALL = { cols: 30, rows: 8 };
const BLOCK_LINE = /^Block (\d+) in Core ([0-9a-f]{64}): (.*)$/gm;
// The focused input line has a double border; its text follows the prompt.
const FOCUSED_INPUT = /^║ › (.*?)\s*║$/;

async function startWriterAndReader(cleanup: Cleanup) {
  const { bootstrap } = await startTestnet(cleanup);
  const { app: writer, mainKey: key } = await startWriter(cleanup, { bootstrap, ...BIG });
  const reader = spawnPiped(['reader', key, '--bootstrap', bootstrap, '--plain', '--storage', await tempDir(cleanup)], {
    cleanup,
  });
  return { writer, reader };
}

// The texts of the blocks the reader printed, per core, in order.
function blocksByCore(stdout: string): Map<string, string[]> {
  const byCore = new Map<string, string[]>();
  for (const [, seq, core, text] of stdout.matchAll(BLOCK_LINE)) {
    const texts = byCore.get(core) ?? [];
    assert.equal(Number(seq), texts.length, `blocks of ${core} arrive in order`);
    byCore.set(core, [...texts, text]);
  }
  return byCore;
}

function allBlocks(stdout: string): string[] {
  return [...blocksByCore(stdout).values()].flat();
}

function inputLine(app: AppInPty): string | undefined {
  for (const line of app.lines()) {
    const match = FOCUSED_INPUT.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

async function shrink(writer: AppInPty): Promise<void> {
  writer.resize(SMALL.cols, SMALL.rows);
  await writer.waitForText('Terminal too small');
}

async function grow(writer: AppInPty): Promise<void> {
  writer.resize(BIG.cols, BIG.rows);
  await writer.waitForScreen('the full layout', writerReady);
}

test(
  'typed while too small: lines with digits and pane letters are appended, the rest waits in the input line',
  { timeout: 90_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { writer, reader } = await startWriterAndReader(cleanup);

    await shrink(writer);
    const message = writer.screen();
    assert.match(message, /Ctrl\+C quits/, `the message names the key that quits while typing:\n${message}`);
    assert.ok(!/\bq (or Ctrl\+C )?quits/.test(message), `q is text in the input line, not quit:\n${message}`);

    // Key by key, as typed: digits would focus a pane, r/z/n/q would run pane commands.
    const typed = ['r1 z2 n3', 'q 9', '42 rows'];
    for (const line of typed) {
      for (const character of line) writer.write(character);
      writer.write('\r');
    }
    await reader.waitForStdout('every line typed while too small', /: 42 rows$/m);
    assert.deepEqual(allBlocks(reader.stdout()).sort(), [...typed].sort(), 'each line appended once, nothing else');

    // A line not yet sent; Ctrl+K (copy the main key: OSC 52 to the terminal) after it shows that
    // the app has read it while still too small. Ctrl+K goes in its kitty keyboard form: Ink reads
    // that as a key of its own even when it comes in one read with the text (a plain ^K would not be).
    writer.write('held 7');
    writer.write('\x1b[107;5u');
    await writer.waitForScreen('the copy of the main key', () => writer.output().includes('\x1b]52;c;'));
    assert.ok(writer.screen().includes('Terminal too small'), 'still too small when the keys were read');

    await grow(writer);
    await writer.waitForScreen('the held line in the focused input line', () => inputLine(writer) === 'held 7');
    const screen = writer.screen();
    assert.deepEqual(
      paneBlocks(writer.lines(), 'core-3')?.map((block) => block.text),
      ['r1 z2 n3', '42 rows'],
      `the long lines in core-3, in order:\n${screen}`,
    );
    assert.deepEqual(
      paneBlocks(writer.lines(), 'core-2')?.map((block) => block.text),
      ['q 9'],
      `the short line in core-2:\n${screen}`,
    );

    // The focus is still on the input line: pane letters go on being text.
    writer.write(' z n\r');
    await reader.waitForStdout('the held line, finished after growing', /: held 7 z n$/m);
    await writer.waitForScreen('the input line empty and focused', () => inputLine(writer) === '');
    assert.equal(writer.hasExited(), false);
  },
);

test('20 resizes with a line typed in each lose nothing', { timeout: 120_000 }, async (t) => {
  const cleanup = cleanupFor(t);
  const { writer, reader } = await startWriterAndReader(cleanup);

  const typed: string[] = [];
  for (let round = 0; round < 20; round++) {
    await shrink(writer);
    const line = `loop ${round} q${round % 10} r z`;
    typed.push(line);
    writer.write(`${line}\r`);
    await grow(writer);
  }
  await reader.waitForStdout('the last line', new RegExp(`: ${typed.at(-1)}$`, 'm'));
  assert.deepEqual(allBlocks(reader.stdout()), typed, 'every line appended, once, in order');
  await writer.waitForScreen('the input line empty and focused', () => inputLine(writer) === '');
  assert.equal(writer.hasExited(), false);
});
