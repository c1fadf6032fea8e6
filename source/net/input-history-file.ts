// The input line's history on disk: a file `input-history` in the storage folder, one JSON
// string per line, oldest first. JSON because a line may hold any character but a newline (a
// tab, a lone surrogate, an escape): each entry comes back exactly as it was sent. The file is
// replaced whole by a rename, so a crash leaves the old history or the new, never half of one.
// Nothing here may stop the writer: a file that cannot be read gives an empty history, and is set
// aside (renamed, kept) before the first save could replace it; one that cannot be written is
// reported; and the lines themselves are already on their cores.

import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { MAX_HISTORY_ENTRIES } from '../model/input-history.js';

export const INPUT_HISTORY_FILE = 'input-history';
// The name a save writes before its rename; a writer killed in between leaves one behind.
export const INPUT_HISTORY_TEMPORARY = /^input-history\.\d+\.[0-9a-f]{8}\.tmp$/;
// A history file that could not be read, kept under this name: input-history.unreadable-20261207-031500.
export const INPUT_HISTORY_SET_ASIDE = /^input-history\.unreadable-\d{8}-\d{6}(?:-\d+)?$/;
export const MAX_HISTORY_FILE_BYTES = 1024 * 1024;
// A longer entry is not kept on disk, so that one huge paste does not push out the rest.
const MAX_SAVED_ENTRY_BYTES = 64 * 1024;

const ERRNO_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  ENOENT: 'the storage folder is missing',
  ENOTDIR: 'the storage path is not a folder',
  ENOSPC: 'no space left on the device',
  EISDIR: 'it is a folder',
};
const reason = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return ERRNO_WORDS[code] ?? code;
};

export function inputHistoryPath(storageDirectory: string): string {
  return path.join(storageDirectory, INPUT_HISTORY_FILE);
}

// The newest entries that fit the file's bounds, one JSON string per line.
export function encodeHistory(entries: readonly string[]): string {
  const lines: string[] = [];
  let bytes = 0;
  for (let index = entries.length - 1; index >= 0 && lines.length < MAX_HISTORY_ENTRIES; index--) {
    const line = `${JSON.stringify(entries[index])}\n`;
    const size = Buffer.byteLength(line, 'utf8');
    if (size > MAX_SAVED_ENTRY_BYTES) continue;
    if (bytes + size > MAX_HISTORY_FILE_BYTES) break;
    lines.push(line);
    bytes += size;
  }
  return lines.reverse().join('');
}

// The entries in a file's bytes, or why there are none.
export function decodeHistory(bytes: Uint8Array): { entries: string[] } | { problem: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: 'it is not UTF-8' };
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const entries: string[] = [];
  for (const [index, line] of lines.entries()) {
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      entry = undefined;
    }
    if (typeof entry !== 'string' || entry === '' || entry.includes('\n')) {
      return { problem: `line ${index + 1} is not a line of text in JSON` };
    }
    entries.push(entry);
  }
  return { entries: entries.slice(-MAX_HISTORY_ENTRIES) };
}

export interface LoadedHistory {
  entries: string[];
  // Why a history file that exists was not used (one line), or null.
  problem: string | null;
  // A file is there that could not be read: it is to be set aside, not replaced.
  unreadable: boolean;
}

export async function loadInputHistory(storageDirectory: string): Promise<LoadedHistory> {
  const ignored = (why: string, unreadable = true): LoadedHistory => ({
    entries: [],
    problem: `input history not loaded: ${why}`,
    unreadable,
  });
  let file;
  try {
    // Non-blocking, so that a FIFO put there cannot hold the start up.
    file = await open(inputHistoryPath(storageDirectory), constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], problem: null, unreadable: false };
    return ignored(reason(error));
  }
  try {
    const stats = await file.stat();
    // Not ours to move: the store refuses to open beside it (storage-folder.ts), naming it.
    if (!stats.isFile()) return ignored('it is not a file', false);
    if (stats.size > MAX_HISTORY_FILE_BYTES) return ignored(`it is larger than ${MAX_HISTORY_FILE_BYTES} bytes`);
    const bytes = await file.readFile();
    if (bytes.length > MAX_HISTORY_FILE_BYTES) return ignored(`it is larger than ${MAX_HISTORY_FILE_BYTES} bytes`);
    const decoded = decodeHistory(bytes);
    return 'problem' in decoded
      ? ignored(decoded.problem)
      : { entries: decoded.entries, problem: null, unreadable: false };
  } catch (error) {
    return ignored(reason(error));
  } finally {
    await file.close().catch(() => {});
  }
}

