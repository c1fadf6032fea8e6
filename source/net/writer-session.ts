import type Corestore from 'corestore';
import type Hypercore from 'hypercore';
import { encodeBlockZero } from '../model/block-zero.js';
import { routeLine, type SubCoreName } from '../model/routing.js';
import { CoreView } from './core-view.js';
import { PeerSession, type SessionOptions } from './peer-session.js';
import type { SwarmHandle } from './swarm.js';

export interface AppendReceipt {
  core: SubCoreName;
  seq: number;
  byteLength: number;
}

// The writer of SPEC §1: core-1 holds the sub-core keys in block 0, core-2 takes blocks under
// 5 bytes, core-3 the rest. Only core-1 is announced; the whole store replicates.
export class WriterSession extends PeerSession {
  private constructor(
    storage: string,
    store: Corestore,
    net: SwarmHandle,
    readonly mainCore: Hypercore<{ otherKeys: string[] }>,
    private readonly subCores: Record<SubCoreName, Hypercore>,
  ) {
    super('writer', storage, store, net);
    this.views = [new CoreView('core-2', subCores['core-2']), new CoreView('core-3', subCores['core-3'])];
  }

  static async open(options: SessionOptions): Promise<WriterSession> {
    const { store, net } = await PeerSession.openParts(options);
    const mainCore = store.get<{ otherKeys: string[] }>({ name: 'core-1', valueEncoding: 'json' });
    const core2 = store.get({ name: 'core-2' });
    const core3 = store.get({ name: 'core-3' });
    await Promise.all([mainCore.ready(), core2.ready(), core3.ready()]);
    if (mainCore.length === 0) await mainCore.append(encodeBlockZero([core2.key, core3.key]));

    const session = new WriterSession(options.storage, store, net, mainCore, { 'core-2': core2, 'core-3': core3 });
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

  // Appends lines in order; lines bound for the same core in a row go in one append.
  // Each receipt is returned only once its block is on disk.
  async appendLines(lines: readonly string[]): Promise<AppendReceipt[]> {
    const receipts: AppendReceipt[] = [];
    let pending: { core: SubCoreName; blocks: Buffer[] } | null = null;
    const flush = async () => {
      if (!pending) return;
      const core = this.subCores[pending.core];
      const { length } = await core.append(pending.blocks);
      const first = length - pending.blocks.length;
      const view = this.views.find((candidate) => candidate.name === pending!.core);
      // A pane can hold only its cache's worth: a big batch (a pipe, a paste) seeds just its end.
      const rememberFrom = view ? pending.blocks.length - view.capacity : 0;
      pending.blocks.forEach((block, offset) => {
        if (offset >= rememberFrom) view?.remember(first + offset, block);
        receipts.push({ core: pending!.core, seq: first + offset, byteLength: block.length });
      });
      pending = null;
    };
    for (const line of lines) {
      const routed = routeLine(line);
      if (!routed) continue;
      if (pending && pending.core !== routed.core) await flush();
      if (!pending) pending = { core: routed.core, blocks: [] };
      pending.blocks.push(routed.block);
    }
    await flush();
    return receipts;
  }
}
