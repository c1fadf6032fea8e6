import type { Writable } from 'node:stream';
import { followBlocks } from '../net/follow-blocks.js';
import { watchSync } from '../net/sync-watch.js';
import { syncOf } from '../model/peer-figures.js';
import { WriterNotFoundError, type ReaderSession } from '../net/reader-session.js';
import { aloneNotice } from '../model/block-zero.js';
import { UserFacingError } from '../model/messages.js';
import { blockLineText } from '../text/block-encoding.js';
import { EventPrinter, type LineFormat, type OutputEvent } from './output.js';

// A core's peer-sync events, at most this often.
const SYNC_EVENT_MS = 1000;

// The how-to's reader for pipes, with history: every block of every sub-core, in order per core
// (or of the main core alone, when block 0 lists no sub-core). A truncation by the writer is
// reported (stderr, or a JSON event) and the new history follows. Seeding, it prints how far the
// copy of each core got instead of the blocks.
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
  let followers: Array<{ stop: () => void }> = [];
  const stop = () => {
    for (const follower of followers) follower.stop();
  };
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

  const { skipped, notShown } = phase.blockZero;
  const cores = session.views.map((view) => ({ core: view.name, key: view.key.toString('hex') }));
  const notice = phase.alone === null ? undefined : aloneNotice(phase.alone);
  printer.print(null, { event: 'cores', cores, skipped, notShown, ...(notice === undefined ? {} : { notice }) });
  if (notice !== undefined && format === 'plain') err.write(`${notice}\n`);
  if (printer.outputClosed) return { stop };
  // A seeder prints how far its copy got rather than the blocks.
  const watchers = session.views.flatMap((view) => {
    const key = view.key.toString('hex');
    const blocks = session.seeding
      ? []
      : [
          followBlocks(
            view.core,
            (seq, block) => {
              const { encoding, text } = blockLineText(block, undefined, 'line');
              printer.print(`Block ${seq} in Core ${key}: ${text}`, {
                event: 'block',
                core: view.name,
                key,
                seq,
                text,
                encoding,
                bytes: block.length,
              });
            },
            (length, fork) => {
              if (format === 'json') printer.print(null, { event: 'truncate', core: view.name, key, length, fork });
              else
                err.write(
                  `${view.name} ${key.slice(0, 8)} truncated to ${length} blocks by its writer (fork ${fork})\n`,
                );
            },
          ),
        ];
    if (format !== 'json') return blocks;
    // Plain output has no line for these: only JSON watches them.
    const sync = watchSync(view.core, SYNC_EVENT_MS, (figures) => {
      const { synced } = syncOf({ name: view.name, key: view.key, ...figures });
      printer.print(null, { event: 'peer-sync', core: view.name, key, ...figures, synced });
    });
    return [...blocks, sync];
  });
  followers = session.seeding ? [followSeeding(session, printer), ...watchers] : watchers;
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
