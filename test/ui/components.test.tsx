import { test } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { CorePane, type CorePaneProps, type PaneBlock } from '../../source/components/CorePane.js';
import { Footer } from '../../source/components/Footer.js';
import { Header } from '../../source/components/Header.js';
import { HelpOverlay } from '../../source/components/HelpOverlay.js';
import { InputLine } from '../../source/components/InputLine.js';
import { lineState } from '../../source/screen/line-editor.js';
import { Notice } from '../../source/components/Notice.js';
import { TooSmall } from '../../source/components/TooSmall.js';
import { BINDINGS, footerEntries, helpEntries } from '../../source/keys/keymap.js';
import { assertNothingRaw, lines, visible } from './helpers.js';

function pane(overrides: Partial<CorePaneProps> = {}): React.JSX.Element {
  const props: CorePaneProps = {
    name: 'core-2',
    shortKey: 'abcd1234',
    length: 3,
    local: 3,
    peers: 0,
    downloadRate: 0,
    uploadRate: 0,
    following: true,
    newer: 0,
    focused: false,
    marked: null,
    width: 80,
    height: 8,
    blocks: [
      { seq: 0, bytes: Buffer.from('first\n') },
      { seq: 1, bytes: Buffer.from('second\n') },
      { seq: 2, bytes: Buffer.from('third\n') },
    ],
    ...overrides,
  };
  return <CorePane {...props} />;
}

function frameOf(element: React.JSX.Element): string {
  const { lastFrame, unmount } = render(element);
  const frame = lastFrame() ?? '';
  unmount();
  return frame;
}

// --- CorePane ---

test('CorePane: the title shows name, short key, length, local blocks, peers and transfer rates', () => {
  const frame = visible(
    frameOf(pane({ length: 1234, local: 1000, peers: 2, downloadRate: 950, uploadRate: 12, width: 100, blocks: [] })),
  );
  const title = lines(frame)[1] ?? '';
  assert.match(title, /core-2 abcd1234 len 1234 · local 1000 · peers 2 · ↓950\/s ↑12\/s/);
  assert.doesNotMatch(title, /paused/);
  const idle = lines(visible(frameOf(pane({ width: 100, blocks: [] }))))[1] ?? '';
  assert.doesNotMatch(idle, /↓|↑/, 'no rates while nothing moves');
});

test('CorePane: seeding, the title counts the blocks here against the length, then says seeded', () => {
  const titleOf = (overrides: Partial<CorePaneProps>) =>
    lines(visible(frameOf(pane({ width: 100, blocks: [], peers: 1, ...overrides }))))[1] ?? '';
  assert.match(titleOf({ seeding: true, length: 1234, local: 1000 }), /core-2 abcd1234 local 1000 \/ 1234 · peers 1/);
  assert.match(
    titleOf({ seeding: true, seeded: true, length: 1234, local: 1234 }),
    /abcd1234 len 1234 · seeded · peers 1/,
  );
  const reading = titleOf({ length: 1234, local: 1234 });
  assert.match(reading, /len 1234 · local 1234 · peers 1/);
  assert.doesNotMatch(reading, /seeded/, 'a reader that is not seeding never says seeded');
});

test('CorePane: a paused pane says how many newer blocks are below it', () => {
  assert.match(lines(frameOf(pane({ following: false, newer: 42, width: 100 })))[1] ?? '', /paused · 42 new/);
  assert.doesNotMatch(lines(frameOf(pane({ following: false, newer: 0, width: 100 })))[1] ?? '', /new/);
});

test('CorePane: a core its writer truncated says so in the title, before the figures', () => {
  const title = lines(frameOf(pane({ truncatedTo: 2, width: 60 })))[1] ?? '';
  assert.match(title, /core-\d truncated to 2 \w+ len 3/);
  assert.doesNotMatch(visible(frameOf(pane({ truncatedTo: null }))), /truncated/);
});

