// Figure 4: a writer doing one append per line, 1,000 a second for 5 minutes (docs/speed.md#soak), into one
// reader at a time: the screen reader in a pty (the one measured: CPU, memory, keys), the bare
// follower (bench/children/bare-follower.ts: the floor, Corestore + Hyperswarm, a get of every
// block), and `reader --plain` (prints every block, so every block is compared). Each reader gets
// its own run, so none shares the CPUs with another; where rounds repeat they are interleaved.
// CPU and resident memory are read every few seconds; Tab goes to the screen reader once a
// second, and the time until the focus is seen to move is the key → frame latency.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Corestore from 'corestore';
import { routeLine, type SubCoreName } from '../source/model/routing.js';
import type { Cleanup } from '../harness/cleanup.js';
import { focusedPaneOn, paneBlocks, paneLengthOn, peersOn } from '../harness/layout.js';
import { CLI, now, type AppInPty } from '../harness/pty.js';
import { sleep } from '../harness/wait.js';
import {
  openScope,
  spawnNode,
  spawnScreen,
  tempDirIn,
  timeQuit,
  WAIT_MS,
  watchOwnLoop,
  type PipedChild,
} from './lib/processes.js';
import { soakLine } from './lib/soak-lines.js';
import type { Context } from './lib/context.js';
import { waitUntilAnnounced } from './lib/net.js';
import { cpuSeconds, peakRssKb, rssKb, runQueueWaitMs } from './lib/proc.js';
import { megabytes, meets, ms, ratio, roundAll, spread, type FigureResult, type Row } from './lib/results.js';
import { median, percentile } from './lib/stats.js';

const KEY_DEADLINE_MS = 5000;
// docs/speed.md#targets: key → frame under the soak.
const KEY_P99_MS = 30;
const KEY_MAX_MS = 100;
const DRAIN_DEADLINE_MS = 60_000;
const CPU_MARGIN_POINTS = 10;
const RSS_MARGIN_KB = 40 * 1024;
const FLAT_WITHIN = 0.1;
const LOADING = '…';

type Kind = 'screen' | 'bare' | 'plain';
const KINDS: readonly Kind[] = ['screen', 'bare', 'plain'];
const LABEL: Record<Kind, string> = {
  screen: 'screen reader',
  bare: 'bare follower',
  plain: '`reader --plain`',
};

// Tab in a reader moves the focus to the next pane; the moved double border is the key's frame.
async function keyToFrame(reader: AppInPty): Promise<number> {
  const before = focusedPaneOn(reader.lines());
  const sent = now();
  reader.write('\t');
  try {
    const moved = await reader.when(
      'the focus to move',
      (lines) => {
        const focused = focusedPaneOn(lines);
        return focused !== undefined && focused !== before;
      },
      KEY_DEADLINE_MS,
    );
    return moved.at - sent;
  } catch {
    return Infinity;
  }
}

interface Usage {
  cpuSeconds: number;
  waitMs: number;
}

function usageOf(pid: number): Usage {
  return { cpuSeconds: cpuSeconds(pid) ?? Number.NaN, waitMs: runQueueWaitMs(pid) ?? Number.NaN };
}

function percentOfCore(from: Usage, to: Usage, elapsedMs: number): { cpu: number; wait: number } {
  return {
    cpu: ((to.cpuSeconds - from.cpuSeconds) * 100_000) / elapsedMs,
    wait: ((to.waitMs - from.waitMs) * 100) / elapsedMs,
  };
}

// `Block <seq> in Core <hex>: <text>` lines of the plain reader, by core.
function collectBlocks(reader: PipedChild): Map<string, Array<{ seq: number; text: string }>> {
  const byCore = new Map<string, Array<{ seq: number; text: string }>>();
  reader.onLine((line) => {
    const match = /^Block (\d+) in Core ([0-9a-f]{64}): (.*)$/.exec(line);
    if (!match) return;
    const list = byCore.get(match[2]) ?? [];
    list.push({ seq: Number(match[1]), text: match[3] });
    byCore.set(match[2], list);
  });
  return byCore;
}

