import { EventEmitter } from 'node:events';
import type Hypercore from 'hypercore';
import type { SearchProgress, SearchScope } from '../model/search.js';
import { foldCase } from '../text/highlight.js';
import { blockLineText } from '../text/block-encoding.js';

const CHUNK = 256;
const MAX_MATCHES = 100_000;
const PROGRESS_EVERY_MS = 100;

// Finds the blocks of a core whose line, as the screen shows it (text sanitized, JSON compacted,
// binary as hex), contains the query, ignoring case. 'local' reads only blocks already on disk, so it never touches the network;
// 'all' downloads the rest as it goes. Works in chunks and yields between them, so the screen
// stays live on a million-block core; emits 'progress' (throttled) and a last one when done.
export class CoreSearch extends EventEmitter {
  private cancelled = false;
  private lastEmit = 0;
  readonly progress: SearchProgress;

  constructor(
    private readonly core: Hypercore,
    query: string,
    scope: SearchScope,
  ) {
    super();
    this.progress = { query, scope, scanned: 0, total: core.length, searched: 0, matches: [], done: false };
  }

  start(): this {
    this.run().catch(() => this.finish());
    return this;
  }

  cancel(): void {
    this.cancelled = true;
  }

  private async run(): Promise<void> {
    const needle = foldCase(this.progress.query);
    const wait = this.progress.scope === 'all';
    for (let start = 0; start < this.progress.total && !this.cancelled; start += CHUNK) {
      const end = Math.min(this.progress.total, start + CHUNK);
      const seqs = Array.from({ length: end - start }, (_, offset) => start + offset);
      const blocks = await Promise.all(seqs.map((seq) => this.core.get(seq, { wait }).catch(() => null)));
      if (this.cancelled) return;
      blocks.forEach((block, offset) => {
        if (!block) return;
        this.progress.searched++;
        if (this.progress.matches.length >= MAX_MATCHES) return;
        if (foldCase(blockLineText(block).text).includes(needle)) this.progress.matches.push(start + offset);
      });
      this.progress.scanned = end;
      this.emitProgress(false);
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.finish();
  }

  private finish(): void {
    if (this.cancelled || this.progress.done) return;
    this.progress.done = true;
    this.emitProgress(true);
  }

  private emitProgress(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastEmit < PROGRESS_EVERY_MS) return;
    this.lastEmit = now;
    this.emit('progress', this.progress);
  }
}
