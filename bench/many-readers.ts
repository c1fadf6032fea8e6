// Figure 7: how the cost grows as readers are added (docs/speed.md#many-readers). One writer (our
// WriterSession, in a child of its own) appends one-line blocks at a steady rate, one append per line,
// followed by N `reader --plain` processes, then by 8 with 2 `reader --seed --plain` replicas present.
// Each line carries the wall-clock time its append was issued; each reader's copy of it is stamped
// on arrival in this process: append → every reader. Every case starts on a fresh writer.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { CLI } from '../harness/pty.js';
import type { Cleanup } from '../harness/cleanup.js';
import { openScope, spawnNode, tempDirIn, WAIT_MS, type PipedChild } from './lib/processes.js';
import type { Context } from './lib/context.js';
import { waitUntilAnnounced } from './lib/net.js';
import { cpuPressureUs, processWindow } from './lib/proc.js';
import { ms, ratio, roundAll, type FigureResult, type Row } from './lib/results.js';
import { median, percentile } from './lib/stats.js';

interface Case {
  readers: number;
  seeders: number;
}

const CASES: readonly Case[] = [
  { readers: 1, seeders: 0 },
  { readers: 4, seeders: 0 },
  { readers: 8, seeders: 0 },
  { readers: 8, seeders: 2 },
];

// After the last append, how long the last copies may take to arrive before they count as lost.
const DRAIN_MS = 30_000;

interface CaseRun {
  case: Case;
  // Every (block, reader) delivery, ms after the append was issued.
  deliveries: number[];
  // Per block: when the last reader had it (Infinity when one never did).
  everyReader: number[];
  lost: number;
  writerCpuPercent: number;
  bytesUpPerBlock: number;
  readerCpuPercents: number[];
  seederCpuPercents: number[];
  // % of the time some task on the machine waited for a CPU (PSI), over the appends.
  cpuStallPercent: number | null;
  loadAverage1m: number;
}

const wallClock = () => performance.timeOrigin + performance.now();

async function startWriter(context: Context, cleanup: Cleanup): Promise<{ child: PipedChild; mainKey: string }> {
  const { net, children } = context;
  const child = spawnNode(children.soakWriter, [net.bootstrap, await tempDirIn(cleanup, 'many-writer')], {
    cleanup,
    keepLines: 100,
  });
  const ready = await child.waitForLine(
    'the writer open',
    /^ready ([0-9a-f]{64}) ([0-9a-f]{64}) ([0-9a-f]{64}) ([0-9a-f]{64})$/,
  );
  const [, mainKey, , , discoveryKey] = ready.value;
  await waitUntilAnnounced(net.nodes, Buffer.from(discoveryKey, 'hex'));
  return { child, mainKey };
}

async function bytesUp(writer: PipedChild): Promise<number> {
  // Tagged: waitForLine also looks at lines already received.
  const tag = randomBytes(4).toString('hex');
  const reply = writer.waitForLine('the writer stats', new RegExp(`^stats ${tag} (\\d+)$`));
  writer.write(`stats ${tag}\n`);
  return Number((await reply).value[1]);
}

