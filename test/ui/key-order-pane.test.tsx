// A bee's contents in key order as the pane draws them (docs/screen.md#key-order-view).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import chalk from 'chalk';
import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { CorePane } from '../../source/components/CorePane.js';
import { KeyOrderPane, type KeyOrderPaneProps } from '../../source/components/KeyOrderPane.js';
import { assertNothingRaw, lines, visible } from './helpers.js';

const entry = (key: string | Buffer, value: string | Buffer, seq: number) => ({
  key: Buffer.isBuffer(key) ? key : Buffer.from(key),
  value: Buffer.isBuffer(value) ? value : Buffer.from(value),
  seq,
});

function frameOf(overrides: Partial<KeyOrderPaneProps> = {}): { frame: string; raw: string } {
  const props: KeyOrderPaneProps = {
    name: 'core-1',
    tag: 'bee',
    shortKey: 'abcd1234',
    length: 22,
    local: 22,
    peers: 1,
    entries: [entry('user/0', '{"n": 0}', 1), entry('user/1', 'plain text', 2)],
    selected: null,
    loaded: true,
    failure: null,
    focused: false,
    width: 60,
    height: 8,
    ...overrides,
  };
  const { lastFrame, unmount } = render(<KeyOrderPane {...props} />);
  const raw = lastFrame() ?? '';
  unmount();
  return { frame: visible(raw), raw };
}

test('KeyOrderPane: the title says key order and how many entries are in view; each row is KEY → VALUE', () => {
  const { frame } = frameOf({ width: 100 });
  const shown = lines(frame);
  assert.match(shown[1] ?? '', /core-1 abcd1234 bee · key order · 2 in view len 22 · local 22 · peers 1/);
  assert.match(shown[2] ?? '', /user\/0 → \{"n":0\}/, 'JSON compacted, by the block-form rules');
  assert.match(shown[3] ?? '', /user\/1 → plain text/);
});

test('KeyOrderPane: binary keys and values are hex, escapes are not written raw, and rows fit the pane', () => {
  const { frame, raw } = frameOf({
    entries: [
      entry(Buffer.from([0x00, 0xff, 0x10]), '\x1b[31mred\x1b]52;c;aGk=\x07', 3),
      entry('k'.repeat(200), 'v'.repeat(200), 4),
    ],
    width: 40,
  });
  assert.match(frame, /00ff10 → /);
  assertNothingRaw(raw);
  for (const line of lines(frame)) assert.ok(stringWidth(line) <= 40, line);
  const long = lines(frame).find((line) => line.includes('kkk')) ?? '';
  assert.match(long, /k…/, 'a long key is cut, leaving room for its value');
  assert.match(long, /→ v+…/);
});

test('KeyOrderPane: the selected entry of a focused pane is drawn inverse; a failed read says why; before the first read it says so', () => {
  const saved = chalk.level;
  try {
    chalk.level = 1;
    const { raw } = frameOf({ selected: 1, focused: true });
    assert.ok(raw.includes('\x1b[7muser/1'), 'the selected key in inverse');
    assert.ok(!raw.includes('\x1b[7muser/0'));
  } finally {
    chalk.level = saved;
  }
  assert.match(frameOf({ failure: 'the entries could not be read: timed out' }).frame, /could not be read: timed out/);
  assert.match(frameOf({ entries: [], loaded: false }).frame, /reading the keys…/);
  assert.match(frameOf({ entries: [], loaded: true }).frame, /no entries/);
});

test("CorePane: a bee's log says so in its title; a raw core's title names no view", () => {
  const props = {
    name: 'core-1',
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
    height: 6,
    blocks: [],
  };
  const titleOf = (element: React.JSX.Element) => {
    const { lastFrame, unmount } = render(element);
    const title = lines(visible(lastFrame()))[1] ?? '';
    unmount();
    return title;
  };
  assert.match(
    titleOf(<CorePane {...props} format={{ kind: 'bee' }} viewName="log" />),
    /core-1 abcd1234 bee · log len 3/,
  );
  assert.match(titleOf(<CorePane {...props} />), /core-1 abcd1234 len 3/);
});
