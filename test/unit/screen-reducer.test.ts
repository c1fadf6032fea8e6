// The screen's behaviour, specified on its state machine: keys in, state and effects out, no Ink.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encode } from 'hypercore-id-encoding';
import messages from 'hyperbee/lib/messages.js';
import { helpEntries, type KeyPress } from '../../source/keys/keymap.js';
import { computeLayout } from '../../source/layout/layout.js';
import { FOLLOW } from '../../source/layout/scroll.js';
import type { SearchProgress } from '../../source/model/search.js';
import { NO_KEY, splitKeyBurst } from '../../source/screen/key-burst.js';
import type { MouseReport } from '../../source/screen/terminal-input.js';
import {
  NOTICE_MS,
  PASTE_LINES_WITHOUT_ASKING,
  WHEEL_STEP,
  keyEvent,
  reduce,
  reduceBurst,
  type Reduction,
  type ScreenEvent,
} from '../../source/screen/reduce.js';
import {
  INITIAL_SCREEN_STATE,
  focusedPaneOf,
  keyContextOf,
  markedBlockOf,
  pageShown,
  type ScreenFacts,
  type ScreenState,
} from '../../source/screen/screen-state.js';

const MAIN_KEY = Buffer.alloc(32, 1);
const paneKey = (index: number) => Buffer.alloc(32, 10 + index);

// Pane i holds `lengths[i]` blocks "block <seq> of <i>".
function facts(
  role: 'writer' | 'reader',
  lengths: number[] = [50, 2],
  overrides: Partial<ScreenFacts> = {},
): ScreenFacts {
  return {
    role,
    panes: lengths.map((length, index) => ({
      key: paneKey(index),
      length,
      blockAt: (seq: number) => (seq < length ? Buffer.from(`block ${seq} of ${index}\n`) : undefined),
    })),
    blockLines: 19,
    panesPerPage: lengths.length,
    mainKeys: [MAIN_KEY],
    readerCommandFor: (keys) => `many-cores reader ${keys.join(' ')}`,
    inputWidth: 94,
    detailWidth: 96,
    detailPage: 10,
    layout: computeLayout({ columns: 100, rows: 30, paneCount: lengths.length, withInputLine: role === 'writer' }),
    mouse: true,
    peers: 0,
    ...overrides,
  };
}

const key = (overrides: Partial<KeyPress>): KeyPress => ({ ...NO_KEY, ...overrides });
const K = {
  tab: key({ tab: true }),
  shiftTab: key({ tab: true, shift: true }),
  enter: key({ enter: true }),
  escape: key({ escape: true }),
  backspace: key({ backspace: true }),
  up: key({ upArrow: true }),
  down: key({ downArrow: true }),
  left: key({ leftArrow: true }),
  right: key({ rightArrow: true }),
  pageUp: key({ pageUp: true }),
  pageDown: key({ pageDown: true }),
  home: key({ home: true }),
  end: key({ end: true }),
  f1: key({ f1: true }),
  ctrlC: key({ ctrl: true, input: 'c' }),
  ctrlK: key({ ctrl: true, input: 'k' }),
};

// Feeds keys as the hook does: each item is one read, a string being text split into its keys.
function press(facts: ScreenFacts, ...keys: Array<string | KeyPress>): Reduction;
function press(facts: ScreenFacts, from: ScreenState, ...keys: Array<string | KeyPress>): Reduction;
function press(facts: ScreenFacts, ...rest: Array<string | KeyPress | ScreenState>): Reduction {
  const first = rest[0];
  const from =
    first !== undefined && typeof first === 'object' && 'slot' in first ? (rest.shift() as ScreenState) : null;
  let run: Reduction = { state: from ?? INITIAL_SCREEN_STATE, effects: [] };
  for (const item of rest as Array<string | KeyPress>) {
    const read = typeof item === 'string' ? key({ input: item }) : item;
    const next = feed(facts, run.state, splitKeyBurst(read).map(keyEvent));
    run = { state: next.state, effects: [...run.effects, ...next.effects] };
  }
  return run;
}

const feed = (facts: ScreenFacts, from: ScreenState, events: ScreenEvent[]): Reduction =>
  reduceBurst(from, events, facts);

const appended = (run: Reduction) =>
  run.effects.flatMap((effect) => (effect.kind === 'append-lines' ? [effect.lines] : []));
const copied = (run: Reduction) => run.effects.flatMap((effect) => (effect.kind === 'copy' ? [effect] : []));
const quits = (run: Reduction) => run.effects.filter((effect) => effect.kind === 'quit').length;

// --- The writer's input line ---

test('the writer starts on its input line; typed keys go into it, at the end', () => {
  const writer = facts('writer');
  assert.equal(keyContextOf(INITIAL_SCREEN_STATE, writer).focus, 'input');
  const run = press(writer, 'h', 'e', 'l', 'l', 'o');
  assert.deepEqual(run.state.input, { text: 'hello', cursor: 5 });
  assert.deepEqual(run.effects, []);
});

test('Backspace takes the last character off (DEL and ^H alike)', () => {
  const run = press(facts('writer'), 'hello', K.backspace, 'ab\b\x7f');
  assert.deepEqual(run.state.input, { text: 'hell', cursor: 4 });
});

test('Enter appends the line and clears the input; an empty line appends nothing', () => {
  const writer = facts('writer');
  const run = press(writer, 'hi there', K.enter);
  assert.deepEqual(appended(run), [['hi there']]);
  assert.deepEqual(run.state.input, { text: '', cursor: 0 });
  assert.deepEqual(press(writer, K.enter, K.enter).effects, []);
});

test('a line the disk refused is said, goes back into an empty input line, and clears once a line is stored', () => {
  const writer = facts('writer');
  const message = 'no space left on device in /d: last block stored was core-3 block 4';
  const sent = press(writer, 'lost line', K.enter);
  const failed = feed(writer, sent.state, [{ type: 'append-failed', message, unstoredLines: ['lost line', 'next'] }]);
  assert.deepEqual(failed.state.alert, { message, times: 1 });
  assert.deepEqual(failed.state.input, { text: 'lost line', cursor: 9 });
  // Sent again and refused again: the count says the Enter was tried.
  const resent = press(writer, failed.state, K.enter);
  assert.equal(resent.state.input.text, '');
  const again = feed(writer, resent.state, [{ type: 'append-failed', message, unstoredLines: ['lost line'] }]);
  assert.deepEqual(again.state.alert, { message, times: 2 });
  assert.deepEqual(again.state.input, failed.state.input);
  const other = feed(writer, again.state, [{ type: 'append-failed', message: 'another', unstoredLines: [] }]);
  assert.deepEqual(other.state.alert, { message: 'another', times: 1 });
  const stored = feed(writer, failed.state, [{ type: 'lines-stored' }]);
  assert.equal(stored.state.alert, null);
  assert.deepEqual(stored.state.input, failed.state.input, 'a stored line leaves the input alone');

  // What is being typed when the failure arrives is kept.
  const typing = press(writer, sent.state, 'new words');
  const kept = feed(writer, typing.state, [{ type: 'append-failed', message, unstoredLines: ['lost line'] }]);
  assert.deepEqual(kept.state.input, typing.state.input);
  assert.deepEqual(kept.state.alert, { message, times: 1 });
});

