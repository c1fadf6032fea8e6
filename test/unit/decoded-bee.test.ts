// A Hyperbee's blocks decoded and shown (docs/data-model.md#decoded-cores). The nodes are made by
// hyperbee's own codec, byte for byte what the package writes (test/e2e/decoded-bee.test.ts reads
// a bee the package itself wrote).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import messages from 'hyperbee/lib/messages.js';
import { decodeBeeBlock } from '../../source/decode/bee.js';
import { decodeBlock } from '../../source/decode/decode-block.js';
import type { CoreFormat, DecodedBlock } from '../../source/decode/decoded-block.js';
import { decodedCopyText, decodedEventFields, decodedLine, decodedLineText } from '../../source/decode/decoded-line.js';
import { aloneNoticeFor, shownCopyText, shownDetailLayout, shownLineText } from '../../source/decode/shown-block.js';
import { MAX_DECODED_BYTES } from '../../source/text/sanitize.js';

const BEE: CoreFormat = { kind: 'bee' };
const utf8 = (text: string) => Buffer.from(text, 'utf8');
// A node as hyperbee writes it: its tree index (here empty), key, and value (none for a del).
const node = (key: Uint8Array, value: Uint8Array | null) =>
  messages.Node.encode({ index: Buffer.alloc(0), key: Buffer.from(key), value: value && Buffer.from(value) });
const HEADER = messages.Header.encode({ protocol: 'hyperbee', metadata: null });
const put6 = node(utf8('user/6'), utf8('{"name":"user 6","n":6}'));

const line = (decoded: DecodedBlock, bytes: Uint8Array, target: 'screen' | 'line' = 'screen') =>
  decodedLineText(decoded, bytes, target);

test('block 0 is the header; a node with a value is a put, one without a del', () => {
  assert.deepEqual(decodeBeeBlock(0, HEADER), { kind: 'header', protocol: 'hyperbee', metadata: null });
  assert.deepEqual(decodeBeeBlock(7, put6), {
    kind: 'bee',
    op: { op: 'put', key: utf8('user/6'), value: utf8('{"name":"user 6","n":6}') },
  });
  assert.deepEqual(decodeBeeBlock(21, node(utf8('user/3'), null)), {
    kind: 'bee',
    op: { op: 'del', key: utf8('user/3') },
  });
  // An empty value is still a value: a put.
  assert.deepEqual(decodeBeeBlock(2, node(utf8('k'), new Uint8Array(0))), {
    kind: 'bee',
    op: { op: 'put', key: utf8('k'), value: Buffer.alloc(0) },
  });
});

test("a header's metadata: its user data, and the blobs core it names", () => {
  const blobs = Buffer.alloc(32, 9);
  const bytes = messages.Header.encode({
    protocol: 'hyperbee',
    metadata: { contentFeed: blobs, userData: utf8('app v1') },
  });
  const decoded = decodeBeeBlock(0, bytes);
  assert.deepEqual(decoded, { kind: 'header', protocol: 'hyperbee', metadata: utf8('app v1'), contentFeed: blobs });
  assert.equal(line(decoded, bytes), `hyperbee header metadata app v1 blobs ${blobs.toString('hex')}`);
});

test('bytes the codec refuses are undecodable, with why, shown as hex', () => {
  const bad = Buffer.from([0x0a, 0x05, 0x01]);
  const decoded = decodeBeeBlock(4, bad);
  assert.equal(decoded.kind, 'undecodable');
  assert.match(decoded.kind === 'undecodable' ? decoded.reason : '', /^not a Hyperbee node \(.+\)$/);
  assert.match(line(decoded, bad), /^\? not a Hyperbee node \(.+\) 0a0501$/);
  assert.deepEqual(decodeBeeBlock(0, utf8('{"otherKeys":[]}')), {
    kind: 'undecodable',
    reason: 'not a Hyperbee header',
  });
  // A node missing its key is refused too.
  assert.equal(decodeBeeBlock(1, messages.Header.encode({ protocol: 'x', metadata: null })).kind, 'undecodable');
});

test('one line: put KEY → VALUE on screen, a space for plain output; key and value by the block-form rules', () => {
  const decoded = decodeBeeBlock(7, put6);
  assert.equal(line(decoded, put6), 'put user/6 → {"name":"user 6","n":6}');
  assert.equal(line(decoded, put6, 'line'), 'put user/6 {"name":"user 6","n":6}');
  const pretty = node(utf8('cfg'), utf8('{\n  "a": [1, 2]\n}\n'));
  assert.equal(line(decodeBeeBlock(1, pretty), pretty), 'put cfg → {"a":[1,2]}', 'JSON compacted');
  const binary = node(Buffer.from([0, 1, 2]), Buffer.from([0xff, 0x00]));
  assert.equal(line(decodeBeeBlock(1, binary), binary), 'put 000102 → ff00', 'binary as hex');
  const del = node(utf8('user/3'), null);
  assert.equal(line(decodeBeeBlock(21, del), del), 'del user/3');
});

test('a value that is an escape sequence is shown escaped, never passed through', () => {
  const bytes = node(utf8('evil'), utf8('\x1b]52;c;aGVsbG8=\x07\x1b[2J'));
  const runs = decodedLine(decodeBeeBlock(1, bytes), bytes);
  assert.equal(runs.map((run) => run.text).join(''), 'put evil → \\x1b]52;c;aGVsbG8=\\x07\\x1b[2J');
  assert.ok(
    runs.some((run) => run.escaped && run.text.includes('\\x1b')),
    'the escapes are marked to be dimmed',
  );
  assert.ok(!runs.some((run) => /[\x00-\x1f]/.test(run.text)));
});

