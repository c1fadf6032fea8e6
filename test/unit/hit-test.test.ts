// What the mouse points at, from the layout alone (source/layout/hit-test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hitTest, inPaneArea } from '../../source/layout/hit-test.js';
import { computeLayout } from '../../source/layout/layout.js';

// The writer at 120×30: two panes side by side, 60 columns each, rows 2–23, blocks from row 4.
const writer = computeLayout({ columns: 120, rows: 30, paneCount: 2, withInputLine: true });
const writerArea = { layout: writer, page: { first: 0, end: 2 }, withInputLine: true };

test('a cell in a pane names the pane and its block line; borders and title name no line', () => {
  assert.ok(writer.fits);
  assert.deepEqual(hitTest(writerArea, { column: 5, row: 4 }), { kind: 'pane', pane: 0, blockLine: 0 });
  assert.deepEqual(hitTest(writerArea, { column: 60, row: 10 }), { kind: 'pane', pane: 1, blockLine: 6 });
  assert.deepEqual(hitTest(writerArea, { column: 119, row: 22 }), { kind: 'pane', pane: 1, blockLine: 18 });
  for (const row of [2, 3, 23]) {
    assert.deepEqual(hitTest(writerArea, { column: 5, row }), { kind: 'pane', pane: 0, blockLine: null }, `row ${row}`);
  }
});

test('the header, the input line, the notice and the footer', () => {
  assert.deepEqual(hitTest(writerArea, { column: 5, row: 0 }), { kind: 'elsewhere' });
  for (const row of [24, 25, 26]) assert.deepEqual(hitTest(writerArea, { column: 5, row }), { kind: 'input-line' });
  assert.deepEqual(hitTest(writerArea, { column: 5, row: 27 }), { kind: 'elsewhere' });
  assert.deepEqual(hitTest({ ...writerArea, withInputLine: false }, { column: 5, row: 24 }), { kind: 'elsewhere' });
  assert.equal(inPaneArea(writer, { column: 0, row: 2 }), true);
  assert.equal(inPaneArea(writer, { column: 0, row: 24 }), false);
});

test('panes of a later page, stacked, and a grid cell with no pane', () => {
  // 80×40 for five panes: two a row, three rows; the page holds panes 0–4.
  const layout = computeLayout({ columns: 80, rows: 40, paneCount: 5, withInputLine: false });
  assert.ok(layout.fits);
  const area = { layout, page: { first: 0, end: 5 }, withInputLine: false };
  const second = 2 + layout.paneHeight;
  assert.deepEqual(hitTest(area, { column: 41, row: second + 2 }), { kind: 'pane', pane: 3, blockLine: 0 });
  assert.deepEqual(hitTest(area, { column: 41, row: 2 + 2 * layout.paneHeight + 2 }), { kind: 'elsewhere' });
  const paged = { ...area, page: { first: 6, end: 8 } };
  assert.deepEqual(hitTest(paged, { column: 41, row: 4 }), { kind: 'pane', pane: 7, blockLine: 0 });
  const tooSmall = computeLayout({ columns: 20, rows: 5, paneCount: 1, withInputLine: false });
  assert.deepEqual(hitTest({ ...area, layout: tooSmall }, { column: 1, row: 4 }), { kind: 'elsewhere' });
});
