// The writer's input line edits like a shell's (docs/screen.md#input-line), in a real terminal: keys as terminals
// send them, one read each; the line sent is read off the pane it went to; ↑ recalls lines sent
// before the writer was restarted.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWriter } from '../../harness/apps.js';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { paneBlocks } from '../../harness/layout.js';
import { type AppInPty } from '../../harness/pty.js';
import { startTestnet } from '../../harness/testnet.js';

const KEY = {
  left: '\x1b[D',
  right: '\x1b[C',
  up: '\x1b[A',
  down: '\x1b[B',
  home: '\x1b[H',
  end: '\x1b[F',
  ctrlLeft: '\x1b[1;5D',
  ctrlRight: '\x1b[1;5C',
  altB: '\x1bb',
  altF: '\x1bf',
  ctrlA: '\x01',
  ctrlE: '\x05',
  ctrlU: '\x15',
  ctrlW: '\x17',
  backspace: '\x7f',
  altBackspace: '\x1b\x7f',
  delete: '\x1b[3~',
  ctrlC: '\x03',
};

// The focused input line's text (the cursor is a drawn cell, not a character).
function inputText(lines: string[]): string | undefined {
  for (const line of lines) {
    const match = /^║ ›.(.*?)\s*║$/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

// Sends one key (a read of its own) and waits until the input line shows `expected` (a space at
// its end is not told apart from the empty field after it).
async function key(writer: AppInPty, sequence: string, expected: string): Promise<void> {
  writer.write(sequence);
  await writer.waitForScreen(
    `the input line to read ${JSON.stringify(expected)}`,
    (lines) => inputText(lines) === expected.trimEnd(),
  );
}

async function typeText(writer: AppInPty, text: string): Promise<void> {
  writer.write(text);
  await writer.waitForScreen(`${JSON.stringify(text)} typed`, (lines) => inputText(lines)?.includes(text));
}

async function sent(writer: AppInPty, text: string): Promise<void> {
  writer.write('\r');
  await writer.waitForScreen(`${JSON.stringify(text)} appended`, (lines) =>
    [...(paneBlocks(lines, 'core-2') ?? []), ...(paneBlocks(lines, 'core-3') ?? [])].some(
      (b) => b.text === text.trimEnd(),
    ),
  );
  await writer.waitForScreen('the input line empty', (lines) => inputText(lines) === '');
}

test('the input line: ← → by grapheme, words, both ends, and the deletes', { timeout: 90_000 }, async (t) => {
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);
  const { app: writer } = await startWriter(cleanup, { bootstrap });

  await typeText(writer, 'abc');
  await key(writer, KEY.left, 'abc');
  await key(writer, KEY.left, 'abc');
  await key(writer, 'X', 'aXbc');
  await key(writer, KEY.end, 'aXbc');
  await key(writer, '!', 'aXbc!');
  await sent(writer, 'aXbc!');

  // An emoji with its skin tone and a letter with its combining mark go whole. The skin tone is drawn
  // joined: asked at start, xterm.js with its default tables draws 👍🏽 2 columns, as they are laid out.
  await typeText(writer, 'ok👍🏽');
  await key(writer, KEY.backspace, 'ok');
  await typeText(writer, 'e\u0301');
  await key(writer, KEY.left, 'oke\u0301');
  await key(writer, KEY.delete, 'ok');
  await sent(writer, 'ok');

  await typeText(writer, 'say hello world');
  await key(writer, KEY.ctrlLeft, 'say hello world');
  await key(writer, KEY.altB, 'say hello world');
  await key(writer, 'big ', 'say big hello world');
  await key(writer, KEY.altF, 'say big hello world');
  await key(writer, KEY.ctrlRight, 'say big hello world');
  await key(writer, ' there', 'say big hello world there');
  await key(writer, KEY.ctrlA, 'say big hello world there');
  await key(writer, KEY.delete, 'ay big hello world there');
  await key(writer, KEY.ctrlE, 'ay big hello world there');
  await key(writer, KEY.ctrlW, 'ay big hello world ');
  await key(writer, KEY.altBackspace, 'ay big hello ');
  await key(writer, KEY.home, 'ay big hello ');
  await key(writer, 's', 'say big hello ');
  await sent(writer, 'say big hello ');

  await typeText(writer, 'drop this, keep that');
  for (let step = 0; step < 'keep that'.length; step++) writer.write(KEY.left);
  await key(writer, KEY.ctrlU, 'keep that');
  await sent(writer, 'keep that');
});

test('↑ ↓ walk the lines sent, across a restart of the writer', { timeout: 90_000 }, async (t) => {
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);
  const storage = await tempDir(cleanup);
  const { app: first } = await startWriter(cleanup, { bootstrap, storage });
  await typeText(first, 'the first line');
  await sent(first, 'the first line');
  await typeText(first, 'the second line');
  await sent(first, 'the second line');
  first.write(KEY.ctrlC);
  assert.equal((await first.waitForExit(10_000)).exitCode, 0);
  const saved = await readFile(path.join(storage, 'input-history'), 'utf8');
  assert.deepEqual(
    saved
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as string),
    ['the first line', 'the second line'],
  );

  const { app: second } = await startWriter(cleanup, { bootstrap, storage });
  await typeText(second, 'a draft');
  await key(second, KEY.up, 'the second line');
  await key(second, KEY.up, 'the first line');
  await key(second, KEY.up, 'the first line');
  await key(second, KEY.down, 'the second line');
  await key(second, KEY.down, 'a draft');
  await key(second, KEY.up, 'the second line');
  await key(second, KEY.left, 'the second line');
  await key(second, 'X', 'the second linXe');
  await sent(second, 'the second linXe');
  await key(second, KEY.up, 'the second linXe');
});
