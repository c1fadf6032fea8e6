import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  encodeBlockZero,
  MAX_BLOCK_ZERO_BYTES,
  MAX_PANES,
  MAX_SUB_CORES,
  parseBlockZero,
  rewriteNotice,
  subCoresPerKey,
} from '../../source/model/block-zero.js';

const MAIN = randomBytes(32);
const A = randomBytes(32);
const B = randomBytes(32);

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

function ok(bytes: Buffer) {
  const parsed = parseBlockZero(bytes, MAIN);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
  return parsed.value;
}

function failure(bytes: Buffer): string {
  const parsed = parseBlockZero(bytes, MAIN);
  assert.equal(parsed.ok, false);
  return parsed.ok ? '' : parsed.reason;
}

test("the writer's block 0 round-trips", () => {
  const value = ok(json(encodeBlockZero([A, B])));
  assert.deepEqual(value.keys, [A, B]);
  assert.equal(value.skipped, 0);
  assert.equal(value.notShown, 0);
});

test("the how-to's block 0 (as core-1 json stores it) parses", () => {
  // core-1 has valueEncoding json: the stored bytes are JSON.stringify of the object.
  const value = ok(Buffer.from(`{"otherKeys":["${A.toString('hex')}","${B.toString('hex')}"]}`));
  assert.deepEqual(value.keys, [A, B]);
});

test('upper-case hex keys are accepted', () => {
  const value = ok(json({ otherKeys: [A.toString('hex').toUpperCase()] }));
  assert.deepEqual(value.keys, [A]);
});

test('other fields next to otherKeys are ignored', () => {
  const value = ok(json({ otherKeys: [A.toString('hex')], extra: { deep: [1, 2, 3] } }));
  assert.deepEqual(value.keys, [A]);
});

test('not JSON is a failure', () => {
  assert.match(failure(Buffer.from('{"otherKeys": [')), /not JSON/);
  assert.match(failure(Buffer.from([0xff, 0xfe, 0x00])), /not JSON/);
  assert.match(failure(Buffer.alloc(0)), /not JSON/);
});

test('JSON that is not an object is a failure', () => {
  for (const value of [42, 'otherKeys', null, true]) {
    assert.match(failure(json(value)), /not a JSON object/);
  }
});

test('an array is a failure, even an array of keys', () => {
  assert.match(failure(json([A.toString('hex'), B.toString('hex')])), /not a JSON object/);
});

test('an object without otherKeys is a failure', () => {
  assert.match(failure(json({ other: [A.toString('hex')] })), /no otherKeys/);
});

test('otherKeys that is not an array is a failure', () => {
  for (const otherKeys of [A.toString('hex'), { 0: A.toString('hex') }, 7, null]) {
    assert.match(failure(json({ otherKeys })), /no otherKeys/);
  }
});

test('invalid entries are skipped and counted', () => {
  const value = ok(
    json({
      otherKeys: [
        42,
        null,
        { key: A.toString('hex') },
        A.toString('hex').slice(0, 63),
        `${A.toString('hex')}0`,
        `${A.toString('hex').slice(0, 63)}g`,
        ` ${A.toString('hex')}`,
        A.toString('base64'),
        B.toString('hex'),
      ],
    }),
  );
  assert.deepEqual(value.keys, [B]);
  assert.equal(value.skipped, 8);
});

test('duplicates are skipped and counted, whatever their case', () => {
  const hex = A.toString('hex');
  const value = ok(json({ otherKeys: [hex, hex, hex.toUpperCase(), B.toString('hex')] }));
  assert.deepEqual(value.keys, [A, B]);
  assert.equal(value.skipped, 2);
});

test('the main key itself is skipped and counted', () => {
  const value = ok(json({ otherKeys: [MAIN.toString('hex'), MAIN.toString('hex').toUpperCase(), A.toString('hex')] }));
  assert.deepEqual(value.keys, [A]);
  assert.equal(value.skipped, 2);
});

