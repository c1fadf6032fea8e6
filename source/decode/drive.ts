// A Hyperdrive's file table, read as file operations (docs/data-model.md#decoded-cores). The table is
// a Hyperbee: its nodes come decoded by the bee's rules, and each is turned here into what it did to
// a file. Keys and values come from a remote, so anything hyperdrive would not have written is shown
// as undecodable, with the reason, never thrown.
import { MAX_DECODED_BYTES, sanitizeBytes, type TextRun } from '../text/sanitize.js';
import type { BlobRange, DecodedBlock, FileOp } from './decoded-block.js';

// hyperdrive keys its table with `new SubEncoder('files', 'utf-8')`: the prefix, a 0 byte, the path.
const FILES_PREFIX = Buffer.from('files\0', 'latin1');
// A path longer than this is not one hyperdrive would write: shown undecodable rather than kept.
const MAX_PATH_BYTES = 4096;
const BLOB_FIELDS = ['blockOffset', 'blockLength', 'byteOffset', 'byteLength'] as const;

const textOf = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString();

const undecodable = (reason: string): DecodedBlock => ({ kind: 'undecodable', reason });

// The path of a file table key, or null when the key is not under hyperdrive's `files` prefix.
export function filePathOf(key: Uint8Array): string | null {
  if (key.length <= FILES_PREFIX.length || key.length > FILES_PREFIX.length + MAX_PATH_BYTES) return null;
  if (!FILES_PREFIX.equals(key.subarray(0, FILES_PREFIX.length))) return null;
  const path = textOf(key.subarray(FILES_PREFIX.length));
  return path.startsWith('/') && !path.includes('\ufffd') ? path : null;
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function blobRangeOf(value: unknown): BlobRange | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'object') return undefined;
  const fields = value as Record<string, unknown>;
  if (!BLOB_FIELDS.every((field) => isCount(fields[field]))) return undefined;
  const [blockOffset, blockLength, byteOffset, byteLength] = BLOB_FIELDS.map((field) => fields[field] as number);
  return { blockOffset, blockLength, byteOffset, byteLength };
}

// A file table entry (its value is hyperdrive's JSON `{executable, linkname, blob, metadata}`) as the
// put or symlink it is; a reason when the value is not such an entry.
export function fileEntryOf(path: string, value: Uint8Array): FileOp | string {
  let entry: unknown;
  try {
    entry = JSON.parse(textOf(value));
  } catch {
    return 'the entry is not JSON';
  }
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'the entry is not a JSON object';
  const { executable, linkname, blob } = entry as Record<string, unknown>;
  if (typeof linkname === 'string' && linkname.length > 0) return { op: 'symlink', path, target: linkname };
  if (linkname !== null && linkname !== undefined) return 'the entry has a linkname that is not text';
  const range = blobRangeOf(blob ?? null);
  if (range === undefined) return 'the entry has a blob that is not a range of the blobs core';
  return { op: 'put', path, size: range?.byteLength ?? 0, executable: executable === true, blob: range };
}

// A file table block, from its bee node, as a file operation. The header and what the bee's
// decoder refused pass through as they are.
export function fileBlock(block: DecodedBlock): DecodedBlock {
  if (block.kind !== 'bee') return block;
  const path = filePathOf(block.op.key);
  if (path === null) return undecodable('the key is not a file path of a drive');
  if (block.op.op === 'del') return { kind: 'file', op: { op: 'del', path } };
  const entry = fileEntryOf(path, block.op.value);
  return typeof entry === 'string' ? undecodable(entry) : { kind: 'file', op: entry };
}

/** A file a drive's block put. */
export type FilePut = Extract<FileOp, { op: 'put' }>;

// The file a drive's block put, if it put one.
export function filePutOf(block: DecodedBlock | null): FilePut | undefined {
  return block?.kind === 'file' && block.op.op === 'put' ? block.op : undefined;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

// A file's size as `21 B`, `3.2 KiB`, `41 MiB`: three figures at most.
export function sizeText(bytes: number): string {
  let size = bytes;
  let unit = 0;
  while (size >= 1024 && unit < UNITS.length - 1) {
    size /= 1024;
    unit++;
  }
  const shown = unit === 0 || size >= 10 ? String(Math.round(size)) : size.toFixed(1);
  return `${shown} ${UNITS[unit]}`;
}

// A file as one row of the file tree (the key-order view of a drive, as `drives ls` lists it), for
// the key-order pane to draw in place of `KEY → VALUE`: `/README.md  31 B`, `/run  11 B  executable`,
// `/link → /README.md`, or the path and why the entry is not a file's. Paths and targets are remote
// text: sanitized for the screen, at most `maxBytes` of each.
export function fileTreeRuns(key: Uint8Array, value: Uint8Array, maxBytes = MAX_DECODED_BYTES): TextRun[] {
  const text = (line: string): TextRun[] => {
    const { runs, cut } = sanitizeBytes(Buffer.from(line, 'utf8'), maxBytes, 'screen');
    return cut ? [...runs, { text: '…', escaped: true }] : runs;
  };
  const path = filePathOf(key);
  if (path === null) return [{ text: 'not a file of a drive', escaped: true }];
  const entry = fileEntryOf(path, value);
  if (typeof entry === 'string') return [...text(path), { text: `  (${entry})`, escaped: true }];
  if (entry.op === 'symlink') return [...text(path), { text: ' → ', escaped: false }, ...text(entry.target)];
  if (entry.op === 'del') return text(path);
  return [
    ...text(path),
    { text: `  ${sizeText(entry.size)}${entry.executable ? '  executable' : ''}`, escaped: false },
  ];
}

// What a drive pane's title says beside `drive` (docs/screen.md#file-view): the drive's version (its
// file table's length) and its blobs core's length and blocks here, `v7 · blobs 6 / 2 local`.
export function driveFigures(version: number, blobs: { length: number; local: number } | null): string {
  return `v${version} · blobs ${blobs ? `${blobs.length} / ${blobs.local} local` : '…'}`;
}
