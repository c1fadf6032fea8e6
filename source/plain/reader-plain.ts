import type { Writable } from 'node:stream';
import { formatOfCore } from '../net/drive-blobs.js';
import { followBlocks } from '../net/follow-blocks.js';
import { watchSync } from '../net/sync-watch.js';
import { syncOf } from '../model/peer-figures.js';
import type { CoreView } from '../net/core-view.js';
import { WriterNotFoundError, type ReaderPhase, type ReaderSession } from '../net/reader-session.js';
import { RAW_FORMAT } from '../decode/core-format.js';
import { decodeBlock } from '../decode/decode-block.js';
import type { CoreFormat } from '../decode/decoded-block.js';
import { decodedEventFields } from '../decode/decoded-line.js';
import { aloneNoticeFor, shownLineText } from '../decode/shown-block.js';
import { UserFacingError } from '../model/messages.js';
import { EventPrinter, type LineFormat, type OutputEvent } from './output.js';

// A core's peer-sync events, at most this often.
const SYNC_EVENT_MS = 1000;

// The how-to's reader for pipes, with history: every block of every sub-core, in order per core
// (or of the main core alone, when block 0 lists no sub-core). A truncation by the writer is
// reported (stderr, or a JSON event) and the new history follows; a block 0 the writer rewrites is
// said with what changed (a new 'cores' event), and the cores it gives are followed. Seeding, it
// prints how far the copy of each core got instead of the blocks.
// Resolves when the sub-cores are being followed; throws a UserFacingError when it cannot start.
// Once nobody reads `out`, it stops following and calls `onOutputClosed`.
export async function runPlainReader(
  session: ReaderSession,
  format: LineFormat,
  timeoutSeconds: number | null,
  out: Writable,
  err: Writable,
  onOutputClosed: () => void = () => {},
): Promise<{ stop: () => void }> {
  let stopFollowing = () => {};
  const stop = () => stopFollowing();
  const printer = new EventPrinter(format, out, () => {
    stop();
    onOutputClosed();
  });
  printer.print(null, { event: 'key', role: 'reader', key: session.mainKey.toString('hex') });
  printer.followPeers(session, err);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    if (timeoutSeconds !== null) timer = setTimeout(() => reject(new WriterNotFoundError()), timeoutSeconds * 1000);
  });
  const phase = await Promise.race([session.whenSettled(), timeout]).finally(() => clearTimeout(timer));
  if (phase.kind === 'failed') throw new UserFacingError(phase.reason);
  if (phase.kind !== 'ready') throw new WriterNotFoundError();

  const mainKey = session.mainKey.toString('hex');
  // What each followed core is called now: a rewritten block 0 can give a core another place.
  const names = new Map<string, string>();
  const followed = new Map<string, Array<{ stop: () => void }>>();
  const follow = (view: CoreView): Array<{ stop: () => void }> => {
    const key = view.key.toString('hex');
    const name = () => names.get(key) ?? view.name;
    // Told by the core's block 0, which comes first (docs/data-model.md#decoded-cores).
    let shownAs: CoreFormat = RAW_FORMAT;
    const blocks = session.seeding
      ? []
      : [
          followBlocks(
            view.core,
            (seq, block) => {
              if (seq === 0) shownAs = formatOfCore(block, view.core);
              const { encoding, text } = shownLineText(shownAs, seq, block, 'line');
              const decoded = decodeBlock(shownAs, seq, block);
              printer.print(`Block ${seq} in Core ${key}: ${text}`, {
                event: 'block',
                core: name(),
                key,
                seq,
                text,
                encoding,
                bytes: block.length,
                ...(decoded === null ? {} : decodedEventFields(decoded)),
              });
            },
            (length, fork) => printTruncation(name(), key, length, fork),
          ),
        ];
    if (format !== 'json') return blocks;
    // Plain output has no line for these: only JSON watches them.
    const sync = watchSync(view.core, SYNC_EVENT_MS, (figures) => {
      const { synced } = syncOf({ name: name(), key: view.key, ...figures });
      printer.print(null, { event: 'peer-sync', core: name(), key, ...figures, synced });
    });
    return [...blocks, sync];
  };
  const printTruncation = (core: string, key: string, length: number, fork: number) => {
    if (format === 'json') printer.print(null, { event: 'truncate', core, key, length, fork });
    else err.write(`${core} ${key.slice(0, 8)} truncated to ${length} blocks by its writer (fork ${fork})\n`);
  };
  // The cores block 0 gives, said once and followed; after a rewrite, those that left are no
  // longer followed and those that came are followed from block 0 on.
  const showCores = (shown: Extract<ReaderPhase, { kind: 'ready' }>) => {
    const { skipped, notShown } = shown.blockZero;
    const cores = session.views.map((view) => ({ core: view.name, key: view.key.toString('hex') }));
    const notice = shown.alone === null ? undefined : aloneNoticeFor(shown.alone, session.views[0]?.format);
    const { rewrite } = shown;
    printer.print(null, {
      event: 'cores',
      cores,
      skipped,
      notShown,
      ...(notice === undefined ? {} : { notice }),
      ...(rewrite === undefined ? {} : { rewrite }),
    });
    if (format === 'plain') for (const line of [rewrite, notice]) if (line !== undefined) err.write(`${line}\n`);
    if (printer.outputClosed) return;
    const keys = new Set(cores.map(({ key }) => key));
    for (const [key, watchers] of followed) {
      if (keys.has(key)) continue;
      for (const watcher of watchers) watcher.stop();
      followed.delete(key);
    }
    for (const view of session.views) {
      const key = view.key.toString('hex');
      names.set(key, view.name);
      if (!followed.has(key)) followed.set(key, follow(view));
    }
  };
  // The main core cut to nothing while it is no pane: said like any truncation (as a pane, its
  // own follower says it).
  const onBlockZeroCut = (fork: number) => {
    if (!followed.has(mainKey)) printTruncation('core-1', mainKey, 0, fork);
  };
  const onCores = () => {
    if (session.phase.kind === 'ready') showCores(session.phase);
  };
  session.on('block-zero-cut', onBlockZeroCut);
  session.on('cores', onCores);
  const seeding: Array<{ stop: () => void }> = [];
  stopFollowing = () => {
    session.off('block-zero-cut', onBlockZeroCut);
    session.off('cores', onCores);
    for (const watcher of [...seeding, ...[...followed.values()].flat()]) watcher.stop();
  };
  showCores(phase);
  // A seeder's progress comes after the cores it is about.
  if (session.seeding && !printer.outputClosed) seeding.push(followSeeding(session, printer));
  return { stop };
}

// `seeded core-2 57/100` as the copy grows: a line for a core only when its figures moved, at
// most once per progress report of the session (a few a second), so the last one says 100 %.
function followSeeding(session: ReaderSession, printer: EventPrinter): { stop: () => void } {
  const printed = new Map<string, string>();
  const report = () => {
    const lines: Array<{ text: string; event: OutputEvent }> = [];
    for (const { core, key, started, local, length, seeded } of session.seedFigures()) {
      if (!started) continue;
      const here = Math.min(local, length);
      const text = `seeded ${core} ${here}/${length}`;
      if (printed.get(core) === text) continue;
      printed.set(core, text);
      lines.push({ text, event: { event: 'progress', core, key: key.toString('hex'), local: here, length, seeded } });
    }
    printer.printAll(lines);
  };
  session.on('seed-progress', report);
  report();
  return { stop: () => session.off('seed-progress', report) };
}
