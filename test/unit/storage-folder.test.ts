import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, unlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserFacingError } from '../../source/model/user-facing-error.js';
import { judgeStorageFolder } from '../../source/net/storage-folder.js';
import { openStore } from '../../source/net/storage.js';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { fillWithUserFiles, snapshotFolder } from '../helpers/folder-snapshot.js';

function folder(t: TestContext): Promise<string> {
  return tempDir(cleanupFor(t), 'many-cores-storage-folder-');
}

async function put(root: string, relative: string, content: string | Buffer = ''): Promise<void> {
  await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
  await writeFile(path.join(root, relative), content);
}

// A store as the writer makes it: three named cores, block 0, a line; then closed.
async function writerStore(directory: string): Promise<void> {
  const store = await openStore(directory);
  const main = store.get<{ otherKeys: string[] }>({ name: 'core-1', valueEncoding: 'json' });
  const short = store.get({ name: 'core-2' });
  const long = store.get({ name: 'core-3' });
  await Promise.all([main.ready(), short.ready(), long.ready()]);
  if (main.length === 0) await main.append({ otherKeys: [short.key.toString('hex'), long.key.toString('hex')] });
  await long.append(Buffer.from('a line\n'));
  await store.close();
}

// A store as the reader makes it: cores opened by key only.
async function readerStore(directory: string): Promise<void> {
  const store = await openStore(directory);
  const core = store.get({ key: Buffer.alloc(32, 7) });
  await core.ready();
  await store.close();
}

// Corestore 6's layout, as corestore 6.18.4 writes it (checked against a real one).
async function corestore6Layout(directory: string): Promise<void> {
  await put(directory, 'primary-key', Buffer.alloc(32, 1));
  const key = 'cbeec5ccd246e97200a4556a98bbda33ddf4c94716c13f64158fcae36152b918';
  for (const file of ['oplog', 'tree', 'bitfield', 'data']) await put(directory, `cores/cb/ee/${key}/${file}`, 'x');
  await put(directory, `cores/cc/33/cc33${key.slice(4)}/oplog`, 'x');
}

test('a missing or empty folder is a new store', async (t) => {
  const directory = await folder(t);
  assert.deepEqual(judgeStorageFolder(path.join(directory, 'nope')), { kind: 'missing' });
  assert.deepEqual(judgeStorageFolder(directory), { kind: 'empty' });
});

test("the writer's and the reader's stores are Corestores, new and after restarts, with the input history", async (t) => {
  const writer = await folder(t);
  await writerStore(writer);
  assert.deepEqual(judgeStorageFolder(writer), { kind: 'corestore' });
  await writerStore(writer);
  await writerStore(writer);
  await put(writer, 'input-history', 'a line\n');
  assert.deepEqual(judgeStorageFolder(writer), { kind: 'corestore' });
  await writerStore(writer);
  // A writer killed while saving its history leaves the save's temporary file.
  await put(writer, 'input-history.4242.0badcafe.tmp', '"half a line"\n');
  assert.deepEqual(judgeStorageFolder(writer), { kind: 'corestore' });

  const reader = await folder(t);
  await readerStore(reader);
  await readerStore(reader);
  assert.deepEqual(judgeStorageFolder(reader), { kind: 'corestore' });
});

test("Corestore 6's layout (the how-to's, when it was written) is left to Corestore's migration", async (t) => {
  const directory = await folder(t);
  await corestore6Layout(directory);
  assert.deepEqual(judgeStorageFolder(directory), { kind: 'older-corestore' });
  // Half migrated: Corestore 7 has added its own files and empties cores/ as it goes.
  await put(directory, 'CORESTORE', 'device/platform=linux\ndevice/inode=1\n');
  await put(directory, 'db/CURRENT', 'MANIFEST-000005\n');
  await put(directory, 'db/MANIFEST-000005', 'x');
  await put(directory, 'db/000004.log', 'x');
  await mkdir(path.join(directory, 'cores', 'ab', 'cd'), { recursive: true });
  assert.deepEqual(judgeStorageFolder(directory), { kind: 'corestore' });
});

test("RocksDB's files at the top (early Corestore 7) are a store when CURRENT names a manifest", async (t) => {
  const directory = await folder(t);
  await put(directory, 'CURRENT', 'MANIFEST-000012\n');
  await put(directory, 'MANIFEST-000012', 'x');
  await put(directory, 'OPTIONS-000014', 'x');
  await put(directory, '000011.log', 'x');
  await put(directory, 'LOG.old.1796007794602067', 'x');
  await put(directory, 'primary-key', Buffer.alloc(32));
  assert.deepEqual(judgeStorageFolder(directory), { kind: 'older-corestore' });
});

test('a store with a CORESTORE file removed still opens, and keeps its input history beside it', async (t) => {
  const directory = await folder(t);
  await writerStore(directory);
  await unlink(path.join(directory, 'CORESTORE'));
  await put(directory, 'input-history', 'typed before\n');
  assert.deepEqual(judgeStorageFolder(directory), { kind: 'older-corestore' });
  await writerStore(directory);
  assert.ok(existsSync(path.join(directory, 'input-history')), 'the history is where the writer keeps it');
  assert.ok(!existsSync(path.join(directory, 'db', 'input-history')));
  assert.deepEqual(judgeStorageFolder(directory), { kind: 'corestore' });
});

