// The app's own screen (ScreenApp, as WriterApp and ReaderApp render it) over real CoreViews on a
// real Corestore, in a fake terminal of a chosen size: the apps minus the network.
import type { TestContext } from 'node:test';
import { EventEmitter } from 'node:events';
import React from 'react';
import { render } from 'ink';
import { ScreenApp, type ScreenAppProps } from '../../source/app/ScreenApp.js';
import { CoreView } from '../../source/net/core-view.js';
import type { PeersSource } from '../../source/model/peer-figures.js';
import { cleanupFor, type Cleanup } from '../../harness/cleanup.js';
import { storeIn } from '../../harness/store.js';
import { FakeStdin } from '../../harness/fake-stdin.js';
import { sleep, waitFor } from '../../harness/wait.js';
import { ESCAPE_WAIT_MS } from '../../source/hooks/use-key-press.js';
import { ticks, visible } from './helpers.js';

export const pad = (index: number) => String(index).padStart(3, '0');

export interface Fixture {
  mainKey: Buffer;
  views: CoreView[];
  append: (index: number, texts: string[]) => Promise<void>;
  // Cuts pane `index`'s core back to `length` blocks, as its writer may (a new fork).
  truncate: (index: number, length: number) => Promise<void>;
}

// A real Corestore in a temp folder: core-1 for the main key, core-2 and core-3 as the panes.
// Pane 0 holds `left` blocks "L-000"…, pane 1 holds `right` blocks "R-000"….
// Panes after the second hold one block each, "P<pane number>".
async function fixture(cleanup: Cleanup, left: number, right: number, paneCount = 2): Promise<Fixture> {
  const store = await storeIn(cleanup);
  const main = store.get({ name: 'core-1' });
  const cores = Array.from({ length: paneCount }, (_, index) => store.get({ name: `core-${index + 2}` }));
  await Promise.all([main.ready(), ...cores.map((core) => core.ready())]);
  for (const [index, core] of cores.entries()) {
    if (index >= 2) await core.append(Buffer.from(`P${index + 1}\n`));
    const count = [left, right][index] ?? 0;
    if (count > 0)
      await core.append(
        Array.from({ length: count }, (_, seq) => Buffer.from(`${index === 0 ? 'L' : 'R'}-${pad(seq)}\n`)),
      );
  }
  const views = cores.map((core, index) => new CoreView(`core-${index + 2}`, core));
  cleanup.add('close the views', () => {
    for (const view of views) view.close();
  });
  return {
    mainKey: main.key,
    views,
    append: async (index, texts) => {
      await cores[index].append(texts.map((text) => Buffer.from(`${text}\n`)));
    },
    truncate: async (index, length) => {
      await cores[index].truncate(length);
    },
  };
}

// A terminal of a given size that keeps every frame Ink writes (ink-testing-library's is 100
// columns and has no rows).
class FakeStdout extends EventEmitter {
  readonly frames: string[] = [];
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
}

export interface SizedApp {
  frames: string[];
  lastFrame: () => string | undefined;
  stdin: { write: (data: string) => void };
  unmount: () => void;
}

export function renderSized(tree: React.ReactElement, columns: number, rows: number): SizedApp {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new FakeStdout(columns, rows) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return {
    frames: stdout.frames,
    lastFrame: () => stdout.frames[stdout.frames.length - 1],
    stdin,
    unmount: () => instance.unmount(),
  };
}

// The screen as an app renders it, with the session's figures fixed.
export function testScreen(
  props: Pick<ScreenAppProps, 'role' | 'views' | 'mainKeys' | 'onQuit' | 'onAppendLines' | 'peerStats'>,
): React.ReactElement {
  return (
    <ScreenApp
      peers={0}
      dhtState="announced"
      storage="/tmp/test-storage"
      placeholder={null}
      status={null}
      readerCommandFor={(keys) => `many-cores reader ${keys.join(' ')}`}
      {...props}
    />
  );
}

// 100 columns by 30 rows unless told: 19 block lines a pane in the writer.
export async function mount(
  t: TestContext,
  options: {
    role?: 'writer' | 'reader';
    left?: number;
    right?: number;
    rows?: number;
    columns?: number;
    paneCount?: number;
    // The peers view's figures, given the fixture's views.
    peerStats?: (views: CoreView[]) => PeersSource;
  } = {},
) {
  const role = options.role ?? 'writer';
  const rows = options.rows ?? 30;
  const cleanup = cleanupFor(t);
  const world = await fixture(cleanup, options.left ?? 3, options.right ?? 2, options.paneCount ?? 2);
  const quits: number[] = [];
  const submitted: string[][] = [];
  const app = renderSized(
    testScreen({
      role,
      views: world.views,
      mainKeys: [world.mainKey],
      onQuit: () => quits.push(Date.now()),
      onAppendLines: (batch) => submitted.push(batch),
      peerStats: options.peerStats?.(world.views) ?? null,
    }),
    options.columns ?? 100,
    rows,
  );
  cleanup.add('unmount the app', () => app.unmount());
  const frame = () => visible(app.lastFrame());
  // Ink may take a second tick to draw after a key (and one more for a lone ESC, which then waits
  // a moment for the rest of a sequence): wait until the frames stop coming.
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      app.stdin.write(key);
      await ticks(key.startsWith('\x1b') ? 3 : 2);
      if (key === '\x1b') await sleep(ESCAPE_WAIT_MS * 2);
      let count = app.frames.length;
      for (let round = 0; round < 20; round++) {
        await ticks(2);
        if (app.frames.length === count) break;
        count = app.frames.length;
      }
    }
  };
  const waitForText = (text: string | RegExp, what = String(text)) =>
    waitFor(what, () => (typeof text === 'string' ? frame().includes(text) : text.test(frame())), {
      describe: frame,
    });
  return { ...world, app, frame, press, waitForText, quits, submitted, rows };
}
