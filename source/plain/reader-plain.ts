import type { Writable } from 'node:stream';
import { formatOfCore } from '../net/drive-blobs.js';
import { followBlocks } from '../net/follow-blocks.js';
import { watchSync } from '../net/sync-watch.js';
import { syncOf } from '../model/peer-figures.js';
import type { CoreView } from '../net/core-view.js';
import { WriterNotFoundError, type KeyReader, type ReaderPhase, type ReaderSession } from '../net/reader-session.js';
import { RAW_FORMAT } from '../decode/core-format.js';
import { decodeBlock } from '../decode/decode-block.js';
import type { CoreFormat } from '../decode/decoded-block.js';
import { decodedEventFields } from '../decode/decoded-line.js';
import { aloneNoticeFor, shownLineText } from '../decode/shown-block.js';
import { WRITER_NOT_FOUND } from '../model/messages.js';
import { UserFacingError } from '../model/user-facing-error.js';
import { matchEach, TOO_SLOW, type TextFilter } from '../model/filter.js';
import { EventPrinter, type LineFormat, type OutputEvent } from './output.js';

// A core's peer-sync events, at most this often.
const SYNC_EVENT_MS = 1000;

// The how-to's reader for pipes, with history: every block of every sub-core, in order per core
// (or of the main core alone, when block 0 lists no sub-core). A truncation by the writer is
// reported (stderr, or a JSON event) and the new history follows; a block 0 the writer rewrites is
// said with what changed (a new 'cores' event), and the cores it gives are followed. Seeding, it
// prints how far the copy of each core got instead of the blocks. Given several keys, every line
// and event names the key it is about (docs/command-line.md#several-keys), and each key is followed
// once its writer is found.
// Resolves when a key's sub-cores are being followed; throws a UserFacingError when none can start.
// Once nobody reads `out`, it stops following and calls `onOutputClosed`. With `filter`, only the
// blocks whose line it takes are printed (docs/command-line.md#filter).
export async function runPlainReader(
  session: ReaderSession,
  format: LineFormat,
  timeoutSeconds: number | null,
  out: Writable,
  err: Writable,
  onOutputClosed: () => void = () => {},
  filter: TextFilter | null = null,
): Promise<{ stop: () => void }> {
  const followers: Array<{ stop: () => void }> = [];
  let stopped = false;
  const stop = () => {
    stopped = true;
    for (const follower of followers) follower.stop();
  };
  const printer = new EventPrinter(format, out, () => {
    stop();
    onOutputClosed();
  });
  for (const key of session.keys)
    printer.print(null, { event: 'key', role: 'reader', key: key.mainKey.toString('hex') });
  printer.followPeers(session, err);
  // A regular expression too slow for a block leaves that block out, and says so once.
  let saidTooSlow = false;
  const taken = (text: string): boolean => {
    if (filter === null) return true;
    const matched = matchEach(filter, [text]);
    if (matched !== null) return matched[0];
    if (!saidTooSlow) err.write(`many-cores: --filter: ${TOO_SLOW} on a block: left out\n`);
    saidTooSlow = true;
    return false;
  };
  const several = session.keys.length > 1;
  // A key of several that cannot be shown is said, and the others go on.
  const keyError = (key: KeyReader, message: string) => {
    if (format === 'json') printer.print(null, { event: 'key-error', mainKey: key.mainKey.toString('hex'), message });
    else err.write(`${session.labelOf(key)}${message}\n`);
  };
  // Each key is followed once its writer is found; one that fails is said, unless it is the last
  // hope, which the caller says.
  const waiting = session.keys.map((key) =>
    key.whenSettled().then((phase) => {
      if (stopped) return phase;
      if (phase.kind === 'ready') followers.push(followKey(session, key, phase, printer, err, taken));
      else if (phase.kind === 'failed' && several && session.keys.some((other) => other.phase.kind !== 'failed'))
        keyError(key, phase.reason);
      return phase;
    }),
  );
  const anyReady = new Promise<ReaderPhase | undefined>((resolve) => {
    for (const settled of waiting) void settled.then((phase) => phase.kind === 'ready' && resolve(phase));
    void Promise.all(waiting).then(() => resolve(undefined));
  });
  // --timeout gives up when no key's writer was found in time; when one was, the keys still
  // looking are said then, and still looked for.
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timed out'>((resolve) => {
    if (timeoutSeconds !== null) timer = setTimeout(() => resolve('timed out'), timeoutSeconds * 1000);
  });
  followers.push({ stop: () => clearTimeout(timer) });
  const first = await Promise.race([anyReady, timedOut]);
  if (first === undefined || first === 'timed out') {
    stop();
    const failed = session.keys.find((key) => key.phase.kind === 'failed')?.phase;
    if (first === undefined && failed?.kind === 'failed') throw new UserFacingError(failed.reason);
    throw new WriterNotFoundError();
  }
  void timedOut.then(() => {
    const late = `${WRITER_NOT_FOUND} in ${timeoutSeconds}s; still looking`;
    for (const key of session.keys) if (!stopped && key.phase.kind === 'looking') keyError(key, late);
  });
  if (session.seeding && !printer.outputClosed) followers.push(followSeeding(session, printer));
  return { stop };
}

