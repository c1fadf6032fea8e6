// Figure: what decoding costs a row (docs/speed.md#decoded-rows). A Hyperbee's node made into its
// line, put KEY → VALUE (decoded with hyperbee's codec, then key and value by the block-form rules),
// beside today's line of a text block of the same size; and both rows drawn whole. Each row is drawn from fresh bytes, as a
// block that has just come into view is: no cache helps. In this process, no network; the nodes
// are made by hyperbee's own codec, byte for byte what the package writes. The code timed is
// bundled as the product is (bench/lib/decode-rows.ts), not run through tsx.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Corestore from 'corestore';
import messages from 'hyperbee/lib/messages.js';
import Hyperbee2 from 'hyperbee2';
import type { RowLayout } from '../source/components/block-rows.js';
import type { CoreFormat } from '../source/decode/decoded-block.js';
import { now } from '../harness/pty.js';
import type { Context } from './lib/context.js';
import { meets, ratio, roundAll, spread, type FigureResult } from './lib/results.js';
import { median } from './lib/stats.js';

const TARGET_US = 20;
const RUNS = 7;
const BEE: CoreFormat = { kind: 'bee' };
const BEE2: CoreFormat = { kind: 'bee2' };
const RAW: CoreFormat = { kind: 'raw' };
// A pane of a 120-column terminal, two panes side by side.
const LAYOUT: RowLayout = { seqWidth: 5, textWidth: 50, rowWidth: 56 };

const us = (value: number) => `${value.toFixed(2)} µs`;

function beeNodes(count: number): Buffer[] {
  return Array.from({ length: count }, (_, n) =>
    messages.Node.encode({
      index: Buffer.from([0x0a, 0x03, 0x0a, 0x01, 0x01]),
      key: Buffer.from(`user/${n}`),
      value: Buffer.from(JSON.stringify({ name: `user ${n}`, n, email: `user${n}@example.com` })),
    }),
  );
}

