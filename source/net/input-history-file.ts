// The input line's history on disk: a file `input-history` in the storage folder, one JSON
// string per line, oldest first. JSON because a line may hold any character but a newline (a
// tab, a lone surrogate, an escape): each entry comes back exactly as it was sent. The file is
// replaced whole by a rename, so a crash leaves the old history or the new, never half of one.
// Nothing here may stop the writer: a file that cannot be read gives an empty history, one that
// cannot be written is reported, and the lines themselves are already on their cores.

import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { MAX_HISTORY_ENTRIES } from '../model/input-history.js';

export const INPUT_HISTORY_FILE = 'input-history';
// The name a save writes before its rename; a writer killed in between leaves one behind.
export const INPUT_HISTORY_TEMPORARY = /^input-history\.\d+\.[0-9a-f]{8}\.tmp$/;
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
}

export async function loadInputHistory(storageDirectory: string): Promise<LoadedHistory> {
  const ignored = (why: string): LoadedHistory => ({ entries: [], problem: `input history not loaded: ${why}` });
  let file;
  try {
    // Non-blocking, so that a FIFO put there cannot hold the start up.
    file = await open(inputHistoryPath(storageDirectory), constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], problem: null };
    return ignored(reason(error));
  }
  try {
    const stats = await file.stat();
    if (!stats.isFile()) return ignored('it is not a file');
    if (stats.size > MAX_HISTORY_FILE_BYTES) return ignored(`it is larger than ${MAX_HISTORY_FILE_BYTES} bytes`);
    const bytes = await file.readFile();
    if (bytes.length > MAX_HISTORY_FILE_BYTES) return ignored(`it is larger than ${MAX_HISTORY_FILE_BYTES} bytes`);
    const decoded = decodeHistory(bytes);
    return 'problem' in decoded ? ignored(decoded.problem) : { entries: decoded.entries, problem: null };
  } catch (error) {
    return ignored(reason(error));
  } finally {
    await file.close().catch(() => {});
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

// Saves one at a time, in the order asked: two lines sent in quick succession must not let the
// older history's rename land last.
export function inputHistorySaver(storageDirectory: string): (entries: readonly string[]) => Promise<string | null> {
  let last: Promise<unknown> = Promise.resolve();
  return (entries) => {
    const saved = last.then(() => saveInputHistory(storageDirectory, entries));
    last = saved;
    return saved;
  };
}