interface Check {
  expected: number;
  lost: number;
  outOfOrder: number;
  altered: number;
}

function compare(expected: string[], received: Array<{ seq: number; text: string }>): Check {
  const seen = new Set<number>();
  let outOfOrder = 0;
  let altered = 0;
  received.forEach(({ seq, text }, index) => {
    if (seq !== index) outOfOrder++;
    if (expected[seq] !== text) altered++;
    seen.add(seq);
  });
  let lost = 0;
  for (let seq = 0; seq < expected.length; seq++) if (!seen.has(seq)) lost++;
  return { expected: expected.length, lost, outOfOrder, altered };
}

// One sample every soakSampleMs: seconds since the appends began, resident memory, and the CPU
// used since the previous sample, % of one core.
type Sample = [seconds: number, rssKb: number | null, cpuPercent: number | null];

interface SoakRun {
  kind: Kind;
  round: number;
  blocks: number;
  appendCalls: number;
  // Most appends waiting on the writer at once: the writer fell behind where this grows.
  maxInFlight: number;
  elapsedMs: number;
  cpuPercent: number;
  runQueueWaitPercent: number;
  writerCpuPercent: number;
  peakRssKb: number;
  samples: Sample[];
  // Lost, out of order or altered blocks, with what was checked.
  lost: number;
  disorder: number;
  checked: string;
  catchUpMs: number;
  keysMs: number[];
  idleKeysMs: number[];
  bytesPerSecond: number | null;
  // Screen reader: the chunks it drew during the appends, and those that showed a row still
  // loading (…) in either pane.
  chunks: { drawn: number; loading: number } | null;
  heapSnapshot: string | null;
  benchLoop: { p50Ms: number; p99Ms: number; maxMs: number };
}

// A reader of one kind, started, connected, and shown the warm-up line.
interface Subject {
  pid: number;
  // After the appends: waits for every block, checks them, and stops the reader.
  finish(expected: Record<SubCoreName, string[]>): Promise<{
    lost: number;
    disorder: number;
    checked: string;
    catchUpMs: number;
    peakRssKb: number;
    heapSnapshot: string | null;
  }>;
  screen?: AppInPty;
}

// The writer child (bench/children/soak-writer.ts).
interface Writer {
  child: PipedChild;
  mainKey: string;
  coreKeys: Record<SubCoreName, string>;
  appendLine(text: string): Promise<void>;
}

async function startWriter(context: Context, cleanup: Cleanup): Promise<Writer> {
  const { net, children } = context;
  const child = spawnNode(children.soakWriter, [net.bootstrap, await tempDirIn(cleanup, 'soak-writer')], { cleanup });
  const ready = await child.waitForLine(
    'the soak writer open',
    /^ready ([0-9a-f]{64}) ([0-9a-f]{64}) ([0-9a-f]{64}) ([0-9a-f]{64})$/,
  );
  const [, mainKey, core2, core3, discoveryKey] = ready.value;
  await waitUntilAnnounced(net.nodes, Buffer.from(discoveryKey, 'hex'));
  return {
    child,
    mainKey,
    coreKeys: { 'core-2': core2, 'core-3': core3 },
    async appendLine(text) {
      const stored = child.waitForLine(`the writer to store ${text}`, new RegExp(`^appended ${text}$`));
      child.write(`line ${text}\n`);
      await stored;
    },
  };
}

