import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import RowCachedOutput from '../../source/terminal/ink/output.js';
import { measureText, widestLine } from '../../source/terminal/ink/measures.js';
import wrapText from '../../source/terminal/ink/wrap-text.js';

// Ink's own Output, by path: Ink's package exports do not name it.
const inkBuild = dirname(createRequire(import.meta.url).resolve('ink'));
type Operations = (output: OutputLike) => void;
interface OutputLike {
  write(
    x: number,
    y: number,
    text: string,
    options: { transformers: Array<(line: string, index: number) => string> },
  ): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}
const { default: InkOutput } = (await import(pathToFileURL(join(inkBuild, 'output.js')).href)) as {
  default: new (options: { width: number; height: number }) => OutputLike;
};

function both(width: number, height: number, operations: Operations): { ink: string; ours: string } {
  const ink = new InkOutput({ width, height });
  const ours = new RowCachedOutput({ width, height }) as unknown as OutputLike;
  operations(ink);
  operations(ours);
  const [a, b] = [ink.get(), ours.get()];
  assert.equal(b.height, a.height);
  return { ink: a.output, ours: b.output };
}

const SGR = ['\x1b[1m', '\x1b[22m', '\x1b[2m', '\x1b[7m', '\x1b[27m', '\x1b[31m', '\x1b[36m', '\x1b[39m', '\x1b[90m'];
const RESET = '\x1b[0m';
const piece = fc.oneof(
  fc.constantFrom(...SGR, RESET),
  fc.constantFrom('a', 'block 12', ' ', '│', '╭─╮', '日本', '😀', 'é', '👍🏽', '\n', '#0041 ', '…'),
  fc.string({ maxLength: 6 }),
);
const text = fc.array(piece, { minLength: 1, maxLength: 12 }).map((pieces) => pieces.join(''));
const transformer = fc.constantFrom(
  (line: string) => `\x1b[36m${line}\x1b[39m`,
  (line: string, index: number) => (index === 0 ? `\x1b[1m${line}\x1b[22m` : line),
);
const operation = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('write' as const),
      x: fc.integer({ min: -2, max: 30 }),
      y: fc.integer({ min: -2, max: 8 }),
      text,
      transformers: fc.array(transformer, { maxLength: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('clip' as const),
      clip: fc.record(
        {
          x1: fc.integer({ min: 0, max: 10 }),
          x2: fc.integer({ min: 5, max: 30 }),
          y1: fc.integer({ min: 0, max: 3 }),
          y2: fc.integer({ min: 2, max: 8 }),
        },
        { requiredKeys: [] },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'unclip' as const }) },
);

const play =
  (operations: ReadonlyArray<Parameters<typeof apply>[1]>): Operations =>
  (output) => {
    for (const each of operations) apply(output, each);
  };

function apply(
  output: OutputLike,
  each:
    | {
        type: 'write';
        x: number;
        y: number;
        text: string;
        transformers: Array<(line: string, index: number) => string>;
      }
    | { type: 'clip'; clip: { x1?: number; x2?: number; y1?: number; y2?: number } }
    | { type: 'unclip' },
): void {
  if (each.type === 'write') output.write(each.x, each.y, each.text, { transformers: each.transformers });
  else if (each.type === 'clip') output.clip(each.clip);
  else output.unclip();
}

test("draws exactly Ink's string, for any writes, clips, styles and wide characters", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 24 }),
      fc.integer({ min: 1, max: 6 }),
      fc.array(operation, { maxLength: 10 }),
      (width, height, operations) => {
        const { ink, ours } = both(width, height, play(operations));
        assert.equal(ours, ink);
      },
    ),
    { numRuns: 3000 },
  );
});

test("panes side by side: rows joined without cells are Ink's rows, frame after frame", () => {
  // In Ink's order: the border (top, then each side as one column of text), then the rows.
  const pane = (x: number, lines: string[]) => (output: OutputLike) => {
    const side = Array.from(lines, () => '│').join('\n');
    output.write(x, 0, `╭${'─'.repeat(18)}╮`, { transformers: [(line) => `\x1b[90m${line}\x1b[39m`] });
    output.write(x, 1, side, { transformers: [] });
    output.write(x + 19, 1, side, { transformers: [] });
    lines.forEach((line, index) => output.write(x + 2, index + 1, line, { transformers: [] }));
  };
  for (let frame = 0; frame < 5; frame++) {
    const left = [`\x1b[2m${frame}\x1b[22m first`, '日本語 😀', `\x1b[7mmarked ${frame}\x1b[27m`];
    const right = [`#${frame + 1} \x1b[36mtext\x1b[39m`, '', 'plain'];
    const { ink, ours } = both(44, 4, (output) => {
      pane(0, left)(output);
      pane(21, right)(output);
    });
    assert.equal(ours, ink);
    assert.match(ours, new RegExp(`marked ${frame}`));
  }
});

test("widest line and measured text are Ink's figures, also when asked again", async () => {
  const { default: inkMeasureText } = (await import(pathToFileURL(join(inkBuild, 'measure-text.js')).href)) as {
    default: (text: string) => { width: number; height: number };
  };
  const { default: inkWidestLine } = await import('widest-line');
  fc.assert(
    fc.property(text, (sample) => {
      for (let again = 0; again < 2; again++) {
        assert.equal(widestLine(sample), inkWidestLine(sample));
        assert.deepEqual(measureText(sample), inkMeasureText(sample));
      }
    }),
    { numRuns: 2000 },
  );
  assert.deepEqual(measureText(''), { width: 0, height: 0 });
});

test("wrapped and truncated text is Ink's, at every width and kind", async () => {
  const { default: inkWrapText } = (await import(pathToFileURL(join(inkBuild, 'wrap-text.js')).href)) as {
    default: typeof wrapText;
  };
  const kind = fc.constantFrom('wrap', 'truncate', 'truncate-end', 'truncate-middle', 'truncate-start', 'end');
  fc.assert(
    fc.property(text, fc.integer({ min: 1, max: 12 }), kind, (sample, width, wrapType) => {
      assert.equal(wrapText(sample, width, wrapType), inkWrapText(sample, width, wrapType));
      assert.equal(wrapText(sample, width, wrapType), inkWrapText(sample, width, wrapType));
    }),
    { numRuns: 2000 },
  );
});

// Not a swap but a patch at run time: source/hooks/use-key-press.ts wraps the 'input' emitter of
// Ink's stdin context to drop keys Ink itself throws on. This is the flaw it works around; once an
// Ink upgrade names these keys or stops reading them as Ctrl, the wrapper can go.
test("Ink still reads ESC[5X as a Ctrl key it has no name for (use-key-press's guard is needed)", async () => {
  const { default: parseKeypress } = (await import(pathToFileURL(join(inkBuild, 'parse-keypress.js')).href)) as {
    default: (data: string) => { name?: string; ctrl: boolean };
  };
  for (const sequence of ['\x1b[5X', '\x1b[31m']) {
    const key = parseKeypress(sequence);
    assert.equal(key.ctrl, true, sequence);
    assert.equal(key.name, undefined, sequence);
  }
});
