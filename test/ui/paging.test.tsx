import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeLayout } from '../../source/layout/layout.js';
import { KEYS } from './helpers.js';
import { mount } from './screen-harness.js';

const PANES = 12;
const perPage = (() => {
  const layout = computeLayout({ columns: 80, rows: 24, paneCount: PANES, withInputLine: false });
  assert.ok(layout.fits && layout.pageCount > 1, '12 panes at 80x24 need paging');
  return layout.panesPerPage;
})();

// Pane n (1-based) holds "L-000"/"R-000" for the first two, "P<n>" for the rest.
const textOf = (pane: number) => (pane === 1 ? 'L-000' : pane === 2 ? 'R-000' : `P${pane} `);
const shows = (frame: string, pane: number) => frame.includes(textOf(pane));

test('paging: more panes than fit show a page at a time and say which', async (t) => {
  const s = await mount(t, { role: 'reader', columns: 80, rows: 24, paneCount: PANES, left: 1, right: 1 });
  await s.waitForText(`panes 1–${perPage} of ${PANES}`);
  for (let pane = 1; pane <= perPage; pane++) await s.waitForText(textOf(pane));
  const frame = s.frame();
  for (let pane = 1; pane <= perPage; pane++) assert.ok(shows(frame, pane), `pane ${pane} on page 1:\n${frame}`);
  assert.ok(!shows(frame, perPage + 1), `pane ${perPage + 1} is not on page 1`);
  assert.match(frame, /\] more panes/, 'the footer says how to see more');
  assert.ok(frame.split('\n').length <= 23, 'never taller than rows - 1');
});

test('paging: ] and [ turn pages, wrapping around; focus lands on the page', async (t) => {
  const s = await mount(t, { role: 'reader', columns: 80, rows: 24, paneCount: PANES, left: 1, right: 1 });
  await s.waitForText(`panes 1–${perPage} of ${PANES}`);
  await s.press(']');
  await s.waitForText(`panes ${perPage + 1}–${Math.min(PANES, 2 * perPage)} of ${PANES}`);
  await s.waitForText(textOf(perPage + 1));
  assert.ok(!s.frame().includes('L-000'), 'page 1 is gone');
  await s.press('[', '[');
  const lastFirst = Math.floor((PANES - 1) / perPage) * perPage + 1;
  await s.waitForText(`panes ${lastFirst}–${PANES} of ${PANES}`, 'wrapped to the last page');
  await s.press(']');
  await s.waitForText(`panes 1–${perPage} of ${PANES}`, 'wrapped to the first page');
});

test('paging: Tab past the last pane of a page shows the next page', async (t) => {
  const s = await mount(t, { role: 'reader', columns: 80, rows: 24, paneCount: PANES, left: 1, right: 1 });
  await s.waitForText(`panes 1–${perPage} of ${PANES}`);
  await s.press(...Array.from({ length: perPage }, () => KEYS.tab));
  await s.waitForText(`panes ${perPage + 1}–`);
  await s.press(KEYS.shiftTab);
  await s.waitForText(`panes 1–${perPage} of ${PANES}`);
});

test('paging: in the writer, ] typed in the input line is text, and the page stays', async (t) => {
  const s = await mount(t, { role: 'writer', columns: 80, rows: 30, paneCount: PANES, left: 1, right: 1 });
  await s.waitForText(/panes 1–\d+ of 12/);
  await s.press(']');
  assert.match(s.frame(), /› \]/, 'the ] is in the input line');
  assert.match(s.frame(), /panes 1–\d+ of 12/);
});
