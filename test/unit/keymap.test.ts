import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appliesIn,
  BINDINGS,
  footerEntries,
  helpEntries,
  keyMatches,
  resolveAction,
  type Action,
  type KeyContext,
  type KeyPress,
} from '../../source/keys/keymap.js';
import { NO_KEY } from '../../source/screen/key-burst.js';

function press(overrides: Partial<KeyPress>): KeyPress {
  return { ...NO_KEY, ...overrides };
}

const text = (input: string) => press({ input });
const ctrl = (letter: string) => press({ input: letter, ctrl: true });

const WRITER_TYPING: KeyContext = { role: 'writer', focus: 'input', helpOpen: false };
const WRITER_PANE: KeyContext = { role: 'writer', focus: 'pane', helpOpen: false };
const READER: KeyContext = { role: 'reader', focus: 'pane', helpOpen: false };
const CONTEXTS: Array<[string, KeyContext]> = [
  ['writer typing', WRITER_TYPING],
  ['writer on a pane', WRITER_PANE],
  ['reader', READER],
  ['writer typing, help open', { ...WRITER_TYPING, helpOpen: true }],
  ['writer on a pane, help open', { ...WRITER_PANE, helpOpen: true }],
  ['reader, help open', { ...READER, helpOpen: true }],
  ['reader, panes paged', { ...READER, paged: true }],
  ['writer on a pane, panes paged', { ...WRITER_PANE, paged: true }],
  ['reader, block view', { ...READER, detailOpen: true }],
  ['writer, block view', { ...WRITER_PANE, detailOpen: true }],
  ['reader, block view, help open', { ...READER, detailOpen: true, helpOpen: true }],
  ['reader, typing a search', { ...READER, searchTyping: true }],
  ['reader, typing a filter', { ...READER, filterTyping: true }],
  ['reader, filtered', { ...READER, filterActive: true }],
  ['reader, search shown, partial', { ...READER, searchActive: true, searchPartial: true }],
  ['writer pane, search shown', { ...WRITER_PANE, searchActive: true }],
];

test('while the writer types, printable keys are text', () => {
  for (const input of ['q', 'Q', '?', 'c', 'r', 'z', 'a', ' ', '1', 'é', 'hello', 'q\nq']) {
    assert.equal(resolveAction(text(input), WRITER_TYPING), null, `"${input}" must be text`);
  }
});

test('while the writer types, Ctrl+K, Ctrl+C, Tab, Shift+Tab and F1 still act', () => {
  assert.equal(resolveAction(ctrl('k'), WRITER_TYPING), 'copy-main-key');
  assert.equal(resolveAction(ctrl('c'), WRITER_TYPING), 'quit');
  assert.equal(resolveAction(press({ tab: true }), WRITER_TYPING), 'focus-next');
  assert.equal(resolveAction(press({ tab: true, shift: true }), WRITER_TYPING), 'focus-previous');
  assert.equal(resolveAction(press({ f1: true }), WRITER_TYPING), 'help');
});

test('while the writer types, arrows, Home and End edit the input line; paging keys do nothing', () => {
  assert.equal(resolveAction(press({ upArrow: true }), WRITER_TYPING), 'history-older');
  assert.equal(resolveAction(press({ downArrow: true }), WRITER_TYPING), 'history-newer');
  assert.equal(resolveAction(press({ leftArrow: true }), WRITER_TYPING), 'cursor-left');
  assert.equal(resolveAction(press({ rightArrow: true }), WRITER_TYPING), 'cursor-right');
  assert.equal(resolveAction(press({ home: true }), WRITER_TYPING), 'line-start');
  assert.equal(resolveAction(press({ end: true }), WRITER_TYPING), 'line-end');
  for (const key of ['pageUp', 'pageDown'] as const) {
    assert.equal(resolveAction(press({ [key]: true }), WRITER_TYPING), null, key);
  }
});

