// Ink 6.8 draws every frame through an Output: the renderer records where each piece of text goes,
// then get() lays every character of every line into a grid of styled cells and turns each row
// back into a string. Ink's caches last one frame, so an unchanged row is tokenized and measured
// again on every frame: most of a frame's cost on a screen of block rows. This Output takes the
// place of Ink's own (scripts/ink-swaps.mjs does the swap, for the bundle and for tsx runs alike)
// and returns the same string, keeping each row's result across frames, keyed by what was written
// to that row. test/unit/ink-swaps.test.ts holds it to Ink's own, output for output.
import {
  ansiCodesToString,
  diffAnsiCodes,
  reduceAnsiCodesIncremental,
  styledCharsFromTokens,
  styledCharsToString,
  tokenize,
  type AnsiCode,
  type StyledChar,
} from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';
import { RecentMap, widestLine, widthOf } from './measures.js';

type Transformer = (line: string, index: number) => string;

interface Clip {
  x1: number | undefined;
  x2: number | undefined;
  y1: number | undefined;
  y2: number | undefined;
}

type Operation =
  | { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] }
  | { type: 'clip'; clip: Clip }
  | { type: 'unclip' };

// Sized for two or three screens of rows and the lines they hold: what the next frame can reuse.
// Both hold strings a row or a line long, so a few megabytes at most.
const rows = new RecentMap<string>(512);

// What a row made of whole lines needs of a line, read in one pass over its tokens: its width, the
// styles of its first and last characters, and the string styledCharsToString makes of it between
// them. Its characters as cells are made only for a row that needs the grid.
interface StyledLine {
  columns: number;
  inner: string;
  // Null for a line with no characters.
  firstStyles: AnsiCode[] | null;
  lastStyles: AnsiCode[] | null;
}

const styledLines = new RecentMap<StyledLine>(512);

function styleLine(line: string): StyledLine {
  let styles: AnsiCode[] = [];
  let firstStyles: AnsiCode[] | null = null;
  let lastStyles: AnsiCode[] | null = null;
  let columns = 0;
  let inner = '';
  for (const token of tokenize(line)) {
    if (token.type === 'ansi') {
      styles = reduceAnsiCodesIncremental(styles, [token]);
      continue;
    }
    if (lastStyles === null) firstStyles = styles;
    else if (lastStyles !== styles) inner += ansiCodesToString(diffAnsiCodes(lastStyles, styles));
    inner += token.value;
    columns += Math.max(1, widthOf(token.value));
    lastStyles = styles;
  }
  return { columns, inner, firstStyles, lastStyles };
}

const styledLineOf = (line: string): StyledLine => styledLines.get(line, styleLine);
const blank = (): StyledChar => ({ type: 'char', value: ' ', fullWidth: false, styles: [] });

// One row as Ink builds it: blank cells, each write's characters laid over them in order (a wide
// character blanks the cells it covers), holes left by writes past the edge dropped, trailing
// spaces trimmed.
function drawRow(width: number, writes: ReadonlyArray<{ x: number; line: string }>): string {
  return drawRowOfWholeLines(width, writes) ?? drawRowOfCells(width, writes);
}

// The same string without the cells, when no two writes overlap and all sit inside the row (panes
// side by side, each with its borders): in column order, each line's inner string is joined to
// the next by the codes that go from one style to the other, as styledCharsToString joins cells.
function drawRowOfWholeLines(width: number, writes: ReadonlyArray<{ x: number; line: string }>): string | null {
  const placed = writes
    .map(({ x, line }) => ({ x, styled: styledLineOf(line) }))
    .sort((a, b) => a.x - b.x || a.styled.columns - b.styled.columns);
  let row = '';
  let column = 0;
  let styles: AnsiCode[] | null = null;
  const moveTo = (next: AnsiCode[]): string => ansiCodesToString(styles === null ? next : diffAnsiCodes(styles, next));
  for (const { x, styled } of placed) {
    if (x < column || x + styled.columns > width) return null;
    if (x > column) {
      row += moveTo([]) + ' '.repeat(x - column);
      styles = [];
    }
    if (styled.firstStyles && styled.lastStyles) {
      row += moveTo(styled.firstStyles) + styled.inner;
      styles = styled.lastStyles;
    }
    column = x + styled.columns;
  }
  if (column < width) {
    row += moveTo([]) + ' '.repeat(width - column);
    styles = [];
  }
  if (styles !== null) row += ansiCodesToString(diffAnsiCodes(styles, []));
  return row.trimEnd();
}

