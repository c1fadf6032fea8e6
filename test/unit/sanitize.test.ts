import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  MAX_DECODED_BYTES,
  sanitizeBytes,
  sanitizedString,
  sanitizeString,
  withoutTrailingNewline,
} from '../../source/text/sanitize.js';

const bytes = (...values: Array<number | string>): Buffer =>
  Buffer.concat(values.map((value) => (typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from([value]))));

const show = (input: Uint8Array | string): string =>
  typeof input === 'string' ? sanitizedString(Buffer.from(input, 'utf8')) : sanitizedString(input);

// Everything a terminal could act on, or that hides or reorders text.
const FORBIDDEN =
  /[\x00-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\u{e0000}-\u{e007f}]/u;

test('plain text passes through unchanged', () => {
  assert.equal(show('hello, world'), 'hello, world');
  assert.equal(show('héllo wörld ✓ 日本語 😀'), 'héllo wörld ✓ 日本語 😀');
  assert.deepEqual(sanitizeBytes(Buffer.from('abc')), {
    runs: [{ text: 'abc', escaped: false }],
    cut: false,
    column: 3,
  });
});

test('ESC and a CSI sequence are shown as a visible \\x1b, marked escaped', () => {
  const result = sanitizeBytes(Buffer.from('a\x1b[2Jb'));
  assert.deepEqual(result.runs, [
    { text: 'a', escaped: false },
    { text: '\\x1b', escaped: true },
    { text: '[2Jb', escaped: false },
  ]);
  assert.equal(show('\x1b[31mred\x1b[0m'), '\\x1b[31mred\\x1b[0m');
});

test('OSC 52 (clipboard write) is shown, never passed through', () => {
  assert.equal(show('\x1b]52;c;aGVsbG8=\x07'), '\\x1b]52;c;aGVsbG8=\\x07');
  assert.equal(show('\x1b]52;c;aGVsbG8=\x1b\\'), '\\x1b]52;c;aGVsbG8=\\x1b\\');
});

test('OSC 8 (hyperlink) is shown, never passed through', () => {
  assert.equal(
    show('\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\'),
    '\\x1b]8;;https://evil.example\\x1b\\click\\x1b]8;;\\x1b\\',
  );
});

test('DCS and other string sequences are shown', () => {
  assert.equal(show('\x1bP+q544e\x1b\\'), '\\x1bP+q544e\\x1b\\');
  assert.equal(show('\x1b_apc\x1b\\'), '\\x1b_apc\\x1b\\');
});

test('every C0 control and DEL is escaped as \\xNN (tab and newline excepted for tab)', () => {
  for (let code = 0; code < 0x20; code++) {
    if (code === 0x09) continue;
    assert.equal(show(bytes(code)), `\\x${code.toString(16).padStart(2, '0')}`);
  }
  assert.equal(show(bytes(0x7f)), '\\x7f');
  assert.equal(show('a\r\nb'), 'a\\x0d\\x0ab', 'a carriage return cannot overwrite the line');
  assert.equal(show('a\bb'), 'a\\x08b');
});

test('C1 controls U+0080–U+009F (two-byte UTF-8) are escaped', () => {
  for (let code = 0x80; code <= 0x9f; code++) {
    assert.equal(show(String.fromCodePoint(code)), `\\x${code.toString(16)}`);
  }
  // U+009B is an 8-bit CSI: a terminal would act on it.
  assert.equal(show('\u009b2J'), '\\x9b2J');
});

test('bidi overrides and isolates are escaped', () => {
  assert.equal(show('abc\u202edef'), 'abc\\u202edef');
  for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c]) {
    assert.equal(show(String.fromCodePoint(code)), `\\u${code.toString(16).padStart(4, '0')}`);
  }
});

test('zero-width characters and the BOM are escaped', () => {
  assert.equal(show('pay\u200bpal'), 'pay\\u200bpal');
  assert.equal(show('\ufeffstart'), '\\ufeffstart');
  for (const code of [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]) {
    assert.equal(show(String.fromCodePoint(code)), `\\u${code.toString(16).padStart(4, '0')}`);
  }
});

test('line and paragraph separators and tag characters are escaped', () => {
  assert.equal(show('\u2028\u2029'), '\\u2028\\u2029');
  assert.equal(show('\u{e0041}'), '\\u{e0041}', 'astral code points escape with braces, unambiguous');
});

