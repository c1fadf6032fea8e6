// Property tests for docs/untrusted-input.md at the level the user sees: whatever bytes a remote writer puts in a
// block, the frame Ink draws holds nothing a terminal could act on, nothing invisible or reordering,
// and the layout stays whole (every line its width, the pane its height, one block a line).
// The sanitizer has its own properties in test/unit/sanitize.test.ts; these check that every path
// from a block to the frame goes through it, and that Ink's measuring and cutting keep the frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import React from 'react';
import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
// Ink's own colour library: turning its level up makes the frames carry the SGR codes a real
// terminal gets, so the checks below see Ink's escapes next to whatever the block held.
import chalk from 'chalk';
import stringWidth from 'string-width';
import { blockRow, blockRuns } from '../../source/components/block-rows.js';
import { CorePane, type PaneBlock } from '../../source/components/CorePane.js';
import { computeLayout } from '../../source/layout/layout.js';
import { CoreView } from '../../source/net/core-view.js';
import { blockLineText } from '../../source/text/block-encoding.js';
import { matchRanges } from '../../source/text/highlight.js';
import { cleanupFor } from '../../harness/cleanup.js';
import { storeIn } from '../../harness/store.js';
import { sleep, waitFor } from '../../harness/wait.js';
import { ticks } from './helpers.js';
import {
  codePoint,
  concat,
  hostileBlock,
  hostileBlockOfPieces,
  piece,
  printableAscii,
  raw,
  utf8,
} from '../helpers/hostile-bytes.js';
import { renderSized, testScreen } from './screen-harness.js';

// A failing property reports the assertion that failed, not only the counterexample.
fc.configureGlobal({ includeErrorInReport: true });

// ---------------------------------------------------------------------------------------------
// What a frame may hold.

