// Which part of the screen a cell is in, from the layout alone (docs/screen.md#mouse): the mouse
// reports a cell, the reducer acts on what is there.
import { HEADER_LINES, INPUT_LINES, type Layout } from './layout.js';

// A pane's top border and its title come before its first block line.
const PANE_LINES_ABOVE_BLOCKS = 2;

export type HitTarget =
  // A pane of the page shown; `blockLine` counts the pane's block lines from its top (null: its
  // border or title).
  { kind: 'pane'; pane: number; blockLine: number | null } | { kind: 'input-line' } | { kind: 'elsewhere' };

export interface Cell {
  column: number;
  row: number;
}

export interface HitArea {
  layout: Layout;
  // The panes on the page shown: [first, end).
  page: { first: number; end: number };
  withInputLine: boolean;
}

export function hitTest({ layout, page, withInputLine }: HitArea, { column, row }: Cell): HitTarget {
  if (!layout.fits) return { kind: 'elsewhere' };
  const paneArea = layout.paneHeight * layout.paneRows;
  const inPanes = row - HEADER_LINES;
  if (inPanes >= paneArea) {
    const inputLines = withInputLine ? INPUT_LINES : 0;
    return inPanes - paneArea < inputLines ? { kind: 'input-line' } : { kind: 'elsewhere' };
  }
  if (inPanes < 0) return { kind: 'elsewhere' };
  const paneColumn = Math.floor(column / layout.paneWidth);
  if (paneColumn >= layout.panesPerRow) return { kind: 'elsewhere' };
  const pane = page.first + Math.floor(inPanes / layout.paneHeight) * layout.panesPerRow + paneColumn;
  if (pane >= page.end) return { kind: 'elsewhere' };
  const blockLine = (inPanes % layout.paneHeight) - PANE_LINES_ABOVE_BLOCKS;
  return { kind: 'pane', pane, blockLine: blockLine >= 0 && blockLine < layout.blockLines ? blockLine : null };
}

// The rows of the overlays drawn over the pane area (help, peers view, block view).
export function inPaneArea(layout: Layout, { row }: Cell): boolean {
  return layout.fits && row >= HEADER_LINES && row < HEADER_LINES + layout.paneHeight * layout.paneRows;
}
