import path from 'node:path';
import { MAX_BATCH_LINES } from '../model/append-batch.js';
import { UserFacingError } from '../model/user-facing-error.js';
import { sanitizeString } from '../text/sanitize.js';
import { isDiskFull } from './disk-full.js';
import { AppendError, type AppendReceipt } from './writer-session.js';

// A failed append, in one line for the user, with the lines it could not store.
export class AppendFailure extends UserFacingError {
  constructor(
    message: string,
    readonly unstoredLines: string[],
  ) {
    super(message);
  }
}

export interface LineWriter {
  readonly storage: string;
  appendLines(lines: readonly string[]): Promise<AppendReceipt[]>;
}

export interface AppendListener {
  // Blocks on disk, in input order.
  stored(receipts: AppendReceipt[]): void;
  failed(failure: AppendFailure): void;
}

// The one line-append queue of the plain and the screen writer: lines that arrive while a batch
// is being stored are appended together in the next batch (up to MAX_BATCH_LINES), in order. A
// failed batch is reported with the last block this queue stored; the lines after it are still tried.
export class LineAppendQueue {
  private pending: string[] = [];
  private draining: Promise<void> | null = null;
  private lastStored: AppendReceipt | null = null;
  private stopped = false;

  constructor(
    private readonly writer: LineWriter,
    private readonly listener: AppendListener,
  ) {}

  push(lines: readonly string[]): void {
    if (this.stopped) return;
    this.pending.push(...lines);
    this.draining ??= this.drain();
  }

  // Lines waiting for the batch being stored to finish.
  get backlog(): number {
    return this.pending.length;
  }

  // Resolves once every line pushed so far is stored or reported failed.
  idle(): Promise<void> {
    return this.draining ?? Promise.resolve();
  }

  // Drops the lines not yet tried and takes no more.
  stop(): void {
    this.stopped = true;
    this.pending = [];
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const lines = this.pending.splice(0, MAX_BATCH_LINES);
      try {
        this.report(await this.writer.appendLines(lines));
      } catch (error) {
        const partial = error instanceof AppendError ? error : null;
        this.report(partial?.stored ?? []);
        this.listener.failed(this.describe(partial?.cause ?? error, partial?.unstoredLines ?? lines.filter(Boolean)));
      }
    }
    this.draining = null;
  }

  private report(receipts: AppendReceipt[]): void {
    if (receipts.length === 0) return;
    this.lastStored = receipts[receipts.length - 1] ?? this.lastStored;
    this.listener.stored(receipts);
  }

  private describe(cause: unknown, unstoredLines: string[]): AppendFailure {
    const folder = path.resolve(this.writer.storage);
    const last = this.lastStored
      ? `last block stored was ${this.lastStored.core} block ${this.lastStored.seq}`
      : 'no line was stored since the writer started';
    // RocksDB stays read-only after a failed write: only a new process writes again.
    if (isDiskFull(cause)) {
      return new AppendFailure(
        `no space left on device in ${folder}: ${last}; free some space, then start the writer again`,
        unstoredLines,
      );
    }
    return new AppendFailure(
      `could not store a line in ${folder} (${sanitizeString(firstLine(cause))}): ${last}`,
      unstoredLines,
    );
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const causeMessage = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return (message + causeMessage).split('\n')[0] ?? '';
}