const INK_SGR = /\x1b\[[0-9;]*m/g;

// Once Ink's colours are gone: no escape, no C0 but the newlines between lines, no DEL or C1,
// no bidi control, no zero-width or invisible format character, no line separator, no tag character.
const FORBIDDEN_IN_FRAME =
  /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

const segmenter = new Intl.Segmenter();

function visibleText(frame: string): string {
  return frame.replace(INK_SGR, '');
}

function describeCodePoint(text: string, index: number): string {
  const value = text.codePointAt(index) ?? 0;
  return `U+${value.toString(16).toUpperCase().padStart(4, '0')}`;
}

function assertNothingHostile(frame: string): void {
  const text = visibleText(frame);
  const match = FORBIDDEN_IN_FRAME.exec(text);
  if (match) {
    const line = text.slice(text.lastIndexOf('\n', match.index) + 1).split('\n')[0];
    assert.fail(`${describeCodePoint(text, match.index)} reached the frame, in line ${JSON.stringify(line)}`);
  }
}

const frameLines = (frame: string): string[] => visibleText(frame).split('\n');

// The grapheme at each column, as Ink measures: for finding borders where they should be.
function graphemeAtColumn(line: string, column: number): string | undefined {
  let at = 0;
  for (const { segment } of segmenter.segment(line)) {
    if (at === column) return segment;
    at += stringWidth(segment);
    if (at > column) return undefined;
  }
  return undefined;
}

// The graphemes from column `from` up to column `to`, as Ink measures.
function sliceColumns(line: string, from: number, to: number): string {
  let at = 0;
  let out = '';
  for (const { segment } of segmenter.segment(line)) {
    if (at >= from && at < to) out += segment;
    at += stringWidth(segment);
  }
  return out;
}

// Render, take the frame Ink drew, unmount. The frame is read before unmounting: under CI=true
// Ink writes a last frame of its own at unmount.
function frameOf(element: React.JSX.Element): string {
  const { lastFrame, unmount } = render(element);
  const frame = lastFrame() ?? '';
  unmount();
  return frame;
}

// Runs `body` once without colours (Ink then writes no escape at all, so any ESC is the block's)
// and once with Ink's 16 colours (so the SGR removal above is put to work).
function inBothColourModes(body: () => void): void {
  const saved = chalk.level;
  try {
    for (const level of [0, 1] as const) {
      chalk.level = level;
      body();
    }
  } finally {
    chalk.level = saved;
  }
}

test('hostile-frames: Ink writes colour codes when asked to, and none when not', () => {
  const saved = chalk.level;
  try {
    chalk.level = 1;
    assert.match(
      frameOf(<Text dimColor>x</Text>),
      /\x1b\[2m/,
      'chalk.level did not reach Ink: the colour mode checks would be vacuous',
    );
    chalk.level = 0;
    assert.doesNotMatch(frameOf(<Text dimColor>x</Text>), /\x1b/);
  } finally {
    chalk.level = saved;
  }
});

// ---------------------------------------------------------------------------------------------
// A block's row on its own, in a box of the row's width.

// Block 0 in a pane whose text column is `width` wide.
function rowOf(bytes: Uint8Array, width: number): string {
  return blockRow({ seq: 0, bytes }, { seqWidth: 1, textWidth: width, rowWidth: width + 2 }, false, null);
}

test('property: a block row draws any block as one line within its width, with nothing hostile', () => {
  fc.assert(
    fc.property(hostileBlock, fc.integer({ min: 1, max: 100 }), (bytes, width) => {
      inBothColourModes(() => {
        const frame = frameOf(
          <Box width={width + 2}>
            <Text>{rowOf(bytes, width)}</Text>
          </Box>,
        );
        assertNothingHostile(frame);
        const rows = frameLines(frame);
        assert.equal(rows.length, 1, `one line, got ${JSON.stringify(rows)}`);
        const columns = stringWidth(rows[0] ?? '');
        assert.ok(columns <= width + 2, `${columns} columns in a box of ${width + 2}: ${JSON.stringify(rows[0])}`);
      });
    }),
    { numRuns: 80 },
  );
});

test('property: a block row of wide characters and escapes is never wider than its width', {}, () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom('日', '😀', 'a', 'ab', '\x1b').map(utf8), { maxLength: 20 }).map(concat),
      fc.integer({ min: 1, max: 40 }),
      (bytes, width) => {
        const columns = stringWidth(rowOf(bytes, width));
        assert.ok(columns <= width + 2, `${columns} columns for ${width + 2}: ${JSON.stringify(rowOf(bytes, width))}`);
      },
    ),
    { numRuns: 200 },
  );
});

// What a row was when each was an element: Ink's frame of this must equal the row's, byte for
// byte, whatever the block, the width, the mark, the search and the colours.
function RowAsElements(props: {
  bytes: Uint8Array | undefined;
  width: number;
  marked: boolean;
  highlight: string | null;
}) {
  const { bytes, width, marked, highlight } = props;
  const decoded = bytes ? blockRuns(bytes, width) : null;
  const inverseParts = (text: string): React.ReactNode[] => {
    if (!highlight) return [text];
    const parts: React.ReactNode[] = [];
    let from = 0;
    for (const [start, end] of matchRanges(text, highlight)) {
      if (start < from) continue;
      parts.push(
        text.slice(from, start),
        <Text key={start} inverse>
          {text.slice(start, end)}
        </Text>,
      );
      from = end;
    }
    parts.push(text.slice(from));
    return parts;
  };
  return (
    <Text wrap="truncate-end">
      <Text dimColor={!marked} inverse={marked}>
        7
      </Text>{' '}
      {decoded ? (
        <Text wrap="truncate-end">
          {decoded.runs.map((run, index) =>
            run.escaped ? (
              <Text key={index} dimColor>
                {run.text}
              </Text>
            ) : (
              <Text key={index}>{inverseParts(run.text)}</Text>
            ),
          )}
          {decoded.cut ? <Text dimColor>…</Text> : null}
        </Text>
      ) : (
        <Text dimColor>…</Text>
      )}
    </Text>
  );
}