async function runCase(context: Context, which: Case): Promise<CaseRun> {
  const { settings, net, log } = context;
  const cleanup = openScope();
  try {
    const writer = await startWriter(context, cleanup);
    const token = randomBytes(4).toString('hex');
    const total = settings.manyReadersSeconds * settings.manyReadersRate;
    // arrivals[reader][block]: wall-clock ms the reader's line arrived here, minus the append's.
    const arrivals: Array<Float64Array> = [];
    const linePattern = new RegExp(`^Block \\d+ in Core [0-9a-f]{64}: m(\\d+)-${token}-([\\d.]+)$`);
    const spawnReader = async (role: 'reader' | 'seeder', index: number): Promise<PipedChild> => {
      const storage = await tempDirIn(cleanup, `many-${role}-${index}`);
      const args = ['reader', writer.mainKey, '--bootstrap', net.bootstrap, '--storage', storage, '--plain'];
      if (role === 'seeder') args.push('--seed');
      return spawnNode(CLI, args, { cleanup, stdin: 'ignore', keepLines: 20 });
    };
    const seeders = await Promise.all(
      Array.from({ length: which.seeders }, (_, index) => spawnReader('seeder', index)),
    );
    const readers: PipedChild[] = [];
    for (let index = 0; index < which.readers; index++) {
      const reader = await spawnReader('reader', index);
      const got = new Float64Array(total).fill(Number.NaN);
      arrivals.push(got);
      reader.onLine((line) => {
        const match = linePattern.exec(line);
        if (!match) return;
        const block = Number(match[1]);
        if (block < total && Number.isNaN(got[block])) got[block] = wallClock() - Number(match[2]);
      });
      readers.push(reader);
    }
    // Every reader (and seeder) connected and following before the appends start.
    const warmUp = `warm-${token}`;
    const followers = [...readers, ...seeders];
    const warmed = followers.map((follower) =>
      follower.waitForLine('the warm-up line', new RegExp(`(Block \\d+ in Core [0-9a-f]{64}: ${warmUp})|seeded`)),
    );
    const stored = writer.child.waitForLine('the warm-up line stored', new RegExp(`^appended ${warmUp}$`));
    writer.child.write(`line ${warmUp}\n`);
    await stored;
    await Promise.all(warmed);

    log(
      `many readers: ${which.readers} readers${which.seeders ? `, ${which.seeders} seeders` : ''}, ${total} appends at ${settings.manyReadersRate}/s`,
    );
    const upBefore = await bytesUp(writer.child);
    const stallBefore = cpuPressureUs();
    const startedAt = wallClock();
    const writerCpu = processWindow(writer.child.pid);
    const readerCpus = readers.map((reader) => processWindow(reader.pid));
    const seederCpus = seeders.map((seeder) => processWindow(seeder.pid));
    const done = writer.child.waitForLine(
      'the paced appends done',
      /^done ([\d.]+) (\d+)$/,
      settings.manyReadersSeconds * 1000 + WAIT_MS,
    );
    writer.child.write(`paced ${total} ${settings.manyReadersRate} ${token}\n`);
    await done;
    const writerCpuPercent = writerCpu().cpuPercent;
    const readerCpuPercents = readerCpus.map((read) => read().cpuPercent);
    const seederCpuPercents = seederCpus.map((read) => read().cpuPercent);
    const stallAfter = cpuPressureUs();
    const elapsed = wallClock() - startedAt;
    const upAfter = await bytesUp(writer.child);
    const drainStarted = wallClock();
    while (wallClock() - drainStarted < DRAIN_MS && arrivals.some((got) => got.some((value) => Number.isNaN(value))))
      await new Promise((resolve) => setTimeout(resolve, 100));

    const deliveries: number[] = [];
    let lost = 0;
    for (const got of arrivals)
      for (const value of got) {
        if (Number.isNaN(value)) lost++;
        else deliveries.push(value);
      }
    const everyReader = Array.from({ length: total }, (_, block) =>
      Math.max(...arrivals.map((got) => (Number.isNaN(got[block]) ? Infinity : got[block]))),
    );
    return {
      case: which,
      deliveries,
      everyReader,
      lost,
      writerCpuPercent,
      bytesUpPerBlock: (upAfter - upBefore) / total,
      readerCpuPercents,
      seederCpuPercents,
      cpuStallPercent:
        stallBefore === null || stallAfter === null ? null : Math.round((stallAfter - stallBefore) / (elapsed * 10)),
      loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
    };
  } finally {
    await cleanup.run();
  }
}

const label = ({ readers, seeders }: Case) =>
  `${readers} reader${readers > 1 ? 's' : ''}${seeders ? ` + ${seeders} seeders` : ''}`;
const percent = (value: number) => `${Math.round(value)} %`;
const bytes = (value: number) => `${Math.round(value).toLocaleString('en-US')} B`;

