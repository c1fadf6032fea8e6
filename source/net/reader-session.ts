import type Corestore from 'corestore';
import type Hypercore from 'hypercore';
import { MAX_BLOCK_ZERO_BYTES, oversizedReason, parseBlockZero, type BlockZero } from '../model/block-zero.js';
import type { SeedFigures } from '../model/seeding.js';
import { CoreView } from './core-view.js';
import { DiskFullWatch } from './disk-full.js';
import { PeerSession, type SessionOptions } from './peer-session.js';
import { UserFacingError, WRITER_NOT_FOUND } from '../model/messages.js';
import type { SwarmHandle } from './swarm.js';
import type { PeerDiscovery } from 'hyperswarm';

const FIRST_LOOKUP_RETRY_MS = 1000;
const LAST_LOOKUP_RETRY_MS = 10_000;
// A seeding reader reports its progress ('seed-progress') at most this often.
const SEED_PROGRESS_MS = 500;

// `alone`: block 0 is not a list of sub-cores, so the main core itself is the one pane (docs/data-model.md#any-core);
// the reason why, one line. Null when the panes are the sub-cores block 0 lists.
export type ReaderPhase =
  | { kind: 'looking'; since: number }
  | { kind: 'ready'; blockZero: BlockZero; alone: string | null }
  | { kind: 'failed'; reason: string };

// The signed Merkle tree tells how many bytes the blocks hold before any of them is downloaded:
// a block 0 over the limit is not fetched to be read as a list of sub-cores. The reason, or null.
async function oversizedBlockZero(core: Hypercore): Promise<string | null> {
  if (core.byteLength <= MAX_BLOCK_ZERO_BYTES) return null;
  const size = core.length === 1 ? core.byteLength : null;
  if (size === null) {
    const found = await core.seek(MAX_BLOCK_ZERO_BYTES);
    if (!found || found[0] > 0) return null;
  }
  return oversizedReason(size);
}

export class WriterNotFoundError extends UserFacingError {
  constructor() {
    super(WRITER_NOT_FOUND);
  }
}

// The reader of docs/data-model.md#reading: opens core-1 by key, waits for the writer, reads block 0,
// and opens every sub-core it lists; or, when block 0 lists none, shows core-1 itself (docs/data-model.md#any-core).
// Emits 'update' on every change of phase or figures.
// Seeding (--seed), it downloads every block of every core, keeps them and serves them, and
// emits 'seed-progress' (with an 'update') as they arrive, at most every SEED_PROGRESS_MS.
// A reader stores the blocks it fetches: once its disk is full it emits 'disk-full' with the
// one line that says so (then an 'update'), and `diskFull` holds that line.
export class ReaderSession extends PeerSession {
  phase: ReaderPhase = { kind: 'looking', since: Date.now() };
  // When the last peer went away after the sub-cores were open: the screen says the writer left.
  writerLeftAt: number | null = null;
  private readonly stopFindingPeers: () => void;
  private readonly discovery: PeerDiscovery;
  private lookupTimer: NodeJS.Timeout | null = null;
  private lookupDelay = FIRST_LOOKUP_RETRY_MS;
  // Seeding: the main core's figures (it has no pane), then each sub-core's.
  private readonly seedViews: CoreView[] = [];
  private seedProgressTimer: NodeJS.Timeout | null = null;
  private lastSeedProgressAt = 0;
  private readonly diskWatch: DiskFullWatch;

  private constructor(
    storage: string,
    store: Corestore,
    net: SwarmHandle,
    readonly mainCore: Hypercore,
    readonly seeding: boolean,
  ) {
    super('reader', storage, store, net);
    this.diskWatch = new DiskFullWatch(storage, seeding, (message) => {
      this.emit('disk-full', message);
      this.emit('update');
    });
    this.diskWatch.watch(mainCore);
    this.stopFindingPeers = store.findingPeers();
    // A seeder is found by readers that come after the writer left: it announces the topic too.
    this.discovery = net.swarm.join(mainCore.discoveryKey, { server: seeding, client: true });
    if (seeding) this.seed(new CoreView('core-1', mainCore));
    net.swarm.flush().then(
      () => {
        this.stopFindingPeers();
        this.markFlushed();
        this.lookAgainWhileAlone();
      },
      () => {},
    );
    this.on('peer-leave', () => {
      if (this.peerCount > 0 || this.phase.kind !== 'ready' || this.writerLeftAt !== null) return;
      this.writerLeftAt = Date.now();
      this.emit('update');
    });
    this.on('peer-join', () => {
      if (this.writerLeftAt === null) return;
      this.writerLeftAt = null;
      this.emit('update');
    });
    net.swarm.on('update', () => {
      if (this.peerCount === 0) this.lookAgainWhileAlone();
      else this.lookupDelay = FIRST_LOOKUP_RETRY_MS;
    });
  }

  // Hyperswarm looks a topic up again only every ~10 minutes: a reader that started before
  // its writer, or whose writer went away, asks the DHT again itself, backing off to 10 s.
  private lookAgainWhileAlone(): void {
    if (this.lookupTimer || this.closed) return;
    this.lookupTimer = setTimeout(() => {
      this.lookupTimer = null;
      if (this.closed || this.peerCount > 0) return;
      this.discovery.refresh({ client: true, server: this.seeding }).catch(() => {});
      this.lookupDelay = Math.min(this.lookupDelay * 2, LAST_LOOKUP_RETRY_MS);
      this.lookAgainWhileAlone();
    }, this.lookupDelay);
  }

