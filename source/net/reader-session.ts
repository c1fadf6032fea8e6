import { EventEmitter } from 'node:events';
import type Corestore from 'corestore';
import type Hypercore from 'hypercore';
import { RAW_FORMAT } from '../decode/core-format.js';
import {
  cutNotice,
  parseBlockZero,
  rewriteNotice,
  subCoresPerKey,
  type BlockZero,
  type BlockZeroParse,
} from '../model/block-zero.js';
import type { SeedFigures } from '../model/seeding.js';
import { followBlockZero, type BlockZeroRead } from './block-zero-follower.js';
import { CoreView } from './core-view.js';
import { DiskFullWatch } from './disk-full.js';
import { DriveBlobs, formatOfCore } from './drive-blobs.js';
import { PeerSession, type SessionOptions } from './peer-session.js';
import { WRITER_NOT_FOUND } from '../model/messages.js';
import { UserFacingError } from '../model/user-facing-error.js';
import type { SwarmHandle } from './swarm.js';
import type Hyperswarm from 'hyperswarm';
import type { PeerDiscovery } from 'hyperswarm';

const FIRST_LOOKUP_RETRY_MS = 1000;
const LAST_LOOKUP_RETRY_MS = 10_000;
// A seeding reader reports its progress ('seed-progress') at most this often.
const SEED_PROGRESS_MS = 500;

// `alone`: block 0 is not a list of sub-cores, so the main core itself is the one pane (docs/data-model.md#any-core);
// the reason why, one line. Null when the panes are the sub-cores block 0 lists.
// `rewrite`: once the writer cut block 0 off, that a new one is awaited, then what it changed.
export type ReaderPhase =
  | { kind: 'looking'; since: number }
  | { kind: 'ready'; blockZero: BlockZero; alone: string | null; rewrite?: string }
  | { kind: 'failed'; reason: string };

export class WriterNotFoundError extends UserFacingError {
  constructor() {
    super(WRITER_NOT_FOUND);
  }
}

// One main key of a reader (docs/data-model.md#reading): opens its core, waits for its writer,
// reads block 0, and opens every sub-core it lists; or, when block 0 lists none, shows the main core
// itself (docs/data-model.md#any-core). Its panes are `views`. The ReaderSession that owns it owns the
// store and the swarm; this joins the key's topic, and looks again while nobody has its core.
// Emits 'update' on every change of phase or figures. When the writer cuts core-1 to nothing it
// emits 'block-zero-cut' (with the fork), and once the new block 0 has replaced the panes, 'cores'.
// Seeding (--seed), it downloads every block of every core of the key, keeps them and serves them,
// and emits 'seed-progress' as they arrive, at most every SEED_PROGRESS_MS.
// It stores the blocks it fetches: once the disk is full it emits 'disk-full' with the one line
// that says so, and `diskFull` holds that line.
export class KeyReader extends EventEmitter {
  phase: ReaderPhase = { kind: 'looking', since: Date.now() };
  // When the last peer of the main core went away after the sub-cores were open: the writer left.
  writerLeftAt: number | null = null;
  /** The panes this key gives: the sub-cores its block 0 lists, or its main core alone. */
  views: CoreView[] = [];
  private closed = false;
  private readonly discovery: PeerDiscovery;
  private lookupTimer: NodeJS.Timeout | null = null;
  private lookupDelay = FIRST_LOOKUP_RETRY_MS;
  // Seeding: the main core's figures (it has no pane), then each sub-core's.
  private readonly seedViews: CoreView[] = [];
  private seedProgressTimer: NodeJS.Timeout | null = null;
  private lastSeedProgressAt = 0;
  private readonly diskWatch: DiskFullWatch;
  private blockZero: { stop: () => void } | null = null;
  // Counts the block 0s shown: one whose sub-cores opened after a newer one came is dropped.
  private blockZeroShown = 0;
  // Each sub-core's own block 0, followed to tell its format (a bee, a drive, raw).
  private readonly subFormats = new Map<CoreView, { stop: () => void }>();
  // The blobs core of each pane that shows a drive: null while it opens.
  private readonly blobs = new Map<CoreView, { blobs: DriveBlobs | null }>();