test('property: a block row is the frame Ink drew for the same row as elements', () => {
  fc.assert(
    fc.property(
      fc.option(hostileBlock, { nil: undefined }),
      fc.integer({ min: 1, max: 60 }),
      fc.boolean(),
      fc.option(fc.constantFrom('a', 'B', '日', 'x1b', '0'), { nil: null }),
      (bytes, width, marked, highlight) => {
        inBothColourModes(() => {
          const row = blockRow(
            { seq: 7, bytes },
            { seqWidth: 1, textWidth: width, rowWidth: width + 2 },
            marked,
            highlight,
          );
          const box = (child: React.JSX.Element) => frameOf(<Box width={width + 2}>{child}</Box>);
          assert.equal(
            box(<Text>{row}</Text>),
            box(<RowAsElements bytes={bytes} width={width} marked={marked} highlight={highlight} />),
          );
        });
      },
    ),
    { numRuns: 150 },
  );
});

// ---------------------------------------------------------------------------------------------
// CorePane: borders, title, one block a line, exactly its size.

const FULL_WIDTH = 100; // ink-testing-library's stdout

function paneFrame(blocks: Uint8Array[], width: number, extraHeight: number, focused: boolean): string {
  const paneBlocks: PaneBlock[] = blocks.map((bytes, seq) => ({ seq, bytes }));
  return frameOf(
    <CorePane
      name="core-2"
      shortKey="abcd1234"
      length={blocks.length}
      local={blocks.length}
      peers={1}
      downloadRate={0}
      uploadRate={0}
      following
      newer={0}
      marked={null}
      focused={focused}
      width={width}
      height={blocks.length + 3 + extraHeight}
      blocks={paneBlocks}
    />,
  );
}

// What a row's text may be: the block's line (sanitized text, or hex where it is binary), whole,
// or a prefix of it cut with '…'.
// The oracle decodes at most 8 KiB (a pane never shows more); a pane decodes only the first few
// hundred bytes of a long block, so where its cut splits a UTF-8 sequence the first bytes show as
// hex escapes the longer decoding does not have, and a block of zero-width marks may be cut short.
const ORACLE_BYTES = 8 * 1024;
function assertRowShowsBlock(content: string, bytes: Uint8Array, textWidth: number, seq: number): void {
  const line = blockLineText(bytes, ORACLE_BYTES);
  const whole = line.text.endsWith('…') ? line.text.slice(0, -1) : line.text;
  const mustBeCut = whole !== line.text || stringWidth(whole) > textWidth;
  const shown = content.trimEnd();
  if (shown.endsWith('…')) {
    const kept = shown.slice(0, -1).trimEnd();
    const candidates = [kept, kept.replace(/(?:\\x[89a-f][0-9a-f]){1,3}$/, '')];
    assert.ok(
      candidates.some((candidate) => whole.startsWith(candidate) || whole.trimEnd().startsWith(candidate)),
      `block ${seq}: ${JSON.stringify(kept.slice(0, 80))} is not the start of ${JSON.stringify(whole.slice(0, 80))}`,
    );
  } else {
    assert.ok(!mustBeCut, `block ${seq} is wider than ${textWidth} columns and must end cut: ${JSON.stringify(shown)}`);
    assert.equal(shown, whole.trimEnd(), `block ${seq} fits its ${textWidth} columns and is shown whole`);
  }
}

function assertPaneWhole(frame: string, blocks: Uint8Array[], width: number, height: number): void {
  assertNothingHostile(frame);
  const rows = frameLines(frame);
  assert.equal(rows.length, height, `the pane is ${height} lines high`);
  for (const [index, row] of rows.entries()) {
    assert.equal(stringWidth(row), width, `line ${index} is ${width} columns: ${JSON.stringify(row)}`);
  }
  assert.match(rows[0] ?? '', /^[╭╔][─═]+[╮╗]$/);
  assert.match(rows[rows.length - 1] ?? '', /^[╰╚][─═]+[╯╝]$/);
  // Side borders, and the left padding; the right padding may hold a truncation's overshoot.
  for (const row of rows.slice(1, -1)) assert.match(row, /^[│║] .*[│║]$/u, 'side borders in place');
  assert.match(rows[1] ?? '', /^[│║] core-2/, 'the title line is the title');

  const seqWidth = String(Math.max(0, blocks.length - 1)).length;
  const textWidth = Math.max(1, width - 4 - seqWidth - 1);
  for (const [seq, bytes] of blocks.entries()) {
    const row = rows[2 + seq] ?? '';
    const prefix = `${row.slice(0, 2)}${String(seq).padStart(seqWidth)} `;
    assert.ok(
      row.startsWith(prefix) && /^[│║] $/.test(row.slice(0, 2)),
      `block ${seq} on line ${2 + seq}: ${JSON.stringify(row)}`,
    );
    // Between the sequence number and the right border.
    assertRowShowsBlock(row.slice(prefix.length, -1), bytes, textWidth, seq);
  }
  for (const row of rows.slice(2 + blocks.length, -1))
    assert.match(row, /^[│║] +[│║]$/, 'lines below the blocks are empty');
}

