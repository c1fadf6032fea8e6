import { EventEmitter } from 'node:events';
import type Hypercore from 'hypercore';
import type { SearchProgress, SearchScope } from '../model/search.js';
import { RAW_FORMAT } from '../decode/core-format.js';
import type { CoreFormat } from '../decode/decoded-block.js';
import { shownLineText } from '../decode/shown-block.js';
import { foldCase } from '../text/highlight.js';

const CHUNK = 256;
const MAX_MATCHES = 100_000;
const PROGRESS_EVERY_MS = 100;

// Finds the blocks of a core whose line, as the screen shows it (text sanitized, JSON compacted,
// binary as hex, a decoded block as what it did), contains the query, ignoring case. 'local' reads only blocks already on disk, so
// it never touches the network; 'all' downloads the rest as it goes. Works in chunks and yields
// between them, so the screen stays live on a million-block core; emits 'progress' (throttled) and
// a last one when done, or 'cancelled' once a cancelled pass has stopped reading. A truncation of the core (its writer forked it) starts the search again
// over what is left, so no match names a block that is gone or was replaced.
export class CoreSearch extends EventEmitter {
  private cancelled = false;
  private lastEmit = 0;
  // Bumped by each truncation: a pass that began before it stops and reports nothing more.
  private pass = 0;
  progress: SearchProgress;

  constructor(
    private readonly core: Hypercore,
    query: string,
    scope: SearchScope,
    // How the core's blocks are shown: a decoded block matches by what it did.
    private readonly format: () => CoreFormat = () => RAW_FORMAT,
  ) {
    super();
    this.progress = { query, scope, scanned: 0, total: core.length, searched: 0, matches: [], done: false };
  }

  start(): this {
    this.core.on('truncate', this.onTruncate);
    this.runPass();
    return this;
  }

  cancel(): void {
    this.cancelled = true;
    this.core.off('truncate', this.onTruncate);
  }

  private readonly onTruncate = (length: number): void => {
    if (this.cancelled) return;
    const { query, scope, total } = this.progress;
    this.progress = { query, scope, scanned: 0, total: Math.min(total, length), searched: 0, matches: [], done: false };
    this.pass++;
    this.emitProgress(true);
    this.runPass();
  };

  private runPass(): void {
    const pass = this.pass;
    this.run(pass).catch(() => this.finish(pass));
  }

  private stale(pass: number): boolean {
    return this.cancelled || pass !== this.pass;
  }

  // Stale, and says so once when the reason is a cancel.
  private stopped(pass: number): boolean {
    if (!this.stale(pass)) return false;
    if (this.cancelled && pass === this.pass) this.emit('cancelled', this.progress);
    return true;
  }

  private async run(pass: number): Promise<void> {
    const progress = this.progress;
    const needle = foldCase(progress.query);
    const wait = progress.scope === 'all';
    for (let start = 0; start < progress.total; start += CHUNK) {
      if (this.stopped(pass)) return;
      const end = Math.min(progress.total, start + CHUNK);
      const seqs = Array.from({ length: end - start }, (_, offset) => start + offset);
      const blocks = await Promise.all(seqs.map((seq) => this.core.get(seq, { wait }).catch(() => null)));
      if (this.stopped(pass)) return;
      blocks.forEach((block, offset) => {
        if (!block) return;
        progress.searched++;
        if (progress.matches.length >= MAX_MATCHES) return;
        const line = shownLineText(this.format(), start + offset, block).text;
        if (foldCase(line).includes(needle)) progress.matches.push(start + offset);
      });
      progress.scanned = end;
      this.emitProgress(false);
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.finish(pass);
  }

  private finish(pass: number): void {
    if (this.stale(pass) || this.progress.done) return;
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