test("a reader's full disk is said on the notice line and stays; keys go on working", () => {
  const reader = facts('reader');
  const message = 'no space left on device in /d: 5 of 9 blocks stored; free some space, then start the seeder again';
  const full = feed(reader, INITIAL_SCREEN_STATE, [{ type: 'disk-full', message }]);
  assert.deepEqual(full.state.alert, { message, times: 1 });
  assert.deepEqual(full.effects, []);
  const scrolled = press(reader, full.state, 'G');
  assert.deepEqual(scrolled.state.alert, { message, times: 1 });
});

test('a history file set aside is said on the notice line until a line is stored, the input untouched', () => {
  const writer = facts('writer');
  const message = 'input history not loaded: it is not UTF-8; kept as input-history.unreadable-20261207-031500';
  const typing = press(writer, 'half a line');
  const said = feed(writer, typing.state, [{ type: 'history-set-aside', message }]);
  assert.deepEqual(said.state.alert, { message, times: 1 });
  assert.deepEqual(said.state.input, typing.state.input);
  assert.deepEqual(said.effects, []);
  assert.equal(feed(writer, said.state, [{ type: 'lines-stored' }]).state.alert, null);
});

test('the input line edits like a shell: by grapheme, by word, to either end', () => {
  const writer = facts('writer');
  const left = key({ leftArrow: true });
  const ctrlLeft = key({ leftArrow: true, ctrl: true });
  // abc ← ← X gives aXbc, not abcX.
  assert.deepEqual(press(writer, 'abc', left, left, 'X').state.input, { text: 'aXbc', cursor: 2 });
  // A skin-toned emoji and a letter with its combining mark are one character each.
  const emoji = press(writer, 'a👍🏽e\u0301', K.backspace, K.backspace);
  assert.deepEqual(emoji.state.input, { text: 'a', cursor: 1 });
  const home = press(writer, 'say hello world', key({ ctrl: true, input: 'a' }), key({ delete: true }));
  assert.equal(home.state.input.text, 'ay hello world');
  const words = press(writer, 'say hello world', ctrlLeft, key({ input: 'b', meta: true }), 'big ');
  assert.deepEqual(words.state.input, { text: 'say big hello world', cursor: 8 });
  const rubout = press(writer, 'cat path/to-file.txt', key({ ctrl: true, input: 'w' }));
  assert.equal(rubout.state.input.text, 'cat ');
  const killWord = press(writer, 'cat path/to-file.txt', key({ backspace: true, meta: true }));
  assert.equal(killWord.state.input.text, 'cat path/to-file.');
  const discard = press(writer, 'keep this', left, left, left, left, key({ ctrl: true, input: 'u' }));
  assert.deepEqual(discard.state.input, { text: 'this', cursor: 0 });
  const end = press(writer, discard.state, key({ ctrl: true, input: 'e' }), '!');
  assert.equal(end.state.input.text, 'this!');
});

test('↑ ↓ walk the lines sent; ↓ past the newest gives back what was being typed', () => {
  const writer = facts('writer');
  const sent = press(writer, 'first', K.enter, 'second', K.enter, 'draft');
  assert.deepEqual(
    sent.effects.filter((effect) => effect.kind === 'save-history'),
    [
      { kind: 'save-history', entries: ['first'] },
      { kind: 'save-history', entries: ['first', 'second'] },
    ],
  );
  const up = press(writer, sent.state, K.up);
  assert.equal(up.state.input.text, 'second');
  assert.equal(press(writer, up.state, K.up).state.input.text, 'first');
  assert.equal(press(writer, up.state, K.up, K.up, K.up).state.input.text, 'first', 'stops at the oldest');
  const back = press(writer, up.state, K.down);
  assert.deepEqual(back.state.input, { text: 'draft', cursor: 5 });
  // A recalled line is sent like a typed one.
  assert.deepEqual(appended(press(writer, up.state, K.enter)), [['second']]);
});

test('lines from earlier runs come before the ones sent since; a long line scrolls in its field', () => {
  const writer = facts('writer', [50, 2], { inputWidth: 20 });
  const typed = press(writer, 'now', K.enter);
  const loaded = feed(writer, typed.state, [{ type: 'history-loaded', entries: ['old one', 'old two'] }]);
  assert.deepEqual(loaded.state.history.entries, ['old one', 'old two', 'now']);
  const long = press(writer, 'x'.repeat(60));
  assert.ok(long.state.inputStart > 0, 'the field starts further along the line');
  const home = press(writer, long.state, K.home);
  assert.equal(home.state.inputStart, 0);
});

test('q ? c r z p 1 and / typed into the input line are text, not commands', () => {
  const run = press(facts('writer'), 'q', '?', 'c', 'r', 'z', 'p', '1', '/', 'Q');
  assert.equal(run.state.input.text, 'q?crzp1/Q');
  assert.deepEqual(run.effects, []);
  assert.equal(run.state.helpOpen, false);
  assert.equal(run.state.peersOpen, false);
  assert.equal(run.state.keyFormat, 'hex');
  assert.equal(run.state.slot, 0);
});

test('keys that arrive in one read edit the line in order: "abcd" DEL DEL Enter appends "ab"', () => {
  assert.deepEqual(appended(press(facts('writer'), 'abcd\x7f\x7f\r')), [['ab']]);
});

test('a paste appends each complete line in order, in one append, and keeps an unfinished last line', () => {
  const writer = facts('writer');
  const run = press(writer, 'x', 'y', 'z1\r\nline two\rpartial');
  assert.deepEqual(appended(run), [['xyz1', 'line two']]);
  assert.equal(run.state.input.text, 'partial');
  assert.deepEqual(appended(press(writer, 'a\nb\n')), [['a', 'b']]);
});

test("one read's effects are coalesced: its lines go to the writer together, first, and only its last history is saved", () => {
  const writer = facts('writer');
  const type = (text: string) => keyEvent(key({ input: text }));
  const run = feed(writer, INITIAL_SCREEN_STATE, [
    type('one'),
    keyEvent(K.enter),
    keyEvent(K.ctrlK),
    type('two'),
    keyEvent(K.enter),
  ]);
  assert.deepEqual(run.effects, [
    { kind: 'append-lines', lines: ['one', 'two'] },
    { kind: 'copy', what: 'the main key', text: MAIN_KEY.toString('hex') },
    { kind: 'save-history', entries: ['one', 'two'] },
  ]);
  // Reads apart are appended apart.
  assert.deepEqual(appended(press(writer, 'one\r', 'two\r')), [['one'], ['two']]);
});

