// Figure 2: `writer --plain` fed N lines on stdin (1..N, like `seq`, from a file): spawn → the
// Nth "appended block" line. Baseline: a bare script (children/bare-append.ts), spawned the same
// way with the same file on stdin: it opens a Corestore, reads the same chunks, routes each line by
// the product's own rule and appends run by run, printing nothing per line and opening no swarm;
// spawn → its "done". For context, the same appends in this process, with no start-up at all.
import { createReadStream, openSync, closeSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeBlockZero } from '../source/model/block-zero.js';
import type { SubCoreName } from '../source/model/routing.js';
import { appendInRuns } from './lib/append-in-runs.js';
import { CLI, now, type Stamped } from '../harness/pty.js';
import { storeIn } from '../harness/store.js';
import { openScope, spawnNode, tempDirIn } from './lib/processes.js';
import type { Context } from './lib/context.js';
import { meets, perSecond, ratio, roundAll, spread, type FigureResult } from './lib/results.js';
import { median } from './lib/stats.js';

const RUN_DEADLINE_MS = 180_000;
// docs/speed.md#targets: lines/s at least this share of the bare batched append's, in the same run.
const MIN_RATIO = 0.9;

interface PipedRun {
  // spawn → Nth line reported
  totalMs: number;
  // key printed → Nth line reported: the appending alone
  appendingMs: number;
  // spawn → "end of input" on stderr
  endOfInputMs: number;
  lastLine: string;
}

async function ours(context: Context, file: string, count: number): Promise<PipedRun> {
  const cleanup = openScope();
  try {
    const storage = await tempDirIn(cleanup, 'piped-writer');
    const input = openSync(file, 'r');
    const writer = spawnNode(CLI, ['writer', '--plain', '--bootstrap', context.net.bootstrap, '--storage', storage], {
      cleanup,
      stdin: input,
      keepLines: 3,
    });
    closeSync(input);
    // Registered before anything is awaited: no line can slip past.
    const key = writer.waitForLine('the main key', /^main core key: [0-9a-f]{64}$/);
    let reported = 0;
    let lastLine = '';
    const allReported = new Promise<number>((resolve) => {
      writer.onLine((line, at) => {
        if (!line.startsWith('appended block ')) return;
        reported++;
        lastLine = line;
        if (reported === count) resolve(at);
      });
    });
    const endOfInput = writer.waitForStderr('end of input', /end of input/, RUN_DEADLINE_MS);
    const keyAt = (await key).at;
    const doneAt = await Promise.race([
      allReported,
      writer.exited.then((exit) =>
        Promise.reject(
          new Error(`the writer exited (${exit.code ?? exit.signal}) after ${reported} lines\n${writer.stderrText()}`),
        ),
      ),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`only ${reported} of ${count} lines reported`)), RUN_DEADLINE_MS).unref(),
      ),
    ]);
    const eof: Stamped<RegExpMatchArray> = await endOfInput;
    return {
      totalMs: doneAt - writer.spawnedAt,
      appendingMs: doneAt - keyAt,
      endOfInputMs: eof.at - writer.spawnedAt,
      lastLine,
    };
  } finally {
    await cleanup.run();
  }
}

interface BareRun {
  // spawn → "done"
  totalMs: number;
  // key printed → "done"
  appendingMs: number;
}

async function bareScript(context: Context, file: string): Promise<BareRun> {
  const cleanup = openScope();
  try {
    const input = openSync(file, 'r');
    const child = spawnNode(context.children.bareAppend, [await tempDirIn(cleanup, 'piped-bare')], {
      cleanup,
      stdin: input,
    });
    closeSync(input);
    const key = child.waitForLine('the bare script key', /^main core key: [0-9a-f]{64}$/);
    const done = await child.waitForLine('the bare script done', /^done$/, RUN_DEADLINE_MS);
    return { totalMs: done.at - child.spawnedAt, appendingMs: done.at - (await key).at };
  } finally {
    await cleanup.run();
  }
}

async function inProcess(file: string): Promise<number> {
  const cleanup = openScope();
  try {
    const store = await storeIn(cleanup, await tempDirIn(cleanup, 'piped-base'));
    const main = store.get<{ otherKeys: string[] }>({ name: 'core-1', valueEncoding: 'json' });
    const cores: Record<SubCoreName, ReturnType<typeof store.get>> = {
      'core-2': store.get({ name: 'core-2' }),
      'core-3': store.get({ name: 'core-3' }),
    };
    await Promise.all([main.ready(), cores['core-2'].ready(), cores['core-3'].ready()]);
    await main.append(encodeBlockZero([cores['core-2'].key, cores['core-3'].key]));

    const started = now();
    // createReadStream's 64 KiB chunks are what a file (or a pipe) on stdin delivers to the writer.
    await appendInRuns(createReadStream(file, { encoding: 'utf8' }) as AsyncIterable<string>, cores);
    return now() - started;
  } finally {
    await cleanup.run();
  }
}