test("the input line takes the shell's editing keys; Esc is not Alt", () => {
  const cases: Array<[Partial<KeyPress>, Action]> = [
    [{ leftArrow: true, ctrl: true }, 'word-left'],
    [{ rightArrow: true, ctrl: true }, 'word-right'],
    [{ leftArrow: true, meta: true }, 'word-left'],
    [{ input: 'b', meta: true }, 'word-left'],
    [{ input: 'f', meta: true }, 'word-right'],
    [{ input: 'a', ctrl: true }, 'line-start'],
    [{ input: 'e', ctrl: true }, 'line-end'],
    [{ backspace: true }, 'delete-before'],
    [{ backspace: true, meta: true }, 'delete-word-before'],
    [{ delete: true }, 'delete-under'],
    [{ input: 'w', ctrl: true }, 'delete-to-space'],
    [{ input: 'u', ctrl: true }, 'delete-to-start'],
    [{ input: 'k', ctrl: true }, 'copy-main-key'],
  ];
  for (const [keys, action] of cases) assert.equal(resolveAction(press(keys), WRITER_TYPING), action, action);
  assert.equal(resolveAction(press({ escape: true, meta: true }), WRITER_TYPING), null);
  assert.equal(resolveAction(text('b'), WRITER_TYPING), null, 'b alone is text');
});

test('on a focused pane, c / r / z / ? / q and the arrows act', () => {
  for (const context of [WRITER_PANE, READER]) {
    assert.equal(resolveAction(text('c'), context), 'copy-core-key');
    assert.equal(resolveAction(text('r'), context), 'copy-reader-command');
    assert.equal(resolveAction(text('z'), context), 'toggle-key-format');
    assert.equal(resolveAction(text('?'), context), 'help');
    assert.equal(resolveAction(press({ f1: true }), context), 'help');
    assert.equal(resolveAction(text('q'), context), 'quit');
    assert.equal(resolveAction(ctrl('c'), context), 'quit');
    assert.equal(resolveAction(ctrl('k'), context), 'copy-main-key');
    assert.equal(resolveAction(press({ upArrow: true }), context), 'scroll-up');
    assert.equal(resolveAction(press({ downArrow: true }), context), 'scroll-down');
    assert.equal(resolveAction(press({ pageUp: true }), context), 'page-up');
    assert.equal(resolveAction(press({ pageDown: true }), context), 'page-down');
    assert.equal(resolveAction(press({ home: true }), context), 'top');
    assert.equal(resolveAction(press({ end: true }), context), 'bottom');
  }
});

test('letters that mean nothing on a pane do nothing', () => {
  for (const input of ['a', 'x', 'Q', 'C', ' ']) {
    assert.equal(resolveAction(text(input), WRITER_PANE), null, input);
    assert.equal(resolveAction(text(input), READER), null, input);
  }
});

test('Ctrl+letters are not their plain letters', () => {
  assert.equal(resolveAction(ctrl('q'), READER), null);
  assert.equal(resolveAction(ctrl('r'), READER), null);
  assert.equal(resolveAction(ctrl('g'), READER), null);
  assert.equal(resolveAction(ctrl('z'), READER), 'suspend', 'Ctrl+Z stops the job, z toggles the key format');
});

test('with help open, Esc, ? , q and F1 close it; Ctrl+C still quits', () => {
  for (const [, context] of CONTEXTS.filter(([, context]) => context.helpOpen)) {
    assert.equal(resolveAction(press({ escape: true }), context), 'close-overlay');
    assert.equal(resolveAction(text('?'), context), 'close-overlay');
    assert.equal(resolveAction(text('q'), context), 'close-overlay');
    assert.equal(resolveAction(press({ f1: true }), context), 'close-overlay');
    assert.equal(resolveAction(ctrl('c'), context), 'quit');
  }
});

test('with help open, nothing else acts behind it', () => {
  for (const [, context] of CONTEXTS.filter(([, context]) => context.helpOpen)) {
    for (const key of [
      text('c'),
      text('r'),
      text('z'),
      text('a'),
      press({ tab: true }),
      press({ upArrow: true }),
      press({ end: true }),
    ]) {
      assert.equal(resolveAction(key, context), null, JSON.stringify(key));
    }
  }
});

test('Esc with no overlay, prompt, search or filter open does nothing', () => {
  for (const [, context] of CONTEXTS.filter(
    ([, c]) => !c.helpOpen && !c.detailOpen && !c.searchTyping && !c.searchActive && !c.filterTyping && !c.filterActive,
  )) {
    assert.equal(resolveAction(press({ escape: true }), context), null);
  }
});

