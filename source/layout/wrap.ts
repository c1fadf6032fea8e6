// A wrapped pane (w) scrolls by block, as an unwrapped one does: the blocks in its visible range
// are laid out from the bottom one up. The bottom block is whole (a block never takes more rows
// than the pane has), those above take what room is left, and the top one shown may show only
// its last rows (docs/screen.md#wrap).

/** The rows [from, to) of one block that are drawn; from === to when none are. */
export interface BlockSlice {
  from: number;
  to: number;
}

// `heights`: the rows each block of the visible range takes, top to bottom; `lines`: the pane's.
export function wrappedSlices(heights: readonly number[], lines: number): BlockSlice[] {
  const slices: BlockSlice[] = heights.map((height) => ({ from: height, to: height }));
  let room = lines;
  for (let index = heights.length - 1; index >= 0 && room > 0; index--) {
    const height = Math.min(heights[index], lines);
    const shown = Math.min(height, room);
    slices[index] = { from: height - shown, to: height };
    room -= shown;
  }
  return slices;
}
