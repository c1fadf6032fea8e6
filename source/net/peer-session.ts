import { EventEmitter } from 'node:events';
import type Corestore from 'corestore';
import type { Network } from '../model/network.js';
import type { CoreView } from './core-view.js';
import { settleWithin } from './limit.js';
import { openStore } from './storage.js';
import { createSwarm, type SwarmHandle } from './swarm.js';
import { describeDht, type DhtState } from './network-status.js';
import { PeerStats } from './peer-stats.js';

export interface SessionOptions {
  storage: string;
  network: Network;
}

// Bounds on quitting: every quit ends within 2 s, even while the DHT bootstraps (docs/untrusted-input.md#quitting).
const SWARM_CLOSE_MS = 1200;
const STORE_CLOSE_MS = 600;

// What a writer and a reader share: one Corestore on disk, one swarm that replicates the whole
// store on every connection, and the figures the header shows. Emits 'update' when those change.
export abstract class PeerSession extends EventEmitter {
  // One per pane: the sub-cores this session shows.
  views: CoreView[] = [];
  /** The main key a pane came from, when a reader has several; null otherwise. */
  readonly originOf: (view: CoreView) => Buffer | null = () => null;
  // What the peers view shows: each connection, and how far each pane's core is replicated.
  readonly peerStats: PeerStats;
  protected flushed = false;
  private readonly dhtWatch: NodeJS.Timeout;
  private closing: Promise<void> | null = null;

  protected constructor(
    readonly role: 'writer' | 'reader',
    readonly storage: string,
    readonly store: Corestore,
    protected readonly net: SwarmHandle,
  ) {
    super();
    this.peerStats = new PeerStats(
      net.swarm,
      () => this.views,
      (view) => this.originOf(view),
    );
    net.swarm.on('connection', (connection) => {
      this.store.replicate(connection);
      connection.on('error', () => {});
      this.emit('peer-join', connection.remotePublicKey);
      connection.on('close', () => this.emit('peer-leave', connection.remotePublicKey));
    });
    net.swarm.on('update', () => this.emit('update'));
    net.swarm.dht.on('network-update', () => this.emit('update'));
    // The DHT has no event for "bootstrapping reached nobody" or for nodes coming back;
    // look once a second and tell the screen when the state changed.
    let lastState = this.dhtState;
    this.dhtWatch = setInterval(() => {
      const state = this.dhtState;
      if (state === lastState) return;
      lastState = state;
      this.emit('update');
    }, 1000);
    this.dhtWatch.unref();
  }

  protected static async openParts(options: SessionOptions): Promise<{ store: Corestore; net: SwarmHandle }> {
    const store = await openStore(options.storage);
    try {
      const net = await createSwarm(options.network);
      return { store, net };
    } catch (error) {
      await store.close().catch(() => {});
      throw error;
    }
  }

  // Timers and lookups of a subclass that must stop before the store closes.
  protected stopWork(): void {}

  get peerCount(): number {
    return this.net.swarm.connections.size;
  }

  get dhtState(): DhtState {
    return describeDht(this.net.swarm, this.role, this.flushed);
  }

  get hostsLocalBootstrap(): boolean {
    return this.net.hostedBootstrap !== null;
  }

  protected markFlushed(): void {
    this.flushed = true;
    this.emit('update');
  }

  protected get closed(): boolean {
    return this.closing !== null;
  }

  // Swarm first, then the panes' views and the store, each bounded so an unreachable DHT
  // cannot hold the quit.
  close(): Promise<void> {
    if (!this.closing) {
      clearInterval(this.dhtWatch);
      this.closing = (async () => {
        await settleWithin(this.net.destroy(), SWARM_CLOSE_MS);
        await settleWithin(
          (async () => {
            this.stopWork();
            for (const view of this.views) view.close();
            await this.store.close();
          })(),
          STORE_CLOSE_MS,
        );
      })();
    }
    return this.closing;
  }
}
