import type Hypercore from 'hypercore';
import { MAX_BLOCK_ZERO_BYTES, oversizedReason } from '../model/block-zero.js';
import { UserFacingError } from '../model/user-facing-error.js';

// Block 0 as read, or the reason it is not read (it is too big to be a list of sub-cores).
export type BlockZeroRead = Buffer | string;

export interface BlockZeroHandlers {
  // Block 0, first as the core had it, then each new one its writer wrote after cutting it off;
  // `fork` is null for the first.
  read: (found: BlockZeroRead, fork: number | null) => void;
  // The writer truncated the core to nothing: a new block 0 may follow.
  cut: (fork: number) => void;
  failed: (error: unknown) => void;
}

// The signed Merkle tree tells how many bytes the blocks hold before any of them is downloaded:
// a block 0 over the limit is not fetched to be read as a list of sub-cores. The reason, or null.
async function oversizedBlockZero(core: Hypercore): Promise<string | null> {
  if (core.byteLength <= MAX_BLOCK_ZERO_BYTES) return null;
  const size = core.length === 1 ? core.byteLength : null;
  if (size === null) {
    const found = await core.seek(MAX_BLOCK_ZERO_BYTES);
    if (!found || found[0] > 0) return null;
  }
  return oversizedReason(size);
}

// Waits for the core to have a block 0 (a peer may bring it), then reads it.
function readBlockZero(core: Hypercore): Promise<BlockZeroRead> {
  return new Promise<void>((resolve) => {
    if (core.length > 0) return resolve();
    const onAppend = () => {
      if (core.length === 0) return;
      core.off('append', onAppend);
      core.off('peer-add', onPeer);
      resolve();
    };
    // A new peer may know a longer core: ask it.
    const onPeer = () => {
      core.update({ wait: true }).then(onAppend, () => {});
    };
    core.on('append', onAppend);
    core.on('peer-add', onPeer);
    core.update({ wait: true }).then(onAppend, () => {});
  }).then(async () => {
    const oversized = await oversizedBlockZero(core);
    if (oversized !== null) return oversized;
    const block = await core.get(0);
    if (!block) throw new UserFacingError('block 0 of the main core could not be read');
    return block;
  });
}

// Follows block 0 of the main core: reads it once it exists, and again each time its writer
// truncates the core to nothing and writes a new one (block 0 is what says which cores to show).
// Only the newest read is handed on: one begun before a later truncation is dropped.
export function followBlockZero(core: Hypercore, handlers: BlockZeroHandlers): { stop: () => void } {
  let reads = 0;
  let stopped = false;
  const read = (fork: number | null) => {
    const asked = ++reads;
    readBlockZero(core).then(
      (found) => {
        if (!stopped && asked === reads) handlers.read(found, fork);
      },
      (error: unknown) => {
        if (!stopped && asked === reads) handlers.failed(error);
      },
    );
  };
  const onTruncate = (length: number, fork: number) => {
    if (length > 0) return;
    handlers.cut(fork);
    read(fork);
  };
  core.on('truncate', onTruncate);
  read(null);
  return {
    stop() {
      stopped = true;
      core.off('truncate', onTruncate);
    },
  };
}
