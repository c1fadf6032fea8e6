// Figure 3: a fresh reader opening a core of 10,000 and of 1,000,000 blocks. The writer storages
// are prepared with a bare Corestore in the writer's layout (core-1 named and JSON with block 0
// listing core-2 and core-3, as WriterSession writes it), then served by the writer binary
// (`writer --plain`, stdin at end: it keeps serving). Ours: the reader binary in a pty, spawn →
// the tail block's text drawn, and "peers 1" in the header → tail drawn; peak RSS (VmHWM) read
// just before quitting. Baseline: children/open-tail.ts, a bare Corestore that opens core-1 by
// key, reads block 0, opens core-3 and gets its last block (no UI).
import { randomBytes } from 'node:crypto';
import Corestore from 'corestore';
import { encodeBlockZero } from '../source/model/block-zero.js';
import type { Cleanup } from '../harness/cleanup.js';
import { mainKeyShown, paneLengthOn, peersOn } from '../harness/layout.js';
import { CLI, now } from '../harness/pty.js';
import { sleep } from '../harness/wait.js';
import { openScope, spawnNode, spawnScreen, tempDirIn, timeQuit, WAIT_MS, type PipedChild } from './lib/processes.js';
import type { Context } from './lib/context.js';
import { waitUntilAnnounced } from './lib/net.js';
import { cpuSeconds, peakRssKb } from './lib/proc.js';
import { megabytes, meets, ms, ratio, roundAll, spread, type FigureResult } from './lib/results.js';
import { median } from './lib/stats.js';

const APPEND_BATCH = 10_000;

export interface Prepared {
  storage: string;
  mainKey: Buffer;
  discoveryKey: Buffer;
  tailText: string;
  prepareMs: number;
}

// core-3 gets `size` blocks ("block 123"), the last one unique; core-2 a few short ones.
export async function prepare(cleanup: Cleanup, size: number): Promise<Prepared> {
  const storage = await tempDirIn(cleanup, `open-writer-${size}`);
  const started = now();
  const store = new Corestore(storage);
  try {
    const main = store.get<{ otherKeys: string[] }>({ name: 'core-1', valueEncoding: 'json' });
    const core2 = store.get({ name: 'core-2' });
    const core3 = store.get({ name: 'core-3' });
    await Promise.all([main.ready(), core2.ready(), core3.ready()]);
    await main.append(encodeBlockZero([core2.key, core3.key]));
    await core2.append(['a\n', 'b\n', 'c\n'].map((text) => Buffer.from(text)));
    const tailText = `tail-${size}-${randomBytes(4).toString('hex')}`;
    for (let first = 0; first < size; first += APPEND_BATCH) {
      const blocks: Buffer[] = [];
      for (let seq = first; seq < Math.min(size, first + APPEND_BATCH); seq++) {
        blocks.push(Buffer.from(seq === size - 1 ? `${tailText}\n` : `block ${seq}\n`));
      }
      await core3.append(blocks);
    }
    return { storage, mainKey: main.key, discoveryKey: main.discoveryKey, tailText, prepareMs: now() - started };
  } finally {
    await store.close();
  }
}

interface OpenRun {
  spawnToFirstFrameMs: number;
  spawnToConnectedMs: number;
  spawnToTailMs: number;
  connectedToTailMs: number;
  peakRssKb: number;
  quitMs: number;
}

