import type Corestore from 'corestore';
import type Hypercore from 'hypercore';
import { encodeBlockZero } from '../model/block-zero.js';
import { routeLine, type SubCoreName } from '../model/routing.js';
import type { CoreView } from './core-view.js';
import { PeerSession, type SessionOptions } from './peer-session.js';
import { openStore } from './storage.js';
import { createSwarm, type SwarmHandle } from './swarm.js';

export interface AppendReceipt {
  core: SubCoreName;
  seq: number;
  byteLength: number;
}

// An append that failed for one sub-core or both: the lines of a core whose append resolved are
// on disk (their receipts, in input order), the others are not.
export class AppendError extends Error {
  constructor(
    readonly stored: AppendReceipt[],
    readonly unstoredLines: string[],
    readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

// The writer of docs/data-model.md: core-1 holds the sub-core keys in block 0, core-2 takes blocks under
// 5 bytes, core-3 the rest. Only core-1 is announced; the whole store replicates.
export class WriterSession extends PeerSession {
  private constructor(
    storage: string,
    store: Corestore,
    net: SwarmHandle,
    readonly mainCore: Hypercore<{ otherKeys: string[] }>,
    private readonly subCores: Record<SubCoreName, Hypercore>,
    View: typeof CoreView | null,
  ) {
    super('writer', storage, store, net);
    if (View) this.views = [new View('core-2', subCores['core-2']), new View('core-3', subCores['core-3'])];
  }

  // `onMainKey` hears the main key as soon as the store has it, before the swarm is made. Without
  // `panes` (the plain writer) there are no views, so their block decoders never load.
  static async open(
    options: SessionOptions & { onMainKey?: (key: Buffer) => void; panes?: boolean },
  ): Promise<WriterSession> {
    const store = await openStore(options.storage);
    let net: SwarmHandle;
    let View: typeof CoreView | null;
    let cores: [Hypercore<{ otherKeys: string[] }>, Hypercore, Hypercore];
    try {
      const mainCore = store.get<{ otherKeys: string[] }>({ name: 'core-1', valueEncoding: 'json' });
      cores = [mainCore, store.get({ name: 'core-2' }), store.get({ name: 'core-3' })];
      await Promise.all(cores.map((core) => core.ready()));
      // The key is the core's, known once it is ready: it is shown while block 0 is written.
      options.onMainKey?.(mainCore.key);
      // The swarm's modules load while block 0 is written, not after it.
      const swarm = createSwarm(options.network);
      // Its failure is handled where it is awaited, below; until then it must not count as unhandled.
      swarm.catch(() => {});
      try {
        // The views, with the block decoders they bring, load after the key is out: a writer's first
        // frame needs none of them.
        View = options.panes === false ? null : (await import('./core-view.js')).CoreView;
        if (mainCore.length === 0) await mainCore.append(encodeBlockZero([cores[1].key, cores[2].key]));
      } catch (error) {
        await swarm.then((made) => made.destroy()).catch(() => {});
        throw error;
      }
      net = await swarm;
    } catch (error) {
      await store.close().catch(() => {});
      throw error;
    }
    const [mainCore, core2, core3] = cores;

    const session = new WriterSession(
      options.storage,
      store,
      net,
      mainCore,
      { 'core-2': core2, 'core-3': core3 },
      View,
    );
    const discovery = net.swarm.join(mainCore.discoveryKey);
    discovery.flushed().then(
      () => session.markFlushed(),
      () => {},
    );
    return session;
  }

  get mainKey(): Buffer {
    return this.mainCore.key;
  }

  subCoreKey(name: SubCoreName): Buffer {
    return this.subCores[name].key;
  }

  // Appends a batch of lines with one append per sub-core, however the short and long lines
  // interleave: each core gets its lines in input order (the only order a reader can see), and
  // the receipts come back in input order, each only once its block is on disk. When an append
  // fails, the AppendError thrown says which lines are stored and which are not.
  async appendLines(lines: readonly string[]): Promise<AppendReceipt[]> {
    const batches: Record<SubCoreName, Buffer[]> = { 'core-2': [], 'core-3': [] };
    const placed: Array<{ line: string; core: SubCoreName; offset: number }> = [];
    for (const line of lines) {
      const routed = routeLine(line);
      if (!routed) continue;
      placed.push({ line, core: routed.core, offset: batches[routed.core].length });
      batches[routed.core].push(routed.block);
    }
    const firstSeq: Record<SubCoreName, number> = { 'core-2': 0, 'core-3': 0 };
    const names = Object.keys(batches) as SubCoreName[];
    const results = await Promise.allSettled(
      names.map(async (name) => {
        const blocks = batches[name];
        if (blocks.length === 0) return;
        const { length } = await this.subCores[name].append(blocks);
        firstSeq[name] = length - blocks.length;
        this.seedView(name, firstSeq[name], blocks);
      }),
    );
    const failedCores = new Set(names.filter((_, index) => results[index]?.status === 'rejected'));
    const receipt = ({ core, offset }: { core: SubCoreName; offset: number }): AppendReceipt => ({
      core,
      seq: firstSeq[core] + offset,
      byteLength: batches[core][offset].length,
    });
    if (failedCores.size === 0) return placed.map(receipt);
    const failure = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    throw new AppendError(
      placed.filter(({ core }) => !failedCores.has(core)).map(receipt),
      placed.filter(({ core }) => failedCores.has(core)).map(({ line }) => line),
      failure.reason,
    );
  }

  // The pane shows the writer's own lines from memory; it holds only its cache's worth, so a big
  // batch (a pipe, a paste) seeds just its end.
  private seedView(name: SubCoreName, firstSeq: number, blocks: Buffer[]): void {
    const view = this.views.find((candidate) => candidate.name === name);
    if (!view) return;
    for (let offset = Math.max(0, blocks.length - view.capacity); offset < blocks.length; offset++) {
      view.remember(firstSeq + offset, blocks[offset]);
    }
  }
}
