// The soak's writer, in a process of its own: the bench that stamps key probes and parses the
// screen reader's terminal must not also be the process doing 1,000 appends a second. It is our
// WriterSession, as in the app. Prints "ready <main key> <core-2 key> <core-3 key> <discovery
// key>" once open, then on stdin:
//   "line <text>"                 appends one line, prints "appended <text>" once it is on disk;
//   "pump <total> <rate> <token>" appends soakLine(0..total-1) one append per line, each issued
//                                 when it falls due at <rate>/s without waiting for the one before,
//                                 and prints "done <elapsed ms> <most in flight>" once all are on disk.
//   "paced <total> <rate> <token>" the same pacing, each line "m<i>-<token>-<ms>", <ms> the wall-clock
//                                 time (performance.timeOrigin + now()) its append was issued, so
//                                 each reader's copy of the line says when it was appended.
//   "stats <tag>"                 prints "stats <tag> <bytes up>": bytes sent so far to the peers connected now.
// Usage: soak-writer <bootstrap> <storage>
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { WriterSession } from '../../source/net/writer-session.js';
import { parseBootstrap } from '../lib/loopback.js';
import { soakLine } from '../lib/soak-lines.js';

const [bootstrap, storage] = process.argv.slice(2) as [string, string];
const session = await WriterSession.open({ storage, network: { kind: 'bootstrap', nodes: parseBootstrap(bootstrap) } });
const hex = (key: Buffer) => key.toString('hex');
process.stdout.write(
  `ready ${hex(session.mainKey)} ${hex(session.subCoreKey('core-2'))} ${hex(session.subCoreKey('core-3'))} ${hex(session.mainCore.discoveryKey)}\n`,
);

async function pump(total: number, rate: number, line: (index: number) => string): Promise<void> {
  const started = performance.now();
  let issued = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const appends: Array<Promise<unknown>> = [];
  while (issued < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    while (issued < due) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      appends.push(
        session.appendLines([line(issued++)]).then(() => {
          inFlight--;
        }),
      );
    }
    await sleep(1);
  }
  await Promise.all(appends);
  process.stdout.write(`done ${performance.now() - started} ${maxInFlight}\n`);
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const appended = /^line (.+)$/.exec(line);
  if (appended) {
    void session.appendLines([appended[1]]).then(() => process.stdout.write(`appended ${appended[1]}\n`));
    return;
  }
  const pumped = /^pump (\d+) (\d+) (\S+)$/.exec(line);
  if (pumped) {
    const token = pumped[3];
    void pump(Number(pumped[1]), Number(pumped[2]), (index) => soakLine(index, token));
    return;
  }
  const paced = /^paced (\d+) (\d+) (\S+)$/.exec(line);
  if (paced) {
    const token = paced[3];
    const wallClock = () => (performance.timeOrigin + performance.now()).toFixed(2);
    void pump(Number(paced[1]), Number(paced[2]), (index) => `m${index}-${token}-${wallClock()}`);
    return;
  }
  const stats = /^stats (\S+)$/.exec(line);
  if (stats) {
    const up = session.peerStats.snapshot().peers.reduce((sum, peer) => sum + (peer.bytesUp ?? 0), 0);
    process.stdout.write(`stats ${stats[1]} ${up}\n`);
  }
});

process.once('SIGTERM', () => {
  void session.close().finally(() => process.exit(0));
});
