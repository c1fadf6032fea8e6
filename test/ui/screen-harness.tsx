// The Screen with its controller over real CoreViews on a real Corestore: what WriterApp and
// ReaderApp render, minus the network.
import type { TestContext } from 'node:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import React from 'react';
import { render } from 'ink-testing-library';
import Corestore from 'corestore';
import { Screen } from '../../source/app/Screen.js';
import { useEmitterVersion } from '../../source/hooks/use-emitter-version.js';
import { useScreenController } from '../../source/hooks/use-screen-controller.js';
import { computeLayout } from '../../source/layout/layout.js';
import { CoreView } from '../../source/net/core-view.js';
import { ticks, visible, waitFor } from './helpers.js';
import { paneFactsOf } from '../../source/app/pane-facts.js';

export const pad = (index: number) => String(index).padStart(3, '0');

export interface Fixture {
  mainKey: Buffer;
  views: CoreView[];
  append: (index: number, texts: string[]) => Promise<void>;
}

// A real Corestore in a temp folder: core-1 for the main key, core-2 and core-3 as the panes.
// Pane 0 holds `left` blocks "L-000"…, pane 1 holds `right` blocks "R-000"….
// Panes after the second hold one block each, "P<pane number>".
async function fixture(t: TestContext, left: number, right: number, paneCount = 2): Promise<Fixture> {
  const directory = await mkdtemp(join(tmpdir(), 'many-cores-ui-'));
  const store = new Corestore(directory);
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
  t.after(async () => {
    for (const view of views) view.close();
    await store.close();
    await rm(directory, { recursive: true, force: true });
  });
  return {
    mainKey: main.key,
    views,
    append: async (index, texts) => {
      await (cores[index] as (typeof cores)[number]).append(texts.map((text) => Buffer.from(`${text}\n`)));
    },
  };
}

interface HarnessProps {
  role: 'writer' | 'reader';
  views: CoreView[];
  mainKey: Buffer;
  columns: number;
  rows: number;
  onQuit: () => void;
  onSubmitLines: (lines: string[]) => void;
}

// What WriterApp and ReaderApp do, minus the network: the controller and the Screen over real views.
export function Harness({
  role,
  views,
  mainKey,
  columns,
  rows,
  onQuit,
  onSubmitLines,
}: HarnessProps): React.JSX.Element {
  useEmitterVersion(views, 'change');
  const layout = computeLayout({ columns, rows, paneCount: views.length, withInputLine: role === 'writer' });
  const options = {
    role,
    panes: paneFactsOf(views),
    blockLines: layout.fits ? layout.blockLines : 1,
    panesPerPage: layout.fits ? layout.panesPerPage : 1,
    mainKey,
    readerCommandFor: (key: string) => `many-cores reader ${key}`,
    onQuit,
    onSubmitLines: role === 'writer' ? onSubmitLines : undefined,
  };
  const controller = useScreenController(options);
  return (
    <Screen
      role={role}
      columns={columns}
      rows={rows}
      layout={layout}
      controller={controller}
      mainKey={mainKey}
      peers={0}
      dhtState="announced"
      storage="/tmp/test-storage"
      views={views}
      placeholder={null}
      status={null}
    />
  );
}

// The fake terminal is 100 columns wide; 30 rows gives 19 block lines a pane in the writer.
export async function mount(
  t: TestContext,
  options: {
    role?: 'writer' | 'reader';
    left?: number;
    right?: number;
    rows?: number;
    columns?: number;
    paneCount?: number;
  } = {},
) {
  const role = options.role ?? 'writer';
  const rows = options.rows ?? 30;
  const world = await fixture(t, options.left ?? 3, options.right ?? 2, options.paneCount ?? 2);
  const quits: number[] = [];
  const submitted: string[][] = [];
  const app = render(
    <Harness
      role={role}
      views={world.views}
      mainKey={world.mainKey}
      columns={options.columns ?? 100}
      rows={rows}
      onQuit={() => quits.push(Date.now())}
      onSubmitLines={(batch) => submitted.push(batch)}
    />,
  );
  t.after(() => app.unmount());
  const frame = () => visible(app.lastFrame());
  // Ink may take a second tick to draw after a key (and one more for a lone ESC): wait until
  // the frames stop coming.
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      app.stdin.write(key);
      await ticks(key.startsWith('\x1b') ? 3 : 2);
      let count = app.frames.length;
      for (let round = 0; round < 20; round++) {
        await ticks(2);
        if (app.frames.length === count) break;
        count = app.frames.length;
      }
    }
  };
  const waitForText = (text: string | RegExp, what = String(text)) =>
    waitFor(() => (typeof text === 'string' ? frame().includes(text) : text.test(frame())), what);
  return { ...world, app, frame, press, waitForText, quits, submitted, rows };
}
