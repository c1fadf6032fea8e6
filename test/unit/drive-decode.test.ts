import { test } from 'node:test';
import assert from 'node:assert/strict';
import Corestore from 'corestore';
import messages from 'hyperbee/lib/messages.js';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import type { DecodedBlock } from '../../source/decode/decoded-block.js';
import { decodeBlock } from '../../source/decode/decode-block.js';
import { fileBlock, fileTreeRuns, sizeText } from '../../source/decode/drive.js';
import { shownLineText } from '../../source/decode/shown-block.js';
import { DRIVE_FILES, writeDrive } from '../helpers/drive-fixture.js';

// A file table block as the bee's decoder gives it: hyperbee's own node codec.
function beeBlock(bytes: Uint8Array): DecodedBlock {
  const node = messages.Node.decode(bytes);
  return node.value === null
    ? { kind: 'bee', op: { op: 'del', key: node.key } }
    : { kind: 'bee', op: { op: 'put', key: node.key, value: node.value } };
}

const put = (key: string, value: string): DecodedBlock => ({
  kind: 'bee',
  op: { op: 'put', key: Buffer.from(key, 'latin1'), value: Buffer.from(value) },
});

test('the blocks a real hyperdrive wrote read as file operations', async (t) => {
  const cleanup = cleanupFor(t);
  const storage = await tempDir(cleanup, 'many-cores-drive-');
  const { key } = await writeDrive(storage);
  const store = new Corestore(storage);
  cleanup.add('close the store', () => store.close());
  const core = store.get({ key: Buffer.from(key, 'hex') });
  await core.ready();
  // Through the decoders every output uses, as a drive pane's rows are.
  const format = { kind: 'drive', blobsKey: Buffer.alloc(32) } as const;
  const lines: string[] = [];
  for (let seq = 1; seq < core.length; seq++) {
    const bytes = (await core.get(seq))!;
    assert.equal(decodeBlock(format, seq, bytes)?.kind, 'file', `block ${seq}`);
    lines.push(shownLineText(format, seq, bytes, 'screen').text);
  }
  const bigBytes = DRIVE_FILES.bigLines * (DRIVE_FILES.bigLine(1).length + 1);
  assert.deepEqual(lines, [
    `put /README.md  ${DRIVE_FILES.readme.length} B`,
    `put /bin/run  ${DRIVE_FILES.binary.length} B  executable`,
    `put /big.log  ${sizeText(bigBytes)}`,
    'symlink /link → /README.md',
    'put /old.txt  10 B',
    'del /old.txt',
  ]);
  const big = fileBlock(beeBlock((await core.get(3))!));
  assert.deepEqual(big.kind === 'file' && big.op.op === 'put' ? big.op.blob : null, {
    blockOffset: 2,
    blockLength: 3,
    byteOffset: DRIVE_FILES.readme.length + DRIVE_FILES.binary.length,
    byteLength: bigBytes,
  });
});

test('a header or a block the bee could not decode passes through', () => {
  const header: DecodedBlock = { kind: 'header', protocol: 'hyperbee', metadata: null };
  assert.deepEqual(fileBlock(header), header);
  assert.deepEqual(fileBlock({ kind: 'undecodable', reason: 'bad protobuf' }), {
    kind: 'undecodable',
    reason: 'bad protobuf',
  });
});

test('a node hyperdrive would not have written is undecodable, with the reason', () => {
  const entry = '{"executable":false,"linkname":null,"blob":null,"metadata":null}';
  const reasonOf = (block: DecodedBlock) => (block.kind === 'undecodable' ? block.reason : block.kind);
  assert.equal(reasonOf(fileBlock(put('user/1', entry))), 'the key is not a file path of a drive');
  assert.equal(reasonOf(fileBlock(put('files\0', entry))), 'the key is not a file path of a drive');
  assert.equal(reasonOf(fileBlock(put('files\0/a', '{"executable":'))), 'the entry is not JSON');
  assert.equal(reasonOf(fileBlock(put('files\0/a', '[1]'))), 'the entry is not a JSON object');
  assert.equal(reasonOf(fileBlock(put('files\0/a', '{"linkname":7}'))), 'the entry has a linkname that is not text');
  assert.equal(
    reasonOf(fileBlock(put('files\0/a', '{"blob":{"blockOffset":-1,"blockLength":1,"byteOffset":0,"byteLength":1}}'))),
    'the entry has a blob that is not a range of the blobs core',
  );
  assert.equal(reasonOf(fileBlock(put(`files\0/${'a'.repeat(5000)}`, entry))), 'the key is not a file path of a drive');
  assert.deepEqual(fileBlock(put('files\0/empty', entry)), {
    kind: 'file',
    op: { op: 'put', path: '/empty', size: 0, executable: false, blob: null },
  });
});

test('sizes keep three figures at most', () => {
  assert.equal(sizeText(0), '0 B');
  assert.equal(sizeText(1023), '1023 B');
  assert.equal(sizeText(1024), '1.0 KiB');
  assert.equal(sizeText(3300), '3.2 KiB');
  assert.equal(sizeText(180_000), '176 KiB');
  assert.equal(sizeText(43 * 1024 * 1024), '43 MiB');
});

test('a file tree row says what `drives ls` says of the entry, sanitized', () => {
  const key = (path: string) => Buffer.from(`files\0${path}`);
  const row = (k: Uint8Array, value: string) =>
    fileTreeRuns(k, Buffer.from(value))
      .map((run) => run.text)
      .join('');
  const blob = '{"blockOffset":0,"blockLength":1,"byteOffset":0,"byteLength":21}';
  assert.equal(row(key('/README.md'), `{"executable":false,"linkname":null,"blob":${blob}}`), '/README.md  21 B');
  assert.equal(
    row(key('/bin/run'), `{"executable":true,"linkname":null,"blob":${blob}}`),
    '/bin/run  21 B  executable',
  );
  assert.equal(row(key('/link'), '{"linkname":"/README.md"}'), '/link → /README.md');
  assert.equal(row(key('/bad'), 'nope'), '/bad  (the entry is not JSON)');
  assert.equal(row(Buffer.from('user/1'), '{}'), 'not a file of a drive');
  assert.equal(row(key('/\x1b[2Jx'), '{"linkname":"/\\u001b]52;c;x"}'), '/\\x1b[2Jx → /\\x1b]52;c;x');
});
