import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import Hyperbee2 from 'hyperbee2';
import messages from 'hyperbee/lib/messages.js';
import { decodeBee2Block, isBee2BlockZero } from '../../source/decode/bee2.js';
import { coreFormat } from '../../source/decode/core-format.js';
import type { DecodedBlock } from '../../source/decode/decoded-block.js';
import { decodedFields, decodedLineText } from '../../source/decode/decoded-line.js';
import { shownLineText, shownSearchText } from '../../source/decode/shown-block.js';
import { cleanupFor, type Cleanup } from '../../harness/cleanup.js';
import { storeIn } from '../../harness/store.js';

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

type Op = ['put', string, string | Buffer] | ['del', string];

// A hyperbee2 core written by hyperbee2 itself, one write batch per element of `batches`; its blocks.
async function bee2Blocks(
  cleanup: Cleanup,
  batches: Op[][],
  options: { compat?: boolean; type?: number } = {},
): Promise<Buffer[]> {
  const store = await storeIn(cleanup);
  const bee = new Hyperbee2(store);
  await bee.ready();
  for (const ops of batches) {
    const batch = bee.write(options);
    for (const op of ops) {
      if (op[0] === 'put') batch.tryPut(Buffer.from(op[1]), Buffer.from(op[2]));
      else batch.tryDelete(Buffer.from(op[1]));
    }
    await batch.flush();
  }
  const blocks: Buffer[] = [];
  for (let seq = 0; seq < bee.core.length; seq++) blocks.push((await bee.core.get(seq))!);
  return blocks;
}

type Batch = Extract<DecodedBlock, { kind: 'batch' }>;

function batchOf(seq: number, bytes: Buffer): Batch {
  const decoded = decodeBee2Block(seq, bytes);
  assert.equal(decoded.kind, 'batch', JSON.stringify(decoded));
  return decoded;
}

const puts = (batch: Batch) =>
  batch.contents().ops.map((op) => (op.op === 'put' ? `${text(op.key)}=${text(op.value)}` : `del ${text(op.key)}`));
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString();

test("hyperbee2's block 0 is its first batch, no header: the core is told bee2 and the block read as its puts", async (t) => {
  const blocks = await bee2Blocks(cleanupFor(t), [
    [
      ['put', 'zeta', 'Z'],
      ['put', 'alpha', '{"n":1}'],
      ['put', 'mid', 'M'],
    ],
  ]);
  assert.equal(blocks.length, 1);
  assert.equal(blocks[0][0], 1, 'the first byte is the block type, 1 for the latest format');
  assert.ok(isBee2BlockZero(blocks[0]));
  assert.deepEqual(coreFormat(blocks[0]), { kind: 'bee2' });
  const batch = batchOf(0, blocks[0]);
  assert.deepEqual(puts(batch), ['alpha={"n":1}', 'mid=M', 'zeta=Z'], 'in key order, not in the order written');
  assert.deepEqual(batch.part, { index: 1, count: 1 });
  assert.deepEqual(batch.contents().valueIn, []);
  assert.deepEqual(batch.contents().values, []);
  assert.equal(batch.treeNodes, 1);
});

test('a delete leaves no key in its block: a batch of a delete and a put shows the put, a delete alone only tree nodes', async (t) => {
  const blocks = await bee2Blocks(cleanupFor(t), [
    [
      ['put', 'user/1', 'one'],
      ['put', 'user/2', 'two'],
      ['put', 'user/3', 'three'],
    ],
    [
      ['del', 'user/2'],
      ['put', 'user/9', 'nine'],
    ],
    [['del', 'user/3']],
    // Deleting a key that is not there writes nothing at all.
    [['del', 'nothere']],
  ]);
  assert.equal(blocks.length, 3);
  assert.deepEqual(puts(batchOf(1, blocks[1])), ['user/9=nine']);
  const deleteOnly = batchOf(2, blocks[2]);
  assert.deepEqual(deleteOnly.contents().ops, []);
  assert.equal(deleteOnly.puts, 0);
  assert.equal(deleteOnly.treeNodes, 1, 'the rewritten node is all that tells of the delete');
  assert.equal(isBee2BlockZero(blocks[1]), false, 'a later block follows a previous batch: not a block 0');
});