test('CorePane: "paused" in the title when not following', () => {
  const paused = lines(frameOf(pane({ following: false })))[1] ?? '';
  assert.match(paused, /paused/);
  assert.match(paused, /len 3 · local 3 · peers 0/);
  assert.doesNotMatch(visible(frameOf(pane({ following: true }))), /paused/);
});

test('CorePane: "paused" stays visible in a pane as narrow as the layout makes them (80 columns, 2 panes)', () => {
  // computeLayout gives 40-column panes on an 80-column terminal, 50 on 100 columns.
  for (const width of [40, 50]) {
    const frame = visible(frameOf(pane({ width, length: 1500, local: 1500, peers: 12, following: false })));
    assert.match(lines(frame)[1] ?? '', /paused/, `width ${width}`);
  }
});

test('CorePane: each block on its own line with its sequence number, newest at the bottom', () => {
  const rows = lines(frameOf(pane()));
  assert.match(rows[2] ?? '', /│ 0 first\s+│/);
  assert.match(rows[3] ?? '', /│ 1 second\s+│/);
  assert.match(rows[4] ?? '', /│ 2 third\s+│/);
  assert.doesNotMatch(visible(frameOf(pane())), /\\x0a/, 'the trailing newline is not shown');
});

test('CorePane: sequence numbers are right-aligned to the widest', () => {
  const blocks: PaneBlock[] = [
    { seq: 98, bytes: Buffer.from('a\n') },
    { seq: 99, bytes: Buffer.from('b\n') },
    { seq: 100, bytes: Buffer.from('c\n') },
  ];
  const rows = lines(frameOf(pane({ length: 101, blocks })));
  assert.match(rows[2] ?? '', /│ {2}98 a/);
  assert.match(rows[3] ?? '', /│ {2}99 b/);
  assert.match(rows[4] ?? '', /│ 100 c/);
});

test('CorePane: a block still on its way shows a placeholder', () => {
  const blocks: PaneBlock[] = [
    { seq: 0, bytes: Buffer.from('here\n') },
    { seq: 1, bytes: undefined },
  ];
  const rows = lines(frameOf(pane({ length: 2, blocks })));
  assert.match(rows[2] ?? '', /0 here/);
  assert.match(rows[3] ?? '', /│ 1 …\s+│/);
});

test('CorePane: filtered, the title says matching N of LEN; with none matching the pane says so', () => {
  const frame = visible(frameOf(pane({ length: 40, local: 40, matching: 4 })));
  assert.match(frame, /core-2 abcd1234 matching 4 of 40 · local 40 · peers 0/);
  assert.match(visible(frameOf(pane({ length: 40, matching: 0, blocks: [] }))), /no block matches/);
});

test('CorePane: wrapped, a long block takes the rows below, unnumbered; the bottom block is whole', () => {
  const long = 'x'.repeat(30) + 'y'.repeat(30) + 'z'.repeat(10);
  const blocks = [
    { seq: 0, bytes: Buffer.from('first\n') },
    { seq: 1, bytes: Buffer.from('second\n') },
    { seq: 2, bytes: Buffer.from(`${long}\n`) },
  ];
  // 36 columns: 32 inside the border and padding, 30 of them for text after "N ".
  const rows = lines(visible(frameOf(pane({ width: 36, height: 7, wrap: true, blocks }))));
  assert.match(rows[1], / wrap abcd1234/);
  assert.deepEqual(
    rows.slice(2, 6).map((row) => row.slice(2, -2).trimEnd()),
    ['1 second', `2 ${'x'.repeat(30)}`, `  ${'y'.repeat(30)}`, `  ${'z'.repeat(10)}`],
    'four rows: block 0 is above them, off the pane',
  );
});

test('CorePane: an empty core says so', () => {
  assert.match(visible(frameOf(pane({ length: 0, local: 0, blocks: [] }))), /no blocks yet/);
});