  constructor(
    private readonly store: Corestore,
    swarm: Hyperswarm,
    storage: string,
    readonly mainCore: Hypercore,
    readonly seeding: boolean,
    /** At most this many of the sub-cores block 0 lists get a pane. */
    readonly maxSubCores: number,
  ) {
    super();
    this.diskWatch = new DiskFullWatch(storage, seeding, (message) => {
      this.emit('disk-full', message);
      this.emit('update');
    });
    this.diskWatch.watch(mainCore);
    // A seeder is found by readers that come after the writer left: it announces the topic too.
    this.discovery = swarm.join(mainCore.discoveryKey, { server: seeding, client: true });
    if (seeding) this.seed(new CoreView('core-1', mainCore));
    mainCore.on('peer-remove', () => {
      if (this.closed || this.peerCount > 0) return;
      this.lookAgainWhileAlone();
      if (this.phase.kind !== 'ready' || this.writerLeftAt !== null) return;
      this.writerLeftAt = Date.now();
      this.emit('update');
    });
    mainCore.on('peer-add', () => {
      this.lookupDelay = FIRST_LOOKUP_RETRY_MS;
      this.writerLeftAt = null;
      this.emit('update');
    });
  }

  get mainKey(): Buffer {
    return this.mainCore.key;
  }

  // Peers replicating the main core: its writer, or a seeder of it.
  get peerCount(): number {
    return this.mainCore.peers.length;
  }

