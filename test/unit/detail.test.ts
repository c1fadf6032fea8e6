import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockDetailLines } from '../../source/text/detail.js';
import { MAX_DECODED_BYTES } from '../../source/text/sanitize.js';

const textOf = (line: Array<{ text: string }>) => line.map((run) => run.text).join('');

test('text is split at its newlines, and the final newline opens no empty line', () => {
  const detail = blockDetailLines(Buffer.from('first\nsecond\n\nfourth\n'), 40);
  assert.equal(detail.encoding, 'text');
  assert.deepEqual(detail.lines.map(textOf), ['first', 'second', '', 'fourth']);
});

test('long lines wrap at the width', () => {
  const detail = blockDetailLines(Buffer.from('abcdefghijklmnopqrst\n'), 8);
  assert.deepEqual(detail.lines.map(textOf), ['abcdefgh', 'ijklmnop', 'qrst']);
});

test('escapes stay escaped and marked in the detail view', () => {
  const detail = blockDetailLines(Buffer.from('a\x1b[2Jb\n'), 40);
  assert.deepEqual(detail.lines[0], [
    { text: 'a', escaped: false },
    { text: '\\x1b', escaped: true },
    { text: '[2Jb', escaped: false },
  ]);
});

test('a NUL or invalid UTF-8 makes it binary: a hex dump with offsets and printable ASCII', () => {
  const detail = blockDetailLines(Buffer.from([0x68, 0x69, 0x00, 0xff, 0x0a]), 80);
  assert.equal(detail.encoding, 'hex');
  assert.equal(textOf(detail.lines[0]), '00000000  68 69 00 ff 0a' + ' '.repeat(33) + '  |hi...|');
  const narrow = blockDetailLines(Buffer.alloc(20, 0xfe), 40);
  assert.equal(narrow.lines.length, 3, '8 bytes a line when 16 do not fit');
});

test('a block over 64 KiB is laid out only up to 64 KiB', () => {
  const detail = blockDetailLines(Buffer.alloc(MAX_DECODED_BYTES * 4, 0x61), 100);
  assert.equal(detail.shownBytes, MAX_DECODED_BYTES);
  assert.equal(
    detail.lines.reduce((sum, line) => sum + textOf(line).length, 0),
    MAX_DECODED_BYTES,
  );
});

test('a multi-byte character cut at the 64 KiB edge does not make the text binary', () => {
  const bytes = Buffer.concat([Buffer.alloc(MAX_DECODED_BYTES - 1, 0x61), Buffer.from('é')]);
  assert.equal(blockDetailLines(bytes, 100).encoding, 'text');
});

test('lines wrap by columns and whole graphemes: wide characters count two, marks stay with their letter', () => {
  const wide = blockDetailLines(Buffer.from('漢字テスト中文\n'), 9);
  assert.deepEqual(wide.lines.map(textOf), ['漢字テス', 'ト中文']);
  const marks = blockDetailLines(Buffer.from('abcdefge\u0301hi\n'), 8);
  assert.deepEqual(marks.lines.map(textOf), ['abcdefge\u0301', 'hi']);
});