test('controls inside pasted text are dropped, not acted on (Tab, Ctrl+K, BEL, NUL, C1)', () => {
  const run = press(facts('writer'), 'a\x07b\x00c\td\x0be\x9bf');
  assert.equal(run.state.input.text, 'abcdef');
  assert.deepEqual(run.effects, []);
  assert.equal(run.state.slot, 0);
});

test("the input line's Ctrl keys in a run of text edit it, as typed one by one", () => {
  const writer = facts('writer');
  assert.equal(press(writer, 'world\x01hello \x05!').state.input.text, 'hello world!');
  assert.equal(press(writer, 'one two\x17three').state.input.text, 'one three');
  assert.equal(press(writer, 'gone\x15kept').state.input.text, 'kept');
});

test('Ctrl+C inside a paste quits, and the rest of the paste is not acted on', () => {
  const run = press(facts('writer'), 'ab\x03cd\r');
  assert.equal(quits(run), 1);
  assert.deepEqual(appended(run), []);
  assert.equal(run.state.input.text, 'ab');
});

test('events of one burst after a quit are not acted on', () => {
  const reader = facts('reader');
  const run = feed(reader, INITIAL_SCREEN_STATE, [keyEvent(key({ input: 'q' })), keyEvent(key({ input: '?' }))]);
  assert.equal(quits(run), 1);
  assert.equal(run.state.helpOpen, false);
  const late = feed(reader, INITIAL_SCREEN_STATE, [
    keyEvent(K.ctrlC),
    { type: 'copied', what: 'x', text: 'x', destinations: ['tmux'] },
  ]);
  assert.deepEqual(late.effects, [{ kind: 'quit' }]);
  assert.equal(late.state.notice, null, 'a copy finished after the quit is not said');
});

test('typing is ignored while help is open; F1 opens it while typing, q closes it', () => {
  const writer = facts('writer');
  const open = press(writer, K.f1, 'x', 'y');
  assert.equal(open.state.helpOpen, true);
  assert.equal(open.state.input.text, '');
  const closed = press(writer, open.state, 'q');
  assert.equal(closed.state.helpOpen, false);
  assert.equal(quits(closed), 0);
  assert.equal(closed.state.input.text, '');
});

// --- Focus ---

test('Tab moves the focus input → pane 1 → pane 2 → input; Shift+Tab goes back, wrapping', () => {
  const writer = facts('writer');
  const focusAfter = (...keys: KeyPress[]) => {
    const { state } = press(writer, ...keys);
    return keyContextOf(state, writer).focus === 'input' ? 'input' : focusedPaneOf(state, writer);
  };
  assert.equal(focusAfter(K.tab), 0);
  assert.equal(focusAfter(K.tab, K.tab), 1);
  assert.equal(focusAfter(K.tab, K.tab, K.tab), 'input');
  assert.equal(focusAfter(K.shiftTab), 1);
  assert.equal(focusAfter(K.shiftTab, K.shiftTab), 0);
});

test('the reader has no input line: its first pane has the focus, 1–9 pick a pane that exists', () => {
  const reader = facts('reader');
  assert.equal(focusedPaneOf(INITIAL_SCREEN_STATE, reader), 0);
  assert.equal(focusedPaneOf(press(reader, '2').state, reader), 1);
  assert.equal(focusedPaneOf(press(reader, '2', '1').state, reader), 0);
  assert.equal(focusedPaneOf(press(reader, '9').state, reader), 0, 'no pane 9: the focus stays');
});

test('a too-small terminal changes nothing about keys: the writer keeps typing, Ctrl+C quits', () => {
  // Too small, the app gives one block line and one pane a page: the focus still never moves.
  const writer = facts('writer', [50, 2], { blockLines: 1, panesPerPage: 1 });
  const run = press(writer, 'q2r]', K.enter);
  assert.deepEqual(appended(run), [['q2r]']]);
  assert.equal(quits(run), 0);
  assert.equal(run.state.slot, 0);
  assert.equal(quits(press(writer, K.ctrlC)), 1);
});

// --- Keys on a pane ---

test('q on a pane quits; keys of one read act one by one (a reader given "?q" opens help, then closes it)', () => {
  const reader = facts('reader');
  assert.equal(quits(press(reader, 'q')), 1);
  const run = press(reader, '?q');
  assert.equal(quits(run), 0);
  assert.equal(run.state.helpOpen, false);
  assert.equal(quits(press(reader, '?', K.ctrlC)), 1, 'Ctrl+C quits with help open');
});

test('arrows, PgUp/PgDn, Home and End scroll the focused pane only; arrows do nothing while typing', () => {
  const writer = facts('writer');
  assert.deepEqual(press(writer, K.up).state.scrolls, [], 'typing: arrows are not scrolls');
  const visible = (...keys: KeyPress[]) => {
    const { state } = press(writer, K.tab, ...keys);
    const scroll = state.scrolls[0] ?? FOLLOW;
    return scroll.follow ? 'follow' : scroll.top;
  };
  assert.equal(visible(K.up), 30);
  assert.equal(visible(K.up, K.up, K.up, K.down), 29);
  assert.equal(visible(K.home), 0);
  assert.equal(visible(K.home, K.pageDown), 19);
  assert.equal(visible(K.home, K.pageDown, K.pageDown), 'follow');
  assert.equal(visible(K.pageUp), 12);
  assert.equal(visible(K.pageUp, K.end), 'follow');
  assert.equal(visible(key({ input: 'g' })), 0);
  assert.equal(visible(key({ input: 'g' }), key({ input: 'G' })), 'follow');
  assert.equal(press(writer, K.tab, K.up).state.scrolls[1], undefined, 'the other pane did not move');
});