// The blocks hyperbee2 writes for the same entries, `batchSize` puts a write batch: a small batch is
// one short block, a large one fills blocks of about 4 KiB (docs/data-model.md#hyperbee2).
async function bee2Blocks(count: number, batchSize: number): Promise<Buffer[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'many-cores-bench-bee2-'));
  const store = new Corestore(dir);
  try {
    const bee = new Hyperbee2(store);
    await bee.ready();
    for (let from = 0; from < count; from += batchSize) {
      const batch = bee.write();
      for (let n = from; n < Math.min(count, from + batchSize); n++) {
        batch.tryPut(
          Buffer.from(`user/${n}`),
          Buffer.from(JSON.stringify({ name: `user ${n}`, n, email: `user${n}@example.com` })),
        );
      }
      await batch.flush();
    }
    const blocks: Buffer[] = [];
    for (let seq = 0; seq < bee.core.length; seq++) blocks.push((await bee.core.get(seq)) ?? Buffer.alloc(0));
    return blocks;
  } finally {
    await store.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

// Text blocks as the how-to's writer appends them, as long as the nodes.
function textBlocks(nodes: Buffer[]): Buffer[] {
  return nodes.map((node, n) => Buffer.from(`line ${n} `.padEnd(node.length - 1, 'abcdefgh ') + '\n'));
}

// A sample draws at least this many rows: the full hyperbee2 blocks are 170, and whether a garbage
// collection fell within so short a pass decided its sample more than the rows did.
const MIN_SAMPLE_ROWS = 2_000;

// Microseconds a row, over passes of fresh copies of the blocks, at least MIN_SAMPLE_ROWS rows.
function perRow(blocks: Buffer[], draw: (seq: number, bytes: Buffer) => void): number {
  const passes = Math.ceil(MIN_SAMPLE_ROWS / blocks.length);
  const fresh = Array.from({ length: passes }, () => blocks.map((block) => Buffer.from(block)));
  const started = now();
  for (const pass of fresh) pass.forEach((bytes, seq) => draw(seq + 1, bytes));
  return ((now() - started) * 1000) / (blocks.length * passes);
}

export async function measureDecode(context: Context): Promise<Omit<FigureResult, 'seconds'>> {
  const rows = (await import(pathToFileURL(context.children.decodeRows).href)) as typeof import('./lib/decode-rows.js');
  // A row keeps its block's decoding with the row it drew (source/components/block-rows.ts), the
  // cost the whole row's figure counts: a line is decoded as the row decodes it.
  const { blockLine, blockRow, decodeUncached, decodedLine } = rows;
  const count = context.settings.quick ? 2_000 : 20_000;
  const nodes = beeNodes(count);
  const texts = textBlocks(nodes);
  const maxBytes = Math.max(64, LAYOUT.textWidth * 4);
  // A hyperbee2 row is a block, which holds a batch or part of one: 4 puts, or a full block.
  const bee2Small = await bee2Blocks(count, 4);
  const bee2Full = await bee2Blocks(count, 500);
  const bee2Line = (seq: number, bytes: Buffer) => {
    const decoded = decodeUncached(BEE2, seq, bytes);
    if (decoded) decodedLine(decoded, bytes, maxBytes, 'screen');
  };
  const textLine = (_seq: number, bytes: Buffer) => void blockLine(bytes, maxBytes, 'screen');
  const passes = {
    // What decoding adds: the node decoded, its key and value each by the block-form rules.
    decodedLine: (seq: number, bytes: Buffer) => {
      const decoded = decodeUncached(BEE, seq, bytes);
      if (decoded) decodedLine(decoded, bytes, maxBytes, 'screen');
    },
    // Today's text row up to the same point: the block by the block-form rules.
    textLine: (_seq: number, bytes: Buffer) => void blockLine(bytes, maxBytes, 'screen'),
    // A raw core's block holding the node's value alone, JSON: parsed and compacted as the value is.
    jsonLine: (_seq: number, bytes: Buffer) => void blockLine(bytes, maxBytes, 'screen'),
    // Whole rows, cut to the pane's width and styled, as a pane draws them.
    decodedRow: (seq: number, bytes: Buffer) => void blockRow({ seq, bytes }, LAYOUT, false, null, BEE),
    textRow: (seq: number, bytes: Buffer) => void blockRow({ seq, bytes }, LAYOUT, false, null, RAW),
    bee2SmallLine: bee2Line,
    bee2SmallText: textLine,
    bee2FullLine: bee2Line,
    bee2FullText: textLine,
    bee2SmallRow: (seq: number, bytes: Buffer) => void blockRow({ seq, bytes }, LAYOUT, false, null, BEE2),
    bee2SmallTextRow: (seq: number, bytes: Buffer) => void blockRow({ seq, bytes }, LAYOUT, false, null, RAW),
    bee2FullRow: (seq: number, bytes: Buffer) => void blockRow({ seq, bytes }, LAYOUT, false, null, BEE2),
    bee2FullTextRow: (seq: number, bytes: Buffer) => void blockRow({ seq, bytes }, LAYOUT, false, null, RAW),
  };
  const values = nodes.map((node) => messages.Node.decode(node).value ?? Buffer.alloc(0));
  const blocks: Record<keyof typeof passes, Buffer[]> = {
    decodedLine: nodes,
    textLine: texts,
    jsonLine: values,
    decodedRow: nodes,
    textRow: texts,
    bee2SmallLine: bee2Small,
    bee2SmallText: textBlocks(bee2Small),
    bee2FullLine: bee2Full,
    bee2FullText: textBlocks(bee2Full),
    bee2SmallRow: bee2Small,
    bee2SmallTextRow: textBlocks(bee2Small),
    bee2FullRow: bee2Full,
    bee2FullTextRow: textBlocks(bee2Full),
  };
  const blocksOf = (name: keyof typeof passes) => blocks[name];
  const names = Object.keys(passes) as Array<keyof typeof passes>;
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
    keyof typeof passes,
    number[]
  >;
  // One pass each first: the JIT warms up on what it measures.
  for (const name of names) perRow(blocksOf(name), passes[name]);
  for (let run = 0; run < RUNS; run++) {
    for (const name of names) samples[name].push(perRow(blocksOf(name), passes[name]));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const [decoded, text] = [median(samples.decodedLine), median(samples.textLine)];
  const [decodedRow, textRow] = [median(samples.decodedRow), median(samples.textRow)];
  const [bee2SmallUs, bee2SmallTextUs] = [median(samples.bee2SmallLine), median(samples.bee2SmallText)];
  const [bee2FullUs, bee2FullTextUs] = [median(samples.bee2FullLine), median(samples.bee2FullText)];
  const meanBytes = (list: Buffer[]) => Math.round(list.reduce((sum, block) => sum + block.length, 0) / list.length);
  context.log(
    `decode: ${us(decoded)} a decoded line, ${us(text)} a text line; rows ${us(decodedRow)} and ${us(textRow)}; ` +
      `hyperbee2 ${us(bee2SmallUs)} (4 puts), ${us(bee2FullUs)} (a full block)`,
  );
  return {
    id: 'decode',
    title: 'Decoded rows: a Hyperbee node, and a hyperbee2 block, as a pane row',
    rows: [
      {
        figure: `decoding a bee node to its line (${nodes[0]?.length ?? 0}-byte nodes)`,
        target: `< ${TARGET_US} µs a row`,
        ours: spread(samples.decodedLine, us),
        baseline: `${spread(samples.textLine, us)} (a text block's line, same size)`,
        ratio: ratio(decoded, text),
        meets: meets(decoded < TARGET_US),
      },
      {
        figure: "context: the node's JSON value alone, as a raw block's line",
        target: '—',
        ours: '—',
        baseline: spread(samples.jsonLine, us),
        ratio: '—',
        meets: '—',
      },
      {
        figure: 'the whole row drawn (cut to 50 columns, styled)',
        target: '—',
        ours: spread(samples.decodedRow, us),
        baseline: `${spread(samples.textRow, us)} (text row)`,
        ratio: ratio(decodedRow, textRow),
        meets: '—',
      },
      {
        figure: `decoding a hyperbee2 block of 4 puts to its line (${meanBytes(bee2Small)} bytes)`,
        target: `< ${TARGET_US} µs a row`,
        ours: spread(samples.bee2SmallLine, us),
        baseline: `${spread(samples.bee2SmallText, us)} (a text block's line, same size)`,
        ratio: ratio(bee2SmallUs, bee2SmallTextUs),
        meets: meets(bee2SmallUs < TARGET_US),
      },
      {
        figure: `decoding a full hyperbee2 block to its line (${meanBytes(bee2Full)} bytes)`,
        target: `< ${TARGET_US} µs a row`,
        ours: spread(samples.bee2FullLine, us),
        baseline: `${spread(samples.bee2FullText, us)} (a text block's line, same size)`,
        ratio: ratio(bee2FullUs, bee2FullTextUs),
        meets: meets(bee2FullUs < TARGET_US),
      },
      ...(['Small', 'Full'] as const).map((size) => ({
        figure: `the whole row drawn, ${size === 'Small' ? 'a hyperbee2 block of 4 puts' : 'a full hyperbee2 block'}`,
        target: '—',
        ours: spread(samples[`bee2${size}Row`], us),
        baseline: `${spread(samples[`bee2${size}TextRow`], us)} (text row)`,
        ratio: ratio(median(samples[`bee2${size}Row`]), median(samples[`bee2${size}TextRow`])),
        meets: '—' as const,
      })),
    ],
    notes: [
      `${count} rows a run (at least ${MIN_SAMPLE_ROWS} a sample), each from fresh bytes (no cache), median of ` +
        `${RUNS} runs after one warm-up pass.`,
      'Only rows in view (or asked for by a search) are ever decoded. Cutting a row to its width segments ' +
        'graphemes only around what is not printable ASCII: the arrow of put KEY → VALUE takes the JSON ' +
        'value after it off that fast path.',
      'A hyperbee2 row is a whole block, decoded by hyperbee2 (keys, values and tree nodes) once while it ' +
        "stays in the window; only what its line shows is kept. hyperbee2's decode is most of a full block's row.",
      'The code timed is bundled as dist/ is (bench/lib/decode-rows.ts), not run through tsx.',
    ],
    samples: Object.fromEntries(names.map((name) => [`${name}Us`, roundAll(samples[name])])),
  };
}
