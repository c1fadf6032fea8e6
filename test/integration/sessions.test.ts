import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { open } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import type { Network } from '../../source/model/network.js';
import { followBlocks } from '../../source/net/follow-blocks.js';
import { runPlainReader } from '../../source/plain/reader-plain.js';
import { runPlainWriter } from '../../source/plain/writer-plain.js';
import type { OutputEvent } from '../../source/plain/output.js';
import { cleanupFor, tempDir, type Cleanup } from '../../harness/cleanup.js';
import { storeIn } from '../../harness/store.js';
import { startTestnet } from '../../harness/testnet.js';
import { waitFor } from '../../harness/wait.js';
import { ReaderSession } from '../../source/net/reader-session.js';
import { createSwarm } from '../../source/net/swarm.js';
import { WriterSession } from '../../source/net/writer-session.js';

interface World {
  network: Network;
  directory: string;
  cleanup: Cleanup;
}

// A loopback DHT and a temp folder; everything opened is closed in reverse, peers before the DHT.
async function world(t: TestContext): Promise<World> {
  const cleanup = cleanupFor(t);
  const directory = await tempDir(cleanup, 'many-cores-it-');
  const { nodes } = await startTestnet(cleanup);
  return { network: { kind: 'bootstrap', nodes }, directory, cleanup };
}

async function openWriter(w: World, name = 'writer'): Promise<WriterSession> {
  const session = await WriterSession.open({ storage: join(w.directory, name), network: w.network });
  w.cleanup.add('close the writer', () => session.close());
  return session;
}

async function openReader(w: World, key: Buffer, name = 'reader', seed = false): Promise<ReaderSession> {
  const session = await ReaderSession.open({ storage: join(w.directory, name), network: w.network, keys: [key], seed });
  w.cleanup.add('close the reader', () => session.close());
  return session;
}

// A writer that serves whatever core-1 blocks it is given, as a hostile stranger could.
async function serveRawMainCore(w: World, blocks: Buffer[]): Promise<Buffer> {
  const store = await storeIn(w.cleanup, join(w.directory, 'hostile'));
  const core = store.get({ name: 'core-1' });
  await core.ready();
  await core.append(blocks);
  const net = await createSwarm(w.network);
  net.swarm.on('connection', (connection) => store.replicate(connection));
  net.swarm.join(core.discoveryKey, { server: true, client: false });
  await net.swarm.flush();
  w.cleanup.add('stop serving', () => net.destroy());
  return core.key;
}

// Collects every block of a core, in order, until `count` have arrived.
function collect(session: ReaderSession, index: number, count: number): Promise<string[]> {
  const view = session.views[index];
  assert.ok(view, `reader has pane ${index}`);
  return new Promise((resolve) => {
    const texts: string[] = [];
    const follower = followBlocks(view.core, (_seq, block) => {
      texts.push(block.toString('utf8'));
      if (texts.length === count) {
        follower.stop();
        resolve(texts);
      }
    });
  });
}

test('a reader finds both sub-cores through block 0 and gets history and live appends', async (t) => {
  const w = await world(t);
  const writer = await openWriter(w);
  await writer.appendLines(['hi', 'hello world', 'abcd', 'abc']);

  const reader = await openReader(w, writer.mainKey);
  const phase = await reader.keys[0].whenSettled();
  assert.equal(phase.kind, 'ready');
  assert.deepEqual(
    reader.views.map((view) => view.key.toString('hex')),
    [writer.subCoreKey('core-2').toString('hex'), writer.subCoreKey('core-3').toString('hex')],
  );

  const short = collect(reader, 0, 3);
  const long = collect(reader, 1, 3);
  await writer.appendLines(['ok', 'a live line']);
  assert.deepEqual(await short, ['hi\n', 'abc\n', 'ok\n']);
  assert.deepEqual(await long, ['hello world\n', 'abcd\n', 'a live line\n']);
});

