import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { encode } from 'hypercore-id-encoding';
import { formatKey, parseKey, shortKey } from '../../source/model/keys.js';

const KEY = Buffer.from('0123456789abcdef'.repeat(4), 'hex');
const HEX = KEY.toString('hex');

function reasonOf(text: string): string {
  const parsed = parseKey(text);
  assert.equal(parsed.ok, false, `expected ${JSON.stringify(text)} to be refused`);
  return parsed.ok ? '' : parsed.reason;
}

test('64 lower-case hex characters are a key', () => {
  const parsed = parseKey(HEX);
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.key, KEY);
});

test('64 upper-case hex characters are the same key', () => {
  const parsed = parseKey(HEX.toUpperCase());
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.key, KEY);
});

test('52 z-base-32 characters decode to the same key as its hex', () => {
  for (let round = 0; round < 20; round++) {
    const key = randomBytes(32);
    const z32 = encode(key);
    assert.equal(z32.length, 52);
    const fromZ32 = parseKey(z32);
    const fromHex = parseKey(key.toString('hex'));
    assert.ok(fromZ32.ok && fromHex.ok);
    assert.deepEqual(fromZ32.key, key);
    assert.deepEqual(fromZ32.key, fromHex.key);
  }
});

test('surrounding whitespace (a pasted newline) is ignored, inner whitespace is not', () => {
  const parsed = parseKey(`  ${HEX}\n`);
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.key, KEY);
  reasonOf(`${HEX.slice(0, 32)} ${HEX.slice(32)}`);
  reasonOf(`${HEX.slice(0, 32)}\t${HEX.slice(32)}`);
});

test('63 and 65 hex characters are refused with a reason that names the expected form', () => {
  for (const text of [HEX.slice(0, 63), `${HEX}0`]) {
    const reason = reasonOf(text);
    assert.match(reason, /64 hex or 52 z-base-32/);
  }
});

test('51 and 53 z-base-32 characters are refused', () => {
  const z32 = encode(KEY);
  reasonOf(z32.slice(0, 51));
  reasonOf(`${z32}y`);
});

test('non-hex characters in a 64-character string are refused', () => {
  reasonOf(`${HEX.slice(0, 63)}g`);
  reasonOf('z'.repeat(64));
});

test('upper-case z-base-32 and characters outside its alphabet are refused', () => {
  const z32 = encode(KEY);
  reasonOf(z32.toUpperCase());
  // 'l', 'v', '0' and '2' are not in the z-base-32 alphabet.
  reasonOf(`${z32.slice(0, 51)}l`);
  reasonOf(`${z32.slice(0, 51)}0`);
});

test('pear:// links are not keys here', () => {
  reasonOf(`pear://${encode(KEY)}`);
  reasonOf(`pear://${HEX}`);
});

test('empty input is refused', () => {
  reasonOf('');
  reasonOf('   ');
});

test('control characters in the input never appear raw in the echoed reason', () => {
  const hostile = `\x1b]52;c;aGVsbG8=\x07\x1b[2J\r\n\x00\x7f\u009b\u202e${'a'.repeat(10)}`;
  const reason = reasonOf(hostile);
  assert.doesNotMatch(reason, /[\x00-\x1f\x7f-\x9f\u202e]/);
  assert.match(reason, /\]52;c;aGVsbG8=/, 'the visible part of the argument is echoed');
});

test('a very long argument is echoed bounded', () => {
  const reason = reasonOf('x'.repeat(10_000));
  assert.ok(reason.length < 200, `reason is ${reason.length} characters`);
});

test('formatKey and shortKey show hex or z-base-32', () => {
  assert.equal(formatKey(KEY, 'hex'), HEX);
  assert.equal(formatKey(KEY, 'z32'), encode(KEY));
  assert.equal(shortKey(KEY, 'hex'), HEX.slice(0, 8));
  assert.equal(shortKey(KEY, 'z32'), encode(KEY).slice(0, 8));
});