  static async open(options: SessionOptions & { key: Buffer; seed?: boolean }): Promise<ReaderSession> {
    const { store, net } = await PeerSession.openParts(options);
    const mainCore = store.get({ key: options.key });
    await mainCore.ready();
    const session = new ReaderSession(options.storage, store, net, mainCore, options.seed === true);
    session.start();
    return session;
  }

  get mainKey(): Buffer {
    return this.mainCore.key;
  }

  // Resolves once the sub-cores are open, or with the reason they cannot be.
  whenSettled(): Promise<ReaderPhase> {
    if (this.phase.kind !== 'looking') return Promise.resolve(this.phase);
    return new Promise((resolve) => {
      const check = () => {
        if (this.phase.kind === 'looking') return;
        this.off('update', check);
        resolve(this.phase);
      };
      this.on('update', check);
    });
  }

  private start(): void {
    this.waitForBlockZero().then(
      (found) => (typeof found === 'string' ? this.showMainCoreAlone(found, 0) : this.openSubCores(found)),
      (error: unknown) => this.fail(error),
    );
  }

  // Block 0, or the reason it is not read (it is too big to be a list of sub-cores).
  private waitForBlockZero(): Promise<Buffer | string> {
    const core = this.mainCore;
    return new Promise<void>((resolve) => {
      if (core.length > 0) return resolve();
      const onAppend = () => {
        if (core.length === 0) return;
        core.off('append', onAppend);
        core.off('peer-add', onPeer);
        resolve();
      };
      // A new peer may know a longer core: ask it.
      const onPeer = () => {
        core.update({ wait: true }).then(onAppend, () => {});
      };
      core.on('append', onAppend);
      core.on('peer-add', onPeer);
      core.update({ wait: true }).then(onAppend, () => {});
    }).then(async () => {
      const oversized = await oversizedBlockZero(core);
      if (oversized !== null) return oversized;
      const block = await core.get(0);
      if (!block) throw new UserFacingError('block 0 of the main core could not be read');
      return block;
    });
  }

  private async openSubCores(bytes: Buffer): Promise<void> {
    const parsed = parseBlockZero(bytes, this.mainCore.key);
    if (!parsed.ok) return this.showMainCoreAlone(parsed.reason, parsed.skipped);
    const cores = parsed.value.keys.map((key) => this.store.get({ key }));
    for (const core of cores) this.diskWatch.watch(core);
    await Promise.all(cores.map((core) => core.ready()));
    this.views = cores.map((core, index) => new CoreView(`core-${index + 2}`, core));
    if (this.seeding) for (const view of this.views) this.seed(view);
    this.phase = { kind: 'ready', blockZero: parsed.value, alone: null };
    this.emit('update');
  }

  // Any Hypercore: its own blocks, block 0 included, in the one pane. A seeder already has a view
  // of the main core that counts its copy: the pane is that view.
  private showMainCoreAlone(reason: string, skipped: number): void {
    if (this.closed) return;
    const seedView = this.seeding ? this.seedViews[0] : undefined;
    this.views = [seedView ?? new CoreView('core-1', this.mainCore)];
    this.phase = { kind: 'ready', blockZero: { keys: [], skipped, notShown: 0 }, alone: reason };
    this.emit('update');
  }

  // Every block, from 0 and on as the core grows (a live range), kept on disk. The view counts
  // toward a full copy once the length is known: after an update that a peer answered, or with
  // blocks already on disk (a seeder restarted alone).
  private seed(view: CoreView): void {
    const { core } = view;
    this.seedViews.push(view);
    view.on('change', this.reportSeedProgress);
    core.download({ start: 0, end: -1 });
    const askLength = () => {
      core.update({ wait: true }).then(
        () => {
          if (this.closed || view.seeding || (core.length === 0 && core.peers.length === 0)) return;
          core.off('peer-add', askLength);
          view.startSeeding();
        },
        () => {},
      );
    };
    core.on('peer-add', askLength);
    askLength();
  }

  // Why this reader stores no more blocks, in one line; null while it can.
  get diskFull(): string | null {
    return this.diskWatch.message;
  }

  seedFigures(): SeedFigures[] {
    return this.seedViews.map((view) => {
      const { local, length } = view.stats();
      return { core: view.name, key: view.key, started: view.seeding, local, length, seeded: view.seeded() };
    });
  }

  private readonly reportSeedProgress = (): void => {
    if (this.seedProgressTimer || this.closed) return;
    const wait = Math.max(0, this.lastSeedProgressAt + SEED_PROGRESS_MS - Date.now());
    this.seedProgressTimer = setTimeout(() => {
      this.seedProgressTimer = null;
      if (this.closed) return;
      this.lastSeedProgressAt = Date.now();
      this.emit('seed-progress');
      this.emit('update');
    }, wait);
  };

  private fail(error: unknown): void {
    if (this.phase.kind !== 'looking') return;
    const reason = error instanceof UserFacingError ? error.message : 'the main core could not be read';
    this.phase = { kind: 'failed', reason };
    this.emit('update');
  }

  protected stopWork(): void {
    if (this.lookupTimer) clearTimeout(this.lookupTimer);
    if (this.seedProgressTimer) clearTimeout(this.seedProgressTimer);
    this.diskWatch.stop();
    // The panes' views are closed with the panes; the main core's has no pane unless it is shown
    // alone, and closing a view twice does no harm.
    this.seedViews[0]?.close();
  }
}