test('a value over 1 KiB is stored in a block of its own before its key, which points to it', async (t) => {
  const big = Buffer.alloc(3000, 'a');
  const blocks = await bee2Blocks(cleanupFor(t), [[['put', 'small', 's']], [['put', 'big', big]]]);
  assert.equal(blocks.length, 3);
  const values = batchOf(1, blocks[1]);
  assert.deepEqual(values.contents().ops, []);
  assert.deepEqual(values.held, { count: 1, bytes: 3000 });
  assert.equal(values.contents().values.length, 1);
  assert.ok(Buffer.from(values.contents().values[0]).equals(big));
  assert.deepEqual(values.part, { index: 1, count: 2 });
  const key = batchOf(2, blocks[2]);
  assert.deepEqual(
    key.contents().valueIn.map(({ key, seq }) => [text(key), seq]),
    [['big', 1]],
  );
  assert.deepEqual(key.part, { index: 2, count: 2 });
});

test('a large batch spans several blocks, each holding part of its puts', async (t) => {
  const ops: Op[] = Array.from({ length: 600 }, (_, n) => ['put', `k${String(n).padStart(4, '0')}`, 'v'.repeat(20)]);
  const blocks = await bee2Blocks(cleanupFor(t), [ops]);
  assert.ok(blocks.length > 1);
  const parts = blocks.map((bytes, seq) => batchOf(seq, bytes));
  assert.deepEqual(
    parts.map((part) => part.part),
    parts.map((_, index) => ({ index: index + 1, count: blocks.length })),
  );
  assert.equal(
    parts.reduce((sum, part) => sum + part.contents().ops.length, 0),
    600,
    'every put is in exactly one block',
  );
  assert.ok(isBee2BlockZero(blocks[0]), 'block 0 starts the first batch even when the batch goes on');
});

test("hyperbee2's first block type (0) is read too", async (t) => {
  const blocks = await bee2Blocks(
    cleanupFor(t),
    [
      [
        ['put', 'b', 'B'],
        ['put', 'a', 'A'],
      ],
      [['put', 'c', 'C']],
    ],
    { type: 0 },
  );
  assert.equal(blocks[0][0], 0);
  assert.deepEqual(coreFormat(blocks[0]), { kind: 'bee2' });
  assert.deepEqual(puts(batchOf(0, blocks[0])), ['a=A', 'b=B']);
  assert.deepEqual(puts(batchOf(1, blocks[1])), ['c=C']);
});

test("compat mode writes hyperbee's header and nodes: the core is a bee, read by hyperbee's codec", async (t) => {
  const blocks = await bee2Blocks(
    cleanupFor(t),
    [
      [
        ['put', 'b', 'B'],
        ['put', 'a', 'A'],
      ],
      [['del', 'a']],
    ],
    { compat: true },
  );
  assert.deepEqual(coreFormat(blocks[0]), { kind: 'bee' });
  assert.equal(isBee2BlockZero(blocks[0]), false);
  const nodes = blocks.slice(1).map((bytes) => messages.Node.decode(bytes));
  assert.deepEqual(
    nodes.map((node) => [text(node.key), node.value === null ? null : text(node.value)]),
    [
      ['b', 'B'],
      ['a', 'A'],
      ['a', null],
    ],
    'one node a block in the order written, a delete as a node without a value, as hyperbee writes',
  );
  assert.equal(decodeBee2Block(1, blocks[1]).kind, 'undecodable', "hyperbee's nodes are not hyperbee2's own blocks");
});

