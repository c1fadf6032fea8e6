import type { Writable } from 'node:stream';
import { followBlocks } from '../net/follow-blocks.js';
import { WriterNotFoundError, type ReaderSession } from '../net/reader-session.js';
import { UserFacingError } from '../model/messages.js';
import { MAX_DECODED_BYTES, sanitizedString, withoutTrailingNewline } from '../text/sanitize.js';
import { EventPrinter, type LineFormat } from './output.js';

// The how-to's reader for pipes, with history: every block of every sub-core, in order per core.
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
  printer.print(null, { event: 'cores', cores, skipped, notShown });
  if (printer.outputClosed) return { stop };
  followers = session.views.map((view) => {
    const key = view.key.toString('hex');
    return followBlocks(view.core, (seq, block) => {
      const text = sanitizedString(withoutTrailingNewline(block), MAX_DECODED_BYTES, 'line');
      printer.print(`Block ${seq} in Core ${key}: ${text}`, {
        event: 'block',
        core: view.name,
        key,
        seq,
        text,
        bytes: block.length,
      });
    });
  });
  return { stop };
}
