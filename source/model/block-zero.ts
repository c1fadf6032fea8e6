export const MAX_BLOCK_ZERO_BYTES = 1024 * 1024;
export const MAX_SUB_CORES = 32;

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

export function parseBlockZero(bytes: Buffer, mainKey: Buffer): BlockZeroParse {
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
    if (keys.length >= MAX_SUB_CORES) notShown++;
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