test('more than 32 keys: the first 32 are kept, the rest counted as not shown', () => {
  const keys = Array.from({ length: 40 }, () => randomBytes(32));
  const value = ok(json(encodeBlockZero(keys)));
  assert.equal(MAX_SUB_CORES, 32);
  assert.equal(value.keys.length, 32);
  assert.deepEqual(value.keys, keys.slice(0, 32));
  assert.equal(value.notShown, 8);
  assert.equal(value.skipped, 0);
});

test('several keys share 64 panes: each key takes at most its share, the rest counted as not shown', () => {
  assert.equal(MAX_PANES, 64);
  assert.deepEqual([1, 2, 3, 4, 5, 8].map(subCoresPerKey), [32, 32, 21, 16, 12, 8]);
  for (let keys = 1; keys <= 8; keys++) assert.ok(subCoresPerKey(keys) * keys <= MAX_PANES, `${keys} keys`);
  const keys = Array.from({ length: 40 }, () => randomBytes(32));
  const parsed = parseBlockZero(json(encodeBlockZero(keys)), MAIN, subCoresPerKey(8));
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.value.keys, keys.slice(0, 8));
  assert.equal(parsed.value.notShown, 32);
});

test('a duplicate after the 32nd key counts as skipped, not as not shown', () => {
  const keys = Array.from({ length: 33 }, () => randomBytes(32));
  const hexes = keys.map((key) => key.toString('hex'));
  const value = ok(json({ otherKeys: [...hexes, hexes[32], hexes[0]] }));
  assert.equal(value.keys.length, 32);
  assert.equal(value.notShown, 1);
  assert.equal(value.skipped, 2);
});

test('a block 0 over 1 MiB is refused unread', () => {
  const big = Buffer.alloc(MAX_BLOCK_ZERO_BYTES + 1, 0x20);
  // Valid JSON padded with spaces: refused for its size, not its content.
  Buffer.from(JSON.stringify(encodeBlockZero([A]))).copy(big);
  const reason = failure(big);
  assert.match(reason, /1 MiB/);
});

test('a block 0 of exactly 1 MiB is still read', () => {
  const exact = Buffer.alloc(MAX_BLOCK_ZERO_BYTES, 0x20);
  Buffer.from(JSON.stringify(encodeBlockZero([A]))).copy(exact);
  assert.deepEqual(ok(exact).keys, [A]);
});

test('no valid key left is a failure that says how many were skipped', () => {
  assert.match(failure(json({ otherKeys: [] })), /no usable sub-core key \(0 skipped\)/);
  assert.match(failure(json({ otherKeys: ['nope', MAIN.toString('hex')] })), /no usable sub-core key \(2 skipped\)/);
});

test('a rewritten block 0 is said with what changed in the panes', () => {
  const C = randomBytes(32);
  const short = (key: Buffer) => key.toString('hex').slice(0, 8);
  const subs = (...keys: Buffer[]) => ({ alone: false, keys });
  const alone = { alone: true, keys: [] };
  assert.equal(
    rewriteNotice(1, subs(A, B), subs(B, C)),
    `block 0 rewritten by its writer (fork 1): ${short(C)} came, ${short(A)} left`,
  );
  assert.equal(rewriteNotice(2, subs(A), subs(A)), 'block 0 rewritten by its writer (fork 2): the same sub-cores');
  assert.equal(rewriteNotice(3, subs(A), alone), 'block 0 rewritten by its writer (fork 3): it lists no sub-core now');
  assert.equal(rewriteNotice(4, alone, subs(A)), 'block 0 rewritten by its writer (fork 4): it lists 1 sub-core now');
  assert.equal(rewriteNotice(5, alone, alone), 'block 0 rewritten by its writer (fork 5)');
  const many = Array.from({ length: 5 }, () => randomBytes(32));
  assert.equal(
    rewriteNotice(6, subs(A), subs(...many)),
    `block 0 rewritten by its writer (fork 6): ${many.slice(0, 3).map(short).join(', ')} and 2 more came, ${short(A)} left`,
  );
});
