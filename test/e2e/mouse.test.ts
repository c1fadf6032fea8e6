// The mouse in the built app in a real terminal (docs/screen.md#mouse): SGR reports as a terminal
// sends them for the wheel and clicks, at the cells where the panes and their blocks are drawn.
// The modes go off when the app quits; `--no-mouse` never turns the mouse on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWriter } from '../../harness/apps.js';
import { cleanupFor } from '../../harness/cleanup.js';
import { focusedPaneOn, paneBlocks, paneLengthOn } from '../../harness/layout.js';
import { startTestnet } from '../../harness/testnet.js';

const MOUSE_ON = '\x1b[?1000h\x1b[?1006h';
const MOUSE_OFF = '\x1b[?1006l\x1b[?1000l';
const PASTE_ON = '\x1b[?2004h';
const PASTE_OFF = '\x1b[?2004l';

// An SGR report of a press at a screen cell (from 0), as the terminal numbers it (from 1).
const press = (button: number, column: number, row: number) => `\x1b[<${button};${column + 1};${row + 1}M`;
const WHEEL_UP = 64;
const WHEEL_DOWN = 65;
const LEFT = 0;

// Where the pane titled `name` starts on screen: its title's row and its name's column.
function titleOf(lines: string[], name: string): { row: number; column: number } {
  const row = lines.findIndex((line) => new RegExp(`${name} [0-9a-z]{4,}`).test(line));
  assert.ok(row >= 0, `${name} on screen:\n${lines.join('\n')}`);
  return { row, column: lines[row].indexOf(name) };
}

test(
  'the wheel scrolls the pane under the pointer, a click focuses a pane, a click on a row picks it for Enter and c',
  { timeout: 90_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const { app: writer } = await startWriter(cleanup, { bootstrap });
    assert.ok(writer.output().includes(MOUSE_ON) && writer.output().includes(PASTE_ON), 'the modes on');

    // The help says how to select text while the app has the mouse. At 30 rows its last line is
    // cut; the wheel scrolls it into view.
    writer.write('\x1bOP');
    const help = await writer.waitForText('Shift-drag selects text');
    assert.ok(help.some((line) => line.includes('copy the main key')));
    assert.ok(!help.some((line) => /│ Ctrl\+C +quit +│/.test(line)), `the help's end cut:\n${help.join('\n')}`);
    writer.write(press(WHEEL_DOWN, 10, 10));
    await writer.waitForScreen(
      'the help scrolled to its end',
      (lines) =>
        lines.some((line) => /│ Ctrl\+C +quit +│/.test(line)) && !lines.join('\n').includes('copy the main key'),
    );
    writer.write('\x1b');
    await writer.waitForScreen('the help closed', (lines) => !lines.join('\n').includes('Shift-drag'));

    // 30 lines typed in one go: core-3 shows the last 19 (blocks 11–29), following.
    writer.write(Array.from({ length: 30 }, (_, index) => `line ${index}\r`).join(''));
    const lines = await writer.waitForScreen(
      'the 30 lines',
      (screen) => paneBlocks(screen, 'core-3')?.at(-1)?.text === 'line 29' && screen,
    );
    assert.equal(paneBlocks(lines, 'core-3')?.[0]?.seq, 11);
    const core3 = titleOf(lines, 'core-3');
    const core2 = titleOf(lines, 'core-2');

    // The input line keeps the focus: the wheel acts on the pane under the pointer.
    writer.write(press(WHEEL_UP, core3.column + 4, core3.row + 5));
    const scrolled = await writer.waitForScreen(
      'core-3 scrolled up three blocks',
      (screen) => paneBlocks(screen, 'core-3')?.[0]?.seq === 8 && screen,
    );
    assert.match(scrolled[core3.row], /core-3 paused/);
    assert.equal(focusedPaneOn(scrolled), undefined, 'the focus stayed on the input line');
    assert.equal(paneBlocks(scrolled, 'core-2')?.length, 0);

    writer.write(press(LEFT, core2.column + 4, core2.row + 8));
    await writer.waitForScreen('core-2 focused by the click', (screen) => focusedPaneOn(screen) === 'core-2');

    // Block 12 is the fifth line of core-3 now (8, 9, 10, 11, 12).
    const row = core3.row + 1 + (12 - 8);
    assert.match(scrolled[row], /│ 12 line 12 /);
    writer.write(press(LEFT, core3.column + 10, row));
    await writer.waitForScreen('core-3 focused by the click', (screen) => focusedPaneOn(screen) === 'core-3');
    writer.write('\r');
    await writer.waitForText(/core-3 block 12 of 30 · 8 bytes/);
    writer.write('c');
    await writer.waitForText('copied block 12 of pane 2');
    writer.write('\x1b');
    await writer.waitForScreen('the block view closed', (screen) => !/block 12 of 30/.test(screen.join('\n')));
    assert.equal(paneLengthOn(writer.lines(), 'core-3'), 30, 'nothing appended by the reports');

    writer.write('q');
    assert.equal((await writer.waitForExit()).exitCode, 0);
    const output = writer.output();
    assert.ok(output.lastIndexOf(MOUSE_OFF) > output.lastIndexOf(MOUSE_ON), 'the mouse off after quitting');
    assert.ok(output.lastIndexOf(PASTE_OFF) > output.lastIndexOf(PASTE_ON), 'bracketed paste off after quitting');
  },
);

test('--no-mouse turns bracketed paste on, and the mouse never', { timeout: 60_000 }, async (t) => {
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);
  const { app: writer } = await startWriter(cleanup, { bootstrap, args: ['--no-mouse'] });
  writer.write('\x1bOP');
  await writer.waitForText('Keys (Esc, ? or q closes this help)');
  assert.ok(!writer.screen().includes('Shift-drag'), 'no word of the mouse in the help');
  writer.write('\x03');
  assert.equal((await writer.waitForExit()).exitCode, 0);
  const output = writer.output();
  assert.ok(output.includes(PASTE_ON) && output.lastIndexOf(PASTE_OFF) > output.lastIndexOf(PASTE_ON));
  assert.ok(!output.includes('\x1b[?1000h') && !output.includes('\x1b[?1006h'), 'no mouse mode sent');
});
