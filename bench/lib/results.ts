// What each measurement hands back: table rows for BENCHMARKS.md, notes, and the raw samples
// for bench/out/results.json.
import { round, summarize } from './stats.js';

export interface Row {
  figure: string;
  target: string;
  ours: string;
  baseline: string;
  // ours ÷ baseline, where both are the same kind of figure.
  ratio: string;
  meets: 'yes' | 'no' | '—';
}

export interface FigureResult {
  id: string;
  title: string;
  rows: Row[];
  notes: string[];
  samples: Record<string, unknown>;
  seconds: number;
  // The machine while the figure ran: % of the time some task waited for a CPU (PSI), and the
  // 1-minute load average at its end.
  machine?: { cpuStallPercent: number | null; loadAverage1m: number };
  error?: string;
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value >= 1000 ? `${round(value / 1000)} s` : `${round(value)} ms`;
}

// "median (min–max, n runs)" for a handful of runs.
export function spread(samples: readonly number[], format: (value: number) => string): string {
  const summary = summarize(samples);
  if (summary.n === 0) return 'n/a';
  if (summary.n === 1) return format(summary.median);
  return `${format(summary.median)} (${format(summary.min)}–${format(summary.max)}, n=${summary.n})`;
}

export function ratio(ours: number, baseline: number): string {
  if (!Number.isFinite(ours) || !Number.isFinite(baseline) || baseline === 0) return 'n/a';
  return `${round(ours / baseline, 2)}×`;
}

export function meets(ok: boolean | null): Row['meets'] {
  return ok === null ? '—' : ok ? 'yes' : 'no';
}

export function perSecond(value: number): string {
  return `${Math.round(value).toLocaleString('en-US')}/s`;
}

export function megabytes(kb: number): string {
  return Number.isFinite(kb) ? `${round(kb / 1024)} MB` : 'n/a';
}

export function roundAll(samples: readonly number[]): number[] {
  return samples.map((value) => Math.round(value * 100) / 100);
}

// Where a run keeps every raw sample, beside BENCHMARKS.md's summary; not committed.
export const RAW_RESULTS = 'bench/out/results.json';