test("appendLines makes one append per core for interleaved lines, and keeps each core's order", async (t) => {
  const w = await world(t);
  const writer = await openWriter(w);
  const appends = { 'core-2': 0, 'core-3': 0 };
  for (const view of writer.views) view.core.on('append', () => appends[view.name as 'core-2' | 'core-3']++);
  const receipts = await writer.appendLines(['one long line', 'a', 'two long line', '', 'b', 'three long line']);
  assert.deepEqual(
    receipts.map((receipt) => `${receipt.core}:${receipt.seq}:${receipt.byteLength}`),
    ['core-3:0:14', 'core-2:0:2', 'core-3:1:14', 'core-2:1:2', 'core-3:2:16'],
    'receipts in input order, blank lines skipped',
  );
  assert.deepEqual(appends, { 'core-2': 1, 'core-3': 1 }, 'one append per core');
  const core3 = writer.views[1].core;
  assert.deepEqual([await core3.get(0), await core3.get(1), await core3.get(2)].map(String), [
    'one long line\n',
    'two long line\n',
    'three long line\n',
  ]);
});

test('a restarted writer keeps its keys and never appends block 0 twice', async (t) => {
  const w = await world(t);
  const first = await openWriter(w);
  const keys = [first.mainKey, first.subCoreKey('core-2'), first.subCoreKey('core-3')].map((key) =>
    key.toString('hex'),
  );
  await first.appendLines(['before restart']);
  await first.close();

  const second = await openWriter(w);
  assert.deepEqual(
    [second.mainKey, second.subCoreKey('core-2'), second.subCoreKey('core-3')].map((key) => key.toString('hex')),
    keys,
  );
  await second.close();

  // On disk: core-1 has exactly one block, and it lists the two sub-cores.
  const store = await storeIn(w.cleanup, join(w.directory, 'writer'));
  const main = store.get<{ otherKeys: string[] }>({ name: 'core-1', valueEncoding: 'json' });
  await main.ready();
  assert.equal(main.length, 1);
  assert.deepEqual(await main.get(0), { otherKeys: keys.slice(1) });
  const core3 = store.get({ name: 'core-3' });
  await core3.ready();
  assert.equal((await core3.get(0))?.toString(), 'before restart\n');
});

test('a reader started before the writer waits, then finds it', async (t) => {
  const w = await world(t);
  // The writer's keys exist before it is online: open it once offline-free to learn them.
  const first = await openWriter(w, 'late-writer');
  const mainKey = first.mainKey;
  await first.close();

  const reader = await openReader(w, mainKey);
  assert.equal(reader.keys[0].phase.kind, 'looking');
  const writer = await openWriter(w, 'late-writer');
  await writer.appendLines(['found you']);
  assert.equal((await reader.keys[0].whenSettled()).kind, 'ready');
  assert.deepEqual(await collect(reader, 1, 1), ['found you\n']);
});

test('the reader replicates every sub-core to its own disk', async (t) => {
  const w = await world(t);
  const writer = await openWriter(w);
  await writer.appendLines(['x', 'yyyyyyyy']);
  const reader = await openReader(w, writer.mainKey);
  await reader.keys[0].whenSettled();
  await collect(reader, 0, 1);
  await collect(reader, 1, 1);
  const readerKey = writer.mainKey;
  await reader.close();

  const store = await storeIn(w.cleanup, join(w.directory, 'reader'));
  const main = store.get({ key: readerKey });
  await main.ready();
  assert.equal(main.length, 1);
  const short = store.get({ key: writer.subCoreKey('core-2') });
  const long = store.get({ key: writer.subCoreKey('core-3') });
  await Promise.all([short.ready(), long.ready()]);
  assert.equal((await short.get(0, { wait: false }))?.toString(), 'x\n');
  assert.equal((await long.get(0, { wait: false }))?.toString(), 'yyyyyyyy\n');
});

