export interface LayoutInput {
  columns: number;
  rows: number;
  paneCount: number;
  withInputLine: boolean;
}

export type Layout =
  | { fits: false; need: { columns: number; rows: number } }
  | {
      fits: true;
      height: number;
      panesPerRow: number;
      paneRows: number;
      paneWidth: number;
      paneHeight: number;
      // Block lines inside a pane: its height less borders and title.
      blockLines: number;
    };

export const HEADER_LINES = 2;
export const NOTICE_LINES = 1;
export const FOOTER_LINES = 1;
export const INPUT_LINES = 3;
const PANE_CHROME = 3;
const MIN_PANE_WIDTH = 36;
const MIN_BLOCK_LINES = 1;
const MIN_COLUMNS = 40;

// Never taller than rows - 1: at full height Ink redraws the whole terminal each frame.
export function computeLayout({ columns, rows, paneCount, withInputLine }: LayoutInput): Layout {
  const height = rows - 1;
  const fixed = HEADER_LINES + NOTICE_LINES + FOOTER_LINES + (withInputLine ? INPUT_LINES : 0);
  const panes = Math.max(1, paneCount);
  const panesPerRow = Math.max(1, Math.min(panes, Math.floor(columns / MIN_PANE_WIDTH)));
  const paneRows = Math.ceil(panes / panesPerRow);
  const paneHeight = Math.floor((height - fixed) / paneRows);
  const blockLines = paneHeight - PANE_CHROME;
  if (columns < MIN_COLUMNS || blockLines < MIN_BLOCK_LINES) {
    return {
      fits: false,
      need: {
        columns: Math.max(columns, MIN_COLUMNS),
        rows: fixed + paneRows * (PANE_CHROME + MIN_BLOCK_LINES) + 1,
      },
    };
  }
  return {
    fits: true,
    height,
    panesPerRow,
    paneRows,
    paneWidth: Math.floor(columns / panesPerRow),
    paneHeight,
    blockLines,
  };
}
