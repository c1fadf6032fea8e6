import stringWidth from 'string-width';
import type { TextRun } from './sanitize.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// Cuts runs to `columns` terminal columns, whole graphemes only, measured the way Ink lays text
// out (string-width): Ink's own cut (slice-ansi) measures some scripts differently and lets a
// line run past its box. `cut` says whether anything was left out.
export function fitRuns(runs: readonly TextRun[], columns: number): { runs: TextRun[]; cut: boolean } {
  const fitted: TextRun[] = [];
  let used = 0;
  for (const run of runs) {
    let text = '';
    for (const { segment } of segmenter.segment(run.text)) {
      const width = stringWidth(segment);
      if (used + width > columns) {
        if (text) fitted.push({ text, escaped: run.escaped });
        return { runs: fitted, cut: true };
      }
      text += segment;
      used += width;
    }
    if (text) fitted.push({ text, escaped: run.escaped });
  }
  return { runs: fitted, cut: false };
}
