// Figure 7: a bee of 1,000,000 entries, its first page in key order (docs/speed.md#bee-key-order).
// The bee is written once, with the hyperbee package in this process (batches of 10,000:
// `user/0000000` → `{"n":0}` …), then served by test/fixtures/holepunch/bee-entries-writer.mjs, the
// tests' bee writer. Ours: the reader binary in a pty; once the bee's pane shows its log, t turns
// it to key order; "connected" is the first chunk that draws "peers 1", "first page" the first
// that draws the first key's row. Peak RSS (VmHWM) is read just before quitting. Baseline:
// children/bee-first-page.ts, corestore + hyperswarm + hyperbee alone, createReadStream with
// limit = the page ours showed.
import path from 'node:path';
import Corestore from 'corestore';
import Hyperbee from 'hyperbee';
import type { Cleanup } from '../harness/cleanup.js';
import { peersOn } from '../harness/layout.js';
import { childEnv, now, REPO_ROOT } from '../harness/pty.js';
import { sleep } from '../harness/wait.js';
import type { Context } from './lib/context.js';
import { waitUntilAnnounced } from './lib/net.js';
import { openScope, spawnNode, spawnScreen, tempDirIn, timeQuit, WAIT_MS } from './lib/processes.js';
import { peakRssKb } from './lib/proc.js';
import { megabytes, meets, ms, ratio, roundAll, spread, type FigureResult } from './lib/results.js';
import { median } from './lib/stats.js';

const BATCH = 10_000;
const BEE_WRITER = path.join(REPO_ROOT, 'test', 'fixtures', 'holepunch', 'bee-entries-writer.mjs');
const keyOf = (n: number): string => `user/${String(n).padStart(7, '0')}`;
const FIRST_KEY = keyOf(0);

async function prepare(cleanup: Cleanup, entries: number): Promise<{ storage: string; prepareMs: number }> {
  const storage = await tempDirIn(cleanup, `bee-writer-${entries}`);
  const started = now();
  const store = new Corestore(storage);
  try {
    const bee = new Hyperbee<string, string>(store.get({ name: 'bee' }), {
      keyEncoding: 'utf-8',
      valueEncoding: 'utf-8',
    });
    await bee.ready();
    for (let from = 0; from < entries; from += BATCH) {
      const batch = bee.batch();
      for (let n = from; n < Math.min(entries, from + BATCH); n++) await batch.put(keyOf(n), JSON.stringify({ n }));
      await batch.flush();
    }
    return { storage, prepareMs: now() - started };
  } finally {
    await store.close();
  }
}

interface Run {
  connectedToPageMs: number;
  keyToPageMs: number;
  spawnToPageMs: number;
  page: number;
  peakRssKb: number;
}

async function oursOnce(context: Context, beeKey: string): Promise<Run> {
  const cleanup = openScope();
  try {
    const storage = await tempDirIn(cleanup, 'bee-reader');
    const reader = spawnScreen(['reader', beeKey, '--bootstrap', context.net.bootstrap, '--storage', storage], {
      cleanup,
    });
    const connected = reader.when('peers 1', (lines) => (peersOn(lines) ?? 0) >= 1, WAIT_MS);
    await reader.when("the bee's log", (lines) => lines.some((line) => / bee · log /.test(line)), 60_000);
    const sentAt = now();
    reader.write('t');
    const page = await reader.when(
      'the first page in key order',
      (lines) => lines.some((line) => line.includes(`${FIRST_KEY} → `)),
      60_000,
    );
    const inView = /key order · (\d+) in view/.exec(reader.lines().join('\n'))?.[1];
    await sleep(300);
    const peak = peakRssKb(reader.pid) ?? Number.NaN;
    await timeQuit(reader);
    return {
      connectedToPageMs: page.at - (await connected).at,
      keyToPageMs: page.at - sentAt,
      spawnToPageMs: page.at - reader.spawnedAt,
      page: Number(inView ?? Number.NaN),
      peakRssKb: peak,
    };
  } finally {
    await cleanup.run();
  }
}

async function baselineOnce(context: Context, beeKey: string, page: number): Promise<Omit<Run, 'keyToPageMs'>> {
  const cleanup = openScope();
  try {
    const child = spawnNode(
      context.children.beeFirstPage,
      [beeKey, context.net.bootstrap, await tempDirIn(cleanup, 'bee-base'), String(page)],
      { cleanup },
    );
    const connected = child.waitForLine('the baseline to connect', /^connected ([\d.]+)$/, 60_000);
    const read = await child.waitForLine('the baseline page', /^page ([\d.]+) (\d+) (.*)$/, 60_000);
    if (read.value[3] !== FIRST_KEY) throw new Error(`the baseline read ${read.value[0]}`);
    const peak = peakRssKb(child.pid) ?? Number.NaN;
    return {
      connectedToPageMs: Number(read.value[1]) - Number((await connected).value[1]),
      spawnToPageMs: read.at - child.spawnedAt,
      page: Number(read.value[2]),
      peakRssKb: peak,
    };
  } finally {
    await cleanup.run();
  }
}

