// What the terminal's answers to the width probe mean (docs/untrusted-input.md#asking-the-terminal), and
// what is then drawn whole. The figures are what tmux 3.3a and xterm.js (with its grapheme addon, and
// with Unicode 11) were measured to answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WriteStream } from 'node:tty';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { disputedKindOf, drawWhole, frameSafeRuns, widthRulesVersion } from '../../source/text/terminal-width.js';
import { probeTerminalWidths, takeProbeReply } from '../../source/terminal/width-probe.js';
import { sanitizeString } from '../../source/text/sanitize.js';
import { PROBE_SAMPLES, kindsDrawnWhole, parseProbeReply, widthProbeQuery } from '../../source/text/width-probe.js';

const shown = (text: string) => frameSafeRuns(text).map((run) => (run.escaped ? `[${run.text}]` : run.text));

test('the query asks DECRQM 2027, then each sample concealed with its position, and erases what it wrote', () => {
  const query = widthProbeQuery();
  assert.ok(query.startsWith('\x1b[?2027$p\x1b[8m'));
  assert.ok(query.endsWith('\r\x1b[2K\x1b[0m'), 'the line erased, the cursor back at its start, attributes reset');
  assert.equal(query.split('\x1b[6n').length - 1, PROBE_SAMPLES.length);
  for (const sample of PROBE_SAMPLES) assert.ok(query.includes(`\r${sample.text}\x1b[6n`), sample.text);
  // Every sample is a cluster the layout counts 2 columns and terminals dispute.
  for (const sample of PROBE_SAMPLES) {
    assert.equal(stringWidth(sample.text), 2, sample.text);
    assert.equal(disputedKindOf(sample.text), sample.kind, sample.text);
  }
});

test('replies are read as DECRPM for 2027 or a cursor position; anything else is not a reply', () => {
  assert.deepEqual(parseProbeReply('\x1b[?2027;0$y'), { kind: 'clustering', state: 0 });
  assert.deepEqual(parseProbeReply('\x1b[?2027;3$y'), { kind: 'clustering', state: 3 });
  assert.deepEqual(parseProbeReply('\x1b[1;3R'), { kind: 'position', column: 3 });
  assert.deepEqual(parseProbeReply('\x1b[24;117R'), { kind: 'position', column: 117 });
  for (const other of ['R', '[1;3R', '\x1b[?2026;2$y', '\x1b[1;3r', '\x1b[A', '\x1b[1;3R\x1b[1;3R', 'a'])
    assert.equal(parseProbeReply(other), undefined, JSON.stringify(other));
});

test('a kind is drawn whole where each of its samples advanced the cursor 2 columns', () => {
  // xterm.js with its grapheme addon: every sample 2 columns; DECRQM 2027 unknown.
  assert.deepEqual(kindsDrawnWhole({ clustering: 0, columns: [3, 3, 3, 3] }), ['emoji-presentation', 'emoji-modifier']);
  // tmux 3.3a: no DECRPM; ❤️ 1 column, 👍🏽 4.
  assert.deepEqual(kindsDrawnWhole({ columns: [2, 2, 5, 5] }), []);
  // One sample of a kind wrong is enough to keep the kind escaped.
  assert.deepEqual(kindsDrawnWhole({ columns: [3, 3, 4, 3] }), ['emoji-presentation']);
  assert.deepEqual(kindsDrawnWhole({ columns: [3, 2, 3, 3] }), ['emoji-modifier']);
});

test('a terminal that says it clusters graphemes is believed only where it was not measured', () => {
  assert.deepEqual(kindsDrawnWhole({ clustering: 1, columns: [] }), ['emoji-presentation', 'emoji-modifier']);
  assert.deepEqual(kindsDrawnWhole({ clustering: 3, columns: [] }), ['emoji-presentation', 'emoji-modifier']);
  assert.deepEqual(kindsDrawnWhole({ clustering: 1, columns: [2, 2, 3, 3] }), ['emoji-modifier']);
  for (const state of [0, 2, 4]) assert.deepEqual(kindsDrawnWhole({ clustering: state, columns: [] }), []);
  assert.deepEqual(kindsDrawnWhole({ columns: [] }), [], 'no answer: escaped');
});

