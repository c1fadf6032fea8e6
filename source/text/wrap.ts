import stringWidth from 'string-width';
import { fitRuns } from './fit.js';
import type { TextRun } from './sanitize.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// Runs broken into rows of `columns` terminal columns at most, whole graphemes only, measured as
// fitRuns measures (string-width), and no more than `maxRows` rows: `cut` says text was left out,
// and then the last row keeps a column free for the … that says so.
export function wrapRuns(
  runs: readonly TextRun[],
  columns: number,
  maxRows: number,
): { rows: TextRun[][]; cut: boolean } {
  const rows: TextRun[][] = [];
  let row: TextRun[] = [];
  let used = 0;
  let last: TextRun | null = null;
  const push = (segment: string, escaped: boolean) => {
    if (last && last.escaped === escaped) last.text += segment;
    else {
      last = { text: segment, escaped };
      row.push(last);
    }
  };
  for (const run of runs) {
    for (const { segment } of segmenter.segment(run.text)) {
      const width = stringWidth(segment);
      if (used + width > columns && used > 0) {
        if (rows.length + 1 === maxRows) return { rows: [...rows, fitRuns(row, columns - 1).runs], cut: true };
        rows.push(row);
        row = [];
        last = null;
        used = 0;
      }
      push(segment, run.escaped);
      used += width;
    }
  }
  if (row.length > 0 || rows.length === 0) rows.push(row);
  return { rows, cut: false };
}
