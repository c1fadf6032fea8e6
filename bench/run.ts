// `npm run bench`: every figure of docs/speed.md beside a baseline measured in the same run, on a
// private loopback testnet, in temp dirs. Writes BENCHMARKS.md and bench/out/results.json.
//   --quick             small sizes, a ~1 minute smoke run
//   --soak-seconds N    length of each soak of figure 4 (default 300)
//   --soak-runs N       rounds of figure 4's three readers, interleaved (default 1)
//   --heap-snapshot     write a heap snapshot of the screen reader at the end of each soak
//   --cpu-profile       write a CPU profile of the screen reader over each soak (a folder kept in /tmp)
//   --soak-readers a,b  run only these soak readers (screen, bare, plain); for profiling
//   --only a,b          run only these figures (latency, piped, open, soak, start, seed, decode); writes nothing
// tsx does not type-check: `npm test` does (tsconfig.test.json covers bench/).
import os from 'node:os';
import { parseArgs } from 'node:util';
import { buildChildren } from './lib/children.js';
import { settingsFor, type Context } from './lib/context.js';
import { now } from '../harness/pty.js';
import { startTestnet } from '../harness/testnet.js';
import { closeAllScopes, openScope } from './lib/processes.js';
import { cpuPressureUs } from './lib/proc.js';
import type { FigureResult } from './lib/results.js';
import { writeReport } from './report.js';
import { measureDecode } from './decode.js';
import { measureLatency } from './latency.js';
import { measurePipedWriter } from './piped-writer.js';
import { measureReaderOpen } from './reader-open.js';
import { measureSeed } from './seed.js';
import { measureSoak } from './soak.js';
import { measureStartQuit } from './start-quit.js';

const FIGURES: Record<string, (context: Context) => Promise<Omit<FigureResult, 'seconds'>>> = {
  latency: measureLatency,
  piped: measurePipedWriter,
  open: measureReaderOpen,
  soak: measureSoak,
  start: measureStartQuit,
  seed: measureSeed,
  decode: measureDecode,
};

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'soak-seconds': { type: 'string' },
    'soak-runs': { type: 'string' },
    'heap-snapshot': { type: 'boolean', default: false },
    'cpu-profile': { type: 'boolean', default: false },
    'soak-readers': { type: 'string' },
    only: { type: 'string' },
  },
});
const soakSeconds = values['soak-seconds'] === undefined ? null : Number(values['soak-seconds']);
if (soakSeconds !== null && !(soakSeconds > 0)) {
  process.stderr.write('bench: --soak-seconds takes a positive number\n');
  process.exit(2);
}
const soakRuns = values['soak-runs'] === undefined ? null : Number(values['soak-runs']);
if (soakRuns !== null && !(Number.isInteger(soakRuns) && soakRuns > 0)) {
  process.stderr.write('bench: --soak-runs takes a positive whole number\n');
  process.exit(2);
}
const soakReaders = values['soak-readers'] === undefined ? null : values['soak-readers'].split(',');
for (const reader of soakReaders ?? []) {
  if (!['screen', 'bare', 'plain'].includes(reader)) {
    process.stderr.write(`bench: unknown soak reader "${reader}" (screen, bare, plain)\n`);
    process.exit(2);
  }
}
const overrides = {
  soakSeconds,
  soakRuns,
  heapSnapshot: values['heap-snapshot'],
  cpuProfile: values['cpu-profile'],
  soakReaders,
};
const only = values.only ? values.only.split(',') : null;
for (const name of only ?? []) {
  if (!(name in FIGURES)) {
    process.stderr.write(`bench: unknown figure "${name}" (${Object.keys(FIGURES).join(', ')})\n`);
    process.exit(2);
  }
}

const started = now();
const startedAt = new Date();
const log = (message: string) =>
  process.stderr.write(`[bench ${((now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
const cleanup = openScope();
let interrupted = false;
// Ctrl+C or a kill still stops every child and closes the testnet.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    interrupted = true;
    log(`${signal}: cleaning up`);
    void closeAllScopes().finally(() => process.exit(130));
  });
}

const results: FigureResult[] = [];
const loadBefore = os.loadavg();
try {
  const settings = settingsFor(values.quick, overrides);
  log(`settings: ${JSON.stringify(settings)}`);
  const net = await startTestnet(cleanup);
  const children = await buildChildren(cleanup);
  const context: Context = { settings, net, children, log };
  for (const [name, measure] of Object.entries(FIGURES)) {
    if (only && !only.includes(name)) continue;
    if (interrupted) break;
    const figureStarted = now();
    const stallBefore = cpuPressureUs();
    const machine = () => {
      const stallAfter = cpuPressureUs();
      const elapsedUs = (now() - figureStarted) * 1000;
      return {
        cpuStallPercent:
          stallBefore === null || stallAfter === null
            ? null
            : Math.round(((stallAfter - stallBefore) * 100) / elapsedUs),
        loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
      };
    };
    try {
      const result = await measure(context);
      results.push({ ...result, seconds: (now() - figureStarted) / 1000, machine: machine() });
    } catch (error) {
      const message = String((error as Error)?.stack ?? error);
      log(`${name} failed: ${message}`);
      results.push({
        id: name,
        title: name,
        rows: [],
        notes: [],
        samples: {},
        seconds: (now() - figureStarted) / 1000,
        machine: machine(),
        error: message,
      });
    }
    log(`${name} done in ${((now() - figureStarted) / 1000).toFixed(1)} s`);
  }
} finally {
  await cleanup.run().catch((error: unknown) => log(`cleanup: ${String(error)}`));
}

const totalSeconds = (now() - started) / 1000;
const report = writeReport({
  results,
  settings: settingsFor(values.quick, overrides),
  startedAt,
  totalSeconds,
  loadBefore,
  loadAfter: os.loadavg(),
  write: only === null,
});
process.stdout.write(`${report}\n`);
log(`total ${totalSeconds.toFixed(1)} s`);
process.exit(results.some((result) => result.error) ? 1 : 0);