test('drawn whole: the kinds the terminal draws right, nothing else, and the rules version moves', (t) => {
  t.after(() => drawWhole([]));
  const before = widthRulesVersion();
  const line = 'a ❤️ b 👍🏽 c ✋🏿 d 🇯 e \u0915\u094d\u0937\u093f';
  assert.deepEqual(shown(line), [
    'a \u2764',
    '[\\ufe0f]',
    ' b 👍',
    '[\\u{1f3fd}]',
    ' c ✋',
    '[\\u{1f3ff}]',
    ' d ',
    '[\\u{1f1ef}]',
    ' e \u0915\u094d',
    '[\\u0937\\u093f]',
  ]);

  drawWhole(['emoji-presentation']);
  assert.equal(widthRulesVersion(), before + 1);
  assert.deepEqual(shown('a ❤️ b 👍🏽'), ['a ❤️ b 👍', '[\\u{1f3fd}]']);

  drawWhole(['emoji-presentation', 'emoji-modifier']);
  // A lone regional indicator and a conjunct are not of a kind the probe asks about: still escaped.
  assert.deepEqual(shown(line), ['a ❤️ b 👍🏽 c ✋🏿 d ', '[\\u{1f1ef}]', ' e \u0915\u094d', '[\\u0937\\u093f]']);
  // A modifier after something else than its base is still escaped, and so is one joining an edge.
  assert.deepEqual(shown('a🏽'), ['a', '[\\u{1f3fd}]']);
  assert.deepEqual(shown('🏽x'), ['[\\u{1f3fd}]', 'x']);

  const version = widthRulesVersion();
  drawWhole(['emoji-modifier', 'emoji-presentation']);
  assert.equal(widthRulesVersion(), version, 'the same kinds again change nothing');
});

test('drawn whole, a cluster is as wide as string-width counts it', (t) => {
  t.after(() => drawWhole([]));
  drawWhole(['emoji-presentation', 'emoji-modifier']);
  for (const text of ['❤️', '☺️', '🕊️', '👍🏽', '✋🏿', '👋🏻', '✌️']) {
    const runs = frameSafeRuns(text);
    assert.deepEqual(runs, [{ text, escaped: false }], text);
    assert.equal(stringWidth(text), 2, text);
  }
});

test('the probe sets raw mode, writes its query once, and takes exactly its replies out of the input', () => {
  const written: string[] = [];
  let raw = false;
  const stdout = { isTTY: true, write: (data: string) => written.push(data) } as unknown as WriteStream;
  const stdin = { isTTY: true, setRawMode: (mode: boolean) => (raw = mode) } as unknown as NodeJS.ReadStream;
  const answers: string[][] = [];
  assert.equal(takeProbeReply('\x1b[1;3R'), false, 'nothing asked yet: a key like any other');
  probeTerminalWidths(stdout, stdin, (kinds) => answers.push(kinds));
  probeTerminalWidths(stdout, stdin, (kinds) => answers.push(kinds));
  assert.equal(raw, true, 'raw before the query: the tty neither echoes the replies nor waits for a line');
  assert.deepEqual(written, [widthProbeQuery()], 'asked once');

  assert.equal(takeProbeReply('x'), false, 'a key typed meanwhile goes on');
  assert.equal(takeProbeReply('\x1b[?2027;0$y'), true);
  for (const column of [3, 3, 3]) assert.equal(takeProbeReply(`\x1b[1;${column}R`), true);
  assert.deepEqual(answers, [], 'no answer before every position is in');
  assert.equal(takeProbeReply('\x1b[1;3R'), true);
  assert.deepEqual(answers, [['emoji-presentation', 'emoji-modifier']]);
  assert.equal(takeProbeReply('\x1b[1;2R'), false, 'a position not asked for (Shift+F3 in some terminals) is a key');
});

// What tmux and xterm.js draw: the sum of each code point's own width, marks and selectors adding none.
function perCodePoint(text: string): number {
  let width = 0;
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    if (/[\p{Mn}\p{Me}\p{Cf}\ufe00-\ufe0f]/u.test(character)) continue;
    if ((codePoint >= 0x1160 && codePoint <= 0x11ff) || (codePoint >= 0xd7b0 && codePoint <= 0xd7ff)) continue;
    width += stringWidth(character);
  }
  return width;
}

test('property: drawn whole, only clusters of the kinds asked about are disputed, as the row is segmented', (t) => {
  t.after(() => drawWhole([]));
  drawWhole(['emoji-presentation', 'emoji-modifier']);
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const emojiish = fc.constantFrom(
    '👍',
    '✋',
    '🏽',
    '🏿',
    '🇯',
    '\ufe0f',
    '\ufe0e',
    '\u2764',
    '\u263a',
    '\u0915',
    '\u094d',
    '\u093f',
    '漢',
    'e',
    '\u0301',
    ' ',
  );
  fc.assert(
    fc.property(fc.array(fc.oneof(emojiish, fc.string({ unit: 'grapheme' })), { maxLength: 12 }), (pieces) => {
      const text = sanitizeString(pieces.join(''));
      for (const { segment } of segmenter.segment(text)) {
        if (perCodePoint(segment) === stringWidth(segment)) continue;
        assert.ok(disputedKindOf(segment), `${JSON.stringify(segment)} in ${JSON.stringify(text)}`);
        assert.equal(stringWidth(segment), 2, JSON.stringify(segment));
      }
    }),
  );
});