// One key's cores: said once block 0 is read and followed, and again for each rewritten block 0.
function followKey(
  session: ReaderSession,
  reader: KeyReader,
  phase: Extract<ReaderPhase, { kind: 'ready' }>,
  printer: EventPrinter,
  err: Writable,
  taken: (text: string) => boolean,
): { stop: () => void } {
  const { format } = printer;
  const label = session.labelOf(reader);
  const fromKey = session.keys.length > 1 ? { mainKey: reader.mainKey.toString('hex') } : {};
  const mainKey = reader.mainKey.toString('hex');
  // What each followed core is called now: a rewritten block 0 can give a core another place.
  const names = new Map<string, string>();
  const followed = new Map<string, Array<{ stop: () => void }>>();
  const follow = (view: CoreView): Array<{ stop: () => void }> => {
    const key = view.key.toString('hex');
    const name = () => names.get(key) ?? view.name;
    // Told by the core's block 0, which comes first (docs/data-model.md#decoded-cores).
    let shownAs: CoreFormat = RAW_FORMAT;
    const blocks = reader.seeding
      ? []
      : [
          followBlocks(
            view.core,
            (seq, block) => {
              if (seq === 0) shownAs = formatOfCore(block, view.core);
              const { encoding, text } = shownLineText(shownAs, seq, block, 'line');
              if (!taken(text)) return;
              const decoded = decodeBlock(shownAs, seq, block);
              printer.print(`${label}Block ${seq} in Core ${key}: ${text}`, {
                event: 'block',
                ...fromKey,
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
      printer.print(null, { event: 'peer-sync', ...fromKey, core: name(), key, ...figures, synced });
    });
    return [...blocks, sync];
  };
  const printTruncation = (core: string, key: string, length: number, fork: number) => {
    if (format === 'json') printer.print(null, { event: 'truncate', ...fromKey, core, key, length, fork });
    else err.write(`${label}${core} ${key.slice(0, 8)} truncated to ${length} blocks by its writer (fork ${fork})\n`);
  };
  // The cores block 0 gives, said once and followed; after a rewrite, those that left are no
  // longer followed and those that came are followed from block 0 on.
  const showCores = (shown: Extract<ReaderPhase, { kind: 'ready' }>) => {
    const { skipped, notShown } = shown.blockZero;
    const cores = reader.views.map((view) => ({ core: view.name, key: view.key.toString('hex') }));
    const notice = shown.alone === null ? undefined : aloneNoticeFor(shown.alone, reader.views[0]?.format);
    const { rewrite } = shown;
    printer.print(null, {
      event: 'cores',
      ...fromKey,
      cores,
      skipped,
      notShown,
      ...(notice === undefined ? {} : { notice }),
      ...(rewrite === undefined ? {} : { rewrite }),
    });
    if (format === 'plain')
      for (const line of [rewrite, notice]) if (line !== undefined) err.write(`${label}${line}\n`);
    if (printer.outputClosed) return;
    const keys = new Set(cores.map(({ key }) => key));
    for (const [key, watchers] of followed) {
      if (keys.has(key)) continue;
      for (const watcher of watchers) watcher.stop();
      followed.delete(key);
    }
    for (const view of reader.views) {
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
    if (reader.phase.kind === 'ready') showCores(reader.phase);
  };
  reader.on('block-zero-cut', onBlockZeroCut);
  reader.on('cores', onCores);
  showCores(phase);
  return {
    stop: () => {
      reader.off('block-zero-cut', onBlockZeroCut);
      reader.off('cores', onCores);
      for (const watcher of [...followed.values()].flat()) watcher.stop();
    },
  };
}

// `seeded core-2 57/100` as the copy grows: a line for a core only when its figures moved, at
// most once per progress report of the session (a few a second), so the last one says 100 %.
function followSeeding(session: ReaderSession, printer: EventPrinter): { stop: () => void } {
  const printed = new Map<string, string>();
  const report = () => {
    const lines: Array<{ text: string; event: OutputEvent }> = [];
    const several = session.keys.length > 1;
    for (const { mainKey, core, key, started, local, length, seeded } of session.seedFigures()) {
      if (!started) continue;
      const here = Math.min(local, length);
      const main = mainKey.toString('hex');
      const text = `${several ? `${main.slice(0, 8)}: ` : ''}seeded ${core} ${here}/${length}`;
      const place = `${main} ${core}`;
      if (printed.get(place) === text) continue;
      printed.set(place, text);
      const fromKey = several ? { mainKey: main } : {};
      const event: OutputEvent = {
        event: 'progress',
        ...fromKey,
        core,
        key: key.toString('hex'),
        local: here,
        length,
        seeded,
      };
      lines.push({ text, event });
    }
    printer.printAll(lines);
  };
  session.on('seed-progress', report);
  report();
  return { stop: () => session.off('seed-progress', report) };
}