test("t turns a bee's pane to key order and back (an effect opens and closes its view); a raw pane stays a log", () => {
  const selected = { seq: 7 as number | null };
  const reader = facts('reader', [50, 2]);
  const beeFacts: ScreenFacts = {
    ...reader,
    panes: reader.panes.map((pane, index) =>
      index === 0 ? { ...pane, hasKeyOrder: true, selectedEntrySeq: () => selected.seq } : pane,
    ),
  };
  const turned = press(beeFacts, 't');
  assert.deepEqual(turned.state.paneViews, ['key-order']);
  assert.deepEqual(turned.effects, [{ kind: 'show-key-order', pane: 0, shown: true }]);
  assert.equal(keyContextOf(turned.state, beeFacts).keyOrder, true);

  const moves = press(beeFacts, turned.state, K.up, K.down, K.pageUp, K.pageDown, K.home, K.end, 'g', 'G');
  assert.deepEqual(
    moves.effects.map((effect) => (effect.kind === 'move-key-order' ? `${effect.pane} ${effect.move}` : effect.kind)),
    ['0 scroll-up', '0 scroll-down', '0 page-up', '0 page-down', '0 top', '0 bottom', '0 top', '0 bottom'],
  );
  assert.deepEqual(moves.state.scrolls, [], 'the log did not scroll');

  assert.deepEqual(press(beeFacts, turned.state, K.enter).state.detail, { pane: 0, seq: 7, top: 0 });
  selected.seq = null;
  assert.equal(press(beeFacts, turned.state, K.enter).state.detail, null, 'no entry in view: Enter shows nothing');

  const back = press(beeFacts, turned.state, 't');
  assert.deepEqual(back.state.paneViews, ['log']);
  assert.deepEqual(back.effects, [{ kind: 'show-key-order', pane: 0, shown: false }]);

  const raw = press(beeFacts, '2', 't');
  assert.deepEqual(raw.state.paneViews, [], 'a raw core has no key order');
  assert.deepEqual(raw.effects, []);
  assert.deepEqual(feed(beeFacts, turned.state, [{ type: 'panes-replaced' }]).state.paneViews, []);
});

test('c, r, Ctrl+K copy keys as shown; z switches hex and z-base-32', () => {
  const reader = facts('reader');
  assert.deepEqual(copied(press(reader, '2', 'c')), [
    { kind: 'copy', what: 'the key of pane 2', text: paneKey(1).toString('hex') },
  ]);
  assert.deepEqual(copied(press(reader, 'r')), [
    { kind: 'copy', what: 'a reader command', text: `many-cores reader ${MAIN_KEY.toString('hex')}` },
  ]);
  assert.deepEqual(copied(press(reader, 'z', K.ctrlK)), [
    { kind: 'copy', what: 'the main key', text: encode(MAIN_KEY) },
  ]);
  assert.deepEqual(copied(press(facts('writer'), 'ab', K.ctrlK)), [
    { kind: 'copy', what: 'the main key', text: MAIN_KEY.toString('hex') },
  ]);
  assert.deepEqual(copied(press(facts('writer', [], { mainKeys: [] }), K.ctrlK)), [], 'no key yet: nothing');
});

test('p opens the peers view from a pane, in both roles; Esc or p again closes it', () => {
  const reader = facts('reader');
  const open = press(reader, 'p');
  assert.equal(open.state.peersOpen, true);
  assert.equal(keyContextOf(open.state, reader).peersOpen, true);
  assert.equal(press(reader, open.state, K.escape).state.peersOpen, false, 'Esc closes it');
  assert.equal(press(reader, open.state, 'p').state.peersOpen, false, 'p closes it');
  assert.equal(press(facts('reader', []), 'p').state.peersOpen, true, 'also while the reader is still looking');

  const writer = facts('writer');
  assert.equal(press(writer, K.tab, 'p').state.peersOpen, true, 'the writer, with a pane focused');
  const typed = press(writer, 'p');
  assert.equal(typed.state.peersOpen, false, 'the writer typing: p is a letter');
  assert.equal(typed.state.input.text, 'p');
});

test('in the peers view q quits, ? and Ctrl+K work, pane keys do nothing and close nothing', () => {
  const reader = facts('reader');
  const open = press(reader, 'p').state;
  assert.equal(quits(press(reader, open, 'q')), 1);
  assert.equal(quits(press(reader, open, K.ctrlC)), 1);
  assert.deepEqual(copied(press(reader, open, K.ctrlK)), [
    { kind: 'copy', what: 'the main key', text: MAIN_KEY.toString('hex') },
  ]);
  const helped = press(reader, open, '?');
  assert.equal(helped.state.helpOpen, true);
  const back = press(reader, helped.state, K.escape).state;
  assert.equal(back.helpOpen, false);
  assert.equal(back.peersOpen, true, 'closing help goes back to the peers view');
  const others = press(reader, open, K.up, K.tab, 'c', 'r', '/', K.enter, 'x');
  assert.deepEqual(others.effects, []);
  assert.deepEqual(others.state, open);
});

test('] and [ turn the page of panes, focusing the first pane of the page, wrapping', () => {
  const reader = facts('reader', [1, 1, 1, 1, 1], { panesPerPage: 2 });
  const after = (...keys: string[]) => {
    const { state } = press(reader, ...keys);
    return { focused: focusedPaneOf(state, reader), page: pageShown(state, reader) };
  };
  assert.deepEqual(after(']'), { focused: 2, page: { first: 2, end: 4 } });
  assert.deepEqual(after(']', ']'), { focused: 4, page: { first: 4, end: 5 } });
  assert.deepEqual(after(']', ']', ']'), { focused: 0, page: { first: 0, end: 2 } });
  assert.deepEqual(after('['), { focused: 4, page: { first: 4, end: 5 } });
  assert.deepEqual(press(facts('reader'), ']').state, INITIAL_SCREEN_STATE, 'not paged: ] does nothing');
});

// --- The block view ---

test('Enter shows the bottom block whole; ← → step, clamped; c copies its text; Esc closes it', () => {
  const reader = facts('reader', [3, 2]);
  const open = press(reader, K.enter);
  assert.deepEqual(open.state.detail, { pane: 0, seq: 2, top: 0 });
  assert.equal(press(reader, open.state, K.right).state.detail?.seq, 2, 'no block after the last');
  assert.equal(press(reader, open.state, K.left, K.left, K.left).state.detail?.seq, 0);
  assert.deepEqual(copied(press(reader, open.state, K.left, 'c')), [
    { kind: 'copy', what: 'block 1 of pane 1', text: 'block 1 of 0' },
  ]);
  assert.equal(press(reader, open.state, K.escape).state.detail, null);
  assert.equal(press(reader, open.state, 'q').state.detail, null, 'q closes the block view');
  assert.equal(quits(press(reader, open.state, 'q')), 0);
  assert.equal(press(reader, open.state, K.enter).state.detail, null, 'Enter closes it too');
});

