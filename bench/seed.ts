// Figure 6: seeding. A core of 1,000,000 blocks (prepared as figure 3 prepares it, served by the
// writer binary) copied whole into an empty storage, by `reader KEY --seed --plain` (ours) and by
// children/download-all.ts (baseline: a bare Corestore + Hyperswarm doing
// core.download({ start: 0, end: -1 }) of the same cores until each is whole), each alone.
// Timed spawn → every core at 100 % on the bench's clock (ours: the last of the `seeded <core>
// N/N` lines; baseline: its "seeded" line); blocks/s over that time. Resident memory is read every
// seedSampleMs: its curve, its peak (VmHWM), and whether it stays flat while the blocks stream in.
import { CLI, now } from '../harness/pty.js';
import { openScope, spawnNode, tempDirIn, type PipedChild } from './lib/processes.js';
import type { Context } from './lib/context.js';
import { waitUntilAnnounced } from './lib/net.js';
import { peakRssKb, rssKb } from './lib/proc.js';
import { megabytes, meets, ms, perSecond, ratio, roundAll, spread, type FigureResult } from './lib/results.js';
import { median } from './lib/stats.js';
import { prepare, type Prepared } from './reader-open.js';

const FLAT_WITHIN = 0.1;
// core-2 of the prepared storage holds three blocks, core-1 block 0.
const SMALL_CORES: ReadonlyArray<[string, number]> = [
  ['core-1', 1],
  ['core-2', 3],
];

type Kind = 'ours' | 'baseline';

interface SeedRun {
  kind: Kind;
  spawnToSeededMs: number;
  connectedToSeededMs: number;
  blocks: number;
  peakRssKb: number;
  // [seconds since spawn, resident kB] every seedSampleMs.
  samples: Array<[number, number | null]>;
  connectedAtS: number;
  seededAtS: number;
}

