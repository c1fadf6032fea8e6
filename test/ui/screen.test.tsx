import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encode } from 'hypercore-id-encoding';
import { BINDINGS } from '../../source/keys/keymap.js';
import { osc52 } from '../../source/terminal/clipboard.js';
import { mount, pad } from './screen-harness.js';
import { waitFor } from '../../harness/wait.js';
import { assertNothingRaw, KEYS, lines, withoutClipboardTools } from './helpers.js';

// The rows of the pane area: header is 2 lines, then the panes.
function paneTop(frame: string): string {
  return lines(frame)[2] ?? '';
}

test('screen: shows header, both panes with their blocks, input line and footer', async (t) => {
  const s = await mount(t);
  await s.waitForText('R-001');
  const frame = s.frame();
  assert.match(frame, /many-cores writer/);
  assert.ok(frame.includes(`main key ${s.mainKey.toString('hex')}`));
  assert.match(frame, /peers 0 · DHT announced · storage \/tmp\/test-storage/);
  assert.match(frame, /core-2 [0-9a-f]{8} len 3 · local 3 · peers 0/);
  assert.match(frame, /core-3 [0-9a-f]{8} len 2 · local 2 · peers 0/);
  for (const text of ['0 L-000', '1 L-001', '2 L-002', '0 R-000', '1 R-001']) assert.ok(frame.includes(text), text);
  assert.match(frame, /› /);
  assert.match(frame, /Ctrl\+K copy key/);
});

test('screen: never taller than rows - 1, every line within the width', async (t) => {
  for (const rows of [12, 30, 50]) {
    const s = await mount(t, { rows, left: 200 });
    await s.waitForText('L-199');
    const frameLines = lines(s.app.lastFrame());
    assert.equal(frameLines.length, rows - 1, `rows ${rows}`);
    for (const line of frameLines) assert.ok(line.length <= 100, line);
    s.app.unmount();
  }
});

test('screen: hostile blocks arrive escaped, the frame holds no raw ESC', async (t) => {
  const s = await mount(t, { left: 0, right: 0 });
  await s.append(1, ['\x1b]52;c;aGVsbG8=\x07', '\x1b[2J\x1b]8;;http://x\x07y', 'rtl\u202eltr\u200b']);
  await s.waitForText('ltr');
  assertNothingRaw(s.app.lastFrame());
  assert.ok(s.frame().includes('\\x1b]52;c;aGVsbG8=\\x07'));
  assert.ok(s.frame().includes('\\x1b[2J\\x1b]8;;http://x\\x07y'));
  assert.ok(s.frame().includes('rtl\\u202eltr\\u200b'));
});

test('screen: Tab moves the focus input → pane 1 → pane 2 → input; Shift+Tab goes back', async (t) => {
  const s = await mount(t);
  await s.waitForText('L-002');
  const inputTop = () => lines(s.frame())[s.rows - 1 - 5] ?? '';
  // At the start the writer types: the input line has the double border, no pane has.
  assert.match(inputTop(), /^╔/);
  assert.doesNotMatch(paneTop(s.frame()), /[╔╗]/);

  await s.press(KEYS.tab);
  assert.match(paneTop(s.frame()), /^╔═+╗╭─+╮$/, 'first pane focused');
  assert.match(inputTop(), /^╭/);

  await s.press(KEYS.tab);
  assert.match(paneTop(s.frame()), /^╭─+╮╔═+╗$/, 'second pane focused');

  await s.press(KEYS.tab);
  assert.match(inputTop(), /^╔/, 'back to the input line');
  assert.doesNotMatch(paneTop(s.frame()), /[╔╗]/);

  await s.press(KEYS.shiftTab);
  assert.match(paneTop(s.frame()), /^╭─+╮╔═+╗$/, 'Shift+Tab wraps to the last pane');
  await s.press(KEYS.shiftTab);
  assert.match(paneTop(s.frame()), /^╔═+╗╭─+╮$/);
});

test('screen: typing shows in the input line; backspace deletes', async (t) => {
  const s = await mount(t);
  await s.press('h', 'e', 'l', 'l', 'o');
  assert.match(s.frame(), /› hello/);
  await s.press(KEYS.backspace, '\b');
  assert.match(s.frame(), /› hel(?!l)/);
  assert.deepEqual(s.submitted, []);
});

