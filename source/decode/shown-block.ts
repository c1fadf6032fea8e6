// A block of a core as every output shows it (docs/data-model.md#decoded-cores): decoded when its
// core's format has a decoder, else by the block-form rules. Panes, the block view, search, copies,
// --plain and --json all come through here, so each shows a block the same way.
import { aloneNotice } from '../model/block-zero.js';
import { blockCopyText, blockLineText, type BlockEncoding } from '../text/block-encoding.js';
import { blockDetailLayout, fieldsDetailLayout, type BlockDetailLayout } from '../text/detail.js';
import type { SanitizeTarget } from '../text/sanitize.js';
import { decodeBlock } from './decode-block.js';
import type { CoreFormat } from './decoded-block.js';
import { decodedCopyText, decodedFields, decodedKind, decodedLineText } from './decoded-line.js';

/** `decoded`: the text is a decoded block's line (what it did), not its bytes. */
export type ShownEncoding = BlockEncoding | 'decoded';

const FORMAT_NAMES: Record<CoreFormat['kind'], string> = {
  raw: 'Hypercore',
  bee: 'Hyperbee',
  bee2: 'hyperbee2',
  drive: 'Hyperdrive file table',
};

/** What the pane title calls a core of this format; empty for a raw core. */
export function formatTag(format: CoreFormat): string {
  return format.kind === 'raw' ? '' : format.kind;
}

/**
 * The notice line for the main core shown alone: what it is when its block 0 says so (a bee),
 * else why block 0 lists no sub-core (`reason`).
 */
export function aloneNoticeFor(reason: string, format: CoreFormat | undefined): string {
  if (!format || format.kind === 'raw') return aloneNotice(reason);
  return `a ${FORMAT_NAMES[format.kind]}: showing its nodes decoded`;
}

/** The block as one line: what --plain prints and search matches. */
export function shownLineText(
  format: CoreFormat,
  seq: number,
  bytes: Uint8Array,
  target: SanitizeTarget = 'screen',
): { text: string; encoding: ShownEncoding } {
  const decoded = decodeBlock(format, seq, bytes);
  if (decoded === null) return blockLineText(bytes, undefined, target);
  return { text: decodedLineText(decoded, bytes, target), encoding: 'decoded' };
}

/** What `c` copies in the block view. */
export function shownCopyText(format: CoreFormat, seq: number, bytes: Uint8Array): string {
  const decoded = decodeBlock(format, seq, bytes);
  return decoded === null ? blockCopyText(bytes) : decodedCopyText(decoded, bytes);
}

// The layout last made of each decoded block, as blockDetailLayout keeps its own.
const layouts = new WeakMap<
  Uint8Array,
  { format: CoreFormat; seq: number; width: number; layout: BlockDetailLayout }
>();

/** The block whole, for the block view: a decoded block field by field. */
export function shownDetailLayout(
  format: CoreFormat,
  seq: number,
  bytes: Uint8Array,
  width: number,
): BlockDetailLayout {
  const decoded = decodeBlock(format, seq, bytes);
  if (decoded === null) return blockDetailLayout(bytes, width);
  const last = layouts.get(bytes);
  if (last && last.format === format && last.seq === seq && last.width === width) return last.layout;
  const label = `${FORMAT_NAMES[format.kind]} ${decodedKind(decoded)}`;
  const layout = fieldsDetailLayout(decodedFields(decoded, seq, bytes), width, label, bytes.length);
  layouts.set(bytes, { format, seq, width, layout });
  return layout;
}