// Resident memory of a child every `everyMs`, stamped in seconds since its spawn.
function sampleRss(child: PipedChild, everyMs: number): { stop: () => Array<[number, number | null]> } {
  const samples: Array<[number, number | null]> = [];
  const take = () => samples.push([(now() - child.spawnedAt) / 1000, rssKb(child.pid)]);
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

// The deadline for a whole copy: generous, a few hundred blocks a second would still make it.
function copyDeadlineMs(blocks: number): number {
  return 120_000 + blocks * 3;
}

async function seedOnce(context: Context, prepared: Prepared, size: number, kind: Kind): Promise<SeedRun> {
  const { settings } = context;
  const cleanup = openScope();
  try {
    const storage = await tempDirIn(cleanup, `seed-${kind}`);
    const key = prepared.mainKey.toString('hex');
    const child =
      kind === 'ours'
        ? spawnNode(
            CLI,
            ['reader', key, '--seed', '--plain', '--bootstrap', context.net.bootstrap, '--storage', storage],
            {
              cleanup,
              stdin: 'ignore',
              keepLines: 1000,
            },
          )
        : spawnNode(context.children.downloadAll, [key, context.net.bootstrap, storage], {
            cleanup,
            stdin: 'ignore',
          });
    const sampler = sampleRss(child, settings.seedSampleMs);
    const deadline = copyDeadlineMs(size);
    let connectedAt: number;
    let seededAt: number;
    if (kind === 'ours') {
      const connected = child.waitForStderr('the seeder to connect', /^peer [0-9a-f]{8} joined/m, deadline);
      const whole = await Promise.all(
        [...SMALL_CORES, ['core-3', size] as [string, number]].map(([core, length]) =>
          child.waitForLine(`${core} seeded`, new RegExp(`^seeded ${core} ${length}/${length}$`), deadline),
        ),
      );
      connectedAt = (await connected).at;
      seededAt = Math.max(...whole.map((line) => line.at));
    } else {
      const connected = child.waitForLine('the baseline to connect', /^connected ([\d.]+)$/, deadline);
      const seeded = await child.waitForLine('the baseline seeded', /^seeded ([\d.]+) (\d+)$/, deadline);
      const expected = size + SMALL_CORES.reduce((sum, [, length]) => sum + length, 0);
      if (Number(seeded.value[2]) !== expected) throw new Error(`the baseline copied ${seeded.value[2]} blocks`);
      // Its own clock for connected → seeded, the bench's for spawn → seeded (as ours).
      const connectedToSeeded = Number(seeded.value[1]) - Number((await connected).value[1]);
      connectedAt = seeded.at - connectedToSeeded;
      seededAt = seeded.at;
    }
    const peak = peakRssKb(child.pid) ?? Number.NaN;
    const samples = sampler.stop();
    return {
      kind,
      spawnToSeededMs: seededAt - child.spawnedAt,
      connectedToSeededMs: seededAt - connectedAt,
      blocks: size + SMALL_CORES.reduce((sum, [, length]) => sum + length, 0),
      peakRssKb: peak,
      samples,
      connectedAtS: (connectedAt - child.spawnedAt) / 1000,
      seededAtS: (seededAt - child.spawnedAt) / 1000,
    };
  } finally {
    await cleanup.run();
  }
}

// While the blocks stream in (connected → seeded): the peak of the last fifth against the peak of
// the second fifth (the first is the start-up's).
function flatness(run: SeedRun): { early: number; late: number; growth: number } {
  const span = (run.seededAtS - run.connectedAtS) / 5;
  const peakIn = (from: number, to: number) =>
    Math.max(...run.samples.filter(([at, kb]) => at >= from && at <= to && kb !== null).map(([, kb]) => kb as number));
  const early = peakIn(run.connectedAtS + span, run.connectedAtS + 2 * span);
  const late = peakIn(run.seededAtS - span, run.seededAtS);
  return { early, late, growth: late / early - 1 };
}

// Resident memory at about eleven points of the run, in MB.
function curve(run: SeedRun, points = 11): string {
  const step = Math.max(1, Math.ceil((run.samples.length - 1) / (points - 1)));
  return run.samples
    .filter((_, index, all) => index % step === 0 || index === all.length - 1)
    .map(([at, kb]) => `${at.toFixed(1)} s ${kb === null ? 'n/a' : Math.round(kb / 1024)}`)
    .join(', ');
}

export async function measureSeed(context: Context): Promise<Omit<FigureResult, 'seconds'>> {
  const { settings, log } = context;
  const size = settings.seedBlocks;
  const label = size.toLocaleString('en-US');
  const runs: SeedRun[] = [];
  const cleanup = openScope();
  let prepareMs: number;
  try {
    log(`seed: preparing a ${label}-block core`);
    const prepared = await prepare(cleanup, size);
    prepareMs = prepared.prepareMs;
    const writer = spawnNode(
      CLI,
      ['writer', '--plain', '--storage', prepared.storage, '--bootstrap', context.net.bootstrap],
      { cleanup, stdin: 'ignore' },
    );
    await writer.waitForStderr('the serving writer at end of input', /end of input/);
    await waitUntilAnnounced(context.net.nodes, prepared.discoveryKey);
    for (let run = 0; run < settings.seedRuns; run++) {
      for (const kind of ['ours', 'baseline'] as const) {
        log(`seed: ${kind}, ${label} blocks, run ${run + 1}/${settings.seedRuns}`);
        runs.push(await seedOnce(context, prepared, size, kind));
      }
    }
    // Every block came from the writer: it must still be there.
    if (writer.hasExited()) throw new Error(`the serving writer exited\n${writer.stderrText()}`);
  } finally {
    await cleanup.run();
  }

  const of = (kind: Kind) => runs.filter((run) => run.kind === kind);
  const pick = (kind: Kind, value: (run: SeedRun) => number) => of(kind).map(value);
  const mid = (kind: Kind, value: (run: SeedRun) => number) => median(pick(kind, value));
  const throughput = (run: SeedRun) => (run.blocks * 1000) / run.spawnToSeededMs;
  const growth = (run: SeedRun) => flatness(run).growth;
  const showGrowth = (kind: Kind) =>
    of(kind)
      .map((run) => {
        const flat = flatness(run);
        return `${megabytes(flat.early)} → ${megabytes(flat.late)} (${flat.growth >= 0 ? '+' : ''}${Math.round(flat.growth * 100)} %)`;
      })
      .join('; ');
  // Ours beside the baseline, both runs' spread and the ratio of their medians.
  const compared = (
    figure: string,
    value: (run: SeedRun) => number,
    format: (value: number) => string,
  ): FigureResult['rows'][number] => ({
    figure,
    target: '—',
    ours: spread(pick('ours', value), format),
    baseline: spread(pick('baseline', value), format),
    ratio: ratio(mid('ours', value), mid('baseline', value)),
    meets: '—',
  });
  const rows: FigureResult['rows'] = [
    compared(`6. seed, ${label} blocks: spawn → every core seeded`, (run) => run.spawnToSeededMs, ms),
    compared('6. seeding throughput, blocks ÷ (spawn → seeded)', throughput, perSecond),
    compared(`6. seeder peak RSS, ${label} blocks`, (run) => run.peakRssKb, megabytes),
    {
      figure: '6. seeder memory flat: peak of the last fifth of the copy vs the second',
      target: `≤ +${FLAT_WITHIN * 100} %`,
      ours: showGrowth('ours'),
      baseline: showGrowth('baseline'),
      ratio: '—',
      meets: meets(of('ours').length > 0 && of('ours').every((run) => growth(run) <= FLAT_WITHIN)),
    },
  ];
  const notes = [
    `core-3 of ${label} blocks ("block <n>"), core-2 of 3, block 0 of core-1: ${runs[0]?.blocks.toLocaleString('en-US') ?? 'n/a'} blocks in all, prepared as figure 3's (${ms(prepareMs)}; not part of any figure) and served by one writer binary, announced before the first copy. Every copy starts from an empty storage; ours and the baseline take turns, each alone.`,
    `Connected → seeded: ours ${spread(
      pick('ours', (run) => run.connectedToSeededMs),
      ms,
    )} (from the first "peer … joined" on stderr), baseline ${spread(
      pick('baseline', (run) => run.connectedToSeededMs),
      ms,
    )} (its first connection, on its own clock). Ours reports progress at most every 500 ms, so its "seeded" line may come up to that late.`,
    ...runs.map(
      (run) =>
        `Resident memory, MB, ${run.kind === 'ours' ? '`reader --seed --plain`' : 'bare download'} (seconds since spawn; connected at ${run.connectedAtS.toFixed(1)} s, seeded at ${run.seededAtS.toFixed(1)} s): ${curve(run)}.`,
    ),
  ];
  const samples: Record<string, unknown> = {
    baselineWhat:
      'bare Corestore child (bench/children/download-all.ts): core-1 by key, get(0), every core update then download({ start: 0, end: -1 }) until contiguousLength = length',
    prepareMs: Math.round(prepareMs),
  };
  for (const kind of ['ours', 'baseline'] as const) {
    samples[kind] = of(kind).map((run) => ({
      spawnToSeededMs: Math.round(run.spawnToSeededMs),
      connectedToSeededMs: Math.round(run.connectedToSeededMs),
      blocksPerSecond: Math.round(throughput(run)),
      peakRssKb: run.peakRssKb,
      rssKb: run.samples.map(([at, kb]) => [roundAll([at])[0], kb]),
    }));
  }
  return { id: 'seed', title: `6. Seeding a ${label}-block core`, rows, notes, samples };
}
