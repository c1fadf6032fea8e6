// The piped writer's baseline work, shared by its two forms (a script of its own, and the same
// appends in the bench process): the chunks stdin delivers, each split into runs of consecutive
// lines bound for one core (the product's own routing) and of at most the product's batch size
// (smaller appends are faster: model/append-batch.ts), each run one append, awaited before the next.
import { MAX_BATCH_LINES } from '../../source/model/append-batch.js';
import { routeLine, type SubCoreName } from '../../source/model/routing.js';

export async function appendInRuns(
  chunks: AsyncIterable<string>,
  cores: Record<SubCoreName, { append(blocks: Buffer[]): Promise<unknown> }>,
): Promise<void> {
  let partial = '';
  for await (const chunk of chunks) {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    let run: { core: SubCoreName; blocks: Buffer[] } | null = null;
    for (const line of lines) {
      const routed = routeLine(line);
      if (!routed) continue;
      if (run && (run.core !== routed.core || run.blocks.length === MAX_BATCH_LINES)) {
        await cores[run.core].append(run.blocks);
        run = null;
      }
      run ??= { core: routed.core, blocks: [] };
      run.blocks.push(routed.block);
    }
    if (run) await cores[run.core].append(run.blocks);
  }
}
