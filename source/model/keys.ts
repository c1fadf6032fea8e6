import { decode, encode } from 'hypercore-id-encoding';
import { printableArgument } from '../text/printable.js';

export type KeyFormat = 'hex' | 'z32';

export type KeyParse = { ok: true; key: Buffer } | { ok: false; reason: string };

// Accepts exactly what docs/command-line.md#key allows: 64 hex or 52 z-base-32 characters.
// hypercore-id-encoding also takes pear:// links; those are not a key users paste here.
export function parseKey(text: string): KeyParse {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return { ok: true, key: Buffer.from(trimmed, 'hex') };
  if (/^[ybndrfg8ejkmcpqxot1uwisza345h769]{52}$/.test(trimmed)) {
    try {
      return { ok: true, key: decode(trimmed) };
    } catch {
      return { ok: false, reason: `"${printableArgument(trimmed, 80)}" is not a valid z-base-32 key` };
    }
  }
  return {
    ok: false,
    reason: `"${printableArgument(trimmed, 80)}" is not a key: expected 64 hex or 52 z-base-32 characters`,
  };
}

export function formatKey(key: Buffer, format: KeyFormat): string {
  return format === 'hex' ? key.toString('hex') : encode(key);
}

export function shortKey(key: Buffer, format: KeyFormat): string {
  return formatKey(key, format).slice(0, 8);
}
