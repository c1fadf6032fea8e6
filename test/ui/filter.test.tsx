// & filters every pane: the prompt takes typed keys, Enter filters, titles count the matches, the
// block view steps through them, Esc clears. (History and live appends over a real swarm, and the
// too-slow /re/, are checked in test/e2e/filter-wrap.test.ts and test/integration/core-filter.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS } from './helpers.js';
import { mount } from './screen-harness.js';

test('filter: & takes q and w as text; Enter filters every pane, the title says matching N of LEN', async (t) => {
  const s = await mount(t, { role: 'reader', left: 60, rows: 20 });
  await s.waitForText('L-059');
  await s.press('&', 'q', 'w');
  await s.waitForText('filter panes: &qw▏');
  assert.deepEqual(s.quits, [], 'q went into the prompt');
  await s.press(KEYS.backspace, KEYS.backspace, 'l', '-', '0', '3', KEYS.enter);
  await s.waitForText('matching 10 of 60');
  const frame = s.frame();
  for (let seq = 30; seq < 40; seq++) assert.match(frame, new RegExp(`║ ${seq} L-0${seq}`));
  assert.doesNotMatch(frame, /L-029|L-040|L-059/, 'the blocks that do not match are not shown');
  // A new filter replaces it. The bottom row is the last match: Enter shows it, ← the match before.
  await s.press('&', '/', '5', '$', '/', KEYS.enter);
  await s.waitForText('matching 6 of 60');
  await s.press(KEYS.enter);
  await s.waitForText('core-2 block 55 of 60');
  await s.press('\x1b[D');
  await s.waitForText('core-2 block 45 of 60');
  await s.press(KEYS.escape, KEYS.escape);
  await s.waitForText('len 60');
  assert.match(s.frame(), /L-059/);
});

test('filter: a bad /re/ stays in the prompt with its reason; Esc leaves the panes as they were', async (t) => {
  const s = await mount(t, { role: 'reader', left: 5 });
  await s.waitForText('L-004');
  await s.press('&', '/', '(', '/', KEYS.enter);
  await s.waitForText('filter panes: &/(/▏ bad regular expression: Unterminated group');
  await s.press(KEYS.escape);
  assert.doesNotMatch(s.frame(), /filter panes|matching/);
  assert.match(s.frame(), /L-004/);
});

test('wrap: w in a pane says wrap in its title, and again takes it off', async (t) => {
  const s = await mount(t, { role: 'reader', left: 5 });
  await s.waitForText('L-004');
  await s.press('w');
  await s.waitForText(/core-2 wrap /);
  await s.press('w');
  await s.waitForText(/core-2 [0-9a-f]{8} len 5/);
});