test('tabs expand to the next 8-column stop', () => {
  assert.equal(show('\tx'), `${' '.repeat(8)}x`);
  assert.equal(show('a\tx'), `a${' '.repeat(7)}x`);
  assert.equal(show('abcdefg\tx'), 'abcdefg x');
  assert.equal(show('abcdefgh\tx'), `abcdefgh${' '.repeat(8)}x`);
  assert.equal(show('a\t\tx'), `a${' '.repeat(15)}x`);
  assert.ok(!show('\t').includes('\t'));
});

test('tab stops count the visible width of escapes before them', () => {
  // '\x1b' is shown as 4 columns: the tab fills the other 4.
  assert.equal(show('\x1b\tx'), `\\x1b${' '.repeat(4)}x`);
});

test('invalid UTF-8 bytes show as \\xNN', () => {
  assert.equal(show(bytes(0xff)), '\\xff');
  assert.equal(show(bytes(0xfe)), '\\xfe');
  assert.equal(show(bytes('a', 0x80, 'b')), 'a\\x80b', 'a lone continuation byte');
  assert.equal(show(bytes('a', 0xc3)), 'a\\xc3', 'a truncated sequence at the end');
  assert.equal(show(bytes(0xc3, 'a')), '\\xc3a', 'a lead byte followed by ASCII');
  assert.equal(show(bytes(0xe2, 0x82, 'x')), '\\xe2\\x82x', 'a truncated three-byte sequence');
  assert.equal(show(bytes(0xf5, 0x80, 0x80, 0x80)), '\\xf5\\x80\\x80\\x80');
});

test('overlong encodings are rejected byte by byte', () => {
  assert.equal(show(bytes(0xc0, 0x80)), '\\xc0\\x80', 'overlong NUL');
  assert.equal(show(bytes(0xc1, 0x9b)), '\\xc1\\x9b', 'overlong ESC-ish');
  assert.equal(show(bytes(0xe0, 0x80, 0x9b)), '\\xe0\\x80\\x9b', 'three-byte overlong of U+001B');
  assert.equal(show(bytes(0xf0, 0x80, 0x80, 0x9b)), '\\xf0\\x80\\x80\\x9b', 'four-byte overlong');
});

test('surrogates and code points above U+10FFFF are rejected', () => {
  assert.equal(show(bytes(0xed, 0xa0, 0x80)), '\\xed\\xa0\\x80');
  assert.equal(show(bytes(0xed, 0xbf, 0xbf)), '\\xed\\xbf\\xbf');
  assert.equal(show(bytes(0xf4, 0x90, 0x80, 0x80)), '\\xf4\\x90\\x80\\x80');
});

test('the largest valid sequences decode', () => {
  assert.equal(show(bytes(0xed, 0x9f, 0xbf)), '\\ud7ff', 'decoded, then escaped: U+D7FF is unassigned');
  assert.equal(show(bytes(0xf4, 0x8f, 0xbf, 0xbf)), '\\u{10ffff}', 'decoded, then escaped: a noncharacter');
  assert.equal(
    sanitizedString(bytes(0xed, 0x9f, 0xbb), undefined, 'line'),
    '\ud7fb',
    'the last assigned one before the surrogates',
  );
  assert.equal(
    show(bytes(0xed, 0x9f, 0xbb)),
    '\\ud7fb',
    'on screen a lone conjoining jamo is escaped (terminals draw it 0 or 1 wide)',
  );
  assert.equal(show(bytes(0xef, 0xbf, 0xbd)), '\ufffd');
});

test('adjacent escapes merge into one dimmed run', () => {
  const { runs } = sanitizeBytes(bytes(0x1b, 0x07, 0xff));
  assert.deepEqual(runs, [{ text: '\\x1b\\x07\\xff', escaped: true }]);
});

test('a 1 MiB block is decoded only up to maxBytes and flagged as cut', () => {
  const huge = Buffer.alloc(1024 * 1024, 0x61);
  const small = sanitizeBytes(huge, 100);
  assert.equal(small.cut, true);
  assert.equal(small.runs.map((run) => run.text).join(''), 'a'.repeat(100));

  const byDefault = sanitizeBytes(huge);
  assert.equal(byDefault.cut, true);
  assert.equal(byDefault.runs.map((run) => run.text).join('').length, MAX_DECODED_BYTES);
  assert.equal(MAX_DECODED_BYTES, 64 * 1024);

  assert.equal(sanitizedString(huge, 10), `${'a'.repeat(10)}…`);
});