test('Ctrl+K copies the main key in every mode, the help included', () => {
  for (const [name, context] of CONTEXTS) {
    assert.equal(resolveAction(ctrl('k'), context), 'copy-main-key', name);
  }
});

test('r copies the reader command in the reader and on a writer pane, not while typing', () => {
  assert.equal(resolveAction(text('r'), READER), 'copy-reader-command');
  assert.equal(resolveAction(text('r'), WRITER_PANE), 'copy-reader-command');
  assert.equal(resolveAction(text('r'), WRITER_TYPING), null);
});

test('the footer lists, in key map order, the bindings with a footer word that apply', () => {
  for (const [name, context] of CONTEXTS) {
    const shown = BINDINGS.filter((binding) => binding.footer !== undefined && appliesIn(binding, context));
    assert.deepEqual(
      footerEntries(context).map((entry) => entry.description),
      shown.map((binding) => binding.footer),
      name,
    );
    for (const entry of footerEntries(context)) assert.ok(entry.label.length > 0, `${name}: ${entry.description}`);
  }
});

test('footer while typing drops q and ? but keeps Ctrl+C and F1', () => {
  const labels = footerEntries(WRITER_TYPING).map((entry) => entry.label);
  assert.ok(labels.includes('Ctrl+C'));
  assert.ok(labels.includes('F1'));
  assert.ok(labels.includes('Ctrl+K'));
  assert.ok(labels.includes('Tab'));
  for (const label of labels) {
    assert.ok(!label.split(' ').includes('q') && !label.split(' ').includes('?'), label);
  }
});

test('footer on a pane lists c, r, End, ? and q', () => {
  const parts = footerEntries(WRITER_PANE).flatMap((entry) => entry.label.split(' '));
  for (const key of ['c', 'r', 'End', '?', 'q', 'Ctrl+K', 'Tab']) assert.ok(parts.includes(key), key);
});

const DETAIL_ACTIONS = new Set<Action>([
  'close-detail',
  'detail-previous',
  'detail-next',
  'detail-line-up',
  'detail-line-down',
  'detail-page-up',
  'detail-page-down',
  'copy-block',
]);
// Only while the query is typed, or once a search has run on the pane.
const SEARCH_ACTIONS = new Set<Action>([
  'search-submit',
  'search-cancel',
  'search-next',
  'search-previous',
  'search-all',
  'search-clear',
]);

// The keys of a pane shown in key order, and the key that turns a bee's pane to it.
const KEY_ORDER_ACTIONS = new Set<Action>([
  'open-entry',
  'entry-up',
  'entry-down',
  'entries-page-up',
  'entries-page-down',
  'entries-first',
  'entries-last',
  'show-key-order',
  'show-log',
]);

test("help overlay on a pane lists every binding but the overlay's own close and the block view's", () => {
  for (const context of [WRITER_PANE, READER]) {
    const actions = helpEntries({ ...context, paged: true }).map((binding) => binding.action);
    const expected = BINDINGS.filter((binding) => binding.modes.includes('pane') || binding.modes.includes('help'))
      .map((binding) => binding.action)
      .filter(
        (action) =>
          action !== 'close-overlay' &&
          action !== 'filter-clear' &&
          !DETAIL_ACTIONS.has(action) &&
          !SEARCH_ACTIONS.has(action) &&
          !KEY_ORDER_ACTIONS.has(action),
      );
    assert.deepEqual(actions, expected);
  }
});

test('& opens the filter prompt, where printable keys are text; Esc clears a filter once a search is cleared', () => {
  assert.equal(resolveAction(text('&'), READER), 'filter');
  assert.equal(resolveAction(text('&'), WRITER_PANE), 'filter');
  assert.equal(resolveAction(text('&'), WRITER_TYPING), null, '& is text in the input line');
  const typing: KeyContext = { ...READER, filterTyping: true };
  for (const input of ['q', 'w', '&', '/', 'n', '?']) assert.equal(resolveAction(text(input), typing), null, input);
  assert.equal(resolveAction(press({ enter: true }), typing), 'filter-submit');
  assert.equal(resolveAction(press({ escape: true }), typing), 'filter-cancel');
  assert.equal(resolveAction(ctrl('c'), typing), 'quit');
  const filtered: KeyContext = { ...READER, filterActive: true };
  assert.equal(resolveAction(press({ escape: true }), filtered), 'filter-clear');
  assert.equal(resolveAction(press({ escape: true }), { ...filtered, searchActive: true }), 'search-clear');
  assert.ok(footerEntries(typing).some((entry) => entry.label === 'Enter' && entry.description === 'filter'));
});

