// Outside tmux, Ctrl+K copies the main key with OSC 52: the terminal receives it, the screen says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startReader, startWriter } from '../../harness/apps.js';
import { cleanupFor } from '../../harness/cleanup.js';
import { mainKeyOn } from '../../harness/layout.js';
import { type Terminal } from '../../harness/pty.js';
import { startTestnet } from '../../harness/testnet.js';

const CTRL_K = '\x0b';

// Every OSC 52 the app sends, decoded: { selection, text }.
function recordOsc52(copies: Array<{ selection: string; text: string; raw: string }>) {
  return (term: Terminal) => {
    term.parser.registerOscHandler(52, (data) => {
      const separator = data.indexOf(';');
      const selection = separator === -1 ? '' : data.slice(0, separator);
      const payload = separator === -1 ? data : data.slice(separator + 1);
      copies.push({ selection, text: Buffer.from(payload, 'base64').toString('utf8'), raw: data });
      return true;
    });
  };
}

test('Ctrl+K in the writer copies the main key with OSC 52 and says so', { timeout: 60_000 }, async (t) => {
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);
  const copies: Array<{ selection: string; text: string; raw: string }> = [];

  const { app: writer, mainKey } = await startWriter(cleanup, { bootstrap, onTerminal: recordOsc52(copies) });
  assert.equal(copies.length, 0, 'nothing is copied before Ctrl+K');
  assert.ok(!writer.screen().includes('copied'), 'no copy message before Ctrl+K');

  writer.write(CTRL_K);
  await writer.waitForScreen('an OSC 52 copy', () => copies.length > 0);
  assert.equal(copies.length, 1, `one copy: ${JSON.stringify(copies)}`);
  assert.equal(copies[0].text, mainKey, 'the OSC 52 payload decodes to the main key');
  assert.equal(copies[0].selection, 'c', 'the clipboard selection');
  assert.match(copies[0].raw, /^c;[A-Za-z0-9+/]+=*$/, 'the payload is plain base64');

  const lines = await writer.waitForText('copied');
  const message = lines.find((line) => line.includes('copied'))!;
  assert.match(message, /main key/, `the message says what was copied: ${message}`);
  assert.match(message, /OSC 52/, `the message says where it went: ${message}`);
  // Ctrl+K is not text: the input line stays empty, the key is still drawn whole.
  assert.ok(
    lines.some((line) => /║ ›\s*║/.test(line)),
    `the input line is still empty:\n${lines.join('\n')}`,
  );
  assert.equal(mainKeyOn(lines), mainKey);
});

test(
  'Ctrl+K in a reader copies the key it was given, even before the writer is found',
  { timeout: 60_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const copies: Array<{ selection: string; text: string; raw: string }> = [];
    // Nobody serves this key: the reader stays "looking for writer".
    const key = randomBytes(32).toString('hex');

    const { app: reader } = await startReader(cleanup, key, { bootstrap, onTerminal: recordOsc52(copies) });
    reader.write(CTRL_K);
    await reader.waitForScreen('an OSC 52 copy', () => copies.length > 0);
    assert.deepEqual(
      copies.map((copy) => copy.text),
      [key],
    );
    await reader.waitForText(/copied.*OSC 52/);
  },
);

test(
  'with a pane focused, c copies that core key and r a ready-to-run reader command line',
  { timeout: 60_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const copies: Array<{ selection: string; text: string; raw: string }> = [];

    const { app: writer, mainKey } = await startWriter(cleanup, { bootstrap, onTerminal: recordOsc52(copies) });
    const shortKeyOf = (name: string) => new RegExp(`${name} ([0-9a-f]{8}) `).exec(writer.screen())?.[1];
    const core2Short = shortKeyOf('core-2');
    assert.ok(core2Short, `core-2 shows a short key:\n${writer.screen()}`);

    // Typed into the input line, c and r are text.
    writer.write('cr');
    await writer.waitForText(/› cr\s*║/);
    assert.equal(copies.length, 0, 'c and r typed into the input line copy nothing');
    // One key press per read, as a person types (several keys in one read: see typing.test.ts).
    writer.write('\x7f');
    await writer.waitForText(/› c\s*║/);
    writer.write('\x7f');
    await writer.waitForScreen('the input line emptied', (lines) => lines.some((line) => /║ ›\s*║/.test(line)));

    writer.write('\t'); // focus: input line -> first pane (core-2)
    await writer.waitForScreen('the core-2 pane focused (double border)', (lines) =>
      lines.some((line) => /║ core-2 /.test(line)),
    );
    writer.write('c');
    await writer.waitForScreen('the core key copied', () => copies.length >= 1);
    assert.match(copies[0].text, /^[0-9a-f]{64}$/, 'a whole core key, in hex');
    assert.ok(copies[0].text.startsWith(core2Short), `the focused pane's key (${core2Short}…): ${copies[0].text}`);
    assert.notEqual(copies[0].text, mainKey);

    writer.write('r');
    await writer.waitForScreen('the reader command copied', () => copies.length >= 2);
    const command = copies[1].text;
    assert.match(
      command,
      new RegExp(` reader ${mainKey} --bootstrap ${bootstrap.replace(/\./g, '\\.')}$`),
      `a reader command for this key and network: ${command}`,
    );
    assert.match(command, /^node \S*dist\/cli\.js reader /, `runs the same program: ${command}`);
    assert.equal(copies.length, 2, 'one copy per key press');
  },
);
