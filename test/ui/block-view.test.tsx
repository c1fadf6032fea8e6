// Enter on a focused pane shows its bottom block whole: size, kind, every line (escaped), scrolling,
// stepping to the neighbours, copying the text, and Esc back to the panes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { osc52 } from '../../source/terminal/clipboard.js';
import { KEYS, lines, withoutClipboardTools } from './helpers.js';
import { mount } from './screen-harness.js';

const LEFT = '\x1b[D';
const RIGHT = '\x1b[C';

test('block view: Enter shows the bottom block of the focused pane; Esc goes back', async (t) => {
  const s = await mount(t, { role: 'reader', left: 5 });
  await s.waitForText('L-004');
  assert.match(s.frame(), /\n║ *\x1b?/, 'reader starts on pane 1');
  await s.press(KEYS.enter);
  await s.waitForText('core-2 block 4 of 5 · 6 bytes · text');
  assert.match(s.frame(), /L-004/);
  assert.doesNotMatch(s.frame(), /L-003/, 'only the one block');
  assert.match(s.frame(), /Esc close/, 'the footer says how to close it');
  await s.press(LEFT, LEFT);
  await s.waitForText('block 2 of 5');
  assert.match(s.frame(), /L-002/);
  await s.press(RIGHT, RIGHT, RIGHT, RIGHT);
  await s.waitForText('block 4 of 5', 'stops at the last block');
  await s.press(KEYS.escape);
  await s.waitForText('L-000');
  assert.doesNotMatch(s.frame(), /block 4 of 5/);
  assert.deepEqual(s.quits, []);
  await s.press('q');
  assert.equal(s.quits.length, 1, 'q quits again once the block view is closed');
});

test('block view: a multi-line hostile block is shown line by line, escaped, and scrolls', async (t) => {
  const s = await mount(t, { role: 'reader', left: 1, rows: 16 });
  const body = Array.from({ length: 30 }, (_, index) => `line ${index}`).join('\n');
  await s.append(0, [`\x1b]52;c;aGk=\x07grab\n${body}`]);
  await s.waitForText(/1 \\x1b\]52/);
  await s.press(KEYS.enter);
  await s.waitForText(/block 1 of 2 · \d+ bytes · text/);
  assert.ok(s.frame().includes('\\x1b]52;c;aGk=\\x07grab'), 'the escape is written out, not sent');
  assert.match(s.frame(), /line 0/);
  assert.doesNotMatch(s.frame(), /line 29/);
  await s.press(KEYS.pageDown, KEYS.pageDown, KEYS.pageDown, KEYS.pageDown);
  await s.waitForText('line 29');
  assert.match(s.frame(), /lines \d+–31 of 31/);
  await s.press(KEYS.up);
  assert.doesNotMatch(s.frame(), /line 29\n/, 'one line up');
  for (const line of lines(s.frame())) assert.ok(line.length <= 100, 'within the width');
});

test('binary blocks show as hex in the pane, and as a hex dump in the block view', async (t) => {
  const s = await mount(t, { role: 'reader', left: 1 });
  await s.append(0, ['\x00\x01binary\xff']);
  // In the pane: one line of hex.
  await s.waitForText(/1 000162696e617279c3bf0a/);
  await s.press(KEYS.enter);
  await s.waitForText('binary, as hex');
  assert.match(s.frame(), /00000000 {2}00 01 62 69 6e 61 72 79 c3 bf 0a/);
  assert.match(s.frame(), /\|\.\.binary\.\.\.\|/);
});

test('block view: c copies the block text as shown, through OSC 52', async (t) => {
  withoutClipboardTools(t);
  const s = await mount(t, { role: 'reader', left: 3 });
  await s.waitForText('L-002');
  await s.press(KEYS.enter);
  await s.waitForText('block 2 of 3');
  await s.press('c');
  await s.waitForText('✓ copied block 2 of pane 1');
  assert.ok(s.app.frames.includes(osc52('L-002')), 'the block text, without its newline, went out by OSC 52');
});

test('block view: in the writer, Enter in the input line still appends; on a pane it opens the block', async (t) => {
  const s = await mount(t, { role: 'writer', left: 2 });
  await s.waitForText('L-001');
  await s.press('h', 'i', KEYS.enter);
  assert.deepEqual(s.submitted, [['hi']]);
  assert.doesNotMatch(s.frame(), /block \d+ of/);
  await s.press(KEYS.tab, KEYS.enter);
  await s.waitForText('core-2 block 1 of 2');
});

test('block view: a block its writer truncated away leaves the view, which says so', async (t) => {
  const s = await mount(t, { role: 'reader', left: 5 });
  await s.waitForText('L-004');
  await s.press(KEYS.enter);
  await s.waitForText('core-2 block 4 of 5 · 6 bytes · text');
  await s.truncate(0, 3);
  await s.waitForText('block 4 of 3 · no longer in the core: its writer truncated it');
  assert.doesNotMatch(s.frame(), /L-004/, 'the stale block is not shown');
  await s.press(LEFT);
  await s.waitForText('core-2 block 2 of 3 · 6 bytes · text');
  await s.press(KEYS.escape);
  await s.waitForText('truncated to 3');
  assert.doesNotMatch(s.frame(), /L-00[34]/, 'nor in the pane');
});
