// Real Corestores in temp folders, replicated in-process: a writer's core and a reader's copy.
import type { TestContext } from 'node:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Corestore from 'corestore';
import type Hypercore from 'hypercore';

export async function storeIn(t: TestContext): Promise<Corestore> {
  const directory = await mkdtemp(join(tmpdir(), 'many-cores-replica-'));
  const store = new Corestore(directory);
  t.after(async () => {
    await store.close();
    await rm(directory, { recursive: true, force: true });
  });
  return store;
}

export const blocks = (...texts: string[]): Buffer[] => texts.map((text) => Buffer.from(text));

// A writer's core with `texts`, and a reader's replica of it that knows its length.
export async function writerAndReader(
  t: TestContext,
  texts: string[],
): Promise<{ source: Hypercore; copy: Hypercore }> {
  const writerStore = await storeIn(t);
  const readerStore = await storeIn(t);
  const source = writerStore.get({ name: 'log' });
  await source.ready();
  await source.append(blocks(...texts));
  const streamA = writerStore.replicate(true);
  const streamB = readerStore.replicate(false);
  streamA.pipe(streamB).pipe(streamA);
  t.after(() => {
    streamA.destroy();
    streamB.destroy();
  });
  const copy = readerStore.get({ key: source.key });
  await copy.ready();
  await copy.update({ wait: true });
  return { source, copy };
}