async function oursOnce(context: Context, prepared: Prepared, size: number): Promise<OpenRun> {
  const cleanup = openScope();
  try {
    const storage = await tempDirIn(cleanup, 'open-reader');
    const reader = spawnScreen(
      ['reader', prepared.mainKey.toString('hex'), '--bootstrap', context.net.bootstrap, '--storage', storage],
      { cleanup },
    );
    const [first, connected, tail] = await Promise.all([
      reader.when('the first frame that shows the main key', mainKeyShown('reader'), WAIT_MS),
      reader.when('peers 1', (lines) => (peersOn(lines) ?? 0) >= 1, WAIT_MS),
      reader.when('the tail block', (lines) => lines.some((line) => line.includes(prepared.tailText)), 60_000),
    ]);
    const shownLength = paneLengthOn(reader.lines(), 'core-3');
    if (shownLength !== size) throw new Error(`core-3's title says len ${shownLength}, expected ${size}`);
    // A moment for whatever the tail's arrival set off (the local count, a last frame) before
    // the peak is read.
    await sleep(300);
    const peak = peakRssKb(reader.pid) ?? Number.NaN;
    const quitMs = await timeQuit(reader);
    if (!Number.isFinite(quitMs)) throw new Error('the reader did not quit on q');
    return {
      spawnToFirstFrameMs: first.at - reader.spawnedAt,
      spawnToConnectedMs: connected.at - reader.spawnedAt,
      spawnToTailMs: tail.at - reader.spawnedAt,
      connectedToTailMs: tail.at - connected.at,
      peakRssKb: peak,
      quitMs,
    };
  } finally {
    await cleanup.run();
  }
}

interface BaselineRun {
  spawnToTailMs: number;
  connectedToTailMs: number;
  peakRssKb: number;
}

async function baselineOnce(context: Context, prepared: Prepared, size: number): Promise<BaselineRun> {
  const cleanup = openScope();
  try {
    const child = spawnNode(
      context.children.openTail,
      [prepared.mainKey.toString('hex'), context.net.bootstrap, await tempDirIn(cleanup, 'open-base')],
      { cleanup },
    );
    const connected = child.waitForLine('the baseline to connect', /^connected ([\d.]+)$/, 60_000);
    const tail = await child.waitForLine('the baseline tail', /^tail ([\d.]+) (\d+) (.*)$/, 60_000);
    if (Number(tail.value[2]) !== size - 1 || tail.value[3] !== prepared.tailText)
      throw new Error(`the baseline read ${tail.value[0]}`);
    const peak = peakRssKb(child.pid) ?? Number.NaN;
    // Spawn → tail on the bench's clock (as ours); connected → tail on the child's own.
    return {
      spawnToTailMs: tail.at - child.spawnedAt,
      connectedToTailMs: Number(tail.value[1]) - Number((await connected).value[1]),
      peakRssKb: peak,
    };
  } finally {
    await cleanup.run();
  }
}

