// Figure 5: start → first frame (spawn → the first frame whose title shows the main key) and quit
// (q sent → the process gone), for the writer and the reader, online (the testnet) and with an
// unreachable DHT (--bootstrap at a loopback port nobody listens on). Baselines stop where ours
// stop: the how-to's writer.js, spawn → "main core key:" printed; and for quit, a child that
// opens a Corestore and a Hyperswarm as the app does and closes them the same way on SIGTERM
// (bench/children/close-baseline.ts), in the same role and network state.
import path from 'node:path';
import { WriterSession } from '../source/net/writer-session.js';
import { dhtStateOn, mainKeyShown, peersOn } from '../harness/layout.js';
import { REPO_ROOT, childEnv, now } from '../harness/pty.js';
import { deadBootstrap } from '../harness/testnet.js';
import { sleep } from '../harness/wait.js';
import { openScope, spawnNode, spawnScreen, tempDirIn, timeQuit, WAIT_MS } from './lib/processes.js';
import type { Context } from './lib/context.js';
import { waitUntilAnnounced } from './lib/net.js';
import { meets, ms, ratio, roundAll, spread, type FigureResult, type Row } from './lib/results.js';
import { median } from './lib/stats.js';

const HOWTO_WRITER = path.join(REPO_ROOT, 'test', 'fixtures', 'howto', 'writer.js');
// Offline, q is sent this long after the first frame: the DHT is still bootstrapping toward
// nobody, the state in which a swarm's destroy() waits longest.
const OFFLINE_DWELL_MS = 1000;
const QUIT_DEADLINE_MS = 15_000;
const FIRST_FRAME_RATIO = 1.0;

type Role = 'writer' | 'reader';
type Network = 'online' | 'offline';

interface StartRun {
  firstFrameMs: number;
  quitMs: number;
  // What the header said when q went.
  stateAtQuit: string;
}

async function oursOnce(
  context: Context,
  role: Role,
  network: Network,
  mainKey: string,
  dead: string,
): Promise<StartRun> {
  const cleanup = openScope();
  try {
    const bootstrap = network === 'online' ? context.net.bootstrap : dead;
    const args = role === 'writer' ? ['writer'] : ['reader', mainKey];
    const app = spawnScreen(
      [...args, '--bootstrap', bootstrap, '--storage', await tempDirIn(cleanup, `start-${role}`)],
      { cleanup },
    );
    const first = await app.when('the first frame that shows the main key', mainKeyShown(role), WAIT_MS);
    if (network === 'online') {
      // Quit from the settled state: announced (writer), connected to the writer (reader).
      await app.when(
        role === 'writer' ? 'DHT announced' : 'peers 1',
        (lines) => (role === 'writer' ? dhtStateOn(lines) === 'announced' : peersOn(lines) === 1),
        WAIT_MS,
      );
    } else {
      await sleep(OFFLINE_DWELL_MS);
    }
    const stateAtQuit = `peers ${peersOn(app.lines()) ?? '?'}, DHT ${dhtStateOn(app.lines()) ?? '?'}`;
    // The writer's input line has the focus and takes q as text: Ctrl+C quits it.
    const quitMs = await timeQuit(app, QUIT_DEADLINE_MS, role === 'writer' ? '\x03' : 'q');
    return { firstFrameMs: first.at - app.spawnedAt, quitMs, stateAtQuit };
  } finally {
    await cleanup.run();
  }
}

// Spawn → "main core key:" from the how-to's writer.js.
async function howtoKeyOnce(context: Context, network: Network, dead: string): Promise<number> {
  const cleanup = openScope();
  try {
    const bootstrap = network === 'online' ? `${context.net.nodes[0].host}:${context.net.nodes[0].port}` : dead;
    const writer = spawnNode(HOWTO_WRITER, [], {
      cleanup,
      cwd: await tempDirIn(cleanup, 'start-howto'),
      env: childEnv({ MANY_CORES_TEST_BOOTSTRAP: bootstrap }),
    });
    const key = await writer.waitForLine("the how-to writer's key", /^main core key: /, WAIT_MS);
    return key.at - writer.spawnedAt;
  } finally {
    await cleanup.run();
  }
}

// SIGTERM → exit of the close baseline, from the state ours quits in.
async function closeOnce(
  context: Context,
  role: Role,
  network: Network,
  mainKey: string,
  dead: string,
): Promise<number> {
  const cleanup = openScope();
  try {
    const bootstrap = network === 'online' ? context.net.bootstrap : dead;
    const storage = await tempDirIn(cleanup, `close-${role}`);
    const child = spawnNode(
      context.children.closeBaseline,
      role === 'writer' ? ['writer', bootstrap, storage] : ['reader', bootstrap, storage, mainKey],
      { cleanup, stdin: 'ignore' },
    );
    await child.waitForLine('the close baseline open', /^open$/, WAIT_MS);
    if (network === 'online')
      await child.waitForLine('the close baseline settled', role === 'writer' ? /^announced$/ : /^connected$/, WAIT_MS);
    else await sleep(OFFLINE_DWELL_MS);
    const signalledAt = now();
    child.signal('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([
      child.exited,
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), QUIT_DEADLINE_MS))),
    ]);
    clearTimeout(timer);
    return exit ? exit.at - signalledAt : Infinity;
  } finally {
    await cleanup.run();
  }
}

