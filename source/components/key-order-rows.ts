import chalk from 'chalk';
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import { fileTreeRuns } from '../decode/drive.js';
import type { KeyOrderEntry } from '../decode/key-order.js';
import { fitRuns } from '../text/fit.js';
import { blockRuns } from './block-rows.js';

// At most this share of a row goes to the key, so that a long key leaves room for its value.
const KEY_SHARE = 0.4;
const ARROW = ' → ';

// One run of runs as drawn in a row: escapes dim, cut with a dim … where it goes on.
function drawn(bytes: Uint8Array, width: number, inverse: boolean): string {
  const { runs, cut } = blockRuns(bytes, width);
  let text = '';
  for (const run of runs) text += run.escaped ? chalk.dim(run.text) : run.text;
  if (cut) text += chalk.dim('…');
  return inverse ? chalk.inverse(text || ' ') : text;
}

// One entry on one line, `KEY → VALUE`, each by the block-form rules (text, JSON, hex): keys and
// values are bytes, their encodings unrecorded. The selected entry's key is drawn in inverse.
export function entryRow(entry: KeyOrderEntry, rowWidth: number, selected: boolean): string {
  const keyRoom = Math.max(1, Math.floor(rowWidth * KEY_SHARE));
  const key = drawn(entry.key, keyRoom, selected);
  const valueRoom = Math.max(1, rowWidth - stringWidth(key) - ARROW.length);
  let row = `${key}${chalk.dim(ARROW)}${drawn(entry.value, valueRoom, false)}`;
  // Never reached while the widths agree; a line too wide would wrap and push the pane's border.
  if (stringWidth(row) > rowWidth) row = cliTruncate(row, rowWidth);
  return row;
}

// A drive's entry as its file tree lists it (`/README.md  31 B`, `/link → /README.md`), cut to the
// row with a dim …; the selected one in inverse.
export function fileRow(entry: KeyOrderEntry, rowWidth: number, selected: boolean): string {
  const runs = fileTreeRuns(entry.key, entry.value);
  const whole = fitRuns(runs, rowWidth);
  const shown = whole.cut ? fitRuns(runs, Math.max(0, rowWidth - 1)).runs : whole.runs;
  let text = '';
  for (const run of shown) text += run.escaped ? chalk.dim(run.text) : run.text;
  if (whole.cut) text += chalk.dim('…');
  return selected ? chalk.inverse(text || ' ') : text;
}
