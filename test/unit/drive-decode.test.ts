import { test } from 'node:test';
import assert from 'node:assert/strict';
import Corestore from 'corestore';
import messages from 'hyperbee/lib/messages.js';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import type { DecodedBlock } from '../../source/decode/decoded-block.js';
import { fileBlock, fileOpLine, fileTreeLine, sizeText } from '../../source/decode/drive.js';
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
  const lines: string[] = [];
  for (let seq = 1; seq < core.length; seq++) {
    const decoded = fileBlock(beeBlock((await core.get(seq))!));
    assert.equal(decoded.kind, 'file', `block ${seq}: ${JSON.stringify(decoded)}`);
    if (decoded.kind === 'file') lines.push(fileOpLine(decoded.op));
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

test('a file tree row says what `drives ls` says of the entry', () => {
  const key = (path: string) => Buffer.from(`files\0${path}`);
  const blob = '{"blockOffset":0,"blockLength":1,"byteOffset":0,"byteLength":21}';
  assert.equal(
    fileTreeLine(key('/README.md'), Buffer.from(`{"executable":false,"linkname":null,"blob":${blob}}`)),
    '/README.md  21 B',
  );
  assert.equal(
    fileTreeLine(key('/bin/run'), Buffer.from(`{"executable":true,"linkname":null,"blob":${blob}}`)),
    '/bin/run  21 B  executable',
  );
  assert.equal(fileTreeLine(key('/link'), Buffer.from('{"linkname":"/README.md"}')), '/link → /README.md');
  assert.equal(fileTreeLine(key('/bad'), Buffer.from('nope')), '/bad  (the entry is not JSON)');
  assert.equal(fileTreeLine(Buffer.from('user/1'), Buffer.from('{}')), 'not a file of a drive');
});
