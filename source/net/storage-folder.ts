import { closeSync, lstatSync, openSync, readSync, readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { INPUT_HISTORY_FILE, INPUT_HISTORY_SET_ASIDE, INPUT_HISTORY_TEMPORARY } from './input-history-file.js';

// What a --storage folder holds, judged before Corestore sees it. Corestore 7 lays out a folder
// that has no CORESTORE file by moving every entry it does not know into db/ (hypercore-storage's
// tmpFixStorage), so a folder of someone's files must be refused before Corestore opens it.
export type StorageFolderVerdict =
  | { kind: 'missing' }
  | { kind: 'empty' }
  // Corestore 7: a CORESTORE device file and RocksDB in db/.
  | { kind: 'corestore' }
  // No CORESTORE file yet; Corestore 7 lays it out on open: Corestore 6's primary-key and cores/ (the
  // how-to's layout when it was written), RocksDB's files at the top (early Corestore 7), or db/ alone.
  | { kind: 'older-corestore' }
  | { kind: 'foreign'; entry: string }
  // A store (or none yet) whose input-history is not a regular file: `is` says what it is instead.
  | { kind: 'history-not-a-file'; is: string };

const DEVICE_FILE = 'CORESTORE';
const ROCKSDB_FOLDER = 'db';
const PRIMARY_KEY_FILE = 'primary-key';
const V6_CORES_FOLDER = 'cores';
const PRIMARY_KEY_BYTES = 32;
const V6_CORE_FILES = new Set(['oplog', 'tree', 'bitfield', 'data', 'header']);
// Files RocksDB (and hypercore-storage's RECOVERING marker) keep in a database folder.
const ROCKSDB_FILE =
  /^(?:CURRENT|IDENTITY|LOCK|LOG|RECOVERING|SESSION_ID|LOG\.old\.\d+|(?:MANIFEST|OPTIONS)-\d+(?:\.dbtmp)?|\d+\.(?:log|sst|blob|dbtmp|trash))$/;
const CURRENT_CONTENT = /^(MANIFEST-\d+)\n?$/;
const HEX_PAIR = /^[0-9a-f]{2}$/;
const DISCOVERY_KEY = /^[0-9a-f]{64}$/;

export function judgeStorageFolder(directory: string): StorageFolderVerdict {
  const stats = statSync(directory, { throwIfNoEntry: false });
  if (!stats) return { kind: 'missing' };
  const entries = readdirSync(directory, { withFileTypes: true });
  if (entries.length === 0) return { kind: 'empty' };
  const names = new Set(entries.map((entry) => entry.name));
  const hasDeviceFile = names.has(DEVICE_FILE);
  // RocksDB at the top is the early layout only when nothing else claims to be the database.
  const rocksAtTop = !hasDeviceFile && !names.has(ROCKSDB_FOLDER) && validCurrent(directory);

  let history: Dirent | undefined;
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.name === INPUT_HISTORY_FILE) history = entry;
    else if (!isStoreEntry(entry, full, rocksAtTop)) return { kind: 'foreign', entry: entry.name };
  }
  // Ours, by its name, but no file to read or replace: the user is told what is wrong with it.
  if (history && !history.isFile()) return { kind: 'history-not-a-file', is: whatItIs(history) };
  if (hasDeviceFile) return { kind: 'corestore' };
  // Only our history file: no store yet.
  if (names.size === 1 && names.has(INPUT_HISTORY_FILE)) return { kind: 'empty' };
  return { kind: 'older-corestore' };
}

function isStoreEntry(entry: Dirent, full: string, rocksAtTop: boolean): boolean {
  switch (entry.name) {
    case DEVICE_FILE:
      return entry.isFile() && isDeviceFile(full);
    case ROCKSDB_FOLDER:
      return entry.isDirectory() && isRocksDbFolder(full);
    case PRIMARY_KEY_FILE:
      return entry.isFile() && statSync(full).size === PRIMARY_KEY_BYTES;
    case V6_CORES_FOLDER:
      return entry.isDirectory() && isV6CoresFolder(full);
    default:
      if (INPUT_HISTORY_TEMPORARY.test(entry.name) || INPUT_HISTORY_SET_ASIDE.test(entry.name)) return entry.isFile();
      return rocksAtTop && entry.isFile() && ROCKSDB_FILE.test(entry.name);
  }
}

function whatItIs(entry: Dirent): string {
  if (entry.isDirectory()) return 'a directory';
  if (entry.isSymbolicLink()) return 'a symbolic link';
  if (entry.isFIFO()) return 'a FIFO (named pipe)';
  if (entry.isSocket()) return 'a socket';
  return 'a device';
}

// device-file writes `key=value` lines, at least the device/ ones (platform, inode, created).
function isDeviceFile(file: string): boolean {
  const text = readStart(file, 64 * 1024);
  if (text === null) return false;
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  return (
    lines.length > 0 && lines.every((line) => line.includes('=')) && lines.some((line) => line.startsWith('device/'))
  );
}

function isRocksDbFolder(folder: string): boolean {
  const entries = readdirSync(folder, { withFileTypes: true });
  if (!entries.every((entry) => entry.isFile() && ROCKSDB_FILE.test(entry.name))) return false;
  return !entries.some((entry) => entry.name === 'CURRENT') || validCurrent(folder);
}

// RocksDB's CURRENT names the live MANIFEST file, which exists beside it.
function validCurrent(folder: string): boolean {
  const text = readStart(path.join(folder, 'CURRENT'), 256);
  const manifest = text === null ? null : CURRENT_CONTENT.exec(text)?.[1];
  return (
    manifest !== undefined &&
    manifest !== null &&
    statSync(path.join(folder, manifest), { throwIfNoEntry: false })?.isFile() === true
  );
}

// Corestore 6: cores/ab/cd/<discovery key abcd…>/{oplog,tree,bitfield,data}. The migration empties it
// core by core, so empty folders at any level are its own leftovers.
function isV6CoresFolder(cores: string): boolean {
  for (const first of readdirSync(cores, { withFileTypes: true })) {
    if (!first.isDirectory() || !HEX_PAIR.test(first.name)) return false;
    const firstPath = path.join(cores, first.name);
    for (const second of readdirSync(firstPath, { withFileTypes: true })) {
      if (!second.isDirectory() || !HEX_PAIR.test(second.name)) return false;
      const secondPath = path.join(firstPath, second.name);
      for (const core of readdirSync(secondPath, { withFileTypes: true })) {
        const prefix = first.name + second.name;
        if (!core.isDirectory() || !DISCOVERY_KEY.test(core.name) || !core.name.startsWith(prefix)) return false;
        const files = readdirSync(path.join(secondPath, core.name), { withFileTypes: true });
        if (!files.every((file) => file.isFile() && V6_CORE_FILES.has(file.name))) return false;
      }
    }
  }
  return true;
}

// The first bytes of a file as text, or null when it is not a readable regular file or is longer.
// Checked before opening: a FIFO named CURRENT would block the open.
function readStart(file: string, limit: number): string | null {
  if (lstatSync(file, { throwIfNoEntry: false })?.isFile() !== true) return null;
  const descriptor = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(limit + 1);
    const length = readSync(descriptor, buffer, 0, buffer.length, 0);
    return length > limit ? null : buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(descriptor);
  }
}
