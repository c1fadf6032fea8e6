// Figure: what decoding costs a row (docs/speed.md#decoded-rows). A Hyperbee's node made into its
// line, put KEY → VALUE (decoded with hyperbee's codec, then key and value by the block-form rules),
// beside today's line of a text block of the same size; and both rows drawn whole. Each row is drawn from fresh bytes, as a
// block that has just come into view is: no cache helps. In this process, no network; the nodes
// are made by hyperbee's own codec, byte for byte what the package writes.
import messages from 'hyperbee/lib/messages.js';
import { blockRow, type RowLayout } from '../source/components/block-rows.js';
import { decodeBlock } from '../source/decode/decode-block.js';
import { decodedLine } from '../source/decode/decoded-line.js';
import { blockLine } from '../source/text/block-encoding.js';
import type { CoreFormat } from '../source/decode/decoded-block.js';
import { now } from '../harness/pty.js';
import type { Context } from './lib/context.js';
import { meets, ratio, roundAll, spread, type FigureResult } from './lib/results.js';
import { median } from './lib/stats.js';

const TARGET_US = 20;
const RUNS = 7;
const BEE: CoreFormat = { kind: 'bee' };
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

// Text blocks as the how-to's writer appends them, as long as the nodes.
function textBlocks(nodes: Buffer[]): Buffer[] {
  return nodes.map((node, n) => Buffer.from(`line ${n} `.padEnd(node.length - 1, 'abcdefgh ') + '\n'));
}

// Microseconds a row, over one pass of fresh copies of the blocks.
function perRow(blocks: Buffer[], draw: (seq: number, bytes: Buffer) => void): number {
  const fresh = blocks.map((block) => Buffer.from(block));
  const started = now();
  fresh.forEach((bytes, seq) => draw(seq + 1, bytes));
  return ((now() - started) * 1000) / blocks.length;
}

export async function measureDecode(context: Context): Promise<Omit<FigureResult, 'seconds'>> {
  const count = context.settings.quick ? 2_000 : 20_000;
  const nodes = beeNodes(count);
  const texts = textBlocks(nodes);
  const maxBytes = Math.max(64, LAYOUT.textWidth * 4);
  const passes = {
    // What decoding adds: the node decoded, its key and value each by the block-form rules.
    decodedLine: (seq: number, bytes: Buffer) => {
      const decoded = decodeBlock(BEE, seq, bytes);
      if (decoded) decodedLine(decoded, bytes, maxBytes, 'screen');
    },
    // Today's text row up to the same point: the block by the block-form rules.
    textLine: (_seq: number, bytes: Buffer) => void blockLine(bytes, maxBytes, 'screen'),
    // Whole rows, cut to the pane's width and styled, as a pane draws them.
    decodedRow: (seq: number, bytes: Buffer) => void blockRow({ seq, bytes }, LAYOUT, false, null, BEE),
    textRow: (seq: number, bytes: Buffer) => void blockRow({ seq, bytes }, LAYOUT, false, null, RAW),
  };
  const blocksOf = (name: keyof typeof passes) => (name.startsWith('decoded') ? nodes : texts);
  const samples: Record<keyof typeof passes, number[]> = { decodedLine: [], textLine: [], decodedRow: [], textRow: [] };
  const names = Object.keys(passes) as Array<keyof typeof passes>;
  // One pass each first: the JIT warms up on what it measures.
  for (const name of names) perRow(blocksOf(name), passes[name]);
  for (let run = 0; run < RUNS; run++) {
    for (const name of names) samples[name].push(perRow(blocksOf(name), passes[name]));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const [decoded, text] = [median(samples.decodedLine), median(samples.textLine)];
  const [decodedRow, textRow] = [median(samples.decodedRow), median(samples.textRow)];
  context.log(
    `decode: ${us(decoded)} a decoded line, ${us(text)} a text line; rows ${us(decodedRow)} and ${us(textRow)}`,
  );
  return {
    id: 'decode',
    title: 'Decoded rows: a Hyperbee node as a pane row',
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
        figure: 'the whole row drawn (cut to 50 columns, styled)',
        target: '—',
        ours: spread(samples.decodedRow, us),
        baseline: `${spread(samples.textRow, us)} (text row)`,
        ratio: ratio(decodedRow, textRow),
        meets: '—',
      },
    ],
    notes: [
      `${count} rows a run, each from fresh bytes (no cache), median of ${RUNS} runs after one warm-up pass.`,
      'Only rows in view (or asked for by a search) are ever decoded. Cutting a row to its width (the ' +
        'grapheme segmenter) is the same work for both and most of a row; the arrow of put KEY → VALUE, ' +
        'not ASCII, takes string-width off its fast path.',
    ],
    samples: Object.fromEntries(names.map((name) => [`${name}Us`, roundAll(samples[name])])),
  };
}
