// What a terminal's answers to the width probe mean (docs/untrusted-input.md#frame-widths): the
// question written at start-up, and which disputed kinds of cluster its replies say it draws at
// string-width's count. The writing and reading are source/terminal/width-probe.ts's.
import type { DisputedKind } from './terminal-width.js';

export interface ProbeSample {
  kind: DisputedKind;
  text: string;
}

// Two of each kind, one with its emoji below U+FFFF and one above: a terminal may treat the two
// planes differently (xterm.js's grapheme addon does), and a kind is drawn whole only where both come
// out right.
export const PROBE_SAMPLES: readonly ProbeSample[] = [
  { kind: 'emoji-presentation', text: '\u2764\ufe0f' },
  { kind: 'emoji-presentation', text: '\u{1f54a}\ufe0f' },
  { kind: 'emoji-modifier', text: '\u270b\u{1f3fd}' },
  { kind: 'emoji-modifier', text: '\u{1f44d}\u{1f3fd}' },
];

// string-width's count for every sample (test/unit/width-probe.test.ts holds it), as a figure: the
// probe is asked before the first frame, and string-width takes a few tens of ms to load.
const SAMPLE_COLUMNS = 2;

// DECRQM for mode 2027 (grapheme clustering).
const ASK_CLUSTERING = '\x1b[?2027$p';
const ASK_POSITION = '\x1b[6n';
const CONCEAL = '\x1b[8m';
const RESET_ATTRIBUTES = '\x1b[0m';
const ERASE_LINE = '\x1b[2K';

// Written at the top left of a blank screen before anything else is drawn there, in one write:
// each sample from the line's start, concealed, followed by a cursor-position request; then the
// line erased and the cursor back where it started. The terminal answers in order.
export function widthProbeQuery(): string {
  const samples = PROBE_SAMPLES.map((sample) => `\r${sample.text}${ASK_POSITION}`).join('');
  return `${ASK_CLUSTERING}${CONCEAL}${samples}\r${ERASE_LINE}${RESET_ATTRIBUTES}`;
}

export type ProbeReply =
  // DECRPM: 0 not recognized, 1 set, 2 reset, 3 permanently set, 4 permanently reset.
  | { kind: 'clustering'; state: number }
  // The cursor's column, 1 at the left edge.
  | { kind: 'position'; column: number };

// eslint-disable-next-line no-control-regex -- a terminal's reply is an escape sequence
const CLUSTERING_REPLY = /^\x1b\[\?2027;(\d)\$y$/;
// eslint-disable-next-line no-control-regex -- a terminal's reply is an escape sequence
const POSITION_REPLY = /^\x1b\[(\d{1,5});(\d{1,5})R$/;

// One input event (as Ink splits stdin) read as a reply to the probe, if it is one.
export function parseProbeReply(event: string): ProbeReply | undefined {
  const clustering = CLUSTERING_REPLY.exec(event);
  if (clustering) return { kind: 'clustering', state: Number(clustering[1]) };
  const position = POSITION_REPLY.exec(event);
  if (position) return { kind: 'position', column: Number(position[2]) };
  return undefined;
}

export interface ProbeAnswers {
  // DECRPM's state for mode 2027; undefined where the terminal did not answer.
  clustering?: number;
  // The column after each sample, in PROBE_SAMPLES' order, as far as they came.
  columns: readonly number[];
}

const CLUSTERING_SET = new Set([1, 3]);

// The kinds to draw whole: those whose every sample this terminal advanced by string-width's count.
// A sample not measured counts as right only where the terminal says it clusters graphemes: a
// measurement is what this terminal does, and a border out of place is worse than an escape.
export function kindsDrawnWhole(answers: ProbeAnswers): DisputedKind[] {
  const clusters = answers.clustering !== undefined && CLUSTERING_SET.has(answers.clustering);
  const kinds = [...new Set(PROBE_SAMPLES.map((sample) => sample.kind))];
  return kinds.filter((kind) =>
    PROBE_SAMPLES.every((sample, index) => {
      if (sample.kind !== kind) return true;
      const column = answers.columns[index];
      return column === undefined ? clusters : column - 1 === SAMPLE_COLUMNS;
    }),
  );
}
