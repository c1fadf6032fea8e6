export type SubCoreName = 'core-2' | 'core-3';

export interface RoutedBlock {
  core: SubCoreName;
  block: Buffer;
}

// The how-to's writer appends what a terminal hands it: the line plus '\n'.
// Its `data.length < 5` rule is on those bytes, so 'abcd' (5 bytes with '\n') is long.
export function routeLine(line: string): RoutedBlock | null {
  if (line.length === 0) return null;
  const block = Buffer.from(`${line}\n`, 'utf8');
  return { core: block.length < 5 ? 'core-2' : 'core-3', block };
}
