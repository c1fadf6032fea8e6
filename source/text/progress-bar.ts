const BAR_CELLS = 10;

// `[####------] 40%` for the notice line: how far a search or a download got. Rounded down, so
// that 100% means done.
export function progressBar(done: number, total: number): string {
  const fraction = total <= 0 ? 1 : Math.min(1, Math.max(0, done / total));
  const filled = Math.floor(fraction * BAR_CELLS);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_CELLS - filled)}] ${Math.floor(fraction * 100)}%`;
}