test('screen: q, ?, c, r and z typed in the input line are text, not commands', async (t) => {
  const s = await mount(t);
  await s.press('q', '?', 'c', 'r', 'z', 'Q');
  assert.match(s.frame(), /› q\?crzQ/);
  assert.deepEqual(s.quits, []);
  assert.doesNotMatch(s.frame(), /Keys/, 'no help overlay');
  assert.ok(s.frame().includes(s.mainKey.toString('hex')), 'z did not switch the key format');
  assert.deepEqual(
    s.app.frames.filter((frame) => frame.includes('\x1b]52')),
    [],
    'nothing copied',
  );
});

test('screen: Enter submits the typed line and clears the input', async (t) => {
  const s = await mount(t);
  await s.press('h', 'i', ' ', 't', 'h', 'e', 'r', 'e');
  await s.press(KEYS.enter);
  assert.deepEqual(s.submitted, [['hi there']]);
  assert.doesNotMatch(s.frame(), /hi there/);
});

test('screen: Enter on an empty input line submits nothing', async (t) => {
  const s = await mount(t);
  await s.press(KEYS.enter, KEYS.enter);
  assert.deepEqual(s.submitted, []);
});

test('screen: a paste "a\\nb\\n" submits both lines at once, in order', async (t) => {
  const s = await mount(t);
  await s.press('a\nb\n');
  assert.deepEqual(s.submitted, [['a', 'b']]);
  assert.match(s.frame(), /› \s/);
});

test('screen: a paste joins what was typed, and keeps an unfinished last line', async (t) => {
  const s = await mount(t);
  await s.press('x', 'y');
  await s.press('z1\r\nline two\rpartial');
  assert.deepEqual(s.submitted, [['xyz1', 'line two']]);
  assert.match(s.frame(), /› partial/);
});

test('screen: control characters in a paste are not put in the input line', async (t) => {
  const s = await mount(t);
  await s.press('a\x07b\x00c');
  assert.match(s.frame(), /› abc/);
  assertNothingRaw(s.app.lastFrame());
});

test('screen: q on a focused pane quits; Ctrl+C quits while typing', async (t) => {
  const s = await mount(t);
  await s.press(KEYS.ctrlC);
  assert.equal(s.quits.length, 1, 'Ctrl+C while typing');
  await s.press(KEYS.tab, 'q');
  assert.equal(s.quits.length, 2, 'q on a pane');
});

test('screen: ? on a pane opens help listing every binding; Esc closes it', async (t) => {
  // Tall enough for the whole list (a shorter help scrolls: test/e2e/mouse.test.ts).
  const s = await mount(t, { rows: 40 });
  await s.waitForText('L-002');
  await s.press(KEYS.tab, '?');
  const frame = s.frame();
  assert.match(frame, /Keys/);
  // Two panes fit at once: the page keys are not offered (paging.test.tsx covers them).
  const paging = new Set([
    'close-overlay',
    'next-page',
    'previous-page',
    'close-detail',
    'detail-previous',
    'detail-next',
    'detail-line-up',
    'detail-line-down',
    'detail-page-up',
    'detail-page-down',
    'copy-block',
    'search-submit',
    'search-cancel',
    'search-next',
    'search-previous',
    'search-all',
    'search-clear',
    'filter-clear',
  ]);
  // A pane of a raw core has no key order: its keys are not offered (key-order.test.ts covers them).
  const onPanes = BINDINGS.filter(
    (binding) =>
      (binding.modes.includes('pane') || binding.modes.includes('help')) &&
      !(binding.needs ?? []).some((condition) => condition === 'key-order' || condition === 'has-key-order'),
  );
  for (const binding of onPanes.filter((binding) => !paging.has(binding.action))) {
    assert.ok(frame.includes(binding.description), `help lists "${binding.description}"`);
    assert.ok(frame.includes(binding.keys.join(' ')), `help lists "${binding.keys.join(' ')}"`);
  }
  assert.doesNotMatch(frame, /L-002/, 'the overlay replaces the panes');
  assert.match(frame, /Esc close/, 'the footer says how to close');
  assert.equal(lines(s.app.lastFrame()).length, s.rows - 1);

  await s.press(KEYS.escape);
  assert.doesNotMatch(s.frame(), /Keys/);
  assert.ok(s.frame().includes('L-002'));
  assert.deepEqual(s.quits, []);
});

test('screen: with help open, ? and q close it instead of acting; F1 opens it while typing', async (t) => {
  const s = await mount(t);
  await s.press(KEYS.f1);
  assert.match(s.frame(), /Keys/, 'F1 opens help while typing');
  await s.press('q');
  assert.doesNotMatch(s.frame(), /Keys/);
  assert.deepEqual(s.quits, []);
  assert.doesNotMatch(s.frame(), /› q/, 'q did not go into the input line');

  await s.press(KEYS.tab, '?');
  assert.match(s.frame(), /Keys/);
  await s.press('?');
  assert.doesNotMatch(s.frame(), /Keys/);
});