test('a block 0 over 1 MiB is not downloaded to be read: the main core is shown alone', async (t) => {
  const w = await world(t);
  const key = await serveRawMainCore(w, [Buffer.alloc(2 * 1024 * 1024, 0x20)]);
  const reader = await openReader(w, key);
  const phase = await reader.keys[0].whenSettled();
  assert.deepEqual(phase, {
    kind: 'ready',
    blockZero: { keys: [], skipped: 0, notShown: 0 },
    alone: 'block 0 is over the 1 MiB limit (2097152 bytes)',
  });
  assert.deepEqual(
    reader.views.map((view) => [view.name, view.key.toString('hex')]),
    [['core-1', key.toString('hex')]],
  );
  assert.equal(await reader.keys[0].mainCore.has(0), false, "block 0 is not on the reader's disk");
});

test('an oversized block 0 followed by more blocks is found by seeking, still unread', async (t) => {
  const w = await world(t);
  const key = await serveRawMainCore(w, [Buffer.alloc(1024 * 1024 + 1, 0x20), Buffer.from('{}')]);
  const reader = await openReader(w, key);
  const phase = await reader.keys[0].whenSettled();
  assert.equal(phase.kind, 'ready');
  assert.equal(phase.kind === 'ready' ? phase.alone : null, 'block 0 is over the 1 MiB limit');
  assert.equal(await reader.keys[0].mainCore.has(0), false);
});

test('a block 0 that lists no sub-core: the main core is the one pane, block 0 and all', async (t) => {
  const w = await world(t);
  const blocks = [Buffer.from('plain text, not a list\n'), Buffer.from('{ "a": 1 }'), Buffer.from([0, 1, 2])];
  const key = await serveRawMainCore(w, blocks);
  const reader = await openReader(w, key);
  const phase = await reader.keys[0].whenSettled();
  assert.equal(phase.kind === 'ready' ? phase.alone : null, 'block 0 is not JSON');
  assert.equal(reader.views.length, 1);
  assert.deepEqual(
    await collect(reader, 0, 3),
    blocks.map((block) => block.toString('utf8')),
  );
  assert.equal(reader.views[0].name, 'core-1');
});

test('a block 0 whose otherKeys are all unusable says how many it skipped, and shows the core', async (t) => {
  const w = await world(t);
  const key = await serveRawMainCore(w, [Buffer.from(JSON.stringify({ otherKeys: ['nope', 42] }))]);
  const reader = await openReader(w, key);
  const phase = await reader.keys[0].whenSettled();
  assert.deepEqual(phase, {
    kind: 'ready',
    blockZero: { keys: [], skipped: 2, notShown: 0 },
    alone: 'block 0 lists no usable sub-core key (2 skipped)',
  });
  assert.deepEqual(
    reader.views.map((view) => view.key),
    [key],
  );
});

test('a small block 0 is read even when later blocks of the main core are large', async (t) => {
  const w = await world(t);
  const subKey = Buffer.alloc(32, 7).toString('hex');
  const key = await serveRawMainCore(w, [
    Buffer.from(JSON.stringify({ otherKeys: [subKey] })),
    Buffer.alloc(2 * 1024 * 1024),
  ]);
  const reader = await openReader(w, key);
  const phase = await reader.keys[0].whenSettled();
  assert.equal(phase.kind, 'ready');
  assert.deepEqual(
    reader.views.map((view) => view.key.toString('hex')),
    [subKey],
  );
});

function until(session: ReaderSession, condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!condition()) return;
      session.off('update', check);
      resolve();
    };
    session.on('update', check);
    check();
  });
}

test('a reader says when the writer left and resumes by itself when it comes back', async (t) => {
  const w = await world(t);
  const first = await WriterSession.open({ storage: join(w.directory, 'writer'), network: w.network });
  await first.appendLines(['before']);
  const reader = await openReader(w, first.mainKey);
  assert.equal((await reader.keys[0].whenSettled()).kind, 'ready');
  const blocks = collect(reader, 1, 2);
  await until(reader, () => reader.peerCount === 1);
  assert.equal(reader.keys[0].writerLeftAt, null);

  await first.close();
  await until(reader, () => reader.keys[0].writerLeftAt !== null);
  assert.equal(reader.peerCount, 0);

  const second = await openWriter(w);
  await second.appendLines(['after it came back']);
  assert.deepEqual(await blocks, ['before\n', 'after it came back\n']);
  await until(reader, () => reader.keys[0].writerLeftAt === null && reader.peerCount === 1);
});

