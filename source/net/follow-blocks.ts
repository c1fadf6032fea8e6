import type Hypercore from 'hypercore';

const PREFETCH = 512;

// Hands every block of a core to `onBlock` in order, history first, then live appends,
// until `stop` is called. Blocks ahead are requested in parallel so remote history streams.
export function followBlocks(core: Hypercore, onBlock: (seq: number, block: Buffer) => void): { stop: () => void } {
  let stopped = false;
  let wake: (() => void) | null = null;
  const onAppend = () => {
    wake?.();
  };
  core.on('append', onAppend);

  (async () => {
    let seq = 0;
    while (!stopped) {
      if (seq >= core.length) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
        continue;
      }
      const end = Math.min(core.length, seq + PREFETCH);
      const pending: Array<Promise<Buffer | null>> = [];
      for (let next = seq; next < end; next++) pending.push(core.get(next).catch(() => null));
      for (const request of pending) {
        const block = await request;
        if (stopped) return;
        if (!block) break;
        onBlock(seq, block);
        seq++;
      }
      if (core.closed) return;
    }
  })().catch(() => {
    // The core closed under us: that is how following ends.
  });

  return {
    stop() {
      stopped = true;
      core.off('append', onAppend);
      wake?.();
    },
  };
}