test('screen: typing is ignored while help is open', async (t) => {
  const s = await mount(t);
  await s.press(KEYS.f1, 'x', 'y');
  await s.press(KEYS.escape);
  assert.doesNotMatch(s.frame(), /› xy/);
});

test('screen: Ctrl+K copies the main key through OSC 52 and says so', async (t) => {
  withoutClipboardTools(t);
  const s = await mount(t);
  await s.press('a', 'b');
  await s.press(KEYS.ctrlK);
  await s.waitForText('✓ copied the main key to terminal (OSC 52)');
  assert.ok(s.app.frames.includes(osc52(s.mainKey.toString('hex'))), 'OSC 52 with the hex key written to the terminal');
  assert.match(s.frame(), /› ab/, 'Ctrl+K did not type into the input line');
});

test('screen: c, r and z act on a focused pane', async (t) => {
  withoutClipboardTools(t);
  const s = await mount(t);
  await s.press(KEYS.tab, KEYS.tab, 'c');
  await s.waitForText('✓ copied the key of pane 2');
  assert.ok(s.app.frames.includes(osc52(s.views[1].key.toString('hex'))));

  await s.press('r');
  await s.waitForText('✓ copied a reader command');
  assert.ok(s.app.frames.includes(osc52(`many-cores reader ${s.mainKey.toString('hex')}`)));

  await s.press('z');
  assert.ok(s.frame().includes(`main key ${encode(s.mainKey)}`), 'z shows the key in z-base-32');
  assert.ok(s.frame().includes(encode(s.views[0].key).slice(0, 8)), 'pane keys too');
  await s.press(KEYS.ctrlK);
  await waitFor('the z-base-32 key copied', () => s.app.frames.includes(osc52(encode(s.mainKey))));
});

test('screen: arrows, PgUp/PgDn, Home and End scroll a focused pane', async (t) => {
  // 50 blocks, 19 lines: following shows 31–49.
  const s = await mount(t, { left: 50 });
  await s.waitForText('L-049');
  // Blocks scrolled into view are read from disk: wait for them, then check nothing else shows.
  const shows = async (first: number, last: number) => {
    const exactly = () => {
      const frame = s.frame();
      return Array.from(
        { length: 50 },
        (_, seq) => frame.includes(`L-${pad(seq)}`) === (seq >= first && seq <= last),
      ).every(Boolean);
    };
    await waitFor(`exactly L-${pad(first)}…L-${pad(last)} in view`, exactly, { describe: s.frame });
  };
  await shows(31, 49);

  // Arrows do nothing while the input line has the focus.
  await s.press(KEYS.up);
  await shows(31, 49);

  await s.press(KEYS.tab);
  await s.press(KEYS.up);
  await shows(30, 48);
  await s.press(KEYS.up, KEYS.up);
  await shows(28, 46);
  await s.press(KEYS.down);
  await shows(29, 47);

  await s.press(KEYS.home);
  await shows(0, 18);
  await s.press(KEYS.pageDown);
  await shows(19, 37);
  await s.press(KEYS.pageDown);
  await shows(31, 49);

  await s.press(KEYS.pageUp);
  await shows(12, 30);
  await s.press(KEYS.end);
  await shows(31, 49);

  // The other pane did not move.
  assert.ok(s.frame().includes('R-000') && s.frame().includes('R-001'));
});

test('screen: a scrolled pane stays put as the core grows; End follows again', async (t) => {
  const s = await mount(t, { left: 50 });
  await s.waitForText('L-049');
  await s.press(KEYS.tab, KEYS.home);
  await s.waitForText('L-000');
  await s.append(0, ['L-050', 'L-051']);
  // The title counts what arrived below: the pane has taken the growth in and stayed put.
  await s.waitForText(/paused · 2 new \w+ len 52/);
  assert.ok(s.frame().includes('L-000'));
  assert.ok(!s.frame().includes('L-051'));

  await s.press(KEYS.end);
  await s.waitForText('L-051');
  assert.ok(!s.frame().includes('L-032'));

  await s.append(0, ['L-052']);
  await s.waitForText('L-052');
  assert.ok(!s.frame().includes('L-033'), 'following keeps the tail in view');
});

