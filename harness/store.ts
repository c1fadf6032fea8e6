// Real Corestores in temp folders, closed and removed at cleanup; and a writer's core replicated
// in-process to a reader's copy.
import Corestore from 'corestore';
import type Hypercore from 'hypercore';
import { tempDir, type Cleanup } from './cleanup.js';

// A Corestore in a fresh temp folder, or in `directory` (which the caller then owns).
export async function storeIn(cleanup: Cleanup, directory?: string): Promise<Corestore> {
  const store = new Corestore(directory ?? (await tempDir(cleanup, 'many-cores-store-')));
  cleanup.add('close a store', () => store.close());
  await store.ready();
  return store;
}

export const blocks = (...texts: string[]): Buffer[] => texts.map((text) => Buffer.from(text));

// A writer's core with `texts`, and a reader's replica of it that knows its length.
export async function writerAndReader(
  cleanup: Cleanup,
  texts: string[],
): Promise<{ source: Hypercore; copy: Hypercore }> {
  const writerStore = await storeIn(cleanup);
  const readerStore = await storeIn(cleanup);
  const source = writerStore.get({ name: 'log' });
  await source.ready();
  await source.append(blocks(...texts));
  const streamA = writerStore.replicate(true);
  const streamB = readerStore.replicate(false);
  streamA.pipe(streamB).pipe(streamA);
  cleanup.add('end the replication', () => {
    streamA.destroy();
    streamB.destroy();
  });
  const copy = readerStore.get({ key: source.key });
  await copy.ready();
  await copy.update({ wait: true });
  return { source, copy };
}