test('w toggles wrap in a pane; in the input line it is text', () => {
  assert.equal(resolveAction(text('w'), READER), 'toggle-wrap');
  assert.equal(resolveAction(text('w'), WRITER_PANE), 'toggle-wrap');
  assert.equal(resolveAction(text('w'), WRITER_TYPING), null);
  assert.ok(helpEntries(READER).some((entry) => entry.action === 'toggle-wrap' && entry.label === 'w'));
});

test("t turns a bee's pane to key order and back; there the arrows, pages, ends and Enter move through entries", () => {
  assert.equal(resolveAction(text('t'), READER), null, 't does nothing on a raw core');
  const bee: KeyContext = { ...READER, hasKeyOrder: true };
  assert.equal(resolveAction(text('t'), bee), 'show-key-order');
  assert.ok(footerEntries(bee).some((entry) => entry.label === 't' && entry.description === 'key order'));
  const keyOrder: KeyContext = { ...bee, keyOrder: true };
  assert.equal(resolveAction(text('t'), keyOrder), 'show-log');
  assert.ok(footerEntries(keyOrder).some((entry) => entry.label === 't' && entry.description === 'log'));
  assert.equal(resolveAction(press({ upArrow: true }), keyOrder), 'entry-up');
  assert.equal(resolveAction(press({ downArrow: true }), keyOrder), 'entry-down');
  assert.equal(resolveAction(press({ pageUp: true }), keyOrder), 'entries-page-up');
  assert.equal(resolveAction(press({ pageDown: true }), keyOrder), 'entries-page-down');
  assert.equal(resolveAction(press({ home: true }), keyOrder), 'entries-first');
  assert.equal(resolveAction(text('G'), keyOrder), 'entries-last');
  assert.equal(resolveAction(press({ enter: true }), keyOrder), 'open-entry');
  assert.equal(resolveAction(text('t'), { ...WRITER_TYPING, hasKeyOrder: true }), null, 't is text while typing');
  const help = helpEntries(keyOrder);
  assert.ok(
    help.every((entry) => entry.label !== ''),
    'no help line without a key',
  );
  assert.ok(!help.some((entry) => entry.action === 'scroll-up' || entry.action === 'open-detail'));
});

test('in the block view only its own keys, Ctrl+K, help, Ctrl+Z and quit work; q closes it, Ctrl+C quits', () => {
  const context: KeyContext = { ...READER, detailOpen: true };
  const actions = new Set(helpEntries(context).map((binding) => binding.action));
  assert.deepEqual(actions, new Set<Action>([...DETAIL_ACTIONS, 'copy-main-key', 'help', 'suspend', 'quit']));
  assert.equal(resolveAction(text('q'), context), 'close-detail');
  assert.equal(resolveAction(press({ escape: true }), context), 'close-detail');
  assert.equal(resolveAction(ctrl('c'), context), 'quit');
  assert.equal(resolveAction(text('c'), context), 'copy-block');
  assert.equal(resolveAction(press({ tab: true }), context), null, 'Tab does not move focus under the block view');
  assert.deepEqual(footerEntries(context).find((entry) => entry.description === 'quit')?.label, 'Ctrl+C');
  assert.equal(resolveAction(press({ enter: true }), READER), 'open-detail');
  assert.equal(resolveAction(press({ enter: true }), WRITER_TYPING), null, 'Enter while typing submits the line');
});