test('pane figures count blocks moving: the reader downloads, the writer uploads', async (t) => {
  const w = await world(t);
  const writer = await openWriter(w);
  await writer.appendLines(Array.from({ length: 300 }, (_, index) => `line number ${index}`));
  const reader = await openReader(w, writer.mainKey);
  assert.equal((await reader.keys[0].whenSettled()).kind, 'ready');
  await collect(reader, 1, 300);
  const readerView = reader.views[1];
  const writerView = writer.views.find((view) => view.name === 'core-3')!;
  // Rates count whole seconds only: wait for the second the blocks moved in to end.
  const deadline = Date.now() + 5000;
  while (readerView.stats().downloadRate === 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(readerView.stats().downloadRate > 0, 'the reader pane shows a download rate');
  assert.ok(writerView.stats().uploadRate > 0, 'the writer pane shows an upload rate');
  assert.equal(readerView.stats().uploadRate, 0);
});

test('a seeder copies every block of every core, says how far it got (--json), and serves it after the writer left', async (t) => {
  const w = await world(t);
  const writer = await openWriter(w);
  const long = Array.from({ length: 300 }, (_, index) => `long line ${index}`);
  const short = Array.from({ length: 30 }, (_, index) => `s${index % 10}`);
  await writer.appendLines([...long, ...short]);

  const seeder = await openReader(w, writer.mainKey, 'seeder', true);
  const out = new PassThrough();
  let printed = '';
  out.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
  const plain = await runPlainReader(seeder, 'json', null, out, new PassThrough());
  w.cleanup.add('stop the plain reader', () => plain.stop());
  const events = () =>
    printed
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as OutputEvent);
  const progress = () => events().filter((event) => event.event === 'progress');
  const lastOf = (core: string) => [...progress()].reverse().find((event) => event.core === core);
  await waitFor('every core seeded', () =>
    [
      ['core-1', 1],
      ['core-2', 30],
      ['core-3', 300],
    ].every(([core, length]) => {
      const last = lastOf(core as string);
      return last?.seeded === true && last.local === length && last.length === length;
    }),
  );
  const kinds = new Set(events().map((event) => event.event));
  assert.deepEqual(
    [...kinds].filter((kind) => kind !== 'peer-join' && kind !== 'peer-sync'),
    ['key', 'cores', 'progress'],
    'a seeder prints progress, not blocks',
  );
  assert.ok(progress().length < 40, `progress comes a few times a second, not per block: ${progress().length} events`);
  assert.deepEqual(lastOf('core-3'), {
    event: 'progress',
    core: 'core-3',
    key: writer.subCoreKey('core-3').toString('hex'),
    local: 300,
    length: 300,
    seeded: true,
  });

  // With the writer gone, a reader that only asks (a client) finds the seeder announced.
  await writer.close();
  const reader = await openReader(w, writer.mainKey, 'late reader');
  assert.equal((await reader.keys[0].whenSettled()).kind, 'ready');
  assert.deepEqual(
    await collect(reader, 1, 300),
    long.map((line) => `${line}\n`),
  );
  assert.deepEqual(
    await collect(reader, 0, 30),
    short.map((line) => `${line}\n`),
  );
  // Restarted alone on its storage, with nobody to ask, the seeder has it all: seeded at once.
  await reader.close();
  plain.stop();
  await seeder.close();
  const restarted = await openReader(w, writer.mainKey, 'seeder', true);
  assert.equal((await restarted.keys[0].whenSettled()).kind, 'ready');
  const figures = await waitFor('the restarted seeder to count its cores', () => {
    const all = restarted.seedFigures();
    return all.length === 3 && all.every((figure) => figure.seeded) && all;
  });
  assert.deepEqual(
    figures.map(({ core, local, length }) => [core, local, length]),
    [
      ['core-1', 1, 1],
      ['core-2', 30, 30],
      ['core-3', 300, 300],
    ],
  );
  assert.equal(restarted.peerCount, 0, 'it had nobody to copy from');
});

