import messages, { type HeaderMessage } from 'hyperbee/lib/messages.js';

// Block 0 of a Hyperbee (and of a Hyperdrive's file table), decoded by hyperbee's own codec; null
// when the bytes are not a header whose protocol is `hyperbee` (docs/data-model.md#decoded-cores).
export function hyperbeeHeader(blockZero: Uint8Array): HeaderMessage | null {
  try {
    const header = messages.Header.decode(blockZero);
    return header.protocol === 'hyperbee' ? header : null;
  } catch {
    return null;
  }
}
