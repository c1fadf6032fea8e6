import { progressBar } from '../text/progress-bar.js';

// A seeding reader's figures for one of its cores (the main core is core-1).
export interface SeedFigures {
  // The main key whose core this is.
  mainKey: Buffer;
  core: string;
  key: Buffer;
  // False until the core's length is known from a peer or the disk: nothing to count against yet.
  started: boolean;
  local: number;
  length: number;
  seeded: boolean;
}

export interface SeedTotals {
  local: number;
  length: number;
  // Every core started and complete.
  seeded: boolean;
}

export function seedTotals(figures: readonly SeedFigures[]): SeedTotals {
  let local = 0;
  let length = 0;
  for (const figure of figures) {
    local += Math.min(figure.local, figure.length);
    length += figure.length;
  }
  const seeded = figures.length > 0 && figures.every((figure) => figure.started && figure.seeded);
  return { local, length, seeded };
}

// The notice line of a seeding reader.
export function describeSeeding(figures: readonly SeedFigures[]): string {
  const { local, length, seeded } = seedTotals(figures);
  const blocks = (count: number) => count.toLocaleString('en-US');
  if (seeded) return `seeded: all ${blocks(length)} blocks of ${figures.length} cores here, serving them`;
  if (!figures.some((figure) => figure.started)) return 'seeding: asking peers how long the cores are…';
  return `seeding ${progressBar(local, length)} · ${blocks(local)} / ${blocks(length)} blocks`;
}