export async function measurePipedWriter(context: Context): Promise<Omit<FigureResult, 'seconds'>> {
  const { settings, log } = context;
  const count = settings.pipedLines;
  const cleanup = openScope();
  try {
    const file = path.join(await tempDirIn(cleanup, 'piped-input'), 'lines.txt');
    writeFileSync(file, Array.from({ length: count }, (_, index) => `${index + 1}\n`).join(''));
    const runs: PipedRun[] = [];
    const bareRuns: BareRun[] = [];
    const inProcessMs: number[] = [];
    for (let run = 0; run < settings.pipedRuns; run++) {
      log(`piped writer: run ${run + 1}/${settings.pipedRuns}, ${count} lines`);
      runs.push(await ours(context, file, count));
      bareRuns.push(await bareScript(context, file));
      inProcessMs.push(await inProcess(file));
    }
    const rate = (elapsed: number) => (count * 1000) / elapsed;
    const totalRates = runs.map((run) => rate(run.totalMs));
    const appendingRates = runs.map((run) => rate(run.appendingMs));
    const baselineRates = bareRuns.map((run) => rate(run.totalMs));
    const baselineAppendingRates = bareRuns.map((run) => rate(run.appendingMs));
    const inProcessRates = inProcessMs.map(rate);
    const oursRate = median(totalRates);
    const baseRate = median(baselineRates);
    return {
      id: 'piped-writer',
      title: '2. Piped writer, lines per second',
      rows: [
        {
          figure: `2. \`writer --plain\` < ${count.toLocaleString('en-US')} lines: spawn → last line reported`,
          target: `≥ ${MIN_RATIO}× bare batched append`,
          ours: spread(totalRates, perSecond),
          baseline: `${spread(baselineRates, perSecond)} (bare script)`,
          ratio: ratio(oursRate, baseRate),
          meets: meets(oursRate >= MIN_RATIO * baseRate),
        },
        {
          figure: '2. the same, from the key printed (start-up left out, context)',
          target: '—',
          ours: spread(appendingRates, perSecond),
          baseline: `${spread(baselineAppendingRates, perSecond)} (bare script)`,
          ratio: ratio(median(appendingRates), median(baselineAppendingRates)),
          meets: '—',
        },
        {
          figure: '2. spawn → last line, against the appends alone in the bench process (context)',
          target: '—',
          ours: spread(totalRates, perSecond),
          baseline: `${spread(inProcessRates, perSecond)} (no start-up)`,
          ratio: ratio(oursRate, median(inProcessRates)),
          meets: '—',
        },
      ],
      notes: [
        `Input: the numbers 1 to ${count.toLocaleString('en-US')}, one a line, from a file on the writer's stdin; 1–999 go to core-2 (under 5 bytes with the newline), the rest to core-3. Each run starts on an empty storage.`,
        'Baseline: `bench/children/bare-append.ts`, spawned as ours is, with the same file on its stdin: a bare Corestore, core-1..3 by name, block 0, `main core key:` printed, then the chunks stdin delivers, each split into runs of consecutive lines bound for one core, each run one `core.append(blocks)` (awaited before the next); spawn → its `done`. It prints nothing per line and opens no swarm. The context row does the same appends in the bench process, with no process start, module loading or store opening.',
        `Ours, spawn → "end of input" on stderr: ${spread(
          runs.map((run) => run.endOfInputMs),
          (value) => `${Math.round(value)} ms`,
        )}. Last line reported: \`${runs[runs.length - 1]?.lastLine ?? ''}\`.`,
      ],
      samples: {
        lines: count,
        oursSpawnToLastMs: roundAll(runs.map((run) => run.totalMs)),
        oursKeyToLastMs: roundAll(runs.map((run) => run.appendingMs)),
        oursSpawnToEndOfInputMs: roundAll(runs.map((run) => run.endOfInputMs)),
        baselineSpawnToDoneMs: roundAll(bareRuns.map((run) => run.totalMs)),
        baselineKeyToDoneMs: roundAll(bareRuns.map((run) => run.appendingMs)),
        inProcessMs: roundAll(inProcessMs),
        baselineWhat:
          'bare script (children/bare-append.ts) spawned with the file on stdin: same chunks split into per-core runs, one append per run; and the same appends in-process',
      },
    };
  } finally {
    await cleanup.run();
  }
}