function drawRowOfCells(width: number, writes: ReadonlyArray<{ x: number; line: string }>): string {
  const cells: StyledChar[] = [];
  for (let x = 0; x < width; x++) cells.push(blank());
  for (const { x, line } of writes) {
    let offsetX = x;
    for (const character of styledCharsFromTokens(tokenize(line))) {
      cells[offsetX] = character;
      const characterWidth = Math.max(1, widthOf(character.value));
      for (let index = 1; index < characterWidth; index++) {
        cells[offsetX + index] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
      }
      offsetX += characterWidth;
    }
  }
  return styledCharsToString(cells.filter((cell) => cell !== undefined)).trimEnd();
}

export default class RowCachedOutput {
  readonly width: number;
  readonly height: number;
  private readonly operations: Operation[] = [];

  constructor(options: { width: number; height: number }) {
    this.width = options.width;
    this.height = options.height;
  }

  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void {
    if (!text) return;
    this.operations.push({ type: 'write', x, y, text, transformers: options.transformers });
  }

  clip(clip: Clip): void {
    this.operations.push({ type: 'clip', clip });
  }

  unclip(): void {
    this.operations.push({ type: 'unclip' });
  }

  get(): { output: string; height: number } {
    const writesByRow: Array<Array<{ x: number; line: string }>> = [];
    for (let y = 0; y < this.height; y++) writesByRow.push([]);
    const clips: Clip[] = [];
    for (const operation of this.operations) {
      if (operation.type === 'clip') clips.push(operation.clip);
      else if (operation.type === 'unclip') clips.pop();
      else this.place(operation, clips.at(-1), writesByRow);
    }
    const output = writesByRow.map((writes) => {
      if (writes.length === 0) return '';
      let key = `${this.width}`;
      for (const { x, line } of writes) key += `\u0000${x}\u0000${line}`;
      return rows.get(key, () => drawRow(this.width, writes));
    });
    return { output: output.join('\n'), height: this.height };
  }

  // Ink's clipping and placement, line by line; the characters are laid out per row in drawRow.
  private place(
    operation: Extract<Operation, { type: 'write' }>,
    clip: Clip | undefined,
    writesByRow: Array<Array<{ x: number; line: string }>>,
  ): void {
    const { text, transformers } = operation;
    let { x, y } = operation;
    let lines = text.split('\n');
    if (clip) {
      const clipHorizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
      const clipVertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
      if (clipHorizontally) {
        const width = widestLine(text);
        if (x + width < clip.x1! || x > clip.x2!) return;
      }
      if (clipVertically && (y + lines.length < clip.y1! || y > clip.y2!)) return;
      if (clipHorizontally) {
        const [x1, x2] = [clip.x1!, clip.x2!];
        lines = lines.map((line) => {
          const from = x < x1 ? x1 - x : 0;
          const width = widthOf(line);
          const to = x + width > x2 ? x2 - x : width;
          return sliceAnsi(line, from, to);
        });
        if (x < x1) x = x1;
      }
      if (clipVertically) {
        const [y1, y2] = [clip.y1!, clip.y2!];
        const from = y < y1 ? y1 - y : 0;
        const to = y + lines.length > y2 ? y2 - y : lines.length;
        lines = lines.slice(from, to);
        if (y < y1) y = y1;
      }
    }
    // Ink stops at the first line that falls outside the grid: the lines after it are lost too.
    for (const [index, original] of lines.entries()) {
      const writes = writesByRow[y + index];
      if (!writes) return;
      let line = original;
      for (const transformer of transformers) line = transformer(line, index);
      writes.push({ x, line });
    }
  }
}
