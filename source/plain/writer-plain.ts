import type { Readable, Writable } from 'node:stream';
import { LineAppendQueue, type AppendFailure } from '../net/line-append-queue.js';
import { isHangUp } from '../terminal/hang-up.js';
import type { WriterSession } from '../net/writer-session.js';
import { EventPrinter, type LineFormat } from './output.js';

// Lines read ahead of what is on disk before reading waits.
const MAX_BACKLOG = 50_000;

// The how-to's writer for pipes: key first, then every input line appended and reported.
// Lines that arrive together are appended together (batched), in order. The first line that
// cannot be stored ends it: what is on disk was reported, and the failure is thrown. Once nobody
// reads `out`, or its terminal hung up, it takes no more input and calls `onOutputClosed` when the
// batch being stored is on disk.
export async function runPlainWriter(
  session: WriterSession,
  format: LineFormat,
  input: Readable,
  out: Writable,
  err: Writable,
  onOutputClosed: () => void = () => {},
): Promise<void> {
  // Nobody is left to read: no more input, and onOutputClosed once the batch being stored is on disk.
  const stopQuietly = async () => {
    queue.stop();
    await queue.idle();
    onOutputClosed();
  };
  const printer = new EventPrinter(format, out, () => void stopQuietly());
  const mainKey = session.mainKey.toString('hex');
  printer.print(`main core key: ${mainKey}`, { event: 'key', role: 'writer', key: mainKey });
  printer.followPeers(session, err);

  const keys = {
    'core-2': session.subCoreKey('core-2').toString('hex'),
    'core-3': session.subCoreKey('core-3').toString('hex'),
  };
  // Set from the queue's callback, which control-flow narrowing cannot see.
  let failure = null as AppendFailure | null;
  const queue = new LineAppendQueue(session, {
    stored: (receipts) =>
      printer.printEach(
        receipts,
        (receipt) => `appended block ${receipt.seq} to ${receipt.core} (${receipt.byteLength} bytes)`,
        (receipt) => ({
          event: 'append',
          core: receipt.core,
          key: keys[receipt.core],
          seq: receipt.seq,
          bytes: receipt.byteLength,
        }),
      ),
    failed: (error) => {
      failure ??= error;
      queue.stop();
      // Stops waiting for input that can no longer be stored.
      input.destroy();
    },
  });

  let partial = '';
  input.setEncoding('utf8');
  try {
    for await (const chunk of input as AsyncIterable<string>) {
      if (printer.outputClosed) return;
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      queue.push(lines.map(withoutCarriageReturn));
      // Backpressure: don't read far ahead of what is on disk.
      if (queue.backlog > MAX_BACKLOG) await queue.idle();
    }
  } catch (error) {
    // A terminal that hung up fails the read with EIO, sometimes before its SIGHUP comes: the user
    // left, as with Ctrl+C, and that is no failure.
    if (!failure && isHangUp(error, input)) return stopQuietly();
    if (!failure) throw error;
  }
  if (printer.outputClosed) return;
  if (partial) queue.push([withoutCarriageReturn(partial)]);
  await queue.idle();
  if (failure) throw failure;
  err.write('end of input: still serving the cores to readers, press Ctrl+C to stop\n');
}

function withoutCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
