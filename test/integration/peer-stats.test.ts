// The peers view's figures over a real writer and reader on a loopback DHT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describeSync, type PeersSnapshot } from '../../source/model/peer-figures.js';
import type { PeerSession } from '../../source/net/peer-session.js';
import { ReaderSession } from '../../source/net/reader-session.js';
import { WriterSession } from '../../source/net/writer-session.js';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { startTestnet } from '../../harness/testnet.js';
import { waitFor } from '../../harness/wait.js';

const syncs = (snapshot: PeersSnapshot) =>
  snapshot.cores.map((core) => `${core.name} ${core.length} ${describeSync(core, snapshot.peers.length)}`).join(', ');

// Both cores of the given lengths synced, as the peers view would show them, with the reader's
// panes reading every block.
function bothSynced(session: PeerSession, who: string, lengths: [number, number]): Promise<PeersSnapshot> {
  const expected = `core-2 ${lengths[0]} synced, core-3 ${lengths[1]} synced`;
  return waitFor(
    `${who} to show ${expected}`,
    () => {
      for (const view of session.views) view.want(0, view.core.length);
      const snapshot = session.peerStats.snapshot();
      return syncs(snapshot) === expected && snapshot.peers.length === 1 && snapshot;
    },
    { describe: () => JSON.stringify(syncs(session.peerStats.snapshot())) },
  );
}

test('writer and reader each see the other connection, its bytes and round trip, and both cores synced', async (t) => {
  const cleanup = cleanupFor(t);
  const { nodes } = await startTestnet(cleanup);
  const directory = await tempDir(cleanup, 'many-cores-peers-');
  const network = { kind: 'bootstrap' as const, nodes };
  const writer = await WriterSession.open({ storage: join(directory, 'writer'), network });
  cleanup.add('close the writer', () => writer.close());
  assert.deepEqual(writer.peerStats.snapshot().peers, [], 'nobody yet');
  await writer.appendLines(['hi', 'a longer line', 'ok', 'another long one', 'more']);

  const startedAt = Date.now();
  const reader = await ReaderSession.open({ storage: join(directory, 'reader'), network, keys: [writer.mainKey] });
  cleanup.add('close the reader', () => reader.close());
  await reader.keys[0].whenSettled();

  const seenByReader = await bothSynced(reader, 'the reader', [2, 3]);
  const seenByWriter = await bothSynced(writer, 'the writer', [2, 3]);
  for (const [who, snapshot] of [
    ['reader', seenByReader],
    ['writer', seenByWriter],
  ] as const) {
    const [peer] = snapshot.peers;
    assert.equal(peer.key?.length, 32, `${who}: the peer's key`);
    assert.ok(peer.connectedAt >= startedAt && peer.connectedAt <= snapshot.at, `${who}: connected since`);
    assert.ok(peer.bytesUp !== null && peer.bytesUp > 0, `${who}: bytes sent`);
    assert.ok(peer.bytesDown !== null && peer.bytesDown > 0, `${who}: bytes received`);
    assert.equal(typeof peer.rttMs, 'number', `${who}: a round trip on a direct connection`);
  }
  assert.ok(!seenByReader.peers[0].key?.equals(seenByWriter.peers[0].key as Buffer), 'each sees the other');

  // Live: the writer holds a new block at once; the reader has it once its pane has read it, and
  // the writer learns so.
  await writer.appendLines(['x', 'a line for core-3']);
  await bothSynced(reader, 'the reader, after new blocks', [3, 4]);
  await bothSynced(writer, 'the writer, after the reader read the new blocks', [3, 4]);

  await reader.close();
  await waitFor('the writer to see the reader gone', () => writer.peerStats.snapshot().peers.length === 0);
});