async function startSubject(
  context: Context,
  cleanup: Cleanup,
  kind: Kind,
  writer: Writer,
  warmUp: string,
): Promise<Subject> {
  const { net, children, settings } = context;
  const storage = await tempDirIn(cleanup, `soak-${kind}`);
  const keyArgs = ['reader', writer.mainKey, '--bootstrap', net.bootstrap, '--storage', storage];
  if (kind === 'screen') {
    // Node writes the snapshot where --diagnostic-dir says, a folder kept after the run.
    const snapshotDir = settings.heapSnapshot ? mkdtempSync(path.join(os.tmpdir(), 'many-cores-heap-')) : null;
    const profileDir = settings.cpuProfile ? mkdtempSync(path.join(os.tmpdir(), 'many-cores-cpu-')) : null;
    if (profileDir) context.log(`CPU profile of the screen reader (written when it quits): ${profileDir}`);
    const screen = spawnScreen(keyArgs, {
      cleanup,
      nodeArgs: [
        ...(snapshotDir ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${snapshotDir}`] : []),
        ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      ],
    });
    await screen.when(
      'the screen reader connected',
      (lines) => (peersOn(lines) ?? 0) >= 1 && paneBlocks(lines, 'core-3') !== undefined,
      WAIT_MS,
    );
    await writer.appendLine(warmUp);
    await screen.when('the warm-up line on screen', (lines) => lines.some((line) => line.includes(warmUp)), WAIT_MS);
    return {
      pid: screen.pid,
      screen,
      async finish(expected) {
        const lengths = { 'core-2': expected['core-2'].length, 'core-3': expected['core-3'].length };
        const lastLine = expected['core-3'][lengths['core-3'] - 1];
        const started = now();
        const shown = await screen
          .when(
            'the last block on screen',
            (lines) =>
              paneLengthOn(lines, 'core-3') === lengths['core-3'] &&
              paneLengthOn(lines, 'core-2') === lengths['core-2'] &&
              lines.some((line) => line.includes(lastLine)) &&
              !stillLoading(lines),
            DRAIN_DEADLINE_MS,
          )
          .then(
            (seen) => seen.at - started,
            () => Infinity,
          );
        // What the screen shows at the end must be what was written, seq for seq.
        const rows = (['core-2', 'core-3'] as const).flatMap((name) =>
          (paneBlocks(screen.lines(), name) ?? []).map((row) => ({ ...row, name })),
        );
        const wrong = rows.filter(({ name, seq, text }) => expected[name][seq] !== text);
        const wrongRows = wrong.length;
        // Read before the snapshot, which swells the process while it writes.
        const peak = peakRssKb(screen.pid) ?? Number.NaN;
        const heapSnapshot = snapshotDir ? await takeHeapSnapshot(screen.pid, snapshotDir) : null;
        if (!Number.isFinite(await timeQuit(screen))) throw new Error('the screen reader did not quit on q');
        // It fetches only the blocks it shows: those it holds must be the right ones.
        const held = await checkStorage(storage, writer.coreKeys, expected);
        return {
          lost: Number.isFinite(shown) ? 0 : 1,
          disorder: wrongRows + held.mismatches,
          checked: `${Number.isFinite(shown) ? 'final lengths, last block and every row loaded on screen' : 'the last block or some row never reached the screen'}; ${rows.length} rows on the final screen, ${wrongRows} wrong${wrong
            .slice(0, 3)
            .map(
              ({ name, seq, text }) =>
                ` (${name} ${seq}: shown ${JSON.stringify(text)}, written ${JSON.stringify(expected[name][seq])})`,
            )
            .join('')}; ${held.local} blocks in its storage, ${held.mismatches} wrong`,
          catchUpMs: shown,
          peakRssKb: peak,
          heapSnapshot,
        };
      },
    };
  }
  if (kind === 'plain') {
    const plain = spawnNode(CLI, [...keyArgs, '--plain'], { cleanup, stdin: 'ignore', keepLines: 1 });
    const blocks = collectBlocks(plain);
    await writer.appendLine(warmUp);
    await plain.waitForLine('the warm-up line from the plain reader', new RegExp(warmUp));
    return {
      pid: plain.pid,
      async finish(expected) {
        const started = now();
        const count = (name: SubCoreName) => blocks.get(writer.coreKeys[name])?.length ?? 0;
        while (
          now() - started < DRAIN_DEADLINE_MS &&
          (count('core-2') < expected['core-2'].length || count('core-3') < expected['core-3'].length)
        )
          await sleep(50);
        const catchUpMs = now() - started;
        const peak = peakRssKb(plain.pid) ?? Number.NaN;
        await plain.stop();
        const checks = (['core-2', 'core-3'] as const).map((name) =>
          compare(expected[name], blocks.get(writer.coreKeys[name]) ?? []),
        );
        return {
          lost: checks.reduce((sum, check) => sum + check.lost, 0),
          disorder: checks.reduce((sum, check) => sum + check.outOfOrder + check.altered, 0),
          checked: `every printed block against what was written: core-2 ${JSON.stringify(checks[0])}, core-3 ${JSON.stringify(checks[1])}`,
          catchUpMs,
          peakRssKb: peak,
          heapSnapshot: null,
        };
      },
    };
  }
  const bare = spawnNode(children.bareFollower, [writer.mainKey, net.bootstrap, storage], { cleanup });
  await bare.waitForLine('the bare follower ready', /^ready$/);
  await writer.appendLine(warmUp);
  bare.write('until 0 1\n');
  await bare.waitForLine('the bare follower got the warm-up block', /^have 0 1$/);
  return {
    pid: bare.pid,
    async finish(expected) {
      const want = `${expected['core-2'].length} ${expected['core-3'].length}`;
      const started = now();
      const got = bare.waitForLine(
        'the bare follower got every block',
        new RegExp(`^have ${want}$`),
        DRAIN_DEADLINE_MS,
      );
      bare.write(`until ${want}\n`);
      const catchUpMs = await got.then(
        (line) => line.at - started,
        () => Infinity,
      );
      let counts = want.split(' ').map(Number);
      if (!Number.isFinite(catchUpMs)) {
        bare.write('count\n');
        const last = await bare.waitForLine('the bare follower count', /^have (\d+) (\d+)$/).catch(() => null);
        counts = last ? [Number(last.value[1]), Number(last.value[2])] : [0, 0];
      }
      const peak = peakRssKb(bare.pid) ?? Number.NaN;
      await bare.stop();
      const lost = expected['core-2'].length - counts[0] + expected['core-3'].length - counts[1];
      return {
        lost,
        disorder: 0,
        checked: `the count of blocks got from each core (${counts.join(' and ')} of ${want.replace(' ', ' and ')}); hypercore verifies each against the writer's signed tree`,
        catchUpMs,
        peakRssKb: peak,
        heapSnapshot: null,
      };
    },
  };
}

// A row shows "…" until its block has been fetched: the final screen is read once none does.
function stillLoading(lines: string[]): boolean {
  return (['core-2', 'core-3'] as const).some((name) =>
    (paneBlocks(lines, name) ?? []).some((row) => row.text === LOADING),
  );
}

// SIGUSR2 makes node (started with --heapsnapshot-signal) write Heap.*.heapsnapshot into dir,
// synchronously; the file is complete once its size stops changing.
async function takeHeapSnapshot(pid: number, dir: string): Promise<string | null> {
  process.kill(pid, 'SIGUSR2');
  const deadline = now() + 120_000;
  let lastSize = -1;
  while (now() < deadline) {
    await sleep(1000);
    const file = readdirSync(dir).find((name) => name.endsWith('.heapsnapshot'));
    if (!file) continue;
    const size = statSync(path.join(dir, file)).size;
    if (size > 0 && size === lastSize) return path.join(dir, file);
    lastSize = size;
  }
  return null;
}

async function soakOnce(context: Context, kind: Kind, round: number): Promise<SoakRun> {
  const { settings, log } = context;
  const total = settings.soakSeconds * settings.soakRate;
  const cleanup = openScope();
  try {
    const writer = await startWriter(context, cleanup);
    const token = randomBytes(3).toString('hex');
    const warmUp = `warm-up-${token}`;
    const subject = await startSubject(context, cleanup, kind, writer, warmUp);
    // Each core's lines in the order they were issued, which is the order Hypercore appends them
    // in; the warm-up line is core-3's block 0.
    const expected: Record<SubCoreName, string[]> = { 'core-2': [], 'core-3': [warmUp] };
    for (let index = 0; index < total; index++) {
      const line = soakLine(index, token);
      expected[routeLine(line)!.core].push(line);
    }

    // Baseline for keys: the same reader, idle.
    const idleKeysMs: number[] = [];
    if (subject.screen) {
      for (let probe = 0; probe < 5; probe++) {
        idleKeysMs.push(await keyToFrame(subject.screen));
        await sleep(300);
      }
    }

    log(
      `soak ${round + 1}/${settings.soakRuns}, ${LABEL[kind]}: ${settings.soakRate} appends/s for ${settings.soakSeconds} s`,
    );
    const before = usageOf(subject.pid);
    const writerBefore = usageOf(writer.child.pid);
    const bytesBefore = subject.screen?.bytesOut() ?? 0;
    const ownLoop = watchOwnLoop();
    const started = now();
    const samples: Sample[] = [[0, rssKb(subject.pid), null]];
    let lastUsage = { at: started, usage: before };
    const sample = () => {
      const at = now();
      const usage = usageOf(subject.pid);
      const { cpu } = percentOfCore(lastUsage.usage, usage, at - lastUsage.at);
      lastUsage = { at, usage };
      samples.push([Math.round((at - started) / 100) / 10, rssKb(subject.pid), Math.round(cpu)]);
    };
    const sampler = setInterval(sample, settings.soakSampleMs);
    cleanup.add('stop sampling', () => clearInterval(sampler));
    const keysMs: number[] = [];
    const chunks = subject.screen ? { drawn: 0, loading: 0 } : null;
    const stopCounting = subject.screen?.watch(() => {
      chunks!.drawn++;
      if (stillLoading(subject.screen!.lines())) chunks!.loading++;
    });
    cleanup.add('stop counting chunks', () => stopCounting?.());
    const keyProbes = (async () => {
      if (!subject.screen) return;
      for (let second = 0; second < settings.soakSeconds; second++) {
        await sleep(Math.max(0, started + second * 1000 + 500 - now()));
        keysMs.push(await keyToFrame(subject.screen));
      }
    })();
    const done = writer.child.waitForLine(
      'the writer to store every line',
      /^done [\d.]+ (\d+)$/,
      // A deadline, not a figure: a writer that falls behind on a loaded machine still finishes,
      // and its rate is reported.
      settings.soakSeconds * 2000 + DRAIN_DEADLINE_MS,
    );
    writer.child.write(`pump ${total} ${settings.soakRate} ${token}\n`);
    const maxInFlight = Number((await done).value[1]);
    const elapsedMs = now() - started;
    await keyProbes;
    stopCounting?.();
    clearInterval(sampler);
    sample();
    const benchLoop = ownLoop();
    const { cpu, wait } = percentOfCore(before, usageOf(subject.pid), elapsedMs);
    const writerCpuPercent = percentOfCore(writerBefore, usageOf(writer.child.pid), elapsedMs).cpu;
    const bytesPerSecond = subject.screen ? ((subject.screen.bytesOut() - bytesBefore) * 1000) / elapsedMs : null;
    const finished = await subject.finish(expected);
    return {
      kind,
      round,
      blocks: total,
      appendCalls: total,
      maxInFlight,
      elapsedMs,
      cpuPercent: cpu,
      runQueueWaitPercent: wait,
      writerCpuPercent,
      samples,
      keysMs,
      idleKeysMs,
      bytesPerSecond,
      chunks,
      benchLoop,
      ...finished,
    };
  } finally {
    await cleanup.run();
  }
}

// The three slowest key probes, with the second of the soak each was sent in.
function slowestProbes(runs: SoakRun[]): string {
  return runs
    .flatMap((run) => run.keysMs.map((ms, second) => ({ ms, second })))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map(({ ms, second }) => `${Number.isFinite(ms) ? ms.toFixed(0) : 'none'} ms (second ${second})`)
    .join(', ');
}

// The last minute's peak against the second minute's. Shorter soaks (--quick) use the second
// and the last fifth of the run instead.
function flatness(run: SoakRun, seconds: number): { early: number; late: number; growth: number; windows: string } {
  const span = seconds >= 180 ? 60 : seconds / 5;
  const peakIn = (from: number, to: number) =>
    Math.max(...run.samples.filter(([at, kb]) => at >= from && at <= to && kb !== null).map(([, kb]) => kb!));
  const early = peakIn(span, 2 * span);
  const late = peakIn(seconds - span, Infinity);
  const windows = seconds >= 180 ? 'the second minute and the last' : `${span} s windows (second and last fifth)`;
  return { early, late, growth: late / early - 1, windows };
}

// Resident memory every `step` seconds, in MB: the compact curve for BENCHMARKS.md.
function curve(run: SoakRun, points = 11): string {
  const step = Math.max(1, Math.ceil((run.samples.length - 1) / (points - 1)));
  return run.samples
    .filter((_, index, all) => index % step === 0 || index === all.length - 1)
    .map(([at, kb]) => `${Math.round(at)} s ${kb === null ? 'n/a' : Math.round(kb / 1024)}`)
    .join(', ');
}

export async function measureSoak(context: Context): Promise<Omit<FigureResult, 'seconds'>> {
  const { settings } = context;
  const runs: SoakRun[] = [];
  for (let round = 0; round < settings.soakRuns; round++)
    for (const kind of KINDS) if (settings.soakReaders.includes(kind)) runs.push(await soakOnce(context, kind, round));

  const of = (kind: Kind) => runs.filter((run) => run.kind === kind);
  const pick = (kind: Kind, value: (run: SoakRun) => number) => of(kind).map(value);
  const mid = (kind: Kind, value: (run: SoakRun) => number) => median(pick(kind, value));
  const percent = (value: number) => `${Math.round(value)} %`;
  const cpu = (kind: Kind) => mid(kind, (run) => run.cpuPercent);
  const peak = (kind: Kind) => mid(kind, (run) => run.peakRssKb);
  const growth = (kind: Kind) => mid(kind, (run) => flatness(run, settings.soakSeconds).growth);
  const showGrowth = (kind: Kind) =>
    of(kind)
      .map((run) => {
        const flat = flatness(run, settings.soakSeconds);
        return `${megabytes(flat.early)} → ${megabytes(flat.late)} (${flat.growth >= 0 ? '+' : ''}${Math.round(flat.growth * 100)} %)`;
      })
      .join('; ');
  const keys = of('screen').flatMap((run) => run.keysMs);
  const idleKeys = of('screen').flatMap((run) => run.idleKeysMs);
  const [k50, k99] = [percentile(keys, 0.5), percentile(keys, 0.99)];
  const [i50, i99] = [percentile(idleKeys, 0.5), percentile(idleKeys, 0.99)];
  const showKey = (value: number) =>
    Number.isFinite(value) ? ms(value) : `no frame within ${KEY_DEADLINE_MS / 1000} s`;
  const lost = runs.reduce((sum, run) => sum + run.lost, 0);
  const disorder = runs.reduce((sum, run) => sum + run.disorder, 0);
  const blocks = settings.soakSeconds * settings.soakRate;
  const flatWindows = runs[0] ? flatness(runs[0], settings.soakSeconds).windows : '';

  // A reader's figure beside the bare follower's: both runs' spread, the ratio of their medians.
  const againstBare = (
    figure: string,
    kind: Kind,
    value: (run: SoakRun) => number,
    format: (value: number) => string,
    judged: Pick<Row, 'target' | 'meets'> = { target: '—', meets: '—' },
  ): Row => ({
    figure,
    ours: spread(pick(kind, value), format),
    baseline: `${spread(pick('bare', value), format)} (bare follower)`,
    ratio: ratio(mid(kind, value), mid('bare', value)),
    ...judged,
  });
  const rows: Row[] = [
    {
      figure: `4. blocks lost of ${blocks.toLocaleString('en-US')} (+1 warm-up) per run, ${runs.length} runs`,
      target: '0, in order, identical',
      ours: `${lost} lost, ${disorder} out of order or altered`,
      baseline: KINDS.map((kind) => `${LABEL[kind]}: ${of(kind).reduce((sum, run) => sum + run.lost, 0)} lost`).join(
        '; ',
      ),
      ratio: '—',
      meets: meets(lost === 0 && disorder === 0),
    },
    againstBare('4. screen reader CPU, % of one core', 'screen', (run) => run.cpuPercent, percent, {
      target: `≤ bare follower + ${CPU_MARGIN_POINTS} points`,
      meets: meets(cpu('screen') <= cpu('bare') + CPU_MARGIN_POINTS),
    }),
    againstBare('4. `reader --plain` CPU, % of one core (context)', 'plain', (run) => run.cpuPercent, percent),
    againstBare('4. screen reader resident memory, peak', 'screen', (run) => run.peakRssKb, megabytes, {
      target: '≤ bare follower + 40 MB',
      meets: meets(peak('screen') <= peak('bare') + RSS_MARGIN_KB),
    }),
    againstBare('4. `reader --plain` resident memory, peak (context)', 'plain', (run) => run.peakRssKb, megabytes),
    {
      figure: `4. screen reader memory flat: peak of ${flatWindows}`,
      target: `last ≤ +${FLAT_WITHIN * 100} %`,
      ours: showGrowth('screen'),
      baseline: `${showGrowth('bare')} (bare follower)`,
      ratio: '—',
      meets: meets(growth('screen') <= FLAT_WITHIN),
    },
    {
      figure: '4. screen reader: chunks drawn during the appends that showed a row still loading (…)',
      target: '0',
      ours: of('screen')
        .map((run) =>
          run.chunks
            ? `${Math.round((run.chunks.loading * 100) / Math.max(1, run.chunks.drawn))} % (${run.chunks.loading.toLocaleString('en-US')} of ${run.chunks.drawn.toLocaleString('en-US')})`
            : 'n/a',
        )
        .join('; '),
      baseline: '—',
      ratio: '—',
      meets: meets(of('screen').every((run) => run.chunks !== null && run.chunks.loading === 0)),
    },
    {
      figure: '4. key → frame under load, p50 (context)',
      target: '—',
      ours: showKey(k50),
      baseline: `${showKey(i50)} (same reader, idle)`,
      ratio: ratio(k50, i50),
      meets: '—',
    },
    {
      figure: '4. key → frame under load, p99',
      target: `≤ ${KEY_P99_MS} ms`,
      ours: showKey(k99),
      baseline: `${showKey(i99)} (same reader, idle)`,
      ratio: ratio(k99, i99),
      meets: meets(k99 <= KEY_P99_MS),
    },
    {
      figure: `4. key → frame under load, probes over ${KEY_MAX_MS} ms`,
      target: '0',
      ours: `${keys.filter((value) => value > KEY_MAX_MS).length} of ${keys.length} (slowest ${showKey(Math.max(...keys))})`,
      baseline: `${idleKeys.filter((value) => value > KEY_MAX_MS).length} of ${idleKeys.length} (same reader, idle)`,
      ratio: '—',
      meets: meets(keys.length > 0 && keys.every((value) => value <= KEY_MAX_MS)),
    },
  ];

  const notes = [
    `One writer (our WriterSession, in a child process of its own so that the bench stamping keys does not also append) does one \`append\` per line, each issued when its line falls due at ${settings.soakRate.toLocaleString('en-US')} lines/s, without waiting for the previous one; one line in 20 is short (core-2), the rest long (core-3). Each reader had a run of its own (${KINDS.map((kind) => LABEL[kind]).join(', ')}, in that order${settings.soakRuns > 1 ? `, ${settings.soakRuns} rounds interleaved` : ''}), on a fresh writer and empty storages, so no two readers shared the CPUs.`,
    ...runs.map(
      (run) =>
        `${LABEL[run.kind]}${settings.soakRuns > 1 ? ` (round ${run.round + 1})` : ''}: ${run.blocks.toLocaleString('en-US')} appends on disk after ${ms(run.elapsedMs)} (${Math.round((run.blocks * 1000) / run.elapsedMs).toLocaleString('en-US')}/s, at most ${run.maxInFlight} waiting at once; the writer used ${percent(run.writerCpuPercent)} of one core); CPU ${percent(run.cpuPercent)} of one core (its main thread waited for a CPU ${percent(run.runQueueWaitPercent)} of the time); peak ${megabytes(run.peakRssKb)}; had every block ${Number.isFinite(run.catchUpMs) ? ms(run.catchUpMs) : 'never (within 60 s)'} after the last append; checked: ${run.checked}.${run.bytesPerSecond === null ? '' : ` It wrote ${Math.round(run.bytesPerSecond).toLocaleString('en-US')} bytes/s to its terminal.`}${run.heapSnapshot ? ` Heap snapshot at the end: ${run.heapSnapshot}.` : ''} The bench's own event loop ran late by p99 ${ms(run.benchLoop.p99Ms)}, max ${ms(run.benchLoop.maxMs)}.`,
    ),
    ...runs.map(
      (run) =>
        `Resident memory, MB, ${LABEL[run.kind]}${settings.soakRuns > 1 ? ` (round ${run.round + 1})` : ''}: ${curve(run)}.`,
    ),
    `CPU is over the appends, from /proc/<pid>/stat; where the main thread waited for a CPU much of the time the process got less than it asked for, and its CPU % is a floor. Memory: /proc/<pid>/status VmRSS every ${settings.soakSampleMs / 1000} s (bench/out/results.json has every sample, with the CPU % of each interval), and VmHWM for the peak.`,
    `Key → frame: Tab sent to the screen reader once a second (${keys.length} probes under load, ${idleKeys.length} idle before), timed until a chunk shows the focus (the double border) on the other pane; ${keys.filter((value) => !Number.isFinite(value)).length} got no frame within ${KEY_DEADLINE_MS / 1000} s. The slowest: ${slowestProbes(of('screen'))}.`,
    "The how-to's reader.js is no longer measured: it logs only the newest block of each 'append' event and skips the rest, so it is no baseline.",
  ];
  return {
    id: 'soak',
    title: `4. ${settings.soakRate.toLocaleString('en-US')} appends/s for ${settings.soakSeconds} s into one reader at a time`,
    rows,
    notes,
    samples: {
      runs: runs.map((run) => ({
        ...run,
        catchUpMs: Number.isFinite(run.catchUpMs) ? Math.round(run.catchUpMs) : null,
        cpuPercent: Math.round(run.cpuPercent),
        runQueueWaitPercent: Math.round(run.runQueueWaitPercent),
        writerCpuPercent: Math.round(run.writerCpuPercent),
        keysMs: roundAll(run.keysMs),
        idleKeysMs: roundAll(run.idleKeysMs),
        samplesWhat: '[seconds since the appends began, VmRSS kB, CPU % of one core since the previous sample]',
      })),
    },
  };
}

// Opens the screen reader's storage after it quit: every block it holds must be the one written.
async function checkStorage(
  storage: string,
  keys: Record<SubCoreName, string>,
  expected: Record<SubCoreName, string[]>,
): Promise<{ length: number; local: number; mismatches: number }> {
  const store = new Corestore(storage);
  let length = 0;
  let local = 0;
  let mismatches = 0;
  try {
    for (const name of ['core-2', 'core-3'] as const) {
      const core = store.get({ key: Buffer.from(keys[name], 'hex') });
      await core.ready();
      length += core.length;
      for (let seq = 0; seq < core.length; seq++) {
        if (!(await core.has(seq))) continue;
        local++;
        const block = await core.get(seq, { wait: false });
        if (block?.toString('utf8') !== `${expected[name][seq]}\n`) mismatches++;
      }
    }
  } finally {
    await store.close();
  }
  return { length, local, mismatches };
}
