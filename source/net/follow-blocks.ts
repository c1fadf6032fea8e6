import type Hypercore from 'hypercore';

const PREFETCH = 512;

// Hands every block of a core to `onBlock` in order, history first, then live appends,
// until `stop` is called. Blocks ahead are requested in parallel so remote history streams.
// When the writer truncates the core, `onTruncate` hears of it and following goes on from the new
// length: the blocks of the new history come to `onBlock` again under the numbers they replace.
export function followBlocks(
  core: Hypercore,
  onBlock: (seq: number, block: Buffer) => void,
  onTruncate: (length: number, fork: number) => void = () => {},
): { stop: () => void } {
  let stopped = false;
  let seq = 0;
  let wake: (() => void) | null = null;
  // Ends the batch being read: its blocks may be of the history that was cut off, or never come.
  let cutBatch: (() => void) | null = null;
  const onAppend = () => {
    wake?.();
  };
  const onTruncated = (length: number, fork: number) => {
    seq = Math.min(seq, length);
    cutBatch?.();
    onTruncate(length, fork);
    wake?.();
  };
  core.on('append', onAppend);
  core.on('truncate', onTruncated);

  (async () => {
    while (!stopped) {
      if (seq >= core.length) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
        continue;
      }
      let cut = false;
      const batchCut = new Promise<null>((resolve) => {
        cutBatch = () => {
          cut = true;
          resolve(null);
        };
      });
      const end = Math.min(core.length, seq + PREFETCH);
      const pending: Array<Promise<Buffer | null>> = [];
      for (let next = seq; next < end; next++) pending.push(core.get(next).catch(() => null));
      for (const request of pending) {
        const block = await Promise.race([request, batchCut]);
        if (stopped) return;
        if (cut || !block) break;
        onBlock(seq, block);
        seq++;
      }
      cutBatch = null;
      if (core.closed) return;
    }
  })().catch(() => {
    // The core closed under us: that is how following ends.
  });

  return {
    stop() {
      stopped = true;
      core.off('append', onAppend);
      core.off('truncate', onTruncated);
      cutBatch?.();
      wake?.();
    },
  };
}