test('property: CorePane keeps its size and borders, one block a line, nothing hostile', () => {
  fc.assert(
    fc.property(
      fc.array(hostileBlock, { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 20, max: FULL_WIDTH }),
      fc.integer({ min: 0, max: 2 }),
      fc.boolean(),
      (blocks, width, extraHeight, focused) => {
        inBothColourModes(() => {
          const frame = paneFrame(blocks, width, extraHeight, focused);
          assertPaneWhole(frame, blocks, width, blocks.length + 3 + extraHeight);
        });
      },
    ),
    { numRuns: 60 },
  );
});

test('property: CorePane with many blocks keeps one line per block (10–12 blocks, sequence numbers 2 wide)', () => {
  fc.assert(
    fc.property(
      fc.array(hostileBlockOfPieces, { minLength: 10, maxLength: 12 }),
      fc.integer({ min: 24, max: FULL_WIDTH }),
      (blocks, width) => {
        const frame = paneFrame(blocks, width, 0, false);
        assertPaneWhole(frame, blocks, width, blocks.length + 3);
      },
    ),
    { numRuns: 20 },
  );
});

// The characters the sanitizer lets through that Ink measures as 0 columns, on their own.
const zeroWidthPassingThrough = fc
  .constantFrom(
    0x00ad,
    0x115f,
    0x1160,
    0x3164,
    0xffa0,
    0x2065,
    0xfff0,
    0x1d173,
    0x1bca0,
    0x13430,
    0x0600,
    0xe0080,
    0xfe0f,
    0x0301,
  )
  .map(codePoint);

test('property: zero-width graphemes neither hide what follows nor pull the border in', {}, () => {
  fc.assert(
    fc.property(
      fc
        .array(fc.oneof({ arbitrary: zeroWidthPassingThrough, weight: 1 }, { arbitrary: piece, weight: 2 }), {
          minLength: 1,
          maxLength: 8,
        })
        .map(concat),
      (bytes) => {
        inBothColourModes(() => {
          const frame = paneFrame([bytes], 20, 0, false);
          assertPaneWhole(frame, [bytes], 20, 4);
          // And nothing the user sees is invisible: every grapheme takes a column.
          for (const { segment } of segmenter.segment(frameLines(frame)[2] ?? '')) {
            assert.ok(
              stringWidth(segment) > 0,
              `${describeCodePoint(segment, 0)} reached the frame raw and takes 0 columns in Ink`,
            );
          }
        });
      },
    ),
    { numRuns: 200 },
  );
});

const spacingMarkText = fc
  .array(
    fc.oneof(fc.constantFrom('कि', 'क्षि', 'கை', '\u{1d158}\u{1d165}\u{1d16e}', 'ab', 'x').map(utf8), printableAscii),
    { minLength: 1, maxLength: 30 },
  )
  .map(concat);

test('property: a block cut to the pane never reaches past its border', {}, () => {
  fc.assert(
    fc.property(spacingMarkText, fc.integer({ min: 20, max: 60 }), (bytes, width) => {
      assertPaneWhole(paneFrame([bytes], width, 0, false), [bytes], width, 4);
    }),
    { numRuns: 100 },
  );
});