test('a 1 MiB key is cut: only the bytes asked for are looked at, and the line says it goes on', () => {
  const key = Buffer.alloc(1024 * 1024, 0x61);
  const bytes = node(key, utf8('v'));
  const decoded = decodeBeeBlock(1, bytes);
  const row = decodedLine(decoded, bytes, 200)
    .map((run) => run.text)
    .join('');
  assert.equal(row, `put ${'a'.repeat(200)}… → v`);
  const plain = line(decoded, bytes, 'line');
  assert.equal(plain, `put ${'a'.repeat(MAX_DECODED_BYTES)}… v`);
});

test('batch and file blocks have a line too', () => {
  const batch: DecodedBlock = {
    kind: 'batch',
    named: ['a', 'b', 'c'].map(utf8),
    puts: 5,
    held: { count: 0, bytes: 0 },
    treeNodes: 1,
    part: { index: 1, count: 1 },
    contents: () => ({ ops: [], valueIn: [], values: [] }),
  };
  assert.equal(line(batch, Buffer.alloc(0)), 'put a, put b, put c, +2 more (5 changes)');
  const file = (op: Extract<DecodedBlock, { kind: 'file' }>['op']) => line({ kind: 'file', op }, Buffer.alloc(0));
  assert.equal(
    file({ op: 'put', path: '/README.md', size: 21, executable: false, blob: null }),
    'put /README.md  21 B',
  );
  assert.equal(
    file({ op: 'put', path: '/run.sh', size: 9, executable: true, blob: null }),
    'put /run.sh  9 B  executable',
  );
  assert.equal(file({ op: 'symlink', path: '/a', target: '/b' }), 'symlink /a → /b');
  assert.equal(file({ op: 'del', path: '/old\x1b[2J' }), 'del /old\\x1b[2J');
});

test('c copies the value; a del its key', () => {
  assert.equal(decodedCopyText(decodeBeeBlock(7, put6), put6), '{"name":"user 6","n":6}');
  const del = node(utf8('user/3'), null);
  assert.equal(decodedCopyText(decodeBeeBlock(21, del), del), 'user/3');
  assert.equal(shownCopyText(BEE, 7, put6), '{"name":"user 6","n":6}');
  assert.equal(shownCopyText({ kind: 'raw' }, 7, utf8('hello\n')), 'hello', 'a raw core copies the block');
});

test('--json: kind, and the key and value each with its encoding', () => {
  assert.deepEqual(decodedEventFields(decodeBeeBlock(7, put6)), {
    kind: 'put',
    decoded: {
      key: { text: 'user/6', encoding: 'text' },
      value: { text: '{"name":"user 6","n":6}', encoding: 'json' },
    },
  });
  assert.deepEqual(decodedEventFields(decodeBeeBlock(21, node(utf8('user/3'), null))), {
    kind: 'del',
    decoded: { key: { text: 'user/3', encoding: 'text' } },
  });
  assert.deepEqual(decodedEventFields(decodeBeeBlock(0, HEADER)), {
    kind: 'header',
    decoded: { protocol: 'hyperbee' },
  });
  const bad = Buffer.from([0xff]);
  assert.equal(decodedEventFields(decodeBeeBlock(3, bad)).kind, 'undecodable');
});

test('the block view shows the entry whole: key, value, seq, titled by what it is', () => {
  const layout = shownDetailLayout(BEE, 7, put6, 60);
  assert.equal(layout.label, 'Hyperbee put');
  const lines = layout.lines(0, 20).map((runs) => runs.map((run) => run.text).join(''));
  assert.deepEqual(lines, ['op  put', 'key · text', 'user/6', 'value · json', '{"name":"user 6","n":6}', 'seq  7']);
  assert.equal(layout.total(), 6);
  assert.equal(shownDetailLayout(BEE, 7, put6, 60), layout, 'laid out once for the keys and the drawing');
  const bad = Buffer.from([0x0a, 0x05, 0x01]);
  const badLines = shownDetailLayout(BEE, 3, bad, 80)
    .lines(0, 10)
    .map((runs) => runs.map((run) => run.text).join(''));
  assert.match(badLines[0] ?? '', /^undecodable {2}not a Hyperbee node/);
  assert.match(badLines[2] ?? '', /^00000000 {2}0a 05 01/, 'its bytes as a hex dump');
});

test('a raw core is shown as before; a bee is decoded only for its format, once per block', () => {
  assert.deepEqual(shownLineText({ kind: 'raw' }, 7, put6), { text: put6.toString('hex'), encoding: 'hex' });
  assert.equal(decodeBlock({ kind: 'raw' }, 7, put6), null);
  assert.deepEqual(shownLineText(BEE, 7, put6), { text: 'put user/6 → {"name":"user 6","n":6}', encoding: 'decoded' });
  assert.equal(decodeBlock(BEE, 7, put6), decodeBlock(BEE, 7, put6), 'cached per block');
  assert.equal(aloneNoticeFor('block 0 is not JSON', BEE), 'a Hyperbee: showing its nodes decoded');
  assert.equal(aloneNoticeFor('block 0 is not JSON', { kind: 'raw' }), 'block 0 is not JSON: showing this core alone');
});
