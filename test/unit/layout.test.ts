import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeLayout,
  pageOf,
  FOOTER_LINES,
  HEADER_LINES,
  INPUT_LINES,
  NOTICE_LINES,
  type Layout,
  type LayoutInput,
} from '../../source/layout/layout.js';

type Fitting = Extract<Layout, { fits: true }>;

function fits(input: LayoutInput): Fitting {
  const layout = computeLayout(input);
  assert.ok(layout.fits, `${JSON.stringify(input)} should fit`);
  return layout;
}

function fixedLines(withInputLine: boolean): number {
  return HEADER_LINES + NOTICE_LINES + FOOTER_LINES + (withInputLine ? INPUT_LINES : 0);
}

test('two panes side by side on a wide terminal', () => {
  const layout = fits({ columns: 160, rows: 40, paneCount: 2, withInputLine: true });
  assert.equal(layout.panesPerRow, 2);
  assert.equal(layout.paneRows, 1);
  assert.equal(layout.paneWidth, 80);
});

test('two panes stacked on a narrow terminal', () => {
  const layout = fits({ columns: 60, rows: 40, paneCount: 2, withInputLine: true });
  assert.equal(layout.panesPerRow, 1);
  assert.equal(layout.paneRows, 2);
  assert.equal(layout.paneWidth, 60);
});

test('many panes make a grid', () => {
  const layout = fits({ columns: 120, rows: 60, paneCount: 7, withInputLine: false });
  assert.equal(layout.panesPerRow, 3);
  assert.equal(layout.paneRows, 3);
  assert.equal(layout.paneWidth, 40);
});

test('one pane uses the whole width', () => {
  const layout = fits({ columns: 200, rows: 30, paneCount: 1, withInputLine: false });
  assert.equal(layout.panesPerRow, 1);
  assert.equal(layout.paneWidth, 200);
});

test('zero panes (still opening) lays out like one', () => {
  assert.deepEqual(
    computeLayout({ columns: 100, rows: 30, paneCount: 0, withInputLine: false }),
    computeLayout({ columns: 100, rows: 30, paneCount: 1, withInputLine: false }),
  );
});

test('the drawing is rows - 1 tall and everything fits in it', () => {
  for (const withInputLine of [true, false]) {
    for (const paneCount of [1, 2, 3, 5, 32]) {
      for (const columns of [40, 79, 80, 120, 250]) {
        for (let rows = 1; rows <= 80; rows++) {
          const layout = computeLayout({ columns, rows, paneCount, withInputLine });
          if (!layout.fits) continue;
          assert.equal(layout.height, rows - 1);
          const used = fixedLines(withInputLine) + layout.paneRows * layout.paneHeight;
          assert.ok(used <= rows - 1, `${used} lines used in ${rows} rows`);
          assert.ok(layout.panesPerRow * layout.paneWidth <= columns);
          assert.equal(layout.panesPerPage, layout.panesPerRow * layout.paneRows);
          assert.ok(layout.panesPerPage * layout.pageCount >= paneCount, 'every pane is on some page');
          assert.ok(layout.blockLines >= 1);
          if (layout.pageCount > 1 && layout.paneRows > 1)
            assert.ok(layout.blockLines >= 3, 'paged panes keep 3 lines');
          assert.equal(layout.blockLines, layout.paneHeight - 3);
        }
      }
    }
  }
});

test('a terminal too narrow does not fit', () => {
  const layout = computeLayout({ columns: 30, rows: 40, paneCount: 2, withInputLine: true });
  assert.equal(layout.fits, false);
  assert.ok(!layout.fits && layout.need.columns >= 40);
});

test('a terminal too short does not fit', () => {
  const layout = computeLayout({ columns: 120, rows: 8, paneCount: 2, withInputLine: true });
  assert.equal(layout.fits, false);
});

test('"need" is exactly the smallest size that fits', () => {
  for (const withInputLine of [true, false]) {
    for (const paneCount of [1, 2, 4]) {
      for (const columns of [40, 80, 160]) {
        const small = computeLayout({ columns, rows: 3, paneCount, withInputLine });
        assert.equal(small.fits, false);
        if (small.fits) continue;
        assert.equal(computeLayout({ columns, rows: small.need.rows, paneCount, withInputLine }).fits, true);
        assert.equal(computeLayout({ columns, rows: small.need.rows - 1, paneCount, withInputLine }).fits, false);
      }
    }
  }
});

test('fits is monotonic in rows', () => {
  for (const withInputLine of [true, false]) {
    let fitted = false;
    for (let rows = 1; rows < 60; rows++) {
      const now = computeLayout({ columns: 100, rows, paneCount: 2, withInputLine }).fits;
      if (fitted) assert.ok(now, `fits at fewer rows but not at ${rows}`);
      fitted ||= now;
    }
    assert.ok(fitted);
  }
});

test('zero or negative sizes do not throw and do not fit', () => {
  for (const [columns, rows] of [
    [0, 0],
    [0, 24],
    [80, 0],
    [-1, -1],
  ] as const) {
    assert.equal(computeLayout({ columns, rows, paneCount: 2, withInputLine: true }).fits, false);
  }
});

test('32 panes on an 80x24 terminal are paged, each pane keeping a few lines', () => {
  const layout = fits({ columns: 80, rows: 24, paneCount: 32, withInputLine: false });
  assert.equal(layout.panesPerRow, 2);
  assert.ok(layout.blockLines >= 3);
  assert.equal(layout.pageCount, Math.ceil(32 / layout.panesPerPage));
  assert.ok(layout.pageCount > 1);
});

test('panes that all fit with a few lines each are not paged', () => {
  const layout = fits({ columns: 160, rows: 50, paneCount: 8, withInputLine: false });
  assert.equal(layout.pageCount, 1);
  assert.equal(layout.panesPerPage, 8);
});

test('pageOf gives the page holding the anchor, the last one possibly short', () => {
  assert.deepEqual(pageOf(0, 6, 32), { first: 0, end: 6 });
  assert.deepEqual(pageOf(7, 6, 32), { first: 6, end: 12 });
  assert.deepEqual(pageOf(31, 6, 32), { first: 30, end: 32 });
  assert.deepEqual(pageOf(99, 6, 32), { first: 30, end: 32 }, 'an anchor past the end shows the last page');
  assert.deepEqual(pageOf(0, 6, 0), { first: 0, end: 0 });
});
