import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routeLine } from '../../source/model/routing.js';

test('an empty line appends nothing', () => {
  assert.equal(routeLine(''), null);
});

test('the block is exactly the line plus a newline', () => {
  const routed = routeLine('hello world');
  assert.ok(routed);
  assert.deepEqual(routed.block, Buffer.from('hello world\n', 'utf8'));
});

test('"abc" is 4 bytes with its newline: core-2', () => {
  const routed = routeLine('abc');
  assert.ok(routed);
  assert.equal(routed.block.length, 4);
  assert.equal(routed.core, 'core-2');
});

test('"abcd" is 5 bytes with its newline: core-3', () => {
  const routed = routeLine('abcd');
  assert.ok(routed);
  assert.equal(routed.block.length, 5);
  assert.equal(routed.core, 'core-3');
});

test('one character lines and a lone space go to core-2', () => {
  assert.equal(routeLine('a')?.core, 'core-2');
  assert.equal(routeLine(' ')?.core, 'core-2');
  assert.deepEqual(routeLine(' ')?.block, Buffer.from(' \n'));
});

test('the rule counts UTF-8 bytes, not characters', () => {
  // 'é' is 2 bytes: 'é\n' is 3 bytes.
  const one = routeLine('é');
  assert.ok(one);
  assert.deepEqual(one.block, Buffer.from([0xc3, 0xa9, 0x0a]));
  assert.equal(one.core, 'core-2');
  // 'éé\n' is 5 bytes although only 3 characters.
  const two = routeLine('éé');
  assert.ok(two);
  assert.equal(two.block.length, 5);
  assert.equal(two.core, 'core-3');
  // A 4-byte character: 5 bytes with the newline.
  const emoji = routeLine('😀');
  assert.ok(emoji);
  assert.equal(emoji.block.length, 5);
  assert.equal(emoji.core, 'core-3');
});

test('long lines go to core-3 unchanged', () => {
  const line = 'x'.repeat(10_000);
  const routed = routeLine(line);
  assert.ok(routed);
  assert.equal(routed.core, 'core-3');
  assert.equal(routed.block.toString('utf8'), `${line}\n`);
});