test('CorePane: hostile bytes are shown escaped, never raw', () => {
  const hostile = [
    '\x1b]52;c;aGVsbG8=\x07',
    '\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\',
    '\x1b[2J\x1b[H',
    '\x1bP+q\x1b\\',
    '\u009b31m',
    'a\u202eb\u2066c\u200bd\ufeff',
    'cr\rlf\nbs\b',
  ];
  const blocks: PaneBlock[] = hostile.map((text, seq) => ({ seq, bytes: Buffer.from(`${text}\n`, 'utf8') }));
  blocks.push({ seq: blocks.length, bytes: Buffer.from([0xff, 0xc0, 0x80, 0x1b, 0x0a]) });
  const frame = frameOf(pane({ length: blocks.length, blocks, height: blocks.length + 3, width: 100 }));
  assertNothingRaw(frame);
  const text = visible(frame);
  assert.match(text, /\\x1b\]52;c;aGVsbG8=\\x07/);
  assert.match(text, /\\x1b\]8;;https:\/\/evil\.example\\x1b\\link/);
  assert.match(text, /\\x1b\[2J\\x1b\[H/);
  assert.match(text, /\\x1bP\+q\\x1b\\/);
  assert.match(text, /\\x9b31m/);
  assert.match(text, /a\\u202eb\\u2066c\\u200bd\\ufeff/);
  assert.match(text, /cr\\x0dlf\\x0abs\\x08/);
  // Not UTF-8: the block is binary, shown as hex.
  assert.match(text, /ffc0801b0a/);
});

test('CorePane: a long block is cut to the pane width, the border stays whole', () => {
  const frame = frameOf(
    pane({ length: 1, blocks: [{ seq: 0, bytes: Buffer.from(`${'x'.repeat(500)}\n`) }], width: 40 }),
  );
  for (const row of lines(frame)) assert.equal(stringWidth(row), 40, JSON.stringify(row));
  assert.match(lines(frame)[2] ?? '', /…/);
});

test('CorePane: a 1 MiB block renders quickly and cut', () => {
  const started = performance.now();
  const frame = frameOf(pane({ length: 1, blocks: [{ seq: 0, bytes: Buffer.alloc(1024 * 1024, 0x61) }], width: 60 }));
  assert.ok(performance.now() - started < 2000);
  assert.match(lines(frame)[2] ?? '', /a+…\s*│/);
  for (const row of lines(frame)) assert.equal(stringWidth(row), 60);
});

test('CorePane: a block wider than the pane keeps its whole sequence number and the space after it', () => {
  const blocks: PaneBlock[] = [
    { seq: 123455, bytes: Buffer.from('short\n') },
    { seq: 123456, bytes: Buffer.from(`${'x'.repeat(200)}\n`) },
  ];
  const rows = lines(frameOf(pane({ length: 123457, blocks, width: 30, height: 5 })));
  assert.match(rows[2] ?? '', /│ 123455 short/);
  assert.match(rows[3] ?? '', /│ 123456 x+…/);
});

test('CorePane: wide characters and tabs keep the border aligned', () => {
  const blocks: PaneBlock[] = [
    { seq: 0, bytes: Buffer.from('日本語のテキスト😀\n') },
    { seq: 1, bytes: Buffer.from('a\tb\tc\n') },
  ];
  const frame = frameOf(pane({ length: 2, blocks, width: 30 }));
  for (const row of lines(frame)) assert.equal(stringWidth(row), 30, JSON.stringify(row));
  assert.match(visible(frame), /a {7}b {7}c/);
});

test('CorePane: focused panes have a double border, others a round one', () => {
  assert.match(visible(frameOf(pane({ focused: true }))), /^╔/);
  assert.match(visible(frameOf(pane({ focused: false }))), /^╭/);
});

test('CorePane: exactly the given height, however many blocks', () => {
  const blocks: PaneBlock[] = Array.from({ length: 20 }, (_, seq) => ({ seq, bytes: Buffer.from(`b${seq}\n`) }));
  assert.equal(lines(frameOf(pane({ length: 20, blocks, height: 6 }))).length, 6);
  assert.equal(lines(frameOf(pane({ length: 0, blocks: [], height: 6 }))).length, 6);
});