const FOREIGN: Array<[string, (directory: string) => Promise<void>, string]> = [
  ['a file of notes', (d) => put(d, 'notes.txt', 'hi\n'), 'notes.txt'],
  ['a folder of photos', (d) => put(d, 'photos/a.jpg', 'x'), 'photos'],
  ['a file named CURRENT', (d) => put(d, 'CURRENT', 'my current task\n'), 'CURRENT'],
  ['CURRENT naming a manifest that is not there', (d) => put(d, 'CURRENT', 'MANIFEST-000001\n'), 'CURRENT'],
  ['a file named db', (d) => put(d, 'db', 'x'), 'db'],
  ['a folder named db of other files', (d) => put(d, 'db/schema.sql', 'x'), 'db'],
  ['a db folder whose CURRENT is text', (d) => put(d, 'db/CURRENT', 'hello\n'), 'db'],
  ['a primary-key that is not 32 bytes', (d) => put(d, 'primary-key', 'not a key\n'), 'primary-key'],
  ['a CORESTORE file of text', (d) => put(d, 'CORESTORE', 'my notes about corestore\n'), 'CORESTORE'],
  ['a cores folder of other files', (d) => put(d, 'cores/readme.md', 'x'), 'cores'],
  [
    'a cores folder whose core is not a hypercore',
    (d) => put(d, `cores/cb/ee/cbee${'0'.repeat(60)}/photo.jpg`, 'x'),
    'cores',
  ],
  ['a symbolic link named db', (d) => symlink(tmpdir(), path.join(d, 'db')), 'db'],
  ['input history beside user files', (d) => put(d, 'input-history', 'x').then(() => put(d, 'a.txt')), 'a.txt'],
];

for (const [what, make, entry] of FOREIGN) {
  test(`refused: ${what}`, async (t) => {
    const directory = await folder(t);
    await make(directory);
    assert.deepEqual(judgeStorageFolder(directory), { kind: 'foreign', entry });
  });
}

test('refused: a real store with a user file beside it', async (t) => {
  const directory = await folder(t);
  await writerStore(directory);
  await put(directory, 'notes.txt', 'hi\n');
  assert.deepEqual(judgeStorageFolder(directory), { kind: 'foreign', entry: 'notes.txt' });
});

test('a FIFO named CURRENT is refused without blocking on it', async (t) => {
  const directory = await folder(t);
  execFileSync('mkfifo', [path.join(directory, 'CURRENT')]);
  assert.deepEqual(judgeStorageFolder(directory), { kind: 'foreign', entry: 'CURRENT' });
});

test('openStore refuses a folder of user files in one line naming it, and changes nothing in it', async (t) => {
  const directory = await folder(t);
  await fillWithUserFiles(directory);
  await put(directory, 'evil\x1b[2Jname', 'x');
  const before = await snapshotFolder(directory);
  await assert.rejects(openStore(directory), (error: unknown) => {
    assert.ok(error instanceof UserFacingError);
    assert.match(error.message, new RegExp(`^storage folder ${directory} is not a Corestore \\(it holds `));
    assert.doesNotMatch(error.message, /[\n\x1b]/);
    return true;
  });
  assert.deepEqual(await snapshotFolder(directory), before);
});

const NOT_A_FILE: Array<[string, (file: string) => Promise<void>]> = [
  ['a directory', (file) => mkdir(file)],
  ['a FIFO (named pipe)', (file) => Promise.resolve(void execFileSync('mkfifo', [file]))],
  ['a symbolic link', (file) => symlink('/dev/null', file)],
];

for (const [is, make] of NOT_A_FILE) {
  test(`an input-history that is ${is} is named as the problem, and nothing is changed`, async (t) => {
    const directory = await folder(t);
    await writerStore(directory);
    const file = path.join(directory, 'input-history');
    await make(file);
    assert.deepEqual(judgeStorageFolder(directory), { kind: 'history-not-a-file', is });
    const before = await snapshotFolder(directory);
    await assert.rejects(openStore(directory), (error: unknown) => {
      assert.ok(error instanceof UserFacingError);
      assert.equal(error.message, `${file} is ${is}, not a file: move it away`);
      return true;
    });
    assert.deepEqual(await snapshotFolder(directory), before);
    // Beside a user's files, it is the folder that is not a store.
    await put(directory, 'notes.txt', 'hi\n');
    assert.deepEqual(judgeStorageFolder(directory), { kind: 'foreign', entry: 'notes.txt' });
  });
}

test('a history file set aside as unreadable is part of the store', async (t) => {
  const directory = await folder(t);
  await writerStore(directory);
  await put(directory, 'input-history.unreadable-20261207-031500', Buffer.from([0xff]));
  await put(directory, 'input-history.unreadable-20261207-031500-2', Buffer.from([0xfe]));
  assert.deepEqual(judgeStorageFolder(directory), { kind: 'corestore' });
  await put(directory, 'input-history.unreadable-soon', 'x');
  assert.deepEqual(judgeStorageFolder(directory), { kind: 'foreign', entry: 'input-history.unreadable-soon' });
});
