// No bytes on stdin can end the app (docs/untrusted-input.md#keys-and-paste): random bytes, escape sequences of every
// kind, lone ESC and cut UTF-8, pasted into the built writer and reader in a real terminal. After
// each paste the app must still be running and answer keys, and only printable text may have
// reached the writer's input line. Ink 6.8 used to throw on CSI sequences it reads as Ctrl+<key
// it has no name for (ESC[5X, ESC[31m): see source/hooks/use-key-press.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatKey } from '../../source/model/keys.js';
import { concat, piece, raw, utf8 } from '../helpers/hostile-bytes.js';
import { startWriter } from '../../harness/apps.js';
import { Cleanup, cleanupFor, tempDir } from '../../harness/cleanup.js';
import { spawnPiped, type PipedApp } from '../../harness/piped.js';
import { spawnInPty, type AppInPty } from '../../harness/pty.js';
import { withUnicode11 } from '../helpers/frame.js';
import { startTestnet } from '../../harness/testnet.js';
import { waitFor } from '../../harness/wait.js';

// Kept modest: every run is a paste and a few round trips through a real terminal. One app serves
// every run, so the first failure is reported as it is (shrinking would replay on a dead app).
const PROPERTY_OPTIONS = { numRuns: 25, endOnFailure: true };

// Sequences a terminal itself sends, on top of the block-text pieces: bracketed-paste markers,
// mouse reports (X10, SGR, urxvt), focus reports, keys with modifiers, kitty keys, the CSIs that
// crashed Ink (a parameter with its Ctrl bit and no key name), lone and double ESC, cut UTF-8.
const terminalInput = fc.oneof(
  fc
    .constantFrom(
      '\x1b[200~',
      '\x1b[201~',
      '\x1b[<0;12;5M',
      '\x1b[<0;12;5m',
      '\x1b[<64;3;3M',
      '\x1b[32;5;5M',
      '\x1b[I',
      '\x1b[O',
      '\x1b[5X',
      '\x1b[31m',
      '\x1b[0m',
      '\x1b[1;5X',
      '\x1b[99;5~',
      '\x1b\x1b[31m',
      '\x1b[1;5A',
      '\x1b[3;5~',
      '\x1bOP',
      '\x1bOx',
      '\x1b[[A',
      '\x1b[27;5;13~',
      '\x1b',
      '\x1b\x1b',
      '\x1b[',
      '\x1b[1;',
      '\x1bO',
      '\x1b]52;c;aGVsbG8=',
      '\x1bP+q544e',
    )
    .map(utf8),
  fc.tuple(fc.constant(utf8('\x1b[M')), fc.uint8Array({ minLength: 3, maxLength: 3 })).map(concat),
  fc.constantFrom([0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc3], [0xed, 0xa0, 0x80]).map((bytes) => raw(...bytes)),
);

// What quits or copies the main key is taken out: Ctrl+C and q must quit (the property is that
// nothing else does), and Ctrl+K is how the test knows the app has read everything before it.
// Kitty keyboard keys (CSI … u) can spell either.
function withoutQuitOrCopyKeys(bytes: Uint8Array): Buffer {
  const out = Buffer.from(bytes.map((byte) => (byte === 0x03 || byte === 0x0b || byte === 0x71 ? 0x2e : byte)));
  return Buffer.from(
    out.toString('latin1').replace(/\x1b\[\d+(?:;\d+(?::\d+)?(?:;[\d:]+)?)?u/g, (match) => `${match.slice(0, -1)}.`),
    'latin1',
  );
}

const paste = fc
  .array(fc.oneof({ arbitrary: piece, weight: 3 }, { arbitrary: terminalInput, weight: 2 }), {
    minLength: 1,
    maxLength: 30,
  })
  .map((parts) => withoutQuitOrCopyKeys(concat(parts)));

// '§' ends whatever escape sequence the paste left open (it is no CSI or SS3 byte), and an end
// marker any bracketed paste it opened (a terminal always sends one); Esc and Ctrl+K in their
// kitty forms are keys of their own whatever came before: Esc closes an overlay, and the copy of
// the main key (OSC 52 to the terminal) shows that every byte before it has been read.
const SYNC = '§\x1b[201~\x1b[27u\x1b[107;5u';

function mainKeyCopies(app: AppInPty, key: Buffer, from: number): number {
  const payloads = new Set(['hex', 'z32'].map((format) => formatKey(key, format as 'hex' | 'z32')));
  let count = 0;
  for (const [, base64] of app
    .output()
    .slice(from)
    .matchAll(/\x1b\]52;c;([A-Za-z0-9+/=]*)\x07/g)) {
    if (payloads.has(Buffer.from(base64, 'base64').toString('utf8'))) count++;
  }
  return count;
}

// Longer than a frame (60 a second) and a copy notice take to arrive, on a busy machine.
const FRAME_SETTLE_MS = 300;

// Writes `data`, then waits until the app has read it all and drawn what it did.
async function writeAndSync(app: AppInPty, key: Buffer, data: Uint8Array | string): Promise<void> {
  const from = app.output().length;
  app.writeBytes(typeof data === 'string' ? utf8(data) : data);
  app.write(SYNC);
  await app.waitForScreen('the app to read the paste', () => {
    if (app.hasExited())
      throw new Error(`the app exited on ${JSON.stringify(Buffer.from(data).toString('latin1'))}:\n${app.screen()}`);
    return mainKeyCopies(app, key, from) > 0;
  });
  // The copy is written as Ctrl+K is read, the frame showing what the keys before it did comes
  // a moment later (or not at all, when nothing on screen changed): wait until the output rests.
  let seen = app.output().length;
  let quietSince = Date.now();
  await waitFor('the frame after the paste', () => {
    const length = app.output().length;
    if (length !== seen) [seen, quietSince] = [length, Date.now()];
    return Date.now() - quietSince >= FRAME_SETTLE_MS;
  });
}

