// / searches the focused pane: the prompt takes typed keys, Enter runs the search over the blocks
// on disk, matches are counted, n/N put them at the bottom of the pane. (The inverse highlight is
// checked in a real terminal: test/e2e/search.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS } from './helpers.js';
import { mount } from './screen-harness.js';

test('search: / opens a prompt that takes q and n as text; Esc cancels it', async (t) => {
  const s = await mount(t, { role: 'reader', left: 3 });
  await s.waitForText('L-002');
  await s.press('/', 'q', 'n');
  await s.waitForText('search pane: /qn▏');
  assert.deepEqual(s.quits, [], 'q went into the query');
  await s.press(KEYS.backspace, KEYS.escape);
  assert.doesNotMatch(s.frame(), /search pane/);
  await s.press('q');
  assert.equal(s.quits.length, 1, 'q quits again after the prompt closed');
});

test('search: Enter finds matching blocks and counts them; n and N put them at the bottom; Esc clears', async (t) => {
  const s = await mount(t, { role: 'reader', left: 60, rows: 20 });
  await s.waitForText('L-059');
  await s.press('/', 'l', '-', '0', '3', KEYS.enter);
  await s.waitForText('/l-03: 10 matches in 60 blocks', 'ignoring case');
  // The bottom block row of the focused (double-bordered) pane sits just above its bottom border.
  const atBottom = (seq: number) => new RegExp(`║ ${seq} L-0${seq}\\s*║[^\\n]*\\n╚`);
  await s.press('n');
  await s.waitForText(atBottom(30), 'n from the tail wraps to the first match, at the bottom');
  assert.match(s.frame(), /paused/);
  await s.press('n', 'n');
  await s.waitForText(atBottom(32));
  await s.press('N');
  await s.waitForText(atBottom(31));
  await s.press(KEYS.escape);
  assert.doesNotMatch(s.frame(), /matches/);
  await s.press('n');
  await s.waitForText(atBottom(31), 'n does nothing once the search is cleared');
});

test('search: a query with no match says so', async (t) => {
  const s = await mount(t, { role: 'reader', left: 5 });
  await s.waitForText('L-004');
  await s.press('/', 'z', 'z', 'z', KEYS.enter);
  await s.waitForText('/zzz: 0 matches in 5 blocks');
});

test('search: on a core that fits on screen, n marks each match in turn and Enter shows that one', async (t) => {
  const s = await mount(t, { role: 'reader', left: 5 });
  await s.waitForText('L-004');
  await s.press('/', 'L', '-', '00', KEYS.enter);
  await s.waitForText('/L-00: 5 matches in 5 blocks');
  await s.press('n');
  await s.press(KEYS.enter);
  await s.waitForText('core-2 block 0 of 5');
  await s.press(KEYS.escape, 'n', 'n', KEYS.enter);
  await s.waitForText('core-2 block 2 of 5');
  await s.press(KEYS.escape, 'N', KEYS.enter);
  await s.waitForText('core-2 block 1 of 5');
});