// ---------------------------------------------------------------------------------------------
// The whole Screen over real CoreViews of a real Corestore holding the hostile blocks.

const BORDER = /^[│║╭╮╰╯╔╗╚╝]$/;

test('property: the whole Screen over a real Corestore of hostile blocks stays whole and clean', async (t) => {
  const store = await storeIn(cleanupFor(t));
  const main = store.get({ name: 'main' });
  await main.ready();
  let run = 0;
  const columns = FULL_WIDTH;
  await fc.assert(
    fc.asyncProperty(
      fc.array(hostileBlock, { maxLength: 8 }),
      fc.array(hostileBlock, { maxLength: 8 }),
      fc.constantFrom<'writer' | 'reader'>('writer', 'reader'),
      fc.integer({ min: 14, max: 24 }),
      async (left, right, role, rows) => {
        run++;
        const cores = [store.get({ name: `run-${run}-left` }), store.get({ name: `run-${run}-right` })];
        await Promise.all(cores.map((core) => core.ready()));
        const contents = [left, right];
        for (const [index, core] of cores.entries()) {
          const blocks = contents[index] ?? [];
          if (blocks.length > 0) await core.append(blocks.map((bytes) => Buffer.from(bytes)));
        }
        const views = cores.map((core, index) => new CoreView(`core-${index + 2}`, core));
        const app = renderSized(
          testScreen({ role, views, mainKeys: [main.key], onQuit: () => {}, onAppendLines: () => {} }),
          columns,
          rows,
        );
        try {
          const layout = computeLayout({ columns, rows, paneCount: 2, withInputLine: role === 'writer' });
          assert.ok(layout.fits, 'the test picks sizes that fit');
          // Wait until every block in view is read from disk, then for the frame that shows them.
          const inView = (blocks: Uint8Array[]) => {
            const first = Math.max(0, blocks.length - layout.blockLines);
            return Array.from({ length: blocks.length - first }, (_, offset) => first + offset);
          };
          await waitFor('the blocks in view to be read', () =>
            views.every((view, index) => inView(contents[index] ?? []).every((seq) => view.block(seq) !== undefined)),
          );
          await sleep(25);
          await ticks(3);

          const frame = app.lastFrame() ?? '';
          assertNothingHostile(frame);
          const lines = frameLines(frame);
          assert.equal(lines.length, rows - 1, `the screen is rows - 1 = ${rows - 1} lines`);
          for (const [index, line] of lines.entries()) {
            assert.ok(
              stringWidth(line) <= columns,
              `line ${index} is ${stringWidth(line)} columns: ${JSON.stringify(line)}`,
            );
          }
          // The pane area: two panes side by side, every line with its four borders in place.
          const paneLines = lines.slice(2, 2 + layout.paneHeight);
          for (const [index, line] of paneLines.entries()) {
            assert.equal(stringWidth(line), columns, `pane line ${index}: ${JSON.stringify(line)}`);
            for (const column of [0, layout.paneWidth - 1, layout.paneWidth, columns - 1]) {
              assert.match(
                graphemeAtColumn(line, column) ?? '',
                BORDER,
                `a border at column ${column} of pane line ${index}: ${JSON.stringify(line)}`,
              );
            }
          }
          // Each pane is exactly its height: its top and bottom borders on the first and last pane lines.
          const corners: Array<[string, RegExp, RegExp]> = [
            [paneLines[0] ?? '', /^[╭╔]$/, /^[╮╗]$/],
            [paneLines[paneLines.length - 1] ?? '', /^[╰╚]$/, /^[╯╝]$/],
          ];
          for (const [line, left, right] of corners) {
            for (const pane of [0, 1]) {
              assert.match(
                graphemeAtColumn(line, pane * layout.paneWidth) ?? '',
                left,
                `pane ${pane} corner: ${JSON.stringify(line)}`,
              );
              assert.match(
                graphemeAtColumn(line, (pane + 1) * layout.paneWidth - 1) ?? '',
                right,
                `pane ${pane} corner: ${JSON.stringify(line)}`,
              );
            }
          }
          // Each pane shows its tail, one block a line, with its sequence numbers in order.
          for (const [index, blocks] of contents.entries()) {
            const seqWidth = String(Math.max(0, blocks.length - 1)).length;
            for (const [offset, seq] of inView(blocks).entries()) {
              const line = paneLines[2 + offset] ?? '';
              const pane = sliceColumns(line, index * layout.paneWidth, (index + 1) * layout.paneWidth);
              assert.match(pane, /^[│║] /, `pane ${index}, block ${seq}: ${JSON.stringify(line)}`);
              assert.ok(
                pane.slice(2).startsWith(`${String(seq).padStart(seqWidth)} `),
                `pane ${index}, block ${seq}: ${JSON.stringify(line)}`,
              );
            }
          }
        } finally {
          app.unmount();
          for (const view of views) view.close();
          await Promise.all(cores.map((core) => core.close()));
        }
      },
    ),
    { numRuns: 10 },
  );
});

