// Figure 1: append on the writer → the block on the reader's screen, over loopback.
// Ours: a WriterSession in this process appends; the reader binary runs in a pty and the block's
// unique text is looked for in every chunk it draws. Baseline: a bare Corestore append here →
// the remote core's 'append' event + get() resolved in another process (children/follow.ts).
// Both end at a byte arriving in this process, so both include one pipe hop.
import { randomBytes } from 'node:crypto';
import Corestore from 'corestore';
import { WriterSession } from '../source/net/writer-session.js';
import { now, openScope, paneBlocks, sleep, spawnNode, tempDirIn, WAIT_MS, watchOwnLoop } from './lib/harness.js';
import type { Context } from './lib/context.js';
import { loopbackSwarm, waitUntilAnnounced } from './lib/net.js';
import { meets, ms, ratio, roundAll, type FigureResult } from './lib/results.js';
import { spawnScreen, peersOn } from './lib/screen.js';
import { cpuSeconds, runQueueWaitMs } from './lib/proc.js';
import { percentile } from './lib/stats.js';

interface Latencies {
  samples: number[];
  missing: number;
  // The receiving process over the appends: CPU used and time spent waiting for a CPU.
  cpuPercent: number;
  runQueueWaitPercent: number;
  benchLoop: { p50Ms: number; p99Ms: number; maxMs: number };
}

// The receiving process's CPU use and run-queue wait over a window, as % of the window.
function processWindow(pid: number): () => { cpuPercent: number; runQueueWaitPercent: number } {
  const [cpu, wait, started] = [cpuSeconds(pid) ?? 0, runQueueWaitMs(pid) ?? 0, now()];
  return () => {
    const elapsed = now() - started;
    return {
      cpuPercent: (((cpuSeconds(pid) ?? 0) - cpu) * 1000 * 100) / elapsed,
      runQueueWaitPercent: (((runQueueWaitMs(pid) ?? 0) - wait) * 100) / elapsed,
    };
  };
}

// How long to wait for the last blocks after the last append.
const DRAIN_MS = 5000;

async function ours(context: Context): Promise<Latencies> {
  const { settings, net } = context;
  const cleanup = openScope();
  try {
    const session = await WriterSession.open({
      storage: await tempDirIn(cleanup, 'latency-writer'),
      network: { kind: 'bootstrap', nodes: net.nodes },
    });
    cleanup.add('close writer session', () => session.close());
    await waitUntilAnnounced(net.nodes, session.mainCore.discoveryKey);
    const reader = spawnScreen(
      [
        'reader',
        session.mainKey.toString('hex'),
        '--bootstrap',
        net.bootstrap,
        '--storage',
        await tempDirIn(cleanup, 'latency-reader'),
      ],
      { cleanup },
    );
    await reader.when(
      'the reader connected, panes drawn',
      (lines) => peersOn(lines) === 1 && paneBlocks(lines, 'core-3') !== undefined,
    );

    const token = randomBytes(3).toString('hex');
    // One line first, so that core-3's replication is under way before anything is timed.
    await session.appendLines([`warm-up-${token}`]);
    await reader.when('the warm-up line', (lines) => lines.some((line) => line.includes(`warm-up-${token}`)));

    const appendedAt = new Map<string, number>();
    const seenAt = new Map<string, number>();
    const pending = new Set<string>();
    // Stamped at the arrival of the chunk that made it visible; may precede appendedAt being set
    // (replication can outrun our own continuation), so both are kept and subtracted at the end.
    const unwatch = reader.watch((at) => {
      if (pending.size === 0) return;
      const screen = reader.lines().join('\n');
      for (const marker of pending) {
        if (screen.includes(marker)) {
          seenAt.set(marker, at);
          pending.delete(marker);
        }
      }
    });
    cleanup.add('stop watching', unwatch);
    const markers: string[] = [];
    const window = processWindow(reader.pid);
    const ownLoop = watchOwnLoop();
    for (let index = 0; index < settings.latencyAppends; index++) {
      // ≥ 5 bytes with its newline: core-3. Zero-padded so no marker is part of another.
      const marker = `m${String(index).padStart(5, '0')}-${token}`;
      markers.push(marker);
      pending.add(marker);
      await session.appendLines([marker]);
      appendedAt.set(marker, now());
      await sleep(settings.latencySpacingMs);
    }
    const drainUntil = now() + DRAIN_MS;
    while (pending.size > 0 && now() < drainUntil) await sleep(20);
    const usage = { ...window(), benchLoop: ownLoop() };
    const samples = markers
      .filter((marker) => seenAt.has(marker))
      .map((marker) => seenAt.get(marker)! - appendedAt.get(marker)!);
    return { samples, missing: markers.length - samples.length, ...usage };
  } finally {
    await cleanup.run();
  }
}