// --- Header ---

test('Header: role, main key, peers, DHT state and storage', () => {
  const key = 'a1'.repeat(32);
  const frame = visible(
    frameOf(<Header role="writer" mainKeys={[key]} peers={3} dhtState="announced" storage="./writer-storage" />),
  );
  assert.match(frame, /many-cores writer/);
  assert.match(frame, new RegExp(`main key ${key}`));
  assert.match(frame, /peers 3 · DHT announced · storage \.\/writer-storage/);
});

test('Header: no key yet shows a placeholder; the reader is named', () => {
  const frame = visible(
    frameOf(<Header role="reader" mainKeys={[]} peers={0} dhtState="looking for writer (12s)" storage="/r" />),
  );
  assert.match(frame, /many-cores reader/);
  assert.match(frame, /main key …/);
  assert.match(frame, /DHT looking for writer \(12s\)/);
});

test('Header: two lines, never wrapped', () => {
  const frame = frameOf(
    <Header role="reader" mainKeys={['f'.repeat(64)]} peers={0} dhtState="offline" storage={`/${'x'.repeat(300)}`} />,
  );
  assert.equal(lines(frame).length, 2);
});

// --- Footer ---

test('Footer: each entry as key and description, separated', () => {
  const frame = visible(
    frameOf(
      <Footer
        entries={[
          { label: 'Ctrl+K', description: 'copy key' },
          { label: 'q Ctrl+C', description: 'quit' },
        ]}
        width={100}
      />,
    ),
  );
  assert.equal(frame, 'Ctrl+K copy key · q Ctrl+C quit');
});

test('Footer: the writer typing shows only keys that are not text', () => {
  const frame = visible(
    frameOf(<Footer entries={footerEntries({ role: 'writer', focus: 'input', helpOpen: false })} width={100} />),
  );
  assert.match(frame, /Ctrl\+K copy key/);
  assert.match(frame, /Tab focus/);
  assert.match(frame, /F1 help/);
  assert.match(frame, /Ctrl\+C quit/);
  assert.doesNotMatch(frame, /\?|\bq\b/);
});

test('Footer: one line even when the entries are wider than the terminal', () => {
  const entries = Array.from({ length: 40 }, (_, index) => ({ label: `K${index}`, description: 'something long' }));
  assert.equal(lines(frameOf(<Footer entries={entries} width={100} />)).length, 1);
});

test('Footer: too narrow for every key, it keeps help and quit and drops from the middle', () => {
  for (const width of [40, 60, 80, 100]) {
    const frame = visible(
      frameOf(<Footer entries={footerEntries({ role: 'reader', focus: 'pane', helpOpen: false })} width={width} />),
    );
    assert.match(frame, /\? F1 help · q Ctrl\+C quit$/, `at ${width} columns: ${frame}`);
    assert.ok(stringWidth(frame) <= width, `fits ${width} columns`);
  }
  const wide = visible(
    frameOf(<Footer entries={footerEntries({ role: 'reader', focus: 'pane', helpOpen: false })} width={100} />),
  );
  assert.match(wide, /^Ctrl\+K copy key · Tab focus/, 'the first entries stay while there is room');
});

// --- HelpOverlay ---

// Every binding as the overlay would list it, all keys named.
const everyEntry = () =>
  BINDINGS.filter((binding) => binding.action !== 'close-overlay').map((binding) => ({
    action: binding.action,
    label: binding.keys.join(' '),
    description: binding.description,
  }));

test('HelpOverlay: lists every binding it is given, with its description', () => {
  const bindings = helpEntries({ role: 'reader', focus: 'pane', helpOpen: false });
  const frame = visible(frameOf(<HelpOverlay bindings={bindings} width={100} />));
  assert.match(frame, /Keys/);
  for (const binding of bindings) {
    assert.ok(frame.includes(binding.label), binding.label);
    assert.ok(frame.includes(binding.description), binding.description);
  }
  assert.match(frame, /Esc, \? or q closes this help/);
});

