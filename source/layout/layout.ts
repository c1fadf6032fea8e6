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
      // More panes than fit are shown a page at a time.
      panesPerPage: number;
      pageCount: number;
    };

export const HEADER_LINES = 2;
export const NOTICE_LINES = 1;
export const FOOTER_LINES = 1;
export const INPUT_LINES = 3;
const PANE_CHROME = 3;
const MIN_PANE_WIDTH = 36;
const MIN_BLOCK_LINES = 1;
// Below this many lines a pane shows too little to be worth it: page the panes instead.
const PAGED_MIN_BLOCK_LINES = 3;
const MIN_COLUMNS = 40;

// Never taller than rows - 1: at full height Ink redraws the whole terminal each frame.
// Every pane at once when each keeps a few block lines; otherwise as many rows of panes as keep
// that many (at least one row), and the rest on further pages.
export function computeLayout({ columns, rows, paneCount, withInputLine }: LayoutInput): Layout {
  const height = rows - 1;
  const fixed = HEADER_LINES + NOTICE_LINES + FOOTER_LINES + (withInputLine ? INPUT_LINES : 0);
  const available = height - fixed;
  const panes = Math.max(1, paneCount);
  const panesPerRow = Math.max(1, Math.min(panes, Math.floor(columns / MIN_PANE_WIDTH)));
  const rowsForAll = Math.ceil(panes / panesPerRow);
  const paneRows =
    Math.floor(available / rowsForAll) - PANE_CHROME >= PAGED_MIN_BLOCK_LINES
      ? rowsForAll
      : Math.max(1, Math.min(rowsForAll, Math.floor(available / (PANE_CHROME + PAGED_MIN_BLOCK_LINES))));
  const paneHeight = Math.floor(available / paneRows);
  const blockLines = paneHeight - PANE_CHROME;
  if (columns < MIN_COLUMNS || blockLines < MIN_BLOCK_LINES) {
    return {
      fits: false,
      need: { columns: Math.max(columns, MIN_COLUMNS), rows: fixed + PANE_CHROME + MIN_BLOCK_LINES + 1 },
    };
  }
  const panesPerPage = panesPerRow * paneRows;
  return {
    fits: true,
    height,
    panesPerRow,
    paneRows,
    paneWidth: Math.floor(columns / panesPerRow),
    paneHeight,
    blockLines,
    panesPerPage,
    pageCount: Math.ceil(panes / panesPerPage),
  };
}

// The panes on the page that holds `anchor` (the focused pane, or the last one focused).
export function pageOf(anchor: number, panesPerPage: number, paneCount: number): { first: number; end: number } {
  const pages = Math.max(1, Math.ceil(paneCount / panesPerPage));
  const page = Math.min(pages - 1, Math.max(0, Math.floor(anchor / panesPerPage)));
  const first = page * panesPerPage;
  return { first, end: Math.min(paneCount, first + panesPerPage) };
}
