import type { Readable, Writable } from 'node:stream';
import type { WriterSession } from '../net/writer-session.js';
import { EventPrinter, type LineFormat } from './output.js';

// The how-to's writer for pipes: key first, then every input line appended and reported.
// Lines that arrive together are appended together (batched), in order. Once nobody reads `out`,
// it takes no more input and calls `onOutputClosed` when the lines it took are on disk.
export async function runPlainWriter(
  session: WriterSession,
  format: LineFormat,
  input: Readable,
  out: Writable,
  err: Writable,
  onOutputClosed: () => void = () => {},
): Promise<void> {
  const printer = new EventPrinter(format, out, () => {
    void Promise.resolve(draining).then(onOutputClosed);
  });
  const mainKey = session.mainKey.toString('hex');
  printer.print(`main core key: ${mainKey}`, { event: 'key', role: 'writer', key: mainKey });
  printer.followPeers(session, err);

  const keys = {
    'core-2': session.subCoreKey('core-2').toString('hex'),
    'core-3': session.subCoreKey('core-3').toString('hex'),
  };
  let partial = '';
  let queue: string[] = [];
  let draining: Promise<void> | null = null;

  const drain = async () => {
    while (queue.length > 0 && !printer.outputClosed) {
      const lines = queue;
      queue = [];
      const receipts = await session.appendLines(lines);
      printer.printAll(
        receipts.map((receipt) => ({
          text: `appended block ${receipt.seq} to ${receipt.core} (${receipt.byteLength} bytes)`,
          event: {
            event: 'append',
            core: receipt.core,
            key: keys[receipt.core],
            seq: receipt.seq,
            bytes: receipt.byteLength,
          },
        })),
      );
    }
    draining = null;
  };

  input.setEncoding('utf8');
  for await (const chunk of input as AsyncIterable<string>) {
    if (printer.outputClosed) return;
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    queue.push(...lines.map(withoutCarriageReturn));
    if (!draining) draining = drain();
    // Backpressure: don't read far ahead of what is on disk.
    if (queue.length > 50_000) await draining;
  }
  if (printer.outputClosed) return;
  if (partial) queue.push(withoutCarriageReturn(partial));
  if (!draining) draining = drain();
  await draining;
  err.write('end of input: still serving the cores to readers, press Ctrl+C to stop\n');
}

function withoutCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