export async function measureManyReaders(context: Context): Promise<Omit<FigureResult, 'seconds'>> {
  const { settings } = context;
  const runs: CaseRun[] = [];
  for (const which of CASES) runs.push(await runCase(context, which));
  const first = runs[0];
  const rows: Row[] = runs.flatMap((run): Row[] => {
    const name = label(run.case);
    const show = (value: number) => (Number.isFinite(value) ? ms(value) : 'never');
    return [
      {
        figure: `7. ${name}: append → each reader, p50 / p99`,
        target: '—',
        ours: `${show(percentile(run.deliveries, 0.5))} / ${show(percentile(run.deliveries, 0.99))}${run.lost ? `, ${run.lost} copies lost` : ''}`,
        baseline:
          run === first
            ? '—'
            : `${show(percentile(first.deliveries, 0.5))} / ${show(percentile(first.deliveries, 0.99))} (1 reader)`,
        ratio: run === first ? '—' : ratio(percentile(run.deliveries, 0.99), percentile(first.deliveries, 0.99)),
        meets: '—',
      },
      {
        figure: `7. ${name}: append → every reader, p50 / p99`,
        target: '—',
        ours: `${show(percentile(run.everyReader, 0.5))} / ${show(percentile(run.everyReader, 0.99))}`,
        baseline: '—',
        ratio: '—',
        meets: '—',
      },
      {
        figure: `7. ${name}: writer CPU, % of one core; bytes uploaded per block`,
        target: '—',
        ours: `${percent(run.writerCpuPercent)}; ${bytes(run.bytesUpPerBlock)}`,
        baseline:
          run === first ? '—' : `${percent(first.writerCpuPercent)}; ${bytes(first.bytesUpPerBlock)} (1 reader)`,
        ratio: run === first ? '—' : ratio(run.writerCpuPercent, first.writerCpuPercent),
        meets: '—',
      },
    ];
  });
  const eight = runs.find((run) => run.case.readers === 8 && run.case.seeders === 0);
  const seeded = runs.find((run) => run.case.seeders > 0);
  const notes = [
    `One writer (our WriterSession in a child process) does one \`append\` per line, ${settings.manyReadersRate} lines a second for ${settings.manyReadersSeconds} s, each issued when due; the line carries the wall-clock time its append was issued, and each reader's printed copy is stamped when it reaches the bench. "Each reader" pools every (block, reader) delivery; "every reader" is, per block, when the last reader had it. Each case starts on a fresh writer and fresh storages, the readers connected and past a warm-up line before the appends start.`,
    eight
      ? `Growth, 8 readers ÷ 1: the writer's CPU ${ratio(eight.writerCpuPercent, first.writerCpuPercent)}, bytes uploaded per block ${ratio(eight.bytesUpPerBlock, first.bytesUpPerBlock)}, append → each reader p99 ${ratio(percentile(eight.deliveries, 0.99), percentile(first.deliveries, 0.99))}.`
      : '',
    eight && seeded
      ? `With 2 seeders present (8 readers): the writer's CPU ${percent(seeded.writerCpuPercent)} against ${percent(eight.writerCpuPercent)} without, and it uploaded ${bytes(seeded.bytesUpPerBlock)} a block against ${bytes(eight.bytesUpPerBlock)}: readers that connect to a seeder may get blocks from it rather than the writer. Seeders' CPU: ${seeded.seederCpuPercents.map(percent).join(', ')}.`
      : '',
    ...runs.map(
      (run) =>
        `${label(run.case)}: readers' CPU ${run.readerCpuPercents.map(percent).join(', ')} (median ${percent(median(run.readerCpuPercents))}); ${run.lost} copies lost; the machine: some task waited for a CPU ${run.cpuStallPercent === null ? '(no PSI here)' : `${run.cpuStallPercent} % of the time`}, load average ${run.loadAverage1m} at the end.`,
    ),
    'Bytes uploaded: bytes on the wire (encrypted) the writer sent to the peers connected at the end, counted over the appends; they include the protocol and the DHT-free replication traffic, not the DHT itself.',
  ].filter((note) => note !== '');
  return {
    id: 'many-readers',
    title: '7. Many readers: the cost of each reader added',
    rows,
    notes,
    samples: Object.fromEntries(
      runs.map((run) => [
        label(run.case),
        {
          deliveryMs: { p50: percentile(run.deliveries, 0.5), p99: percentile(run.deliveries, 0.99) },
          everyReaderMs: roundAll(run.everyReader.filter(Number.isFinite)),
          lost: run.lost,
          writerCpuPercent: Math.round(run.writerCpuPercent),
          bytesUpPerBlock: Math.round(run.bytesUpPerBlock),
          readerCpuPercents: run.readerCpuPercents.map(Math.round),
          seederCpuPercents: run.seederCpuPercents.map(Math.round),
          cpuStallPercent: run.cpuStallPercent,
        },
      ]),
    ),
  };
}
