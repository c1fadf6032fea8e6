import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addEntry,
  inputHistory,
  MAX_HISTORY_ENTRIES,
  newerEntry,
  olderEntry,
  type InputHistory,
} from '../../source/screen/input-history.js';
import type { LineState } from '../../source/screen/line-editor.js';

const draft: LineState = { text: 'half typ', cursor: 4 };

// Presses ↑ (`up`) and ↓ (`down`) from a draft; the lines shown after each press.
function walk(history: InputHistory, start: LineState, keys: Array<'up' | 'down'>): string[] {
  let state = history;
  let line = start;
  const shown: string[] = [];
  for (const key of keys) {
    const step = key === 'up' ? olderEntry(state, line) : newerEntry(state);
    if (step) ({ history: state, line } = step);
    shown.push(line.text);
  }
  return shown;
}

test('↑ goes to older entries and stops at the oldest; ↓ comes back', () => {
  const history = inputHistory(['one', 'two', 'three']);
  assert.deepEqual(walk(history, draft, ['up', 'up', 'up', 'up', 'down', 'down']), [
    'three',
    'two',
    'one',
    'one',
    'two',
    'three',
  ]);
});

test('↓ past the newest entry gives back the draft with its cursor; ↓ at the draft does nothing', () => {
  const history = inputHistory(['one', 'two']);
  const up = olderEntry(history, draft);
  assert.ok(up);
  assert.deepEqual(up.line, { text: 'two', cursor: 3 });
  const back = newerEntry(up.history);
  assert.ok(back);
  assert.deepEqual(back.line, draft);
  assert.equal(back.history.position, null);
  assert.equal(newerEntry(back.history), null);
  assert.equal(newerEntry(history), null);
});

test('an empty history leaves ↑ doing nothing', () => {
  assert.equal(olderEntry(inputHistory(), draft), null);
});

test('the draft is the line as it was when the walk began, not an edited entry', () => {
  let step = olderEntry(inputHistory(['one', 'two']), draft);
  assert.ok(step);
  // The recalled entry is edited (the caller's line), then ↑ again, then ↓ ↓.
  step = olderEntry(step.history, { text: 'two, edited', cursor: 11 });
  assert.ok(step);
  assert.equal(step.line.text, 'one');
  step = newerEntry(step.history);
  assert.equal(step?.line.text, 'two');
  step = step && newerEntry(step.history);
  assert.deepEqual(step?.line, draft);
});

test('a sent line is added unless empty or a repeat of the newest, and the walk starts over', () => {
  let history = inputHistory(['one']);
  const up = olderEntry(history, draft);
  assert.ok(up);
  history = addEntry(up.history, 'two');
  assert.deepEqual(history, { entries: ['one', 'two'], position: null, draft: null });
  assert.deepEqual(addEntry(history, 'two').entries, ['one', 'two']);
  assert.deepEqual(addEntry(history, '').entries, ['one', 'two']);
  assert.deepEqual(addEntry(addEntry(history, 'one'), 'two').entries, ['one', 'two', 'one', 'two']);
  // Hard text is kept as it was sent.
  assert.deepEqual(addEntry(inputHistory(), ' 👍🏽\t🇯🇵 ').entries, [' 👍🏽\t🇯🇵 ']);
});

test('the history keeps the newest 500 entries', () => {
  let history = inputHistory();
  for (let line = 1; line <= MAX_HISTORY_ENTRIES + 20; line++) history = addEntry(history, `line ${line}`);
  assert.equal(history.entries.length, MAX_HISTORY_ENTRIES);
  assert.equal(history.entries[0], 'line 21');
  assert.equal(history.entries.at(-1), `line ${MAX_HISTORY_ENTRIES + 20}`);
  assert.equal(inputHistory(Array.from({ length: 900 }, (_, index) => `${index}`)).entries.length, MAX_HISTORY_ENTRIES);
});

test('property: any walk shows only entries or the draft, and ↓ enough times always ends on the draft', () => {
  fc.assert(
    fc.property(
      fc.array(fc.string({ minLength: 1 }), { maxLength: 8 }),
      fc.array(fc.constantFrom<'up' | 'down'>('up', 'down'), { maxLength: 20 }),
      (entries, keys) => {
        let state = inputHistory(entries);
        let line = draft;
        for (const key of keys) {
          const step = key === 'up' ? olderEntry(state, line) : newerEntry(state);
          if (step) ({ history: state, line } = step);
          if (state.position === null) assert.deepEqual(line, draft);
          else assert.deepEqual(line, { text: entries[state.position], cursor: entries[state.position]?.length });
        }
        for (let press = 0; press <= entries.length; press++) {
          const step = newerEntry(state);
          if (step) ({ history: state, line } = step);
        }
        assert.deepEqual(line, draft);
      },
    ),
  );
});