export async function measureStartQuit(context: Context): Promise<Omit<FigureResult, 'seconds'>> {
  const { settings, net, log } = context;
  const cleanup = openScope();
  const ours = new Map<string, StartRun[]>();
  const howtoKey = new Map<Network, number[]>();
  const closeQuit = new Map<string, number[]>();
  try {
    // The online reader's writer: a WriterSession here, announced before the first reader.
    const session = await WriterSession.open({
      storage: await tempDirIn(cleanup, 'start-served'),
      network: { kind: 'bootstrap', nodes: net.nodes },
    });
    cleanup.add('close writer session', () => session.close());
    await session.appendLines(['served by the bench']);
    await waitUntilAnnounced(net.nodes, session.mainCore.discoveryKey);
    const mainKey = session.mainKey.toString('hex');
    const dead = await deadBootstrap();
    for (let run = 0; run < settings.startRuns; run++) {
      log(`start and quit: run ${run + 1}/${settings.startRuns}`);
      for (const role of ['writer', 'reader'] as const) {
        for (const network of ['online', 'offline'] as const) {
          const key = `${role} ${network}`;
          ours.set(key, [...(ours.get(key) ?? []), await oursOnce(context, role, network, mainKey, dead)]);
          closeQuit.set(key, [...(closeQuit.get(key) ?? []), await closeOnce(context, role, network, mainKey, dead)]);
        }
      }
      for (const network of ['online', 'offline'] as const)
        howtoKey.set(network, [...(howtoKey.get(network) ?? []), await howtoKeyOnce(context, network, dead)]);
    }
  } finally {
    await cleanup.run();
  }

  const rows: Row[] = [];
  for (const role of ['writer', 'reader'] as const) {
    for (const network of ['online', 'offline'] as const) {
      const runs = ours.get(`${role} ${network}`) ?? [];
      const keyMs = howtoKey.get(network) ?? [];
      const first = runs.map((run) => run.firstFrameMs);
      // docs/speed.md#targets: the writer no slower than writer.js; the reader's figure is context.
      const judged = role === 'writer';
      rows.push({
        figure: `5. start → first frame, ${role}, ${network}`,
        target: judged ? `≤ ${FIRST_FRAME_RATIO}× writer.js` : '—',
        ours: spread(first, ms),
        baseline: `${spread(keyMs, ms)} (writer.js → key)`,
        ratio: ratio(median(first), median(keyMs)),
        meets: judged ? meets(median(first) <= FIRST_FRAME_RATIO * median(keyMs)) : '—',
      });
    }
  }
  for (const role of ['writer', 'reader'] as const) {
    for (const network of ['online', 'offline'] as const) {
      const runs = ours.get(`${role} ${network}`) ?? [];
      const quit = runs.map((run) => run.quitMs);
      const baseQuit = closeQuit.get(`${role} ${network}`) ?? [];
      rows.push({
        figure: `5. quit (${role === 'writer' ? 'Ctrl+C' : 'q'} → exit), ${role}, ${network}`,
        target: '≤ 2 s',
        ours: spread(quit, ms),
        baseline: `${spread(baseQuit, ms)} (same swarm and store closed)`,
        ratio: ratio(median(quit), median(baseQuit)),
        meets: meets(Math.max(...quit) <= 2000),
      });
    }
  }
  const states = [...ours]
    .map(([key, runs]) => `${key}: ${[...new Set(runs.map((run) => run.stateAtQuit))].join('; ')}`)
    .join(' — ');
  return {
    id: 'start-quit',
    title: '5. Start to first frame, and quit, online and offline',
    rows,
    notes: [
      `Each of the four cases ${settings.startRuns} times, interleaved, each on an empty storage, in a 120×30 pty. First frame: the first chunk after which the title row shows the main key ("many-cores writer|reader  main key <64 hex>"; the writer's shows "…" until its store is open). Quit: the quit key written to the pty (q in the reader; Ctrl+C in the writer, whose input line has the focus and takes q as text) → the process's exit seen by the pty. The quit target is checked against the slowest run.`,
      `Online, q goes once the header says "DHT announced" (writer) or "peers 1" (reader, to a WriterSession in the bench process). Offline (--bootstrap at a dead loopback port), q goes ${OFFLINE_DWELL_MS} ms after the first frame, while the DHT is still bootstrapping toward nobody. The header when q went: ${states}.`,
      `Baseline for the first frame: the how-to's writer.js (test/fixtures/howto, its swarm on the same testnet or the dead port through MANY_CORES_TEST_BOOTSTRAP), spawn → "main core key:" on stdout, the point where a user first sees the key.`,
      `Baseline for quit: bench/children/close-baseline.ts in the same role and network, a Corestore and a Hyperswarm opened as the app opens them (writer: core-1..3 by name, core-1 announced; reader: the main key joined as a client), SIGTERM sent once it is announced (writer) or connected to the same WriterSession (reader), or ${OFFLINE_DWELL_MS} ms after it opened (offline) → swarm.destroy(), store.close(), exit. The same closing work as ours, without the screen; ours also bounds each step (docs/untrusted-input.md#quitting: ≤ 2 s whatever the network), the baseline waits as long as they take; given up after ${QUIT_DEADLINE_MS / 1000} s (shown as n/a).`,
    ],
    samples: Object.fromEntries([
      ...[...ours].map(([key, runs]): [string, unknown] => [
        key,
        {
          firstFrameMs: roundAll(runs.map((run) => run.firstFrameMs)),
          quitMs: roundAll(runs.map((run) => run.quitMs)),
          stateAtQuit: runs.map((run) => run.stateAtQuit),
        },
      ]),
      ...[...howtoKey].map(([network, runs]): [string, unknown] => [
        `howto writer.js ${network}`,
        { keyMs: roundAll(runs) },
      ]),
      ...[...closeQuit].map(([key, runs]): [string, unknown] => [
        `close baseline ${key}`,
        { sigtermToExitMs: roundAll(runs) },
      ]),
    ]),
  };
}