test('↑ ↓ PgUp PgDn scroll the block view within its lines; another block starts at its top', () => {
  // A 40-line block (one hex dump row per 16 bytes) in a view of 10 lines a page.
  const long = Buffer.alloc(16 * 40, 0xff);
  const reader: ScreenFacts = {
    ...facts('reader', [2]),
    panes: [{ key: paneKey(0), length: 2, blockAt: (seq) => (seq === 1 ? long : Buffer.from('short\n')) }],
  };
  const open = press(reader, K.enter).state;
  const top = (...keys: KeyPress[]) => press(reader, open, ...keys).state.detail?.top;
  assert.equal(top(K.down, K.down), 2);
  assert.equal(top(K.down, K.up, K.up), 0);
  assert.equal(top(K.pageDown), 10);
  const lastTop = top(K.pageDown, K.pageDown, K.pageDown, K.pageDown, K.pageDown, K.pageDown) ?? 0;
  assert.ok(lastTop > 20 && lastTop < 40, `the last page ends at the last line (top ${lastTop})`);
  assert.equal(top(K.pageDown, K.pageDown, K.pageDown, K.pageDown, K.pageDown, K.pageDown, K.down), lastTop);
  assert.equal(top(K.pageDown, K.left), 0);
});

// --- Search ---

const progress = (overrides: Partial<SearchProgress>): SearchProgress => ({
  query: 'x',
  scope: 'local',
  scanned: 50,
  total: 50,
  searched: 50,
  matches: [],
  done: true,
  ...overrides,
});

test('/ opens the prompt; keys are text there; Enter starts the search of the focused pane', () => {
  const reader = facts('reader');
  const run = press(reader, '2', '/', 'q?nx', K.backspace, 'a', K.enter);
  assert.equal(quits(run), 0);
  assert.equal(run.state.searchPrompt, null);
  const target = { pane: 1, query: 'q?na', scope: 'local' };
  assert.deepEqual(run.state.search, target);
  assert.deepEqual(run.effects, [{ kind: 'start-search', target }]);
  assert.deepEqual(press(reader, '/', 'abc', K.escape).state, INITIAL_SCREEN_STATE, 'Esc cancels');
  assert.deepEqual(press(reader, '/', K.enter).effects, [], 'an empty query searches nothing');
});

test('progress of the search running is kept; progress of another is not', () => {
  const reader = facts('reader');
  const started = press(reader, '/', 'x', K.enter).state;
  const kept = reduce(started, { type: 'search-progress', progress: progress({ matches: [3] }) }, reader).state;
  assert.deepEqual(kept.searchProgress?.matches, [3]);
  const other = reduce(kept, { type: 'search-progress', progress: progress({ query: 'y', matches: [9] }) }, reader);
  assert.deepEqual(other.state.searchProgress?.matches, [3]);
});

test("panes replaced by a rewritten block 0: the old panes' search, scroll and block view are dropped", () => {
  const reader = facts('reader');
  const searched = press(reader, '2', K.pageUp, '/', 'x', K.enter).state;
  const found = reduce(searched, { type: 'search-progress', progress: progress({ matches: [1] }) }, reader).state;
  const opened = press(reader, found, 'n', K.enter).state;
  assert.notEqual(opened.detail, null);
  const replaced = reduce(opened, { type: 'panes-replaced' }, reader);
  assert.deepEqual(replaced.effects, [{ kind: 'cancel-search' }]);
  assert.deepEqual(replaced.state, INITIAL_SCREEN_STATE, 'as at the start');
  assert.deepEqual(reduce(INITIAL_SCREEN_STATE, { type: 'panes-replaced' }, reader).effects, []);
});

test('n and N step through the matches from the bottom, wrapping, each put at the bottom and marked', () => {
  const reader = facts('reader');
  const started = press(reader, '/', 'x', K.enter).state;
  const found = reduce(
    started,
    { type: 'search-progress', progress: progress({ matches: [5, 20, 40] }) },
    reader,
  ).state;
  const after = (...keys: string[]) => {
    const { state } = press(reader, found, ...keys);
    return { match: state.match, marked: markedBlockOf(state, reader, 0) };
  };
  // Following: the bottom is block 49, so n wraps to the first match.
  assert.deepEqual(after('n'), { match: 5, marked: 5 });
  assert.deepEqual(after('n', 'n'), { match: 20, marked: 20 });
  assert.deepEqual(after('N'), { match: 40, marked: 40 });
  assert.deepEqual(after('N', 'N'), { match: 20, marked: 20 });
  const { state } = press(reader, found, 'n');
  assert.deepEqual(state.scrolls[0], { follow: false, top: 0, seen: 50 }, 'as far as the core start allows');
});

test('a truncation that shortens the search forgets the match stepped to past its end', () => {
  const reader = facts('reader');
  const started = press(reader, '/', 'x', K.enter).state;
  const found = reduce(started, { type: 'search-progress', progress: progress({ matches: [5, 40] }) }, reader).state;
  const atForty = press(reader, found, 'N').state;
  assert.equal(atForty.match, 40);
  // The core was cut back to 30 blocks: the search starts again over those.
  const again = progress({ scanned: 0, total: 30, searched: 0, matches: [], done: false });
  assert.equal(reduce(atForty, { type: 'search-progress', progress: again }, reader).state.match, null);
  const atFive = press(reader, found, 'n').state;
  assert.equal(
    reduce(atFive, { type: 'search-progress', progress: again }, reader).state.match,
    5,
    'a match before the cut stays',
  );
});

test('a appears only after a search that left blocks out, and searches them all', () => {
  const reader = facts('reader');
  const started = press(reader, '/', 'x', K.enter).state;
  const partial = reduce(started, { type: 'search-progress', progress: progress({ searched: 30 }) }, reader).state;
  assert.deepEqual(press(reader, partial, 'a').effects, [
    { kind: 'start-search', target: { pane: 0, query: 'x', scope: 'all' } },
  ]);
  const whole = reduce(started, { type: 'search-progress', progress: progress({}) }, reader).state;
  assert.deepEqual(press(reader, whole, 'a').effects, []);
});

test('Esc clears the search and cancels it', () => {
  const reader = facts('reader');
  const started = press(reader, '/', 'x', K.enter).state;
  const run = press(reader, started, K.escape);
  assert.equal(run.state.search, null);
  assert.deepEqual(run.effects, [{ kind: 'cancel-search' }]);
});

// --- Copy notices ---

test('a copy says where it went, for a while; a later copy is not cleared by the earlier timer', () => {
  const reader = facts('reader');
  const first = reduce(
    INITIAL_SCREEN_STATE,
    { type: 'copied', what: 'the main key', text: 'k', destinations: ['terminal (OSC 52)'] },
    reader,
  );
  assert.deepEqual(first.state.notice, {
    kind: 'copied',
    id: 1,
    what: 'the main key',
    destinations: ['terminal (OSC 52)'],
  });
  assert.deepEqual(first.effects, [{ kind: 'later', ms: NOTICE_MS, event: { type: 'notice-expired', id: 1 } }]);
  const second = reduce(first.state, { type: 'copied', what: 'x', text: 'x', destinations: ['tmux'] }, reader).state;
  assert.equal(reduce(second, { type: 'notice-expired', id: 1 }, reader).state.notice?.id, 2);
  assert.equal(reduce(second, { type: 'notice-expired', id: 2 }, reader).state.notice, null);
});

