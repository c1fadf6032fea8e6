import Corestore from 'corestore';
import { mkdirSync, statSync } from 'node:fs';
import { UserFacingError } from '../model/messages.js';

// Opens a Corestore on disk, turning the failures a user can cause into one-line messages.
export async function openStore(directory: string): Promise<Corestore> {
  try {
    const stats = statSync(directory, { throwIfNoEntry: false });
    if (stats && !stats.isDirectory()) throw new UserFacingError(`storage path ${directory} is not a folder`);
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError(`cannot create storage folder ${directory}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
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
