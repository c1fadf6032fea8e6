import path from 'node:path';
import type Hypercore from 'hypercore';

// RocksDB says "Batch was not applied"; the ENOSPC is on its cause.
export function isDiskFull(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; current = current.cause, depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT' || /no space left on device/i.test(current.message)) return true;
  }
  return false;
}

// The one line a reader gives when its disk is full: the folder, and how many blocks it kept
// (a seeder: of how many it is copying). Nothing stored is lost, and a new process goes on from there.
export function diskFullMessage(storage: string, stored: number, total: number, seeding: boolean): string {
  const blocks = (count: number) => count.toLocaleString('en-US');
  const folder = path.resolve(storage);
  return seeding
    ? `no space left on device in ${folder}: ${blocks(stored)} of ${blocks(total)} blocks stored; ` +
        'free some space, then start the seeder again'
    : `no space left on device in ${folder}: ${blocks(stored)} blocks stored (a reader keeps the blocks it reads); ` +
        'free some space, then start the reader again';
}

// Hypercore fails no call when the disk cannot take a block a peer sent: its replicator stops
// asking that peer and emits 'verification-error' on the core's sessions, and the download, or
// the `get` waiting for that block, waits for good. This watches a reader's cores for that and
// calls `onFull` once, with the line to show. RocksDB takes no write after a failed one, so the
// blocks counted then are all this process stores.
export class DiskFullWatch {
  // The line to show once the disk is full; null until then.
  message: string | null = null;
  private readonly cores: Hypercore[] = [];
  private noticed = false;
  private stopped = false;

  constructor(
    private readonly storage: string,
    private readonly seeding: boolean,
    private readonly onFull: (message: string) => void,
  ) {}

  watch(core: Hypercore): void {
    if (this.cores.includes(core)) return;
    this.cores.push(core);
    core.on('verification-error', this.onVerificationError);
  }

  // A sub-core no longer listed (its block 0 was rewritten): it stores nothing more here.
  unwatch(core: Hypercore): void {
    const index = this.cores.indexOf(core);
    if (index === -1) return;
    this.cores.splice(index, 1);
    core.off('verification-error', this.onVerificationError);
  }

  stop(): void {
    this.stopped = true;
    for (const core of this.cores) core.off('verification-error', this.onVerificationError);
  }

  private readonly onVerificationError = (error: Error): void => {
    if (this.noticed || !isDiskFull(error)) return;
    this.noticed = true;
    void this.countStored().then((stored) => {
      if (this.stopped) return;
      const total = this.cores.reduce((sum, core) => sum + core.length, 0);
      this.message = diskFullMessage(this.storage, stored, total, this.seeding);
      this.onFull(this.message);
    });
  };

  private async countStored(): Promise<number> {
    const counts = await Promise.all(
      this.cores.map((core) => core.count(0, core.length).catch(() => core.contiguousLength)),
    );
    return counts.reduce((sum, count) => sum + count, 0);
  }
}