test('a copy nothing took stays on screen for selecting by hand until Esc, which does nothing else', () => {
  const reader = facts('reader');
  const manual = reduce(INITIAL_SCREEN_STATE, { type: 'copied', what: 'w', text: 't', destinations: [] }, reader);
  assert.equal(manual.state.notice?.kind, 'manual');
  assert.deepEqual(manual.effects, []);
  const searching = press(reader, manual.state, '/', 'x', K.enter).state;
  const dismissed = press(reader, searching, K.escape).state;
  assert.equal(dismissed.notice, null);
  assert.notEqual(dismissed.search, null, 'the Esc went to the notice, not the search');
});

// --- The filter (&) and wrap (w) ---

// Pane 0 filtered to the blocks `seqs` (ascending).
function filteredFacts(seqs: number[], length = 50): ScreenFacts {
  const base = facts('reader', [length, 2]);
  const filtered = {
    count: seqs.length,
    seqAt: (index: number) => seqs[index],
    indexOf: (seq: number) => {
      const index = seqs.findIndex((each) => each >= seq);
      return index === -1 ? seqs.length : index;
    },
  };
  return { ...base, panes: base.panes.map((pane, index) => (index === 0 ? { ...pane, filtered } : pane)) };
}

const filterEffects = (run: Reduction) => run.effects.filter((effect) => effect.kind === 'filter-panes');

test('& opens a prompt taking every printable key; Enter filters every pane, Esc leaves the filter as it was', () => {
  const reader = facts('reader');
  const typing = press(reader, '&', 'q', 'w', '/');
  assert.equal(typing.state.filterPrompt, 'qw/');
  assert.equal(keyContextOf(typing.state, reader).filterTyping, true);
  assert.deepEqual(typing.effects, []);
  const run = press(reader, typing.state, K.backspace, K.backspace, 'x', K.enter);
  assert.equal(run.state.filterPrompt, null);
  assert.deepEqual(run.state.filter, { kind: 'substring', text: 'qx', needle: 'qx' });
  assert.deepEqual(filterEffects(run), [{ kind: 'filter-panes', filter: run.state.filter }]);
  const cancelled = press(reader, run.state, '&', 'abc', K.escape);
  assert.equal(cancelled.state.filterPrompt, null);
  assert.equal(cancelled.state.filter, run.state.filter, 'Esc in the prompt keeps the filter');
  assert.deepEqual(filterEffects(cancelled), []);
});

test('a bad /re/ stays in the prompt with its reason, to be mended; typing clears the reason', () => {
  const reader = facts('reader');
  const bad = press(reader, '&', '/(a/', K.enter);
  assert.equal(bad.state.filterPrompt, '/(a/');
  assert.match(bad.state.filterError ?? '', /^bad regular expression: /);
  assert.equal(bad.state.filter, null);
  assert.deepEqual(filterEffects(bad), []);
  const mending = press(reader, bad.state, K.backspace);
  assert.equal(mending.state.filterError, null);
  const mended = press(reader, mending.state, ')/', K.enter);
  assert.equal(mended.state.filter?.kind, 'regex');
});

test('Esc on a pane, or an empty &, clears the filter; a search is cleared first', () => {
  const reader = facts('reader');
  const filtered = press(reader, '&', 'block', K.enter).state;
  const cleared = press(reader, filtered, K.escape);
  assert.equal(cleared.state.filter, null);
  assert.deepEqual(filterEffects(cleared), [{ kind: 'filter-panes', filter: null }]);
  assert.equal(press(reader, filtered, '&', K.enter).state.filter, null);
  const searched = press(reader, filtered, '/', 'block', K.enter).state;
  const first = press(reader, searched, K.escape).state;
  assert.equal(first.search, null);
  assert.notEqual(first.filter, null, 'the first Esc clears the search');
  assert.equal(press(reader, first, K.escape).state.filter, null);
});

test('filtered, a pane scrolls by matching block, and Enter shows the matching block at its bottom', () => {
  const seqs = Array.from({ length: 30 }, (_, index) => index * 3 + 1);
  const reader = filteredFacts(seqs, 100);
  assert.equal(markedBlockOf(INITIAL_SCREEN_STATE, reader, 0), 88, 'following: the last match');
  const up = press(reader, K.up);
  assert.deepEqual(up.state.scrolls[0], { follow: false, top: 10, seen: 30 }, 'rows are matches: 30 - 19 - 1');
  assert.equal(markedBlockOf(up.state, reader, 0), 85);
  const top = press(reader, 'g');
  assert.equal(markedBlockOf(top.state, reader, 0), seqs[18]);
  assert.deepEqual(press(reader, top.state, K.enter).state.detail, { pane: 0, seq: 55, top: 0 });
  const detail = press(reader, top.state, K.enter, K.right, K.right).state.detail;
  assert.equal(detail?.seq, 61, '→ steps to the next matching block');
  assert.equal(press(reader, top.state, K.enter, K.left).state.detail?.seq, 52);
});

test('setting or clearing the filter puts every pane back to following its tail', () => {
  const reader = facts('reader');
  const scrolled = press(reader, K.up, K.up).state;
  assert.equal(scrolled.scrolls[0]?.follow, false);
  assert.deepEqual(press(reader, scrolled, '&', 'x', K.enter).state.scrolls, []);
});

test('--filter filters from the start; a rewritten block 0 keeps the filter for the new panes', () => {
  const reader = facts('reader');
  const parsed = { kind: 'substring', text: 'x', needle: 'x' } as const;
  const given = reduce(INITIAL_SCREEN_STATE, { type: 'filter-given', filter: parsed }, reader);
  assert.equal(given.state.filter, parsed);
  assert.deepEqual(given.effects, [{ kind: 'filter-panes', filter: parsed }]);
  const replaced = reduce(given.state, { type: 'panes-replaced' }, reader);
  assert.equal(replaced.state.filter, parsed);
});

test('w toggles wrapping in the focused pane only', () => {
  const reader = facts('reader');
  const wrapped = press(reader, 'w');
  assert.deepEqual(wrapped.state.wraps, [true]);
  assert.deepEqual(press(reader, wrapped.state, '2', 'w').state.wraps, [true, true]);
  assert.deepEqual(press(reader, wrapped.state, 'w').state.wraps, [false]);
  const writer = facts('writer');
  assert.deepEqual(press(writer, 'w').state.wraps, [], 'in the input line w is text');
  assert.equal(press(writer, 'w').state.input.text, 'w');
});

// --- Bracketed paste ---

const paste = (text: string): ScreenEvent => ({ type: 'paste', text, cut: false });

