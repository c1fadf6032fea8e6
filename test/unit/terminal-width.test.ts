// Widths that terminals disagree about are escaped for the screen (docs/untrusted-input.md#frame-widths).
// The expected widths are what tmux 3.3a and xterm.js (Unicode 11) were measured to draw; the e2e
// test test/e2e/frame-widths.test.ts checks the same corpus in both, cell by cell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { frameSafeRuns } from '../../source/text/terminal-width.js';
import { sanitizeString } from '../../source/text/sanitize.js';

const shown = (text: string) => frameSafeRuns(text).map((run) => (run.escaped ? `[${run.text}]` : run.text));

test('a skin-tone modifier is written as an escape after its emoji', () => {
  assert.deepEqual(shown('thumbs 👍🏽 up'), ['thumbs 👍', '[\\u{1f3fd}]', ' up']);
  assert.deepEqual(shown('✋🏿'), ['✋', '[\\u{1f3ff}]']);
  assert.deepEqual(shown('a🏽'), ['a', '[\\u{1f3fd}]']);
});

test('VS16 stays only where it changes no width; VS15 only after a text character', () => {
  assert.deepEqual(shown('\u2764\ufe0f'), ['\u2764', '[\\ufe0f]']);
  assert.deepEqual(shown('😀\ufe0f'), ['😀\ufe0f']);
  assert.deepEqual(shown('\u231a\ufe0e'), ['\u231a', '[\\ufe0e]']);
  assert.deepEqual(shown('\u263a\ufe0e'), ['\u263a\ufe0e']);
});

test('a flag is drawn; a lone regional indicator is escaped', () => {
  assert.deepEqual(shown('flag 🇯🇵 jp'), ['flag 🇯🇵 jp']);
  assert.deepEqual(shown('lone 🇯 x'), ['lone ', '[\\u{1f1ef}]', ' x']);
});

test('a cluster wider to tmux than to string-width keeps the part they agree on', () => {
  assert.deepEqual(shown('\u0915\u094d\u0937\u093f'), ['\u0915\u094d', '[\\u0937\\u093f]']);
});

test('CJK, fullwidth forms, combining marks, Hangul (composed or not), Thai and Arabic stay as they are', () => {
  for (const text of [
    '漢字テスト',
    'ＡＢＣ１２３',
    'e\u0301',
    'Z\u0324\u0354\u0367',
    '한',
    '\u1112\u1161\u11ab',
    'ค่ะ',
    'مرحبا',
    'का',
  ])
    assert.deepEqual(shown(text), [text], JSON.stringify(text));
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

test('property: on screen, string-width and the per-code-point count agree for any text', () => {
  const emojiish = fc.constantFrom(
    '👍',
    '🏽',
    '🇯',
    '🇵',
    '\ufe0f',
    '\ufe0e',
    '\u2764',
    '\u0915',
    '\u094d',
    '\u093f',
    '漢',
    'e',
    '\u0301',
    '\u1161',
    ' ',
  );
  fc.assert(
    fc.property(fc.array(fc.oneof(emojiish, fc.string({ unit: 'grapheme' })), { maxLength: 12 }), (pieces) => {
      const text = sanitizeString(pieces.join(''));
      assert.equal(perCodePoint(text), stringWidth(text), JSON.stringify(text));
    }),
  );
});
