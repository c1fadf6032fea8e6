import messages from 'hyperbee/lib/messages.js';
import type { DecodedBlock } from './decoded-block.js';
import { hyperbeeHeader } from './hyperbee-header.js';

const KEY_BYTES = 32;

// A Hyperbee's block (docs/data-model.md#decoded-cores), decoded by hyperbee's own codecs: block 0
// is the header; every other block is a node, a put when it holds a value and a del when it holds
// none. Bytes the codec refuses are undecodable, with why; nothing here throws.
export function decodeBeeBlock(seq: number, bytes: Uint8Array): DecodedBlock {
  if (seq === 0) {
    const header = hyperbeeHeader(bytes);
    if (header === null) return { kind: 'undecodable', reason: 'not a Hyperbee header' };
    const contentFeed = header.metadata?.contentFeed;
    return {
      kind: 'header',
      protocol: header.protocol,
      metadata: header.metadata?.userData ?? null,
      ...(contentFeed && contentFeed.length >= KEY_BYTES ? { contentFeed: contentFeed.subarray(0, KEY_BYTES) } : {}),
    };
  }
  try {
    const node = messages.Node.decode(bytes);
    if (node.value === null) return { kind: 'bee', op: { op: 'del', key: node.key } };
    return { kind: 'bee', op: { op: 'put', key: node.key, value: node.value } };
  } catch (error) {
    return { kind: 'undecodable', reason: `not a Hyperbee node (${codecError(error)})` };
  }
}

// The codec's own words for what it refused, kept short: they go into one line.
function codecError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 60) || 'bad bytes';
}