test('a paste lands on the input line at the cursor, its Ctrl+C, q and Tab text, its escapes dropped', () => {
  const writer = facts('writer');
  const typed = press(writer, 'ab', K.left);
  const run = feed(writer, typed.state, [paste('q\x03\tone\x1b[31m\r\ntwo\rthree\x1b]0;x\x07')]);
  assert.deepEqual(run.state.input, { text: 'aq\tone\ntwo\nthreeb', cursor: 16 });
  assert.deepEqual(run.effects, []);
  assert.equal(quits(run), 0);
  assert.equal(keyContextOf(run.state, writer).focus, 'input');
  // Enter appends each line as its own block, as if typed one by one; empty lines append nothing.
  const sent = press(writer, feed(writer, run.state, [paste('\n\n')]).state, K.enter);
  assert.deepEqual(appended(sent), [['aq\tone', 'two', 'three', 'b']]);
  assert.deepEqual(sent.state.history.entries.slice(-2), ['three', 'b']);
});

test('a paste with a pane focused goes to the input line and focuses it', () => {
  const writer = facts('writer');
  const run = feed(writer, press(writer, K.tab).state, [paste('text')]);
  assert.equal(run.state.slot, 0);
  assert.equal(run.state.input.text, 'text');
});

test(`Enter on more than ${PASTE_LINES_WITHOUT_ASKING} lines asks first; n goes back, y appends`, () => {
  const writer = facts('writer');
  const lines = Array.from({ length: PASTE_LINES_WITHOUT_ASKING + 1 }, (_, index) => `line ${index}`);
  const pasted = feed(writer, INITIAL_SCREEN_STATE, [paste(lines.join('\n'))]);
  const asked = press(writer, pasted.state, K.enter);
  assert.equal(asked.state.confirmLines, lines.length);
  assert.deepEqual(asked.effects, []);
  assert.equal(keyContextOf(asked.state, writer).confirming, true);
  // Keys typed meanwhile do not edit the line.
  const back = press(writer, asked.state, 'x', 'n');
  assert.equal(back.state.confirmLines, null);
  assert.equal(back.state.input.text, lines.join('\n'));
  assert.deepEqual(back.effects, []);
  const yes = press(writer, press(writer, back.state, K.enter).state, 'y');
  assert.deepEqual(appended(yes), [lines]);
  assert.equal(yes.state.input.text, '');
  const enter = press(writer, press(writer, back.state, K.enter).state, K.enter);
  assert.deepEqual(appended(enter), [lines]);
  const exactly = feed(writer, INITIAL_SCREEN_STATE, [paste(lines.slice(1).join('\n'))]);
  assert.deepEqual(appended(press(writer, exactly.state, K.enter)), [lines.slice(1)]);
});

test('a reader ignores a paste with a notice, unless the search prompt is open', () => {
  const reader = facts('reader');
  const ignored = feed(reader, INITIAL_SCREEN_STATE, [paste('q\x03\t')]);
  assert.equal(ignored.state.notice?.kind, 'info');
  assert.match(ignored.state.notice?.kind === 'info' ? ignored.state.notice.text : '', /paste ignored/);
  assert.equal(quits(ignored), 0);
  assert.equal(ignored.state.slot, 0);
  const prompt = feed(reader, press(reader, '/', 'a').state, [paste('needle\nq\x03\t.')]);
  assert.equal(prompt.state.searchPrompt, 'aneedle q .');
  assert.equal(prompt.state.notice, null);
  const searched = press(reader, prompt.state, K.enter);
  assert.deepEqual(searched.state.search, { pane: 0, query: 'aneedle q .', scope: 'local' });
});

// --- The mouse ---

const mouse = (button: MouseReport['button'], column: number, row: number): ScreenEvent => ({
  type: 'mouse',
  report: { button, column, row, release: false },
});

// The writer at 120×30 (source/layout: two panes of 60 columns, rows 2–23, block lines from row
// 4, 19 of them); pane 0 holds 50 blocks, pane 1 two.
function writerOnScreen(): ScreenFacts {
  const layout = computeLayout({ columns: 120, rows: 30, paneCount: 2, withInputLine: true });
  assert.ok(layout.fits);
  return facts('writer', [50, 2], { layout, blockLines: layout.blockLines, panesPerPage: layout.panesPerPage });
}

test('the wheel scrolls the pane under the pointer, focused or not', () => {
  const writer = writerOnScreen();
  const up = feed(writer, INITIAL_SCREEN_STATE, [mouse('wheel-up', 10, 10)]);
  assert.deepEqual(up.state.scrolls[0], { follow: false, top: 50 - 19 - WHEEL_STEP, seen: 50 });
  assert.equal(up.state.slot, 0, 'the focus stays on the input line');
  const down = feed(writer, up.state, [mouse('wheel-down', 10, 10), mouse('wheel-down', 10, 10)]);
  assert.deepEqual(down.state.scrolls[0], { follow: true });
  const elsewhere = feed(writer, INITIAL_SCREEN_STATE, [mouse('wheel-up', 10, 0), mouse('wheel-up', 10, 25)]);
  assert.deepEqual(elsewhere.state, INITIAL_SCREEN_STATE);
});

test('a click focuses a pane or the input line; on a block line it picks that block for Enter', () => {
  const writer = writerOnScreen();
  const onTitle = feed(writer, INITIAL_SCREEN_STATE, [mouse('left', 70, 3)]);
  assert.equal(focusedPaneOf(onTitle.state, writer), 1);
  assert.equal(onTitle.state.selected, null);
  // Pane 0 shows blocks 31–49 from row 4: row 6 is block 33.
  const picked = feed(writer, onTitle.state, [mouse('left', 10, 6)]);
  assert.equal(focusedPaneOf(picked.state, writer), 0);
  assert.equal(markedBlockOf(picked.state, writer, 0), 33);
  assert.deepEqual(press(writer, picked.state, K.enter).state.detail, { pane: 0, seq: 33, top: 0 });
  // A line below the last block picks nothing; a release or a right click does nothing.
  const short = feed(writer, INITIAL_SCREEN_STATE, [mouse('left', 70, 10)]);
  assert.equal(short.state.selected, null);
  const released = feed(writer, INITIAL_SCREEN_STATE, [
    { type: 'mouse', report: { button: 'left', column: 10, row: 6, release: true } },
    mouse('right', 10, 6),
  ]);
  assert.deepEqual(released.state, INITIAL_SCREEN_STATE);
  const back = feed(writer, picked.state, [mouse('left', 10, 25)]);
  assert.equal(back.state.slot, 0);
});

