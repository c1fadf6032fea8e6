import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { storeIn } from '../../harness/store.js';
import { startTestnet } from '../../harness/testnet.js';
import { waitFor } from '../../harness/wait.js';
import { fileBlock } from '../../source/decode/drive.js';
import { DriveBlobs, formatOfCore } from '../../source/net/drive-blobs.js';
import { ReaderSession } from '../../source/net/reader-session.js';
import { createSwarm } from '../../source/net/swarm.js';
import { MAX_DECODED_BYTES } from '../../source/text/sanitize.js';
import messages from 'hyperbee/lib/messages.js';
import { DRIVE_FILES, serveDrive } from '../helpers/drive-fixture.js';

test('a drive served by hyperdrive: its blobs core is found, and a file read only as far as shown', async (t) => {
  const cleanup = cleanupFor(t);
  const { nodes, bootstrap } = await startTestnet(cleanup);
  const served = await serveDrive(cleanup, bootstrap);
  const store = await storeIn(cleanup);
  const net = await createSwarm({ kind: 'bootstrap', nodes });
  cleanup.add('destroy the swarm', () => net.destroy());
  net.swarm.on('connection', (connection) => store.replicate(connection));
  const fileTable = store.get({ key: Buffer.from(served.key, 'hex') });
  await fileTable.ready();
  net.swarm.join(fileTable.discoveryKey, { server: false, client: true });

  const blockZero = (await fileTable.get(0))!;
  const format = formatOfCore(blockZero, fileTable);
  assert.equal(format.kind === 'drive' ? format.blobsKey.toString('hex') : format.kind, served.blobsKey);
  // The same header without hyperdrive's metadata is a plain bee's.
  assert.deepEqual(formatOfCore(Buffer.from('0a086879706572626565', 'hex'), fileTable), { kind: 'bee' });

  const blobs = await DriveBlobs.open(store, Buffer.from(served.blobsKey, 'hex'));
  cleanup.add('close the blobs', () => blobs.close());
  await waitFor('the blobs core length', () => blobs.stats().length === served.blobsLength);
  assert.deepEqual(blobs.stats(), { length: served.blobsLength, local: 0 });

  const entryAt = async (seq: number) => {
    const node = messages.Node.decode((await fileTable.get(seq))!);
    const block = fileBlock({ kind: 'bee', op: { op: 'put', key: node.key, value: node.value! } });
    assert.ok(block.kind === 'file' && block.op.op === 'put');
    return block.op.blob;
  };
  const readme = await blobs.readHead(await entryAt(1));
  assert.deepEqual(readme, {
    ok: true,
    bytes: Buffer.from(DRIVE_FILES.readme),
    size: DRIVE_FILES.readme.length,
    cut: false,
  });

  // An entry that claims more than its blocks hold says so, in one line.
  assert.deepEqual(await blobs.readHead({ blockOffset: 0, blockLength: 1, byteOffset: 0, byteLength: 1000 }), {
    ok: false,
    reason: 'the blobs core holds less of the file than its entry says',
  });

  const bigRange = await entryAt(3);
  const big = await blobs.readHead(bigRange);
  assert.ok(big.ok);
  assert.equal(big.bytes.length, MAX_DECODED_BYTES);
  assert.equal(big.cut, true);
  assert.ok(big.bytes.toString().startsWith(`${DRIVE_FILES.bigLine(1)}\n${DRIVE_FILES.bigLine(2)}\n`));
  // The first 64 KiB are the file's first block: the other two were never fetched.
  assert.equal(await blobs.core.has(bigRange!.blockOffset), true);
  assert.equal(await blobs.core.has(bigRange!.blockOffset + 1, bigRange!.blockOffset + 3), false);
  await waitFor('the local count', () => blobs.stats().local === 2);
});

test('a reader of a drive opens its blobs core beside the file table; --seed keeps every block of both', async (t) => {
  const cleanup = cleanupFor(t);
  const { nodes, bootstrap } = await startTestnet(cleanup);
  const served = await serveDrive(cleanup, bootstrap);
  const storage = await tempDir(cleanup, 'many-cores-drive-reader-');
  const session = await ReaderSession.open({
    storage,
    network: { kind: 'bootstrap', nodes },
    keys: [Buffer.from(served.key, 'hex')],
    seed: true,
  });
  cleanup.add('close the reader', () => session.close());
  const view = await waitFor('the drive pane', () => session.views[0]?.format.kind === 'drive' && session.views[0]);
  const blobs = await waitFor('the blobs core', () => session.blobsOf(view));
  assert.equal(blobs.core.key.toString('hex'), served.blobsKey);
  const seeded = await waitFor(
    'both cores seeded',
    () => {
      const figures = session.seedFigures();
      return figures.length === 2 && figures.every((core) => core.seeded) && figures;
    },
    { timeoutMs: 60_000, describe: () => JSON.stringify(session.seedFigures()) },
  );
  assert.deepEqual(
    seeded.map(({ core, local, length }) => ({ core, local, length })),
    [
      { core: 'core-1', local: served.version, length: served.version },
      { core: 'blobs', local: served.blobsLength, length: served.blobsLength },
    ],
  );
});