// The focused input line has a double border; its text follows the prompt.
// A line longer than the field scrolls sideways: then a `…` stands after the prompt, in place of the space.
function focusedInput(lines: string[]): string | undefined {
  for (const line of lines) {
    const match = /^║ ›[ …](.*?)\s*║$/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

// Where the double border (the focus) is drawn: the row and column of its top-left corner.
function focusedBox(lines: string[]): string {
  const row = lines.findIndex((line) => line.includes('╔'));
  return row < 0 ? 'none' : `${row}:${lines[row]?.indexOf('╔')}`;
}

// C0 and C1 controls as the input line shows them (the sanitizer writes them out as \xNN).
const CONTROL_SHOWN = /\\x(?:[01][0-9a-f]|7f|[89][0-9a-f])/;

async function writerOnTestnet(cleanup: Cleanup) {
  const { bootstrap } = await startTestnet(cleanup);
  // Read as the product measures text (source/text/terminal-width.ts): in Unicode 11 widths. The
  // default tables of @xterm/headless are Unicode 6, where a mark added later (U+114B4, Tirhuta)
  // takes a column and pushes the input line's border.
  const { app: writer, mainKey: key } = await startWriter(cleanup, { bootstrap, onTerminal: withUnicode11 });
  return { bootstrap, writer, key, keyBytes: Buffer.from(key, 'hex') };
}

function readerArgs(key: string, bootstrap: string, storage: string): string[] {
  return ['reader', key, '--bootstrap', bootstrap, '--storage', storage];
}

async function lastBlockIs(plain: PipedApp, text: string): Promise<void> {
  await plain.waitForStdout(`the block ${JSON.stringify(text)}`, new RegExp(`: ${text}$`, 'm'));
}

test(
  'writer: any paste leaves it running, typing, with only printable text in the input line',
  { timeout: 240_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap, writer, key, keyBytes } = await writerOnTestnet(cleanup);
    // A plain reader shows every block the writer appends, wherever its panes are scrolled.
    const plain = spawnPiped([...readerArgs(key, bootstrap, await tempDir(cleanup)), '--plain'], { cleanup });

    let run = 0;
    await fc.assert(
      fc.asyncProperty(paste, async (bytes) => {
        run++;
        await writeAndSync(writer, keyBytes, bytes);
        assert.equal(writer.hasExited(), false, 'the writer is still running');
        // A Tab in the paste may have moved the focus to a pane (as a typed Tab would): back to the input line.
        // Each Tab goes alone, as typed (a Tab inside a run of text is dropped, as in a paste), and
        // the next waits until the focus is seen to move.
        for (let tab = 0; tab < 3 && focusedInput(writer.lines()) === undefined; tab++) {
          const before = focusedBox(writer.lines());
          writer.write('\t');
          await writer.waitForScreen('the focus to move', (lines) => focusedBox(lines) !== before);
        }
        const typed = focusedInput(writer.lines());
        assert.notEqual(typed, undefined, `the input line has the focus:\n${writer.screen()}`);
        assert.ok(!CONTROL_SHOWN.test(typed!), `only printable text in the input line: ${JSON.stringify(typed)}`);
        // It still types: the pasted text goes as a line of its own, then a marker line.
        writer.write(`\rmarker ${run}\r`);
        await lastBlockIs(plain, `marker ${run}`);
        await writer.waitForScreen('the input line empty', (lines) => focusedInput(lines) === '');
      }),
      PROPERTY_OPTIONS,
    );
  },
);

test('reader: any paste leaves it running and answering keys', { timeout: 240_000 }, async (t) => {
  const cleanup = cleanupFor(t);
  const { bootstrap, writer, key, keyBytes } = await writerOnTestnet(cleanup);
  writer.write('seen by the reader\r');
  const reader = spawnInPty(readerArgs(key, bootstrap, await tempDir(cleanup)), { cleanup, onTerminal: withUnicode11 });
  await reader.waitForText('seen by the reader');

  await fc.assert(
    fc.asyncProperty(paste, async (bytes) => {
      await writeAndSync(reader, keyBytes, bytes);
      assert.equal(reader.hasExited(), false, 'the reader is still running');
      // ? opens the help (Esc in the sync closed any overlay), Esc closes it.
      reader.write('?');
      await reader.waitForText('Keys (Esc, ? or q closes this help)');
      await writeAndSync(reader, keyBytes, '');
      await reader.waitForScreen('the help closed', (lines) => !lines.join('\n').includes('closes this help'));
    }),
    PROPERTY_OPTIONS,
  );
});

test(
  'a paste of coloured text and bracketed-paste markers appends just the text, each line in order',
  { timeout: 60_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap, writer, key } = await writerOnTestnet(cleanup);
    const plain = spawnPiped([...readerArgs(key, bootstrap, await tempDir(cleanup)), '--plain'], { cleanup });

    writer.write('\x1b[200~\x1b[1mbold\x1b[22m and \x1b[31mred\x1b[0m\rsecond \x1b[5Xline\r\x1b[201~third line\r');
    await lastBlockIs(plain, 'third line');
    const blocks = [...plain.stdout().matchAll(/^Block \d+ in Core [0-9a-f]{64}: (.*)$/gm)].map((match) => match[1]);
    assert.deepEqual(blocks, ['bold and red', 'second line', 'third line']);
    assert.equal(writer.hasExited(), false);
  },
);
