// Figure 1: append on the writer → the block on the reader's screen, over loopback.
// Ours: a WriterSession in this process appends; the reader binary runs in a pty and the block's
// unique text is looked for in every chunk it draws. Baseline, in the same run and for the same
// blocks: a bare follower (children/follow.ts) on core-3, its 'append' event + get() resolved.
// Both end at a byte arriving in this process, so both include one pipe hop; both start when
// the writer's append resolved.
import { randomBytes } from 'node:crypto';
import { WriterSession } from '../source/net/writer-session.js';
import { paneBlocks, peersOn } from '../harness/layout.js';
import { now } from '../harness/pty.js';
import { sleep } from '../harness/wait.js';
import { openScope, spawnNode, spawnScreen, tempDirIn, WAIT_MS, watchOwnLoop } from './lib/processes.js';
import type { Context } from './lib/context.js';
import { waitUntilAnnounced } from './lib/net.js';
import { meets, ms, ratio, roundAll, type FigureResult } from './lib/results.js';
import { processWindow } from './lib/proc.js';
import { percentile } from './lib/stats.js';

interface Latencies {
  samples: number[];
  missing: number;
  // The receiving process over the appends: CPU used and time spent waiting for a CPU.
  cpuPercent: number;
  runQueueWaitPercent: number;
  benchLoop: { p50Ms: number; p99Ms: number; maxMs: number };
}

// How long to wait for the last blocks after the last append.
const DRAIN_MS = 5000;

// One run, both readers at once: each block appended is timed to the screen reader's screen and
// to the bare follower's get() of that same block.
async function measure(context: Context): Promise<{ product: Latencies; base: Latencies }> {
  const { settings, net, children } = context;
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
      (lines) => (peersOn(lines) ?? 0) >= 1 && paneBlocks(lines, 'core-3') !== undefined,
      WAIT_MS,
    );

    const token = randomBytes(3).toString('hex');
    // One line first, so that core-3's replication is under way before anything is timed.
    await session.appendLines([`warm-up-${token}`]);
    await reader.when('the warm-up line', (lines) => lines.some((line) => line.includes(`warm-up-${token}`)), WAIT_MS);
    const follower = spawnNode(
      children.follow,
      [session.mainKey.toString('hex'), net.bootstrap, await tempDirIn(cleanup, 'latency-follower')],
      { cleanup },
    );
    // Core-3 holds the warm-up line: a follower that has it is past its first update.
    await follower.waitForLine('the bare follower to connect', /^ready [1-9]\d*$/, WAIT_MS);

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
    const gotAt = new Map<number, number>();
    follower.onLine((line, at) => {
      const match = /^got (\d+)$/.exec(line);
      if (match) gotAt.set(Number(match[1]), at);
    });
    const markers: Array<{ marker: string; seq: number }> = [];
    const readerWindow = processWindow(reader.pid);
    const followerWindow = processWindow(follower.pid);
    const ownLoop = watchOwnLoop();
    for (let index = 0; index < settings.latencyAppends; index++) {
      // ≥ 5 bytes with its newline: core-3. Zero-padded so no marker is part of another.
      const marker = `m${String(index).padStart(5, '0')}-${token}`;
      pending.add(marker);
      const [receipt] = await session.appendLines([marker]);
      appendedAt.set(marker, now());
      markers.push({ marker, seq: receipt.seq });
      await sleep(settings.latencySpacingMs);
    }
    const drainUntil = now() + DRAIN_MS;
    while ((pending.size > 0 || gotAt.size < markers.length) && now() < drainUntil) await sleep(20);
    const benchLoop = ownLoop();
    const drawn = markers.filter(({ marker }) => seenAt.has(marker));
    const got = markers.filter(({ seq }) => gotAt.has(seq));
    return {
      product: {
        samples: drawn.map(({ marker }) => seenAt.get(marker)! - appendedAt.get(marker)!),
        missing: markers.length - drawn.length,
        ...readerWindow(),
        benchLoop,
      },
      base: {
        samples: got.map(({ marker, seq }) => gotAt.get(seq)! - appendedAt.get(marker)!),
        missing: markers.length - got.length,
        ...followerWindow(),
        benchLoop,
      },
    };
  } finally {
    await cleanup.run();
  }
}

// docs/speed.md#targets: ratios to the bare follower in the same run.
const P50_RATIO = 1.2;
const P99_RATIO = 1.3;

export async function measureLatency(context: Context): Promise<Omit<FigureResult, 'seconds'>> {
  context.log(
    `append → screen: ${context.settings.latencyAppends} appends, ${context.settings.latencySpacingMs} ms apart, to the screen and a bare follower at once`,
  );
  const { product, base } = await measure(context);
  // A block never drawn counts as infinitely late: leaving it out would flatter the percentiles.
  const all = (latencies: Latencies) => [...latencies.samples, ...Array<number>(latencies.missing).fill(Infinity)];
  const [p50, p99] = [percentile(all(product), 0.5), percentile(all(product), 0.99)];
  const [b50, b99] = [percentile(all(base), 0.5), percentile(all(base), 0.99)];
  const show = (value: number) => (Number.isFinite(value) ? ms(value) : 'never drawn');
  const notes = [
    `${product.samples.length} of ${context.settings.latencyAppends} blocks seen on the reader's screen; ${product.missing} never were (a block whose text arrives after it has scrolled out of the pane is never drawn; those count as infinitely late in the percentiles). Baseline: ${base.samples.length} received, ${base.missing} missing. The screen reader and the bare follower ran at once, each a process of its own, so each block is timed to both.`,
    `Over the appends the reader used ${product.cpuPercent.toFixed(0)} % of a core and its main thread waited for a CPU ${product.runQueueWaitPercent.toFixed(0)} % of the time (run-queue wait, /proc/<pid>/task/<pid>/schedstat); the baseline child ${base.cpuPercent.toFixed(0)} % and ${base.runQueueWaitPercent.toFixed(0)} %.`,
    'Ours ends when the chunk of terminal output that first contains the block\'s text reaches the bench (before xterm parses it); the baseline ends when the child\'s "got <seq>" line reaches the bench.',
    `The bench's own event loop, which stamps both ends, ran late by p50 ${ms(product.benchLoop.p50Ms)}, p99 ${ms(product.benchLoop.p99Ms)}, max ${ms(product.benchLoop.maxMs)} over the appends.`,
    `Ours: min ${ms(Math.min(...product.samples))}, max ${ms(Math.max(...product.samples))}. Baseline: min ${ms(Math.min(...base.samples))}, max ${ms(Math.max(...base.samples))}.`,
  ];
  return {
    id: 'append-to-screen',
    title: "1. Append on the writer → block on the reader's screen",
    rows: [
      {
        figure: '1. append → reader screen, p50',
        target: `≤ ${P50_RATIO}× bare follower`,
        ours: show(p50),
        baseline: show(b50),
        ratio: ratio(p50, b50),
        meets: meets(p50 <= P50_RATIO * b50),
      },
      {
        figure: '1. append → reader screen, p99',
        target: `≤ ${P99_RATIO}× bare follower`,
        ours: show(p99),
        baseline: show(b99),
        ratio: ratio(p99, b99),
        meets: meets(p99 <= P99_RATIO * b99),
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
        'the same blocks, same run: WriterSession append in the bench process → core-3 "append" + get() resolved in a bare follower child (bench/children/follow.ts), loopback testnet',
    },
  };
}
