import Corestore from 'corestore';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../model/messages.js';

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

// Opens a Corestore on disk, turning the failures a user can cause into one-line messages.
export async function openStore(directory: string): Promise<Corestore> {
  try {
    const stats = statSync(directory, { throwIfNoEntry: false });
    if (stats && !stats.isDirectory()) throw new UserFacingError(`storage path ${directory} is not a folder`);
    if (!stats) createFolders(directory);
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UserFacingError(`cannot create storage folder ${directory}: ${ERRNO_WORDS[code] ?? code}`);
  }
  const store = new Corestore(directory);
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