// ---------------------------------------------------------------------------------------------
// Hand-picked regressions with the text the user sees.

function shownRow(bytes: Uint8Array): string {
  const frame = paneFrame([bytes], FULL_WIDTH, 0, false);
  assertPaneWhole(frame, [bytes], FULL_WIDTH, 4);
  // '│ 0 ' … ' │'
  return (frameLines(frame)[2] ?? '').slice(4, -2).trimEnd();
}

const REGRESSIONS: Array<[string, Uint8Array, string]> = [
  ['OSC 52 clipboard write', utf8('\x1b]52;c;aGVsbG8=\x07'), '\\x1b]52;c;aGVsbG8=\\x07'],
  [
    'OSC 8 hyperlink',
    utf8('\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\'),
    '\\x1b]8;;https://evil.example\\x1b\\click\\x1b]8;;\\x1b\\',
  ],
  ['CSI 2J clear screen', utf8('\x1b[2Jgone?'), '\\x1b[2Jgone?'],
  ['OSC 0 title set', utf8('\x1b]0;pwned\x07'), '\\x1b]0;pwned\\x07'],
  ['DCS', utf8('\x1bP$q"p\x1b\\'), '\\x1bP$q"p\\x1b\\'],
  // Not UTF-8: one stray byte in short text, written out as every byte that is not UTF-8.
  ['C1 CSI as a raw byte', raw(0x9b, 0x32, 0x4a), '\\x9b2J'],
  ['C1 CSI as UTF-8 U+009B', raw(0xc2, 0x9b, 0x32, 0x4a), '\\x9b2J'],
  ['RLO U+202E', utf8('abc\u202edef'), 'abc\\u202edef'],
];

for (const [name, bytes, expected] of REGRESSIONS) {
  test(`regression: ${name} is shown as ${expected}`, () => {
    inBothColourModes(() => assert.equal(shownRow(bytes), expected));
  });
}

test('regression: escapes are drawn dimmed, the text around them is not', () => {
  const saved = chalk.level;
  try {
    chalk.level = 1;
    const frame = paneFrame([utf8('ok\x1b]52;c;aGVsbG8=\x07ok')], FULL_WIDTH, 0, false);
    assertNothingHostile(frame);
    const row = frame.split('\n')[2] ?? '';
    assert.match(row, /ok\x1b\[2m\\x1b\x1b\[22m\]52;c;aGVsbG8=\x1b\[2m\\x07\x1b\[22mok/);
  } finally {
    chalk.level = saved;
  }
});

test('regression: a 200 KiB block of OSC 52 is one cut line', () => {
  const unit = utf8('\x1b]52;c;aGVsbG8=\x07');
  const bytes = Buffer.alloc(200 * 1024);
  for (let offset = 0; offset < bytes.length; offset += unit.length)
    bytes.set(unit.subarray(0, bytes.length - offset), offset);
  const row = shownRow(bytes);
  assert.ok(row.startsWith('\\x1b]52;c;aGVsbG8=\\x07\\x1b]52;'), row);
  assert.ok(row.endsWith('…'), row);
});