test('HelpOverlay: labels are aligned in a column', () => {
  const bindings = everyEntry();
  const frame = visible(frameOf(<HelpOverlay bindings={bindings} width={100} />));
  const columns = new Set(
    bindings.map((binding) => {
      const row = lines(frame).find((line) => line.includes(binding.description)) ?? '';
      return row.indexOf(binding.description);
    }),
  );
  assert.equal(columns.size, 1, 'every description starts in the same column');
});

test('HelpOverlay: no wider than the terminal', () => {
  const bindings = everyEntry();
  for (const row of lines(frameOf(<HelpOverlay bindings={bindings} width={40} />)))
    assert.ok(stringWidth(row) <= 40, row);
});

// --- InputLine ---

test('InputLine: focused shows the text and a cursor in a double border', () => {
  const frame = visible(frameOf(<InputLine line={lineState('hello')} focused width={40} />));
  assert.match(frame, /^╔/);
  assert.match(frame, /› hello/);
  assert.equal(lines(frame).length, 3);
});

test('InputLine: unfocused and empty invites Tab', () => {
  const frame = visible(frameOf(<InputLine line={lineState('')} focused={false} width={40} />));
  assert.match(frame, /^╭/);
  assert.match(frame, /Tab here to type a line/);
});

test('InputLine: unfocused with text shows the text without the hint', () => {
  const frame = visible(frameOf(<InputLine line={lineState('draft')} focused={false} width={40} />));
  assert.match(frame, /› draft/);
  assert.doesNotMatch(frame, /Tab here/);
});

test('InputLine: a long line shows its end, on one line', () => {
  const value = `${'a'.repeat(100)}THE-END`;
  const frame = visible(frameOf(<InputLine line={lineState(value)} focused width={40} />));
  assert.equal(lines(frame).length, 3);
  assert.match(frame, /…a*THE-END/);
  for (const row of lines(frame)) assert.equal(stringWidth(row), 40);
});

// --- TooSmall ---

test('TooSmall: says the size it has, the size it needs, and how to quit, wrapped to fit', () => {
  const need = { columns: 40, rows: 15 };
  const oneLine = (frame: string) => frame.replace(/\s+/g, ' ').trim();
  const frame = visible(frameOf(<TooSmall columns={30} rows={8} need={need} quitKeys={['q', 'Ctrl+C']} />));
  assert.equal(oneLine(frame), 'Terminal too small (30×8); needs 40×15. q or Ctrl+C quits.');
  assert.ok(lines(frame).length <= 7, 'never taller than rows - 1');
  for (const row of lines(frame)) assert.ok(stringWidth(row) <= 30, `within 30 columns: ${row}`);
  const typing = visible(frameOf(<TooSmall columns={30} rows={8} need={need} quitKeys={['Ctrl+C']} />));
  assert.equal(oneLine(typing), 'Terminal too small (30×8); needs 40×15. Ctrl+C quits.');
});

// --- Notice ---

test('Notice: a copy says what went where', () => {
  const frame = visible(
    frameOf(
      <Notice
        notice={{ kind: 'copied', what: 'the main key', destinations: ['terminal (OSC 52)', 'xclip'] }}
        status="ignored"
      />,
    ),
  );
  assert.equal(frame, '✓ copied the main key to terminal (OSC 52) and xclip');
});

test('Notice: without a copy, the status', () => {
  assert.equal(
    visible(frameOf(<Notice notice={null} status="looking for the writer… 3s" />)),
    'looking for the writer… 3s',
  );
});

test('Notice: nothing to say still takes its line', () => {
  const { lastFrame, unmount } = render(
    <>
      <Notice notice={null} status={null} />
    </>,
  );
  assert.equal(lines(lastFrame()).length, 1);
  unmount();
});