test('other block 0s are not bee2: JSON, text, a Hyperbee header, bytes that only start like a bee2 block', () => {
  for (const bytes of [
    Buffer.from('{"otherKeys":[]}'),
    Buffer.from('hello\n'),
    Buffer.from('0a086879706572626565', 'hex'),
    Buffer.from([1]),
    Buffer.from([1, 0, 0, 0, 0]),
    Buffer.alloc(0),
  ]) {
    assert.equal(isBee2BlockZero(bytes), false, bytes.toString('hex'));
    assert.notEqual(coreFormat(bytes).kind, 'bee2');
  }
});

test('hostile bytes never throw: a batch or undecodable with a reason', async (t) => {
  const check = (bytes: Uint8Array) => {
    const decoded = decodeBee2Block(3, bytes);
    if (decoded.kind === 'undecodable') assert.ok(decoded.reason.length > 0);
    else assert.equal(decoded.kind, 'batch');
    isBee2BlockZero(bytes);
    // What every output shows of it carries no control character to the terminal.
    const line = shownLineText({ kind: 'bee2' }, 3, bytes).text;
    assert.ok(!CONTROL.test(line), JSON.stringify(line));
  };
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), check), { numRuns: 3000 });
  const typed = fc.uint8Array({ maxLength: 200 }).map((tail) => Buffer.concat([Buffer.from([1]), tail]));
  fc.assert(fc.property(typed, check), { numRuns: 3000 });

  const [real] = await bee2Blocks(cleanupFor(t), [
    [
      ['put', 'key', 'value'],
      ['put', '\x1b]52;c;aGk=\x07key', '\x1b[2J'],
    ],
  ]);
  const mutated = fc
    .tuple(fc.nat(real.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(real.length))
    .map(([at, byte, end]) => {
      const copy = Buffer.from(real);
      copy[at] = byte;
      return copy.subarray(0, end);
    });
  fc.assert(fc.property(mutated, check), { numRuns: 3000 });
  assert.deepEqual(decodeBee2Block(0, Buffer.from([1, 0, 0, 0, 8, 9])), {
    kind: 'undecodable',
    reason: 'hyperbee2 could not decode it: Out of bounds',
  });
  assert.deepEqual(decodeBee2Block(0, Buffer.from('{}')), {
    kind: 'undecodable',
    reason: 'block type 123 is not one hyperbee2 writes',
  });
});

test("a hyperbee2 block's line names its first puts, says what a block without puts holds, and escapes keys", async (t) => {
  const blocks = await bee2Blocks(cleanupFor(t), [
    [
      ['put', 'b', '2'],
      ['put', 'a', '1'],
      ['put', 'd', '4'],
      ['put', 'c', '3'],
      ['put', '\x1b[2J', 'x'],
    ],
    [['del', 'a']],
    [['put', 'big', Buffer.alloc(2000, 'z')]],
  ]);
  const lines = blocks.map((bytes, seq) => decodedLineText(decodeBee2Block(seq, bytes), bytes));
  assert.deepEqual(lines, [
    'put \\x1b[2J, put a, put b, +2 more (5 changes)',
    'no puts: 1 tree node rewritten (a delete leaves no key)',
    '1 value (2000 B) for a later block of its batch · part 1 of 2',
    'put big · part 2 of 2',
  ]);
  const search = shownSearchText({ kind: 'bee2' }, 0, blocks[0]);
  assert.ok(search.includes('put d'), 'search matches every key a batch puts, not only those its line names');
  const escaped = decodedLineText(decodeBee2Block(0, blocks[0]), blocks[0], 'screen');
  assert.ok(!escaped.includes('\x1b'), 'no escape reaches the screen');
  const fields = decodedFields(decodeBee2Block(3, blocks[3]), 3, blocks[3]);
  assert.deepEqual(
    fields.filter((field) => 'text' in field).map((field) => `${field.label}: ${'text' in field ? field.text : ''}`),
    [
      'op: put',
      'value: in block 2',
      'tree nodes: 1 rewritten (a delete shows only here)',
      'batch: part 2 of 2',
      'seq: 3',
    ],
  );
});