test('page keys exist only while the panes are paged', () => {
  for (const context of [WRITER_PANE, READER]) {
    const unpaged = helpEntries(context).map((binding) => binding.action);
    assert.ok(!unpaged.includes('next-page') && !unpaged.includes('previous-page'));
    assert.equal(resolveAction(text(']'), context), null);
    assert.equal(resolveAction(text(']'), { ...context, paged: true }), 'next-page');
    assert.equal(resolveAction(text('['), { ...context, paged: true }), 'previous-page');
  }
  assert.equal(resolveAction(text(']'), { ...WRITER_TYPING, paged: true }), null, 'typed ] is text');
});

// With help open, q and ? close the overlay before quit/help see them: that overlap is by order.
test('without help, no two bindings claim the same key in the same context', () => {
  const probes = [
    ...'abcdefghijklmnopqrstuvwxyzG?[]123456789'.split('').map(text),
    ...'abcdefghijklmnopqrstuvwxyz'.split('').map(ctrl),
    press({ tab: true }),
    press({ tab: true, shift: true }),
    press({ escape: true }),
    press({ f1: true }),
    press({ upArrow: true }),
    press({ downArrow: true }),
    press({ pageUp: true }),
    press({ pageDown: true }),
    press({ home: true }),
    press({ end: true }),
    press({ enter: true }),
    press({ leftArrow: true }),
    press({ rightArrow: true }),
    text('/'),
    text('N'),
  ];
  // The block view, like help, takes q before quit does, by order (checked in its own test).
  for (const [name, context] of CONTEXTS.filter(([, context]) => !context.helpOpen && !context.detailOpen)) {
    for (const probe of probes) {
      const matching = BINDINGS.filter(
        (binding) =>
          appliesIn(binding, context) &&
          [...binding.keys, ...(binding.alsoKeys ?? [])].some((name) => keyMatches(name, probe)),
      );
      assert.ok(
        matching.length <= 1,
        `${name}: ${JSON.stringify(probe)} matches ${matching.map((b) => b.action).join(', ')}`,
      );
    }
  }
});

test('each of 1 to 9 focuses a pane wherever a pane has the focus, never while typing', () => {
  for (const digit of '123456789') {
    assert.equal(resolveAction(text(digit), READER), 'focus-pane');
    assert.equal(resolveAction(text(digit), WRITER_PANE), 'focus-pane');
    assert.equal(resolveAction(text(digit), WRITER_TYPING), null);
  }
  assert.equal(resolveAction(text('0'), READER), null);
});

test('search: / opens the prompt; typed keys are text there; Enter and Esc end it; n, N, a, Esc act after', () => {
  assert.equal(resolveAction(text('/'), READER), 'search');
  assert.equal(resolveAction(text('/'), WRITER_TYPING), null, '/ typed in the writer input line is text');
  const typing: KeyContext = { ...READER, searchTyping: true };
  for (const key of ['q', 'n', 'c', '?', '/', 'a', '1'])
    assert.equal(resolveAction(text(key), typing), null, `${key} is text in the query`);
  assert.equal(resolveAction(press({ enter: true }), typing), 'search-submit');
  assert.equal(resolveAction(press({ escape: true }), typing), 'search-cancel');
  assert.equal(resolveAction(ctrl('c'), typing), 'quit');
  const active: KeyContext = { ...READER, searchActive: true };
  assert.equal(resolveAction(text('n'), active), 'search-next');
  assert.equal(resolveAction(text('N'), active), 'search-previous');
  assert.equal(resolveAction(press({ escape: true }), active), 'search-clear');
  assert.equal(resolveAction(text('a'), active), null, 'a only when the search left blocks out');
  assert.equal(resolveAction(text('a'), { ...active, searchPartial: true }), 'search-all');
  assert.equal(resolveAction(text('n'), READER), null, 'n does nothing without a search');
});

test('Ctrl+Z stops the job everywhere, while typing too, and the help lists it', () => {
  for (const [name, context] of CONTEXTS) {
    assert.equal(resolveAction(ctrl('z'), context), 'suspend', name);
    if (!context.helpOpen) {
      const entry = helpEntries(context).find((binding) => binding.action === 'suspend');
      assert.equal(entry?.label, 'Ctrl+Z', name);
    }
  }
  assert.equal(resolveAction(text('z'), WRITER_TYPING), null, 'z alone is text');
});