test('screen: "paused" in the title when not following, gone after End', async (t) => {
  // One reader pane is the full width, so the whole title fits.
  const s = await mount(t, { role: 'reader', left: 50, paneCount: 1 });
  await s.waitForText('L-049');
  assert.doesNotMatch(s.frame(), /paused/);
  // The reader's first pane has the focus from the start.
  await s.press(KEYS.up);
  await waitFor('paused in the title', () => /paused/.test(paneTop(s.frame()) + lines(s.frame())[3]));
  assert.match(lines(s.frame())[3] ?? '', /core-2 .*len 50 · local 50 · peers 0/);
  await s.press(KEYS.end);
  await waitFor('paused to go', () => !s.frame().includes('paused'));
});

test('screen: "paused" shows in the writer\'s side-by-side panes', async (t) => {
  const s = await mount(t, { left: 50 });
  await s.waitForText('L-049');
  await s.press(KEYS.tab, KEYS.up);
  await s.waitForText('L-030');
  assert.match(paneTop(s.frame()) + lines(s.frame())[3], /paused/);
});

test('screen: the reader has no input line; its keys act at once', async (t) => {
  const s = await mount(t, { role: 'reader' });
  await s.waitForText('R-001');
  assert.doesNotMatch(s.frame(), /›/);
  assert.match(paneTop(s.frame()), /^╔═+╗╭─+╮$/, 'first pane focused from the start');
  await s.press('?');
  assert.match(s.frame(), /Keys/);
  await s.press(KEYS.escape, 'q');
  assert.equal(s.quits.length, 1);
});

test('screen: a terminal too small says so instead of drawing, and which keys quit where the focus is', async (t) => {
  const oneLine = (frame: string) => frame.replace(/\s+/g, ' ').trim();
  const writer = await mount(t, { rows: 8 });
  await writer.waitForText('Terminal too small');
  assert.match(oneLine(writer.frame()), /^Terminal too small \(100×8\); needs 100×\d+\. Ctrl\+C quits\.$/);
  const reader = await mount(t, { role: 'reader', rows: 8 });
  await reader.waitForText('Terminal too small');
  assert.match(oneLine(reader.frame()), /^Terminal too small \(100×8\); needs 100×\d+\. q or Ctrl\+C quits\.$/);
});

test('screen: on the too-small screen the writer keeps typing into its input line; Ctrl+C quits', async (t) => {
  const s = await mount(t, { rows: 8 });
  await s.waitForText('Terminal too small');
  await s.press('q', '2', 'r', KEYS.enter);
  assert.deepEqual(s.submitted, [['q2r']], 'q is text and the digit did not move the focus');
  assert.deepEqual(s.quits, []);
  await s.press(KEYS.ctrlC);
  assert.equal(s.quits.length, 1);
});

test('screen: while too small, q quits from a focused pane, as the message says', async (t) => {
  const s = await mount(t, { rows: 8 });
  await s.waitForText('Terminal too small');
  await s.press(KEYS.tab);
  await s.waitForText('q or Ctrl+C quits');
  await s.press('q');
  assert.equal(s.quits.length, 1);
});

test('screen: g goes to the first block, a paused pane counts new blocks, G follows again', async (t) => {
  const s = await mount(t, { left: 50 });
  await s.waitForText('L-049');
  await s.press(KEYS.tab, 'g');
  await s.waitForText('L-000');
  assert.match(paneTop(s.frame()) + lines(s.frame())[3], /paused/);
  assert.doesNotMatch(s.frame(), /new/, 'nothing new yet');
  await s.append(0, ['L-050', 'L-051']);
  await s.waitForText('paused · 2 new', 'the count of blocks appended since pausing');
  await s.press('G');
  await s.waitForText('L-051');
  assert.doesNotMatch(s.frame(), /paused/);
});

test('screen: 1–9 focus that pane; in the writer input line they are text', async (t) => {
  const s = await mount(t, { role: 'reader' });
  await s.waitForText('R-001');
  await s.press('2');
  assert.match(paneTop(s.frame()), /^╭─+╮╔═+╗$/, 'second pane focused');
  await s.press('1');
  assert.match(paneTop(s.frame()), /^╔═+╗╭─+╮$/, 'first pane focused');
  await s.press('9');
  assert.match(paneTop(s.frame()), /^╔═+╗╭─+╮$/, 'no pane 9: focus stays');

  const w = await mount(t, { role: 'writer' });
  await w.waitForText('R-001');
  await w.press('2');
  assert.match(w.frame(), /› 2/);
  assert.match(paneTop(w.frame()), /^╭─+╮╭─+╮$/, 'no pane focused while typing');
});