test('a block of exactly maxBytes is not cut', () => {
  const result = sanitizeBytes(Buffer.alloc(100, 0x61), 100);
  assert.equal(result.cut, false);
  assert.equal(sanitizedString(Buffer.alloc(100, 0x61), 100), 'a'.repeat(100));
});

test('withoutTrailingNewline drops one trailing newline only', () => {
  assert.deepEqual(Buffer.from(withoutTrailingNewline(Buffer.from('abc\n'))), Buffer.from('abc'));
  assert.deepEqual(Buffer.from(withoutTrailingNewline(Buffer.from('abc\n\n'))), Buffer.from('abc\n'));
  assert.deepEqual(Buffer.from(withoutTrailingNewline(Buffer.from('abc'))), Buffer.from('abc'));
  assert.equal(withoutTrailingNewline(Buffer.alloc(0)).length, 0);
});

test('sanitizeString applies the same rules to decoded strings', () => {
  assert.equal(sanitizeString('x\x1b]8;;y\x07z\u202e'), 'x\\x1b]8;;y\\x07z\\u202e');
});

test('property: for any bytes, nothing a terminal acts on survives', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (input) => {
      const text = sanitizedString(input);
      assert.doesNotMatch(text, FORBIDDEN);
      for (const run of sanitizeBytes(input).runs) assert.doesNotMatch(run.text, FORBIDDEN);
    }),
    { numRuns: 2000 },
  );
});

test('property: for any string, nothing a terminal acts on survives', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (input) => {
      assert.doesNotMatch(sanitizeString(input), FORBIDDEN);
    }),
    { numRuns: 2000 },
  );
});

test('property: bytes biased towards escapes and controls stay safe', () => {
  const hostileByte = fc.oneof(
    fc.constantFrom(
      0x1b,
      0x07,
      0x9b,
      0x9c,
      0x9d,
      0x90,
      0x0d,
      0x0a,
      0x09,
      0x7f,
      0xc2,
      0xe2,
      0x80,
      0x81,
      0xae,
      0xef,
      0xbb,
      0xbf,
    ),
    fc.integer({ min: 0, max: 255 }),
  );
  fc.assert(
    fc.property(fc.array(hostileByte, { maxLength: 200 }), (values) => {
      assert.doesNotMatch(sanitizedString(Uint8Array.from(values)), FORBIDDEN);
    }),
    { numRuns: 2000 },
  );
});

test('property: printable ASCII without tabs is shown as is', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) }),
      (input) => {
        assert.equal(sanitizeString(input), input);
      },
    ),
  );
});

test('property: the output never contains a lone surrogate', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (input) => {
      assert.doesNotMatch(
        sanitizedString(input),
        /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
      );
    }),
    { numRuns: 1000 },
  );
});

test('invisible, format and unassigned characters are escaped; marks and variation selectors only without a base', () => {
  const cases: Array<[string, string]> = [
    ['\u00ad\u0000', '\\xad\\x00'],
    ['rm -rf \u3164\u3164/ok', 'rm -rf \\u3164\\u3164/ok'],
    ['\u115f\u1160\uffa0\u2065\ufff0', '\\u115f\\u1160\\uffa0\\u2065\\ufff0'],
    ['\u0600x\u{1d173}\u{13430}\u{1bca0}', '\\u0600x\\u{1d173}\\u{13430}\\u{1bca0}'],
    ['\u{e0080}\u{e0fff}', '\\u{e0080}\\u{e0fff}'],
    ['\u0000\u0300', '\\x00\\u0300'],
    ['\u0301start', '\\u0301start'],
    ['\ufe0f', '\\ufe0f'],
    ['e\u0301', 'e\u0301'],
    ['\u{1f600}\ufe0f', '\u{1f600}\ufe0f'],
    // A text-presentation base made an emoji: one column in tmux and xterm.js, two where graphemes cluster.
    ['\u2764\ufe0f', '\u2764\\ufe0f'],
    ['!\ufe0f', '!\\ufe0f'],
    ['日本 कि', '日本 कि'],
  ];
  for (const [input, expected] of cases) assert.equal(show(Buffer.from(input)), expected, JSON.stringify(input));
});
