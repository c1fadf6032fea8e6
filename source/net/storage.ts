import type Corestore from 'corestore';
import { mkdirSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { UserFacingError } from '../model/user-facing-error.js';
import { INPUT_HISTORY_FILE } from './input-history-file.js';
import { judgeStorageFolder, type StorageFolderVerdict } from './storage-folder.js';

const ERRNO_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  ENOENT: 'that place cannot hold folders',
  ENOTDIR: 'a part of the path is a file',
  ENOSPC: 'no space left on the device',
};

// mkdir -p one level at a time: Node's recursive mkdir retries forever where the file system
// answers ENOENT for a folder it will never create (under /proc, for one).
function createFolders(directory: string): void {
  const missing: string[] = [];
  let current = path.resolve(directory);
  while (!statSync(current, { throwIfNoEntry: false })) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing) mkdirSync(folder);
}

// Opens a Corestore on disk, turning the failures a user can cause into one-line messages. A folder
// that holds anything but a Corestore is refused untouched (Corestore would move its files).
export async function openStore(directory: string): Promise<Corestore> {
  let verdict: StorageFolderVerdict = { kind: 'missing' };
  let doing = 'read';
  try {
    const stats = statSync(directory, { throwIfNoEntry: false });
    if (stats && !stats.isDirectory()) throw new UserFacingError(`storage path ${directory} is not a folder`);
    if (stats) verdict = judgeStorageFolder(directory);
    else {
      doing = 'create';
      createFolders(directory);
    }
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UserFacingError(`cannot ${doing} storage folder ${directory}: ${ERRNO_WORDS[code] ?? code}`);
  }
  // Only a refusal quotes what is in the folder: the sanitizer loads for it alone, not on the way
  // to the writer's first frame.
  if (verdict.kind === 'history-not-a-file') {
    const { sanitizeString } = await import('../text/sanitize.js');
    const history = sanitizeString(path.join(path.resolve(directory), INPUT_HISTORY_FILE));
    throw new UserFacingError(`${history} is ${verdict.is}, not a file: move it away`);
  }
  if (verdict.kind === 'foreign') {
    const { sanitizeString } = await import('../text/sanitize.js');
    throw new UserFacingError(
      `storage folder ${path.resolve(directory)} is not a Corestore (it holds ${sanitizeString(verdict.entry)}); ` +
        'nothing in it was changed: give --storage a new or empty folder',
    );
  }
  // Loaded here, not at the top: the bundler puts this module in a chunk the screen loads before
  // its first frame, and corestore takes a few hundred milliseconds to load. By require(), not
  // import(): Node 20 loading CommonJS for an ESM import costs about 15 ms more here.
  const CorestoreClass = createRequire(import.meta.url)('corestore') as typeof Corestore;
  const store = new CorestoreClass(directory);
  if (verdict.kind === 'older-corestore') keepInputHistoryInPlace(directory);
  try {
    await store.ready();
  } catch (error) {
    await store.close().catch(() => {});
    const message = String((error as Error).message ?? error);
    if (/lock/i.test(message)) {
      throw new UserFacingError(`storage folder ${directory} is already in use by another process`);
    }
    throw new UserFacingError(`cannot open storage folder ${directory}: ${message.split('\n')[0]}`);
  }
  return store;
}

// Laying out a folder without a CORESTORE file, Corestore (in its constructor) moves the entries
// it does not know into db/, our history file among them: it goes back beside the store.
function keepInputHistoryInPlace(directory: string): void {
  try {
    renameSync(path.join(directory, 'db', INPUT_HISTORY_FILE), path.join(directory, INPUT_HISTORY_FILE));
  } catch {
    // Not there: nothing was moved.
  }
}
