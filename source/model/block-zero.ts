export const MAX_BLOCK_ZERO_BYTES = 1024 * 1024;
export const MAX_SUB_CORES = 32;
// Panes of all the keys a reader was given, at most (docs/command-line.md#several-keys).
export const MAX_PANES = 64;

// Each key's equal share of MAX_PANES, never more than one block 0 may list.
export function subCoresPerKey(keys: number): number {
  return Math.max(1, Math.min(MAX_SUB_CORES, Math.floor(MAX_PANES / keys)));
}

export interface BlockZero {
  keys: Buffer[];
  // Entries that were not 32-byte hex keys, repeated, or the main key itself.
  skipped: number;
  // Valid keys beyond MAX_SUB_CORES.
  notShown: number;
}

// Not a list of sub-cores: then the core is shown alone, as any Hypercore (docs/data-model.md#any-core), and
// `reason` says why in one line. `skipped`: entries of an otherKeys list that were not usable.
export type BlockZeroParse = { ok: true; value: BlockZero } | { ok: false; reason: string; skipped: number };

const notAList = (reason: string): BlockZeroParse => ({ ok: false, reason, skipped: 0 });

// The one line that says why the main key's core is the only pane.
export function aloneNotice(reason: string): string {
  return `${reason}: showing this core alone`;
}

export function oversizedReason(bytes: number | null): string {
  return `block 0 is over the 1 MiB limit${bytes === null ? '' : ` (${bytes} bytes)`}`;
}

// While the writer has cut the main core to nothing and its new block 0 has not come.
export function cutNotice(fork: number): string {
  return `core-1 truncated to 0 blocks by its writer (fork ${fork}): waiting for its new block 0`;
}

// What a block 0 gave: the main core shown alone, or the sub-cores it lists.
export interface PaneSet {
  alone: boolean;
  keys: readonly Buffer[];
}

// Named in a notice, at most this many sub-cores that came or left; the rest are counted.
const NAMED_IN_NOTICE = 3;

function shortKeys(keys: readonly Buffer[]): string {
  const named = keys.slice(0, NAMED_IN_NOTICE).map((key) => key.toString('hex').slice(0, 8));
  const more = keys.length - named.length;
  return `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

const subCores = (count: number): string => `${count} sub-core${count === 1 ? '' : 's'}`;

// One line: what the writer's new block 0 changed in the panes.
export function rewriteNotice(fork: number, before: PaneSet, after: PaneSet): string {
  const head = `block 0 rewritten by its writer (fork ${fork})`;
  if (after.alone) return before.alone ? head : `${head}: it lists no sub-core now`;
  if (before.alone) return `${head}: it lists ${subCores(after.keys.length)} now`;
  const had = new Set(before.keys.map((key) => key.toString('hex')));
  const has = new Set(after.keys.map((key) => key.toString('hex')));
  const came = after.keys.filter((key) => !had.has(key.toString('hex')));
  const left = before.keys.filter((key) => !has.has(key.toString('hex')));
  const changes = [
    came.length > 0 ? `${shortKeys(came)} came` : '',
    left.length > 0 ? `${shortKeys(left)} left` : '',
  ].filter(Boolean);
  return `${head}: ${changes.length > 0 ? changes.join(', ') : 'the same sub-cores'}`;
}

// At most `maxSubCores` keys are taken; the valid ones past them are counted as not shown.
export function parseBlockZero(bytes: Buffer, mainKey: Buffer, maxSubCores = MAX_SUB_CORES): BlockZeroParse {
  if (bytes.length > MAX_BLOCK_ZERO_BYTES) return notAList(oversizedReason(bytes.length));
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return notAList('block 0 is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return notAList('block 0 is not a JSON object');
  }
  const otherKeys = (parsed as { otherKeys?: unknown }).otherKeys;
  if (!Array.isArray(otherKeys)) return notAList('block 0 has no otherKeys list');

  const seen = new Set<string>([mainKey.toString('hex')]);
  const keys: Buffer[] = [];
  let skipped = 0;
  let notShown = 0;
  for (const entry of otherKeys) {
    if (typeof entry !== 'string' || !/^[0-9a-fA-F]{64}$/.test(entry) || seen.has(entry.toLowerCase())) {
      skipped++;
      continue;
    }
    seen.add(entry.toLowerCase());
    if (keys.length >= maxSubCores) notShown++;
    else keys.push(Buffer.from(entry, 'hex'));
  }
  if (keys.length === 0) {
    return { ok: false, reason: `block 0 lists no usable sub-core key (${skipped} skipped)`, skipped };
  }
  return { ok: true, value: { keys, skipped, notShown } };
}

export function encodeBlockZero(subKeys: Buffer[]): { otherKeys: string[] } {
  return { otherKeys: subKeys.map((key) => key.toString('hex')) };
}
