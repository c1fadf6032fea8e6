import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { blockDetailLayout } from '../../source/text/detail.js';
import { MAX_DECODED_BYTES, sanitizeBytes } from '../../source/text/sanitize.js';
import { concat, hostileBlockOfPieces, piece, utf8 } from '../helpers/hostile-bytes.js';

const textOf = (line: Array<{ text: string }>) => line.map((run) => run.text).join('');
// Every line of a block, laid out to its end.
const allLines = (bytes: Uint8Array, width: number) =>
  blockDetailLayout(bytes, width).lines(0, Number.MAX_SAFE_INTEGER);

test('text is split at its newlines, and the final newline opens no empty line', () => {
  const detail = blockDetailLayout(Buffer.from('first\nsecond\n\nfourth\n'), 40);
  assert.equal(detail.encoding, 'text');
  assert.deepEqual(allLines(Buffer.from('first\nsecond\n\nfourth\n'), 40).map(textOf), [
    'first',
    'second',
    '',
    'fourth',
  ]);
});

test('long lines wrap at the width', () => {
  assert.deepEqual(allLines(Buffer.from('abcdefghijklmnopqrst\n'), 8).map(textOf), ['abcdefgh', 'ijklmnop', 'qrst']);
});

test('escapes stay escaped and marked in the detail view', () => {
  assert.deepEqual(allLines(Buffer.from('a\x1b[2Jb\n'), 40)[0], [
    { text: 'a', escaped: false },
    { text: '\\x1b', escaped: true },
    { text: '[2Jb', escaped: false },
  ]);
});

test('a NUL makes it binary: a hex dump with offsets and printable ASCII', () => {
  const bytes = Buffer.from([0x68, 0x69, 0x00, 0xff, 0x0a]);
  assert.equal(blockDetailLayout(bytes, 80).encoding, 'hex');
  assert.equal(textOf(allLines(bytes, 80)[0]), '00000000  68 69 00 ff 0a' + ' '.repeat(33) + '  |hi...|');
  assert.equal(allLines(Buffer.alloc(20, 0xfe), 40).length, 3, '8 bytes a line when 16 do not fit');
});

test('a block over 64 KiB is laid out only up to 64 KiB', () => {
  const bytes = Buffer.alloc(MAX_DECODED_BYTES * 4, 0x61);
  assert.equal(blockDetailLayout(bytes, 100).shownBytes, MAX_DECODED_BYTES);
  assert.equal(
    allLines(bytes, 100).reduce((sum, line) => sum + textOf(line).length, 0),
    MAX_DECODED_BYTES,
  );
});

test('a multi-byte character cut at the 64 KiB edge does not make the text binary', () => {
  const bytes = Buffer.concat([Buffer.alloc(MAX_DECODED_BYTES - 1, 0x61), Buffer.from('é')]);
  assert.equal(blockDetailLayout(bytes, 100).encoding, 'text');
});

test('lines wrap by columns and whole graphemes: wide characters count two, marks stay with their letter', () => {
  assert.deepEqual(allLines(Buffer.from('漢字テスト中文\n'), 9).map(textOf), ['漢字テス', 'ト中文']);
  assert.deepEqual(allLines(Buffer.from('abcdefge\u0301hi\n'), 8).map(textOf), ['abcdefge\u0301', 'hi']);
});

test('only the lines asked for are laid out: a page of a 300 KB line, or of 70 KB lines, is quick', () => {
  for (const [what, bytes] of [
    ['one 300 KB line', Buffer.alloc(300_000, 0x61)],
    ['lines of 70 KB', Buffer.from(`${'b'.repeat(70_000)}\n`.repeat(5))],
    ['300 KB of marks on letters', Buffer.from('e\u0301'.repeat(100_000))],
  ] as const) {
    const started = performance.now();
    const layout = blockDetailLayout(bytes, 76);
    assert.equal(layout.lines(0, 30).length, 30, what);
    assert.equal(layout.linesUpTo(31), 31, `${what}: it goes on`);
    assert.equal(layout.total(), undefined, `${what}: its end is not laid out yet`);
    assert.ok(layout.fractionAt(29) < 0.2, `${what}: a page is a small part of it`);
    // Whole, each took 2 s; a page takes well under a frame (34 ms) on a quiet machine.
    const took = performance.now() - started;
    assert.ok(took < 500, `${what}: a page laid out in ${took.toFixed(0)} ms`);
    const lines = allLines(bytes, 76);
    assert.equal(layout.total(), lines.length, `${what}: once laid out to the end, its length is known`);
    assert.equal(layout.fractionAt(lines.length - 1), 1);
  }
});

test('the same lines however they are reached: laid out a page at a time, or as one line sanitized whole', () => {
  const longLine = fc
    .array(fc.oneof({ arbitrary: piece, weight: 3 }, { arbitrary: fc.constant(utf8('x'.repeat(700))), weight: 1 }), {
      maxLength: 60,
    })
    .map(concat);
  fc.assert(
    fc.property(fc.oneof(longLine, hostileBlockOfPieces), fc.integer({ min: 8, max: 120 }), (bytes, width) => {
      const shown = bytes.subarray(0, MAX_DECODED_BYTES);
      const form = blockDetailLayout(bytes, width);
      if (form.encoding !== 'text') return;
      // A fresh layout, read a page at a time from the top.
      const paged = blockDetailLayout(Buffer.from(bytes), width);
      const pages: string[] = [];
      for (let from = 0; paged.total() === undefined || from < paged.total()!; from += 7) {
        pages.push(...paged.lines(from, 7).map(textOf));
      }
      // Each line sanitized whole, then cut at the width by whole graphemes.
      const expected: string[] = [];
      const text = Buffer.from(shown).toString('latin1').split('\n');
      if (text.length > 1 && text[text.length - 1] === '') text.pop();
      for (const line of text) {
        const whole = sanitizeBytes(Buffer.from(line, 'latin1'))
          .runs.map((run) => run.text)
          .join('');
        let current = '';
        let used = 0;
        const rows: string[] = [];
        for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(whole)) {
          const columns = stringWidth(segment);
          if (used > 0 && used + columns > width) {
            rows.push(current);
            current = '';
            used = 0;
          }
          current += segment;
          used += columns;
        }
        rows.push(current);
        expected.push(...rows);
      }
      assert.deepEqual(pages, expected);
    }),
    { numRuns: 200 },
  );
});