test('the wheel scrolls the block view; clicks do nothing under an overlay', () => {
  const writer = writerOnScreen();
  const long = { ...writer, panes: [{ ...writer.panes[0], blockAt: () => Buffer.from('x\n'.repeat(100)) }] };
  const opened = press(long, K.tab, K.enter);
  assert.notEqual(opened.state.detail, null);
  const scrolled = feed(long, opened.state, [mouse('wheel-down', 10, 10)]);
  assert.equal(scrolled.state.detail?.top, WHEEL_STEP);
  const clicked = feed(long, scrolled.state, [mouse('left', 70, 10)]);
  assert.deepEqual(clicked.state, scrolled.state);
  // A copy nothing took is shown over the panes too, for selecting by hand.
  const manual = feed(writer, INITIAL_SCREEN_STATE, [{ type: 'copied', what: 'x', text: 'x', destinations: [] }]);
  const under = feed(writer, manual.state, [mouse('left', 10, 6), mouse('wheel-up', 10, 6)]);
  assert.deepEqual(under.state, manual.state);
});

test('a paste at the & prompt is filter text; a click picks the matching block on that row', () => {
  const reader = facts('reader');
  const prompted = feed(reader, press(reader, '&').state, [paste('needle\nhay')]);
  assert.equal(prompted.state.filterPrompt, 'needle hay');
  const seqs = [3, 13, 23];
  const filtered = filteredFacts(seqs, 30);
  const clicked = feed(filtered, INITIAL_SCREEN_STATE, [mouse('left', 10, 4)]);
  assert.equal(clicked.state.selected?.seq !== undefined && seqs.includes(clicked.state.selected.seq), true);
});

test('the wheel scrolls the help and the peers view, as far as their last line', () => {
  // 120×20: a pane area of 12 lines. The help shows 7 entries of its list: less its border, its
  // title and the mouse's two lines.
  const layout = computeLayout({ columns: 120, rows: 20, paneCount: 2, withInputLine: true });
  assert.ok(layout.fits && layout.paneHeight * layout.paneRows === 12);
  const writer = facts('writer', [50, 2], { layout, peers: 30 });
  const help = press(writer, K.f1).state;
  const entries = helpEntries({ ...keyContextOf(help, writer), helpOpen: false }).length;
  const down = feed(
    writer,
    help,
    Array.from({ length: 20 }, () => mouse('wheel-down', 10, 5)),
  );
  assert.equal(down.state.overlayTop, entries - 7);
  assert.equal(feed(writer, down.state, [mouse('wheel-up', 10, 5)]).state.overlayTop, entries - 7 - WHEEL_STEP);
  assert.equal(press(writer, down.state, K.escape, K.tab, K.f1).state.overlayTop, 0, 'opened again at the top');
  // The peers view: 12 lines less 7 and 2 cores leave 3 rows, the last one "… and N more".
  const peers = press(writer, K.tab, 'p').state;
  assert.equal(peers.peersOpen, true);
  const scrolled = feed(
    writer,
    peers,
    Array.from({ length: 20 }, () => mouse('wheel-down', 10, 5)),
  );
  assert.equal(scrolled.state.overlayTop, 28);
  assert.equal(feed(writer, scrolled.state, [mouse('wheel-up', 10, 5)]).state.overlayTop, 28 - WHEEL_STEP);
});

// --- A drive's file view ---

const DRIVE_FORMAT = { kind: 'drive', blobsKey: Buffer.alloc(32, 7) } as const;

// A drive's file table node, as hyperbee encodes it.
const fileNode = (path: string, entry: object | null): Buffer =>
  messages.Node.encode({
    index: Buffer.alloc(0),
    key: Buffer.from(`files\0${path}`),
    value: entry === null ? null : Buffer.from(JSON.stringify(entry)),
  });

test("Enter on a drive's file row reads the file and shows it; c copies its path; Esc closes it", () => {
  const blob = { blockOffset: 0, blockLength: 1, byteOffset: 0, byteLength: 21 };
  const nodes = [
    Buffer.from('0a0868797065726265651200', 'hex'),
    fileNode('/link', { executable: false, linkname: '/README.md', blob: null, metadata: null }),
    fileNode('/README.md', { executable: false, linkname: null, blob, metadata: null }),
  ];
  const drive: ScreenFacts = {
    ...facts('reader', [3]),
    panes: [{ key: paneKey(0), length: 3, format: DRIVE_FORMAT, blockAt: (seq) => nodes[seq] }],
  };
  const open = press(drive, K.enter);
  assert.equal(open.state.detail, null);
  assert.deepEqual(open.state.file, { pane: 0, seq: 2, path: '/README.md', size: 21, top: 0, content: null });
  assert.deepEqual(open.effects, [{ kind: 'read-file', pane: 0, seq: 2, blob }]);
  assert.equal(keyContextOf(open.state, drive).fileOpen, true);

  const content = { bytes: Buffer.from('# hello\n'), cut: false };
  const read = feed(drive, open.state, [{ type: 'file-read', pane: 0, seq: 2, content }]);
  assert.deepEqual(read.state.file?.content, content);
  const stale = feed(drive, open.state, [{ type: 'file-read', pane: 0, seq: 1, content }]);
  assert.equal(stale.state.file?.content, null, 'an answer for another file is dropped');

  assert.deepEqual(copied(press(drive, read.state, 'c')), [
    { kind: 'copy', what: "the file's path", text: '/README.md' },
  ]);
  assert.equal(press(drive, read.state, K.escape).state.file, null);
  assert.equal(press(drive, read.state, 'q').state.file, null, 'q closes the file view');
  assert.equal(quits(press(drive, read.state, 'q')), 0);

  // A symlink's row is not a file: Enter shows the block.
  const onLink = press({ ...drive, blockLines: 1 }, K.up, K.enter).state;
  assert.equal(onLink.file, null);
  assert.deepEqual(onLink.detail, { pane: 0, seq: 1, top: 0 });
});

test('↑ ↓ PgUp PgDn scroll the file view within the lines read', () => {
  const node = fileNode('/log', { executable: false, linkname: null, blob: null, metadata: null });
  const drive: ScreenFacts = {
    ...facts('reader', [2]),
    panes: [{ key: paneKey(0), length: 2, format: DRIVE_FORMAT, blockAt: () => node }],
  };
  const lines = Array.from({ length: 40 }, (_, n) => `line ${n}`).join('\n');
  const open = feed(drive, press(drive, K.enter).state, [
    { type: 'file-read', pane: 0, seq: 1, content: { bytes: Buffer.from(lines), cut: false } },
  ]).state;
  const top = (...keys: KeyPress[]) => press(drive, open, ...keys).state.file?.top;
  assert.equal(top(K.down, K.down), 2);
  assert.equal(top(K.down, K.up, K.up), 0);
  assert.equal(top(K.pageDown), 10);
  assert.equal(top(K.pageDown, K.pageDown, K.pageDown, K.pageDown, K.pageDown), 30, 'the last page ends at line 40');
});