async function baseline(context: Context): Promise<Latencies> {
  const { settings, net, children } = context;
  const cleanup = openScope();
  try {
    const store = new Corestore(await tempDirIn(cleanup, 'latency-base-writer'));
    cleanup.add('close baseline store', () => store.close());
    const core = store.get({ name: 'bench' });
    await core.ready();
    await core.append(Buffer.from('start\n'));
    const swarm = loopbackSwarm(net.nodes);
    cleanup.add('destroy baseline swarm', () => swarm.destroy());
    swarm.on('connection', (connection) => {
      store.replicate(connection);
      connection.on('error', () => {});
    });
    swarm.join(core.discoveryKey);
    await swarm.flush();
    const follower = spawnNode(
      children.follow,
      [core.key.toString('hex'), net.bootstrap, await tempDirIn(cleanup, 'latency-base-reader')],
      { cleanup },
    );
    await follower.waitForLine('the baseline reader to connect', /^ready /, WAIT_MS);

    const gotAt = new Map<number, number>();
    follower.onLine((line, at) => {
      const match = /^got (\d+)$/.exec(line);
      if (match) gotAt.set(Number(match[1]), at);
    });
    const appendedAt = new Map<number, number>();
    const window = processWindow(follower.pid);
    const ownLoop = watchOwnLoop();
    for (let index = 0; index < settings.latencyAppends; index++) {
      const { length } = await core.append(Buffer.from(`m${index}\n`));
      appendedAt.set(length - 1, now());
      await sleep(settings.latencySpacingMs);
    }
    const drainUntil = now() + DRAIN_MS;
    while (gotAt.size < appendedAt.size && now() < drainUntil) await sleep(20);
    const usage = { ...window(), benchLoop: ownLoop() };
    const samples = [...appendedAt].filter(([seq]) => gotAt.has(seq)).map(([seq, at]) => gotAt.get(seq)! - at);
    return { samples, missing: appendedAt.size - samples.length, ...usage };
  } finally {
    await cleanup.run();
  }
}

export async function measureLatency(context: Context): Promise<Omit<FigureResult, 'seconds'>> {
  context.log(
    `append → screen: ${context.settings.latencyAppends} appends, ${context.settings.latencySpacingMs} ms apart (baseline first)`,
  );
  const base = await baseline(context);
  const product = await ours(context);
  // A block never drawn counts as infinitely late: leaving it out would flatter the percentiles.
  const all = (latencies: Latencies) => [...latencies.samples, ...Array<number>(latencies.missing).fill(Infinity)];
  const [p50, p99] = [percentile(all(product), 0.5), percentile(all(product), 0.99)];
  const [b50, b99] = [percentile(all(base), 0.5), percentile(all(base), 0.99)];
  const show = (value: number) => (Number.isFinite(value) ? ms(value) : 'never drawn');
  const notes = [
    `${product.samples.length} of ${context.settings.latencyAppends} blocks seen on the reader's screen; ${product.missing} never were (a block whose text arrives after it has scrolled out of the pane is never drawn; those count as infinitely late in the percentiles). Baseline: ${base.samples.length} received, ${base.missing} missing.`,
    `Over the appends the reader used ${product.cpuPercent.toFixed(0)} % of a core and its main thread waited for a CPU ${product.runQueueWaitPercent.toFixed(0)} % of the time (run-queue wait, /proc/<pid>/task/<pid>/schedstat); the baseline child ${base.cpuPercent.toFixed(0)} % and ${base.runQueueWaitPercent.toFixed(0)} %.`,
    'Ours ends when the chunk of terminal output that first contains the block\'s text reaches the bench (before xterm parses it); the baseline ends when the child\'s "got <seq>" line reaches the bench.',
    `The bench's own event loop, which stamps both ends, ran late by p50 ${ms(product.benchLoop.p50Ms)}, p99 ${ms(product.benchLoop.p99Ms)}, max ${ms(product.benchLoop.maxMs)} during ours (baseline: p99 ${ms(base.benchLoop.p99Ms)}).`,
    `Ours: min ${ms(Math.min(...product.samples))}, max ${ms(Math.max(...product.samples))}. Baseline: min ${ms(Math.min(...base.samples))}, max ${ms(Math.max(...base.samples))}.`,
  ];
  return {
    id: 'append-to-screen',
    title: "1. Append on the writer → block on the reader's screen",
    rows: [
      {
        figure: '1. append → reader screen, p50',
        target: '≤ 25 ms',
        ours: show(p50),
        baseline: show(b50),
        ratio: ratio(p50, b50),
        meets: meets(p50 <= 25),
      },
      {
        figure: '1. append → reader screen, p99',
        target: '≤ 60 ms',
        ours: show(p99),
        baseline: show(b99),
        ratio: ratio(p99, b99),
        meets: meets(p99 <= 60),
      },
    ],
    notes,
    samples: {
      oursMs: roundAll(product.samples),
      oursMissing: product.missing,
      baselineMs: roundAll(base.samples),
      baselineMissing: base.missing,
      oursReaderCpuPercent: Math.round(product.cpuPercent),
      oursReaderRunQueueWaitPercent: Math.round(product.runQueueWaitPercent),
      baselineCpuPercent: Math.round(base.cpuPercent),
      baselineRunQueueWaitPercent: Math.round(base.runQueueWaitPercent),
      benchLoopDelayMs: { ours: product.benchLoop, baseline: base.benchLoop },
      baselineWhat:
        'bare Corestore append in the bench process → core "append" + get() resolved in a child process (bench/children/follow.ts), loopback testnet',
    },
  };
}