  // Hyperswarm looks a topic up again only every ~10 minutes: a reader that started before
  // its writer, or whose writer went away, asks the DHT again itself, backing off to 10 s.
  lookAgainWhileAlone(): void {
    if (this.lookupTimer || this.closed) return;
    this.lookupTimer = setTimeout(() => {
      this.lookupTimer = null;
      if (this.closed || this.peerCount > 0) return;
      this.discovery.refresh({ client: true, server: this.seeding }).catch(() => {});
      this.lookupDelay = Math.min(this.lookupDelay * 2, LAST_LOOKUP_RETRY_MS);
      this.lookAgainWhileAlone();
    }, this.lookupDelay);
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

  start(): void {
    this.blockZero = followBlockZero(this.mainCore, {
      read: (found, fork) => {
        this.showBlockZero(found, fork).catch((error: unknown) => this.fail(error));
      },
      cut: (fork) => this.blockZeroCut(fork),
      failed: (error) => this.fail(error),
    });
  }

  // The writer cut block 0 off: the panes stay until the new one says what to show.
  private blockZeroCut(fork: number): void {
    if (this.closed || this.phase.kind !== 'ready') return;
    this.phase = { ...this.phase, rewrite: cutNotice(fork) };
    this.emit('block-zero-cut', fork);
    this.emit('update');
  }

  // Block 0 says what the panes are: the sub-cores it lists, or, when it lists none, the main
  // core itself, block 0 included, as any Hypercore. A block 0 the writer rewrote (`fork` set) replaces
  // the panes the old one gave, says what changed, and emits 'cores'.
  private async showBlockZero(found: BlockZeroRead, fork: number | null): Promise<void> {
    const shown = ++this.blockZeroShown;
    const parsed: BlockZeroParse =
      typeof found === 'string'
        ? { ok: false, reason: found, skipped: 0 }
        : parseBlockZero(found, this.mainCore.key, this.maxSubCores);
    const before = this.views;
    const views = parsed.ok ? await this.subCoreViews(parsed.value.keys, before) : [this.mainCoreView(before)];
    if (this.closed || shown !== this.blockZeroShown) return this.drop(views, this.views);
    if (!parsed.ok && views[0]) this.showFormat(views[0], found);
    else for (const view of views) this.followFormat(view);
    const blockZero = parsed.ok ? parsed.value : { keys: [], skipped: parsed.skipped, notShown: 0 };
    const alone = parsed.ok ? null : parsed.reason;
    const previous = this.phase;
    this.views = views;
    this.drop(before, views);
    if (this.seeding) for (const view of views) if (!this.seedViews.includes(view)) this.seed(view);
    if (fork === null || previous.kind !== 'ready') {
      this.phase = { kind: 'ready', blockZero, alone };
      return void this.emit('update');
    }
    const rewrite = rewriteNotice(
      fork,
      { alone: previous.alone !== null, keys: previous.blockZero.keys },
      { alone: alone !== null, keys: blockZero.keys },
    );
    this.phase = { kind: 'ready', blockZero, alone, rewrite };
    this.emit('cores');
    this.emit('update');
  }

  // A view per sub-core, named for its place in block 0; a core already open keeps its session
  // (and its view, when its place is the same).
  private async subCoreViews(keys: Buffer[], before: readonly CoreView[]): Promise<CoreView[]> {
    const open = new Map(
      before.filter((view) => view.core !== this.mainCore).map((view) => [view.key.toString('hex'), view]),
    );
    const cores = keys.map((key) => open.get(key.toString('hex'))?.core ?? this.store.get({ key }));
    for (const core of cores) this.diskWatch.watch(core);
    await Promise.all(cores.map((core) => core.ready()));
    return cores.map((core, index) => {
      const name = `core-${index + 2}`;
      const kept = open.get(core.key.toString('hex'));
      return kept?.name === name ? kept : new CoreView(name, core);
    });
  }

  // A sub-core's pane shows its blocks by its own block 0 (docs/data-model.md#decoded-cores), read
  // within the same 1 MiB bound as the main core's, and read again when its writer rewrites it.
  private followFormat(view: CoreView): void {
    if (this.subFormats.has(view)) return;
    const raw = () => this.showFormat(view, 'no block 0');
    const follower = followBlockZero(view.core, {
      read: (found) => this.showFormat(view, found),
      cut: raw,
      failed: raw,
    });
    this.subFormats.set(view, follower);
  }

  // A pane shows its core as its block 0 says (a string: no block 0 to tell by). A drive's pane
  // also opens the drive's blobs core, where the files' bytes are; a seeder keeps both.
  private showFormat(view: CoreView, found: BlockZeroRead): void {
    const format = typeof found === 'string' ? RAW_FORMAT : formatOfCore(found, view.core);
    view.showAs(format);
    const open = this.blobs.get(view);
    if (open && format.kind === 'drive' && open.blobs?.core.key.equals(format.blobsKey)) return;
    if (open) this.closeBlobs(view);
    if (format.kind !== 'drive') return;
    const opening = { blobs: null as DriveBlobs | null };
    this.blobs.set(view, opening);
    DriveBlobs.open(this.store, format.blobsKey).then(
      (blobs) => {
        if (this.closed || this.blobs.get(view) !== opening) return blobs.close();
        opening.blobs = blobs;
        this.diskWatch.watch(blobs.core);
        if (this.seeding) this.seed(blobs.view);
        this.emit('update');
      },
      () => {},
    );
  }

  /** The blobs core of the drive a pane shows, once open; undefined for any other pane. */
  blobsOf(view: CoreView): DriveBlobs | undefined {
    return this.blobs.get(view)?.blobs ?? undefined;
  }

  private closeBlobs(view: CoreView): void {
    const blobs = this.blobs.get(view)?.blobs;
    this.blobs.delete(view);
    if (!blobs) return;
    this.diskWatch.unwatch(blobs.core);
    const seeded = this.seedViews.indexOf(blobs.view);
    if (seeded > 0) this.seedViews.splice(seeded, 1);
    blobs.view.off('change', this.reportSeedProgress);
    blobs.close();
  }

  // A seeder already has a view of the main core that counts its copy: the pane is that view.
  private mainCoreView(before: readonly CoreView[]): CoreView {
    const seedView = this.seeding ? this.seedViews[0] : undefined;
    return before.find((view) => view.core === this.mainCore) ?? seedView ?? new CoreView('core-1', this.mainCore);
  }

  // Closes the views no longer shown, and the sessions of the sub-cores no longer listed. The
  // main core stays open (its block 0 is followed), and so does a seeder's view of it.
  private drop(views: readonly CoreView[], kept: readonly CoreView[]): void {
    for (const view of views) {
      if (kept.includes(view) || view === this.seedViews[0]) continue;
      this.subFormats.get(view)?.stop();
      this.subFormats.delete(view);
      this.closeBlobs(view);
      view.close();
      const seeded = this.seedViews.indexOf(view);
      if (seeded > 0) this.seedViews.splice(seeded, 1);
      view.off('change', this.reportSeedProgress);
      const stillShown = kept.some((other) => other.core === view.core);
      if (view.core === this.mainCore || stillShown) continue;
      this.diskWatch.unwatch(view.core);
      view.core.close().catch(() => {});
    }
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
      const { name: core, key, seeding: started } = view;
      return { mainKey: this.mainKey, core, key, started, local, length, seeded: view.seeded() };
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

  stop(): void {
    this.closed = true;
    this.blockZero?.stop();
    if (this.lookupTimer) clearTimeout(this.lookupTimer);
    if (this.seedProgressTimer) clearTimeout(this.seedProgressTimer);
    this.diskWatch.stop();
    for (const follower of this.subFormats.values()) follower.stop();
    for (const view of [...this.blobs.keys()]) this.closeBlobs(view);
    // The panes' views are closed with the panes; the main core's has no pane unless it is shown
    // alone, and closing a view twice does no harm.
    this.seedViews[0]?.close();
  }
}

// The reader: one store, one swarm, and a KeyReader for each main key it was given
// (docs/command-line.md#several-keys). Its panes are every key's, in the order of the keys. Emits
// 'update' when any key changes; 'cores' (with the KeyReader) when a key's rewritten block 0 replaced
// its panes; 'seed-progress'; and 'disk-full' once, with the line of the first key to see it.
export class ReaderSession extends PeerSession {
  /** One per main key, in the order given. */
  readonly keys: KeyReader[];
  private readonly stopFindingPeers: () => void;
  private diskFullLine: string | null = null;

  private constructor(storage: string, store: Corestore, net: SwarmHandle, mainCores: Hypercore[], seeding: boolean) {
    super('reader', storage, store, net);
    this.stopFindingPeers = store.findingPeers();
    const share = subCoresPerKey(mainCores.length);
    this.keys = mainCores.map((core) => new KeyReader(store, net.swarm, storage, core, seeding, share));
    for (const key of this.keys) {
      key.on('update', this.onKeyUpdate);
      key.on('cores', () => {
        this.takeViews();
        this.emit('cores', key);
      });
      key.on('seed-progress', () => this.emit('seed-progress'));
      key.on('disk-full', (message: string) => {
        if (this.diskFullLine !== null) return;
        this.diskFullLine = `${this.labelOf(key)}${message}`;
        this.emit('disk-full', this.diskFullLine);
      });
    }
    net.swarm.flush().then(
      () => {
        this.stopFindingPeers();
        this.markFlushed();
        for (const key of this.keys) key.lookAgainWhileAlone();
      },
      () => {},
    );
  }

  static async open(options: SessionOptions & { keys: Buffer[]; seed?: boolean }): Promise<ReaderSession> {
    const { store, net } = await PeerSession.openParts(options);
    const mainCores = options.keys.map((key) => store.get({ key }));
    await Promise.all(mainCores.map((core) => core.ready()));
    const session = new ReaderSession(options.storage, store, net, mainCores, options.seed === true);
    for (const key of session.keys) key.start();
    return session;
  }

  get seeding(): boolean {
    return this.keys[0]?.seeding ?? false;
  }

  // The key a pane came from, to name in its title; null with one key, where it is the header's.
  override readonly originOf = (view: CoreView): Buffer | null => {
    if (this.keys.length === 1) return null;
    return this.keys.find((key) => key.views.includes(view))?.mainKey ?? null;
  };

  /** The blobs core of the drive a pane shows, once open; undefined for any other pane. */
  blobsOf(view: CoreView): DriveBlobs | undefined {
    for (const key of this.keys) {
      const blobs = key.blobsOf(view);
      if (blobs) return blobs;
    }
    return undefined;
  }

  // What names a key in a line about it (`1a2b3c4d: `); nothing with one key.
  labelOf(key: KeyReader): string {
    return this.keys.length === 1 ? '' : `${key.mainKey.toString('hex').slice(0, 8)}: `;
  }

  // Why this reader stores no more blocks, in one line (naming the key that saw it); null while it can.
  get diskFull(): string | null {
    return this.diskFullLine;
  }

  // Every key's cores, the main ones included.
  seedFigures(): SeedFigures[] {
    return this.keys.flatMap((key) => key.seedFigures());
  }

  // The panes are every key's: a new array only when one of them changed, so the screen keeps
  // what it derived from them.
  private takeViews(): void {
    const views = this.keys.flatMap((key) => key.views);
    const same = views.length === this.views.length && views.every((view, index) => view === this.views[index]);
    if (!same) this.views = views;
  }

  private readonly onKeyUpdate = (): void => {
    this.takeViews();
    this.emit('update');
  };

  protected stopWork(): void {
    for (const key of this.keys) key.stop();
  }
}