test('a plain writer whose terminal hangs up stops quietly, with what it read stored', async (t) => {
  const w = await world(t);
  const writer = await openWriter(w);
  // A terminal that hung up: it still says isTTY, its descriptor no longer is one, reads fail with EIO.
  const file = await open(join(w.directory, 'not-a-terminal'), 'w');
  w.cleanup.add('close the file', () => file.close());
  const input = Object.assign(new PassThrough(), { isTTY: true, fd: file.fd });
  let closedQuietly = false;
  const running = runPlainWriter(writer, 'plain', input, new PassThrough(), new PassThrough(), () => {
    closedQuietly = true;
  });
  input.write('typed before the hang-up\n');
  await waitFor('the typed line stored', () => writer.views[1]?.core.length === 1);
  input.destroy(Object.assign(new Error('read EIO'), { code: 'EIO' }));
  await running;
  assert.ok(closedQuietly, 'the writer stopped as when nobody reads its output');
  const block = await writer.views[1].core.get(0);
  assert.equal(block?.toString('utf8'), 'typed before the hang-up\n');
});

test('a seeder whose main block 0 is rewritten copies the sub-cores it lists now, and lets go of the others', async (t) => {
  const w = await world(t);
  const store = await storeIn(w.cleanup, join(w.directory, 'rewriter'));
  const main = store.get({ name: 'core-1' });
  const subs = [store.get({ name: 'sub-0' }), store.get({ name: 'sub-1' })];
  await Promise.all([main, ...subs].map((core) => core.ready()));
  await subs[0].append([Buffer.from('zero a'), Buffer.from('zero b')]);
  await subs[1].append([Buffer.from('one a'), Buffer.from('one b'), Buffer.from('one c')]);
  const manifest = (core: typeof main) => Buffer.from(JSON.stringify({ otherKeys: [core.key.toString('hex')] }));
  await main.append(manifest(subs[0]));
  const net = await createSwarm(w.network);
  net.swarm.on('connection', (connection) => store.replicate(connection));
  net.swarm.join(main.discoveryKey, { server: true, client: false });
  await net.swarm.flush();
  w.cleanup.add('stop serving', () => net.destroy());

  const seeder = await openReader(w, main.key, 'seeder', true);
  await seeder.keys[0].whenSettled();
  const seeded = (core: typeof main, length: number) => () =>
    seeder.seedFigures().some((figure) => figure.key.equals(core.key) && figure.seeded && figure.local === length);
  await waitFor('the first sub-core seeded', seeded(subs[0], 2));
  const sub0View = seeder.views[0];

  await main.truncate(0);
  await main.append(manifest(subs[1]));
  await waitFor('the new sub-core seeded', seeded(subs[1], 3));
  const phase = seeder.keys[0].phase;
  assert.equal(
    phase.kind === 'ready' ? phase.rewrite : null,
    `block 0 rewritten by its writer (fork 1): ${subs[1].key.toString('hex').slice(0, 8)} came, ${subs[0].key.toString('hex').slice(0, 8)} left`,
  );
  assert.deepEqual(
    seeder.seedFigures().map(({ core, key }) => [core, key.toString('hex')]),
    [
      ['core-1', main.key.toString('hex')],
      ['core-2', subs[1].key.toString('hex')],
    ],
    'the main core and the one sub-core listed now',
  );
  assert.deepEqual(
    seeder.views.map((view) => view.name),
    ['core-2'],
  );
  assert.equal(sub0View.core.closed, true, 'the sub-core that left is no longer open');
  assert.deepEqual(await collect(seeder, 0, 3), ['one a', 'one b', 'one c']);
});