const twoDigits = (value: number) => String(value).padStart(2, '0');

// input-history.unreadable-YYYYMMDD-HHMMSS (UTC), a number after it if that name is taken.
async function setAsideName(storageDirectory: string, now: Date): Promise<string> {
  const stamp =
    `${now.getUTCFullYear()}${twoDigits(now.getUTCMonth() + 1)}${twoDigits(now.getUTCDate())}-` +
    `${twoDigits(now.getUTCHours())}${twoDigits(now.getUTCMinutes())}${twoDigits(now.getUTCSeconds())}`;
  for (let attempt = 1; ; attempt++) {
    const name = `${INPUT_HISTORY_FILE}.unreadable-${stamp}${attempt > 1 ? `-${attempt}` : ''}`;
    const taken = await lstat(path.join(storageDirectory, name)).then(
      () => true,
      () => false,
    );
    if (!taken) return name;
  }
}

// Renames a history file that could not be read out of the way of the saves, keeping it. What to
// tell the user (one line), and whether lines may be saved: not while the file is still there.
export async function setAsideInputHistory(
  storageDirectory: string,
  problem: string,
  now = new Date(),
): Promise<{ message: string | null; saves: boolean }> {
  try {
    const name = await setAsideName(storageDirectory, now);
    await rename(inputHistoryPath(storageDirectory), path.join(storageDirectory, name));
    return { message: `${problem}; kept as ${name}, a new history begins`, saves: true };
  } catch (error) {
    // Gone since it was read: there is nothing left to keep.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { message: null, saves: true };
    return { message: `${problem}, nor set aside (${reason(error)}): lines sent are not kept`, saves: false };
  }
}

// Replaces the file with these entries (bounded); null when saved, else why not (one line).
export async function saveInputHistory(storageDirectory: string, entries: readonly string[]): Promise<string | null> {
  const target = inputHistoryPath(storageDirectory);
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const file = await open(temporary, 'wx', 0o600);
    try {
      await file.writeFile(encodeHistory(entries), 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, target);
    return null;
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    return `cannot save the input history: ${reason(error)}`;
  }
}

// The history file of one storage folder as the writer uses it: read as the screen starts, and
// written only once `open()` says the folder is a store (so nothing is written into someone
// else's folder). Saves go one at a time, in the order asked: two lines sent in quick succession
// must not let the older history's rename land last.
export class InputHistoryFile {
  private loaded: Promise<LoadedHistory> | null = null;
  private saves: Promise<boolean> | null = null;
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly storageDirectory: string) {}

  load(): Promise<LoadedHistory> {
    this.loaded ??= loadInputHistory(this.storageDirectory);
    return this.loaded;
  }

  // The folder is a store: lines may be saved from now on, once a file that could not be read
  // is set aside. Resolves with what to tell the user about that, or null.
  async open(): Promise<string | null> {
    const setAside = this.load().then((loaded) =>
      loaded.unreadable && loaded.problem !== null
        ? setAsideInputHistory(this.storageDirectory, loaded.problem)
        : { message: null, saves: true },
    );
    this.saves = setAside.then(({ saves }) => saves);
    return (await setAside).message;
  }

  // Null when saved (or not to be saved), else why it could not be (one line).
  save(entries: readonly string[]): Promise<string | null> {
    const saves = this.saves;
    if (!saves) return Promise.resolve(null);
    const saved = this.last.then(async () => ((await saves) ? saveInputHistory(this.storageDirectory, entries) : null));
    this.last = saved;
    return saved;
  }
}