export async function measureBeeKeyOrder(context: Context): Promise<Omit<FigureResult, 'seconds'>> {
  const { settings, log } = context;
  const entries = settings.beeEntries;
  const label = entries.toLocaleString('en-US');
  const ours: Run[] = [];
  const base: Array<Omit<Run, 'keyToPageMs'>> = [];
  const cleanup = openScope();
  const timing = { prepareMs: Number.NaN };
  try {
    log(`bee key order: writing a bee of ${label} entries`);
    const prepared = await prepare(cleanup, entries);
    timing.prepareMs = prepared.prepareMs;
    const writer = spawnNode(BEE_WRITER, [prepared.storage, '0'], {
      cleanup,
      stdin: 'ignore',
      env: childEnv({ MANY_CORES_TEST_BOOTSTRAP: context.net.bootstrap.split(',')[0] }),
    });
    const announced = await writer.waitForLine('the bee writer', /^bee key: ([0-9a-f]{64})$/, 60_000);
    const beeKey = announced.value[1];
    const store = new Corestore(await tempDirIn(cleanup, 'bee-topic'));
    const discoveryKey = store.get({ key: Buffer.from(beeKey, 'hex') });
    await discoveryKey.ready();
    await waitUntilAnnounced(context.net.nodes, discoveryKey.discoveryKey);
    await store.close();
    for (let run = 0; run < settings.beeRuns; run++) {
      log(`bee key order: run ${run + 1}/${settings.beeRuns}`);
      const ourRun = await oursOnce(context, beeKey);
      ours.push(ourRun);
      base.push(await baselineOnce(context, beeKey, ourRun.page));
    }
    if (writer.hasExited()) throw new Error(`the bee writer exited\n${writer.stderrText()}`);
  } finally {
    await cleanup.run();
  }
  const pick = <T>(runs: T[], field: (run: T) => number) => runs.map(field);
  const oursPage = pick(ours, (run) => run.connectedToPageMs);
  const basePage = pick(base, (run) => run.connectedToPageMs);
  const oursRss = pick(ours, (run) => run.peakRssKb);
  const baseRss = pick(base, (run) => run.peakRssKb);
  const rows: FigureResult['rows'] = [
    {
      figure: `8. bee of ${label} entries: connected → first page in key order`,
      target: '≤ 1 s',
      ours: spread(oursPage, ms),
      baseline: spread(basePage, ms),
      ratio: ratio(median(oursPage), median(basePage)),
      meets: meets(median(oursPage) <= 1000),
    },
    {
      figure: `8. bee of ${label} entries: reader peak RSS`,
      target: '< 200 MB',
      ours: spread(oursRss, megabytes),
      baseline: spread(baseRss, megabytes),
      ratio: ratio(median(oursRss), median(baseRss)),
      meets: meets(Math.max(...oursRss) < 200 * 1024),
    },
  ];
  const notes = [
    `The bee: ${label} entries (\`${FIRST_KEY}\` → \`{"n":0}\` …), written once with hyperbee in batches of ${BATCH.toLocaleString('en-US')} in ${ms(timing.prepareMs)}; not part of any figure. Served by test/fixtures/holepunch/bee-entries-writer.mjs, announced on the testnet before the first reader starts; every reader starts with an empty storage.`,
    `Ours: "connected" is the first chunk that draws "peers 1", "first page" the first that draws the first key's row; t is pressed as soon as the pane shows the bee's log, so connected → first page includes reading block 0 and the log's tail. t → first page: ${spread(
      pick(ours, (run) => run.keyToPageMs),
      ms,
    )}; spawn → first page: ${spread(
      pick(ours, (run) => run.spawnToPageMs),
      ms,
    )}.`,
    `Baseline: corestore + hyperswarm + hyperbee (bench/children/bee-first-page.ts), createReadStream with limit = ${ours[0]?.page ?? '?'} (the entries ours had in view); "connected" is its first connection and "page" the read's end, both on its own clock. Spawn → page: ${spread(
      pick(base, (run) => run.spawnToPageMs),
      ms,
    )}.`,
  ];
  return {
    id: 'bee-key-order',
    title: `8. A bee of ${label} entries in key order`,
    rows,
    notes,
    samples: {
      prepareMs: Math.round(timing.prepareMs),
      ours: Object.fromEntries(
        (['connectedToPageMs', 'keyToPageMs', 'spawnToPageMs', 'peakRssKb'] as const).map((field) => [
          field,
          roundAll(pick(ours, (run) => run[field])),
        ]),
      ),
      baseline: Object.fromEntries(
        (['connectedToPageMs', 'spawnToPageMs', 'peakRssKb'] as const).map((field) => [
          field,
          roundAll(pick(base, (run) => run[field])),
        ]),
      ),
    },
  };
}