export async function measureReaderOpen(context: Context): Promise<Omit<FigureResult, 'seconds'>> {
  const { settings, log } = context;
  const sizes = [settings.openSmall, settings.openLarge];
  const ours = new Map<number, OpenRun[]>();
  const base = new Map<number, BaselineRun[]>();
  const prepareMs = new Map<number, number>();
  const cleanup = openScope();
  const writerCpu = new Map<number, { idlePercent: number; servingPercent: number }>();
  try {
    const served = new Map<number, { prepared: Prepared; writer: PipedChild }>();
    for (const size of sizes) {
      log(`reader open: preparing a ${size.toLocaleString('en-US')}-block core`);
      const prepared = await prepare(cleanup, size);
      prepareMs.set(size, prepared.prepareMs);
      const writer = spawnNode(
        CLI,
        ['writer', '--plain', '--storage', prepared.storage, '--bootstrap', context.net.bootstrap],
        { cleanup, stdin: 'ignore' },
      );
      const key = await writer.waitForLine("the serving writer's key", /^main core key: ([0-9a-f]{64})$/);
      if (key.value[1] !== prepared.mainKey.toString('hex'))
        throw new Error(`the writer serves ${key.value[1]}, not the prepared core`);
      await writer.waitForStderr('the serving writer at end of input', /end of input/);
      await waitUntilAnnounced(context.net.nodes, prepared.discoveryKey);
      served.set(size, { prepared, writer });
      ours.set(size, []);
      base.set(size, []);
    }
    // A serving writer with no reader should cost nothing: measured over a second, both serving.
    const idleFrom = new Map([...served].map(([size, { writer }]) => [size, cpuSeconds(writer.pid) ?? Number.NaN]));
    const idleStarted = now();
    await sleep(1000);
    const idleElapsed = now() - idleStarted;
    const servingFrom = new Map([...served].map(([size, { writer }]) => [size, cpuSeconds(writer.pid) ?? Number.NaN]));
    const servingStarted = now();
    // Interleaved, sizes and sides, so that a burst of load hits them all alike.
    for (let run = 0; run < settings.openRuns; run++) {
      for (const size of sizes) {
        const { prepared } = served.get(size)!;
        log(`reader open: ${size.toLocaleString('en-US')} blocks, run ${run + 1}/${settings.openRuns}`);
        ours.get(size)!.push(await oursOnce(context, prepared, size));
        base.get(size)!.push(await baselineOnce(context, prepared, size));
      }
    }
    const servingElapsed = now() - servingStarted;
    for (const [size, { writer }] of served) {
      // The serving writer must still be there: a reader that fetched from nobody proves nothing.
      if (writer.hasExited()) throw new Error(`the serving writer exited\n${writer.stderrText()}`);
      const cpu = cpuSeconds(writer.pid) ?? Number.NaN;
      writerCpu.set(size, {
        idlePercent: ((servingFrom.get(size)! - idleFrom.get(size)!) * 100_000) / idleElapsed,
        servingPercent: ((cpu - servingFrom.get(size)!) * 100_000) / servingElapsed,
      });
    }
  } finally {
    await cleanup.run();
  }

  const [small, large] = sizes as [number, number];
  const pick = <T>(runs: T[] | undefined, field: (run: T) => number) => (runs ?? []).map(field);
  const label = (size: number) => size.toLocaleString('en-US');
  const msSpread = (values: number[]) => spread(values, ms);
  const oursTail = (size: number) => pick(ours.get(size), (run) => run.spawnToTailMs);
  const oursConnTail = (size: number) => pick(ours.get(size), (run) => run.connectedToTailMs);
  const baseTail = (size: number) => pick(base.get(size), (run) => run.spawnToTailMs);
  const baseConnTail = (size: number) => pick(base.get(size), (run) => run.connectedToTailMs);
  const oursRss = pick(ours.get(large), (run) => run.peakRssKb);
  const baseRss = pick(base.get(large), (run) => run.peakRssKb);
  const openRatio = median(oursTail(large)) / median(oursTail(small));
  const baseOpenRatio = median(baseTail(large)) / median(baseTail(small));
  const rows: FigureResult['rows'] = [
    {
      figure: `3. reader open, ${label(large)} blocks: connected → tail drawn`,
      target: '≤ 1 s',
      ours: msSpread(oursConnTail(large)),
      baseline: msSpread(baseConnTail(large)),
      ratio: ratio(median(oursConnTail(large)), median(baseConnTail(large))),
      meets: meets(median(oursConnTail(large)) <= 1000),
    },
    {
      figure: `3. reader open, ${label(large)} blocks: spawn → tail drawn`,
      target: '—',
      ours: msSpread(oursTail(large)),
      baseline: msSpread(baseTail(large)),
      ratio: ratio(median(oursTail(large)), median(baseTail(large))),
      meets: '—',
    },
    {
      figure: `3. reader open, ${label(small)} blocks: spawn → tail drawn`,
      target: '—',
      ours: msSpread(oursTail(small)),
      baseline: msSpread(baseTail(small)),
      ratio: ratio(median(oursTail(small)), median(baseTail(small))),
      meets: '—',
    },
    {
      figure: `3. open time ${label(large)} ÷ ${label(small)} (spawn → tail, medians)`,
      target: '≤ 1.5×',
      ours: `${openRatio.toFixed(2)}×`,
      baseline: `${baseOpenRatio.toFixed(2)}×`,
      ratio: '—',
      meets: meets(openRatio <= 1.5),
    },
    {
      figure: `3. reader peak RSS, ${label(large)} blocks`,
      target: '< 200 MB',
      ours: spread(oursRss, megabytes),
      baseline: spread(baseRss, megabytes),
      ratio: ratio(median(oursRss), median(baseRss)),
      meets: meets(Math.max(...oursRss) < 200 * 1024),
    },
  ];
  const notes = [
    `Sizes: core-3 of ${label(small)} and ${label(large)} blocks ("block <n>", the last one unique), core-2 of 3. Preparing them (bare Corestore, batches of ${APPEND_BATCH.toLocaleString('en-US')}) took ${[...prepareMs].map(([size, value]) => `${ms(value)} for ${label(size)}`).join(', ')}; not part of any figure.`,
    'Every run uses an empty reader storage; both storages are served at once by two writer binaries, announced on the testnet (checked with a DHT lookup) before the first reader starts, and the runs alternate between the sizes and between ours and the baseline.',
    `The serving writers' CPU, % of one core: idle (no reader, 1 s) ${[...writerCpu].map(([size, cpu]) => `${label(size)}: ${cpu.idlePercent.toFixed(0)} %`).join(', ')}; over all the runs ${[...writerCpu].map(([size, cpu]) => `${label(size)}: ${cpu.servingPercent.toFixed(0)} %`).join(', ')}.`,
    'Ours: "connected" is the first chunk that draws "peers 1" in the header, "tail drawn" the first that holds the last block\'s unique text (the pane\'s title must then say the full length). Baseline: "connected" is its first swarm connection, "tail" its get(length − 1) resolved, both stamped by the child on its own clock (the two lines can reach the bench in one read); its spawn → tail is stamped on arrival, like ours.',
    `Ours, spawn → first frame: ${msSpread(sizes.flatMap((size) => pick(ours.get(size), (run) => run.spawnToFirstFrameMs)))}; spawn → "peers 1": ${msSpread(sizes.flatMap((size) => pick(ours.get(size), (run) => run.spawnToConnectedMs)))}; q → exit after the tail: ${msSpread(sizes.flatMap((size) => pick(ours.get(size), (run) => run.quitMs)))}.`,
    `Peak RSS with ${label(small)} blocks: ours ${spread(
      pick(ours.get(small), (run) => run.peakRssKb),
      megabytes,
    )}, baseline ${spread(
      pick(base.get(small), (run) => run.peakRssKb),
      megabytes,
    )}. The baseline's is read as soon as it has the tail; ours 300 ms after the tail is drawn, just before q.`,
  ];
  const samples: Record<string, unknown> = {
    servingWriterCpuPercent: Object.fromEntries(
      [...writerCpu].map(([size, cpu]) => [
        size,
        { idle: Math.round(cpu.idlePercent), serving: Math.round(cpu.servingPercent) },
      ]),
    ),
    prepareMs: Object.fromEntries([...prepareMs].map(([size, value]) => [size, Math.round(value)])),
    baselineWhat:
      'bare Corestore child (bench/children/open-tail.ts): core-1 by key, update, get(0), core-3 by key, update, get(length-1)',
  };
  for (const size of sizes) {
    samples[`ours${size}`] = Object.fromEntries(
      (
        [
          'spawnToFirstFrameMs',
          'spawnToConnectedMs',
          'spawnToTailMs',
          'connectedToTailMs',
          'peakRssKb',
          'quitMs',
        ] as const
      ).map((field) => [field, roundAll(pick(ours.get(size), (run) => run[field]))]),
    );
    samples[`baseline${size}`] = Object.fromEntries(
      (['spawnToTailMs', 'connectedToTailMs', 'peakRssKb'] as const).map((field) => [
        field,
        roundAll(pick(base.get(size), (run) => run[field])),
      ]),
    );
  }
  return {
    id: 'reader-open',
    title: `3. Reader open, ${label(small)} and ${label(large)} blocks`,
    rows,
    notes,
    samples,
  };
}
