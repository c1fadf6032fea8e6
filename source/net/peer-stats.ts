import type Hyperswarm from 'hyperswarm';
import type { SwarmConnection } from 'hyperswarm';
import type { PeerFigures, PeersSnapshot, PeersSource } from '../model/peer-figures.js';
import type { CoreView } from './core-view.js';

const KEY_BYTES = 32;

const finiteOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

// The figures of the peers view, from documented APIs only: the swarm's connections with
// secret-stream's remotePublicKey, rawBytesWritten and rawBytesRead, udx-native's rtt on the
// stream under it; per core, hypercore's length, contiguousLength and remoteContiguousLength.
// Per-peer lengths of a core (fields of core.peers' entries) are not documented: not used.
export class PeerStats implements PeersSource {
  private readonly connectedAt = new WeakMap<SwarmConnection, number>();

  constructor(
    private readonly swarm: Hyperswarm,
    private readonly views: () => readonly CoreView[],
    private readonly originOf: (view: CoreView) => Buffer | null = () => null,
  ) {
    swarm.on('connection', (connection) => this.connectedAt.set(connection, Date.now()));
  }

  snapshot(): PeersSnapshot {
    const peers = [...this.swarm.connections].map((connection) => this.figuresOf(connection));
    peers.sort((a, b) => a.connectedAt - b.connectedAt);
    const cores = this.views().map((view) => ({
      name: view.name,
      origin: this.originOf(view),
      key: view.key,
      length: view.core.length,
      contiguousLength: view.core.contiguousLength,
      remoteContiguousLength: view.core.remoteContiguousLength,
    }));
    return { at: Date.now(), peers, cores };
  }

  private figuresOf(connection: SwarmConnection): PeerFigures {
    const key = connection.remotePublicKey;
    return {
      key: Buffer.isBuffer(key) && key.length === KEY_BYTES ? key : null,
      connectedAt: this.connectedAt.get(connection) ?? Date.now(),
      // A relayed or not yet connected stream may have no round-trip time.
      rttMs: finiteOrNull(connection.rawStream?.rtt),
      bytesUp: finiteOrNull(connection.rawBytesWritten),
      bytesDown: finiteOrNull(connection.rawBytesRead),
    };
  }
}
