// The screen's own cost, without the network: ScreenApp (as the reader renders it) over real
// CoreViews on a real Corestore in this process, drawn by Ink into a terminal that counts and
// drops what it is sent. Appends arrive at a fixed rate, one `append` each; run it once with
// --no-screen for the same appends and views with nothing drawn. A tool for working on the
// screen's cost (docs/speed.md#frame-cost), not a figure of BENCHMARKS.md:
//   npm run bench:frames -- [--seconds N] [--rate N] [--columns N] [--rows N] [--no-screen]
// It prints the CPU used, the frames Ink drew and what each cost Ink (its onRender renderTime).
import { EventEmitter } from 'node:events';
import { parseArgs } from 'node:util';
import React from 'react';
import { render } from 'ink';
import { ScreenApp } from '../source/app/ScreenApp.js';
import { CoreView } from '../source/net/core-view.js';
import { Cleanup, tempDir } from '../harness/cleanup.js';
import { FakeStdin } from '../harness/fake-stdin.js';
import { storeIn } from '../harness/store.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    rate: { type: 'string', default: '1000' },
    columns: { type: 'string', default: '120' },
    rows: { type: 'string', default: '30' },
    'no-screen': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const rate = Number(values.rate);

class Terminal extends EventEmitter {
  bytes = 0;
  writes = 0;
  readonly isTTY = true;
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write = (chunk: string): boolean => {
    this.bytes += chunk.length;
    this.writes++;
    return true;
  };
}

const cleanup = new Cleanup();
const directory = await tempDir(cleanup, 'many-cores-frame-cost-');
const store = await storeIn(cleanup, directory);
const main = store.get({ name: 'core-1' });
const cores = [store.get({ name: 'core-2' }), store.get({ name: 'core-3' })];
await Promise.all([main.ready(), ...cores.map((core) => core.ready())]);
const views = cores.map((core, index) => new CoreView(`core-${index + 2}`, core));
let frames = 0;
let renderMs = 0;
const renderTimes: number[] = [];
const terminal = new Terminal(Number(values.columns), Number(values.rows));
const instance = values['no-screen']
  ? null
  : render(
      React.createElement(ScreenApp, {
        role: 'reader',
        mainKeys: [main.key],
        views,
        peers: 1,
        dhtState: 'connected',
        storage: directory,
        placeholder: null,
        status: null,
        readerCommandFor: (keys: readonly string[]) => `many-cores reader ${keys.join(' ')}`,
        onQuit: () => {},
      }),
      {
        stdout: terminal as unknown as NodeJS.WriteStream,
        stderr: terminal as unknown as NodeJS.WriteStream,
        stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
        exitOnCtrlC: false,
        patchConsole: false,
        maxFps: 60,
        incrementalRendering: process.env.INCREMENTAL === '1',
        onRender: ({ renderTime }) => {
          frames++;
          renderMs += renderTime;
          renderTimes.push(renderTime);
        },
      },
    );
if (!values['no-screen']) for (const view of views) view.want(0, 1);

const total = seconds * rate;
const started = performance.now();
const cpuBefore = process.cpuUsage();
const appends: Array<Promise<unknown>> = [];
let issued = 0;
while (issued < total) {
  const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
  while (issued < due) {
    const index = issued++;
    const core = index % 20 === 19 ? cores[0] : cores[1];
    appends.push(core.append(Buffer.from(index % 20 === 19 ? `${index % 1000}\n` : `s${index}-abcdef\n`)));
  }
  await new Promise((resolve) => setTimeout(resolve, 1));
}
await Promise.all(appends);
await new Promise((resolve) => setTimeout(resolve, 200));
const elapsed = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const cpuPercent = ((cpu.user + cpu.system) / 1000 / elapsed) * 100;
process.stdout.write(
  `${values['no-screen'] ? 'no screen' : 'screen'}: ${total} appends in ${(elapsed / 1000).toFixed(1)} s; CPU ${cpuPercent.toFixed(1)} % of one core; ` +
    `${frames} frames (${(frames / (elapsed / 1000)).toFixed(1)}/s, Ink's render ${(renderMs / Math.max(1, frames)).toFixed(2)} ms each, median ${renderTimes.sort((a, b) => a - b)[Math.floor(renderTimes.length / 2)]?.toFixed(2)} ms, ${((renderMs / elapsed) * 100).toFixed(1)} % of the time), ${Math.round(terminal.bytes / (elapsed / 1000))} bytes/s\n`,
);
const memory = process.memoryUsage();
const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
process.stdout.write(
  `memory at the end: rss ${mb(memory.rss)}, V8 heap ${mb(memory.heapUsed)} used of ${mb(memory.heapTotal)}, external ${mb(memory.external)}\n`,
);
instance?.unmount();
for (const view of views) view.close();
await cleanup.run();
