// What every measurement is given: the settings, the shared testnet, the baseline children.
import type { Children } from './children.js';
import type { LocalTestnet } from '../../harness/testnet.js';

export interface Settings {
  quick: boolean;
  // 1. append → screen
  latencyAppends: number;
  latencySpacingMs: number;
  // 2. piped writer
  pipedLines: number;
  pipedRuns: number;
  // 3. reader open
  openSmall: number;
  openLarge: number;
  openRuns: number;
  // 4. soak
  soakSeconds: number;
  soakRate: number;
  // Rounds of the three soak readers (screen, bare follower, plain), interleaved.
  soakRuns: number;
  // Resident memory and CPU are read this often during a soak.
  soakSampleMs: number;
  // Take a heap snapshot of the screen reader at the end of each of its soaks.
  heapSnapshot: boolean;
  // Write a CPU profile of the screen reader over each of its soaks.
  cpuProfile: boolean;
  // Which soak readers run (all three unless narrowed for a profile).
  soakReaders: readonly string[];
  // 5. start and quit
  startRuns: number;
  // 6. seeding: a core of this many blocks, copied by `reader --seed` and a bare download
  seedBlocks: number;
  seedRuns: number;
  // Resident memory is read this often while seeding.
  seedSampleMs: number;
  // 7. many readers: one writer at this many one-line appends a second, for this long, per case
  manyReadersRate: number;
  manyReadersSeconds: number;
  // 7. a bee of this many entries, its first page in key order
  beeEntries: number;
  beeRuns: number;
}

export interface Context {
  settings: Settings;
  net: LocalTestnet;
  children: Children;
  log: (message: string) => void;
}

export interface Overrides {
  soakSeconds: number | null;
  soakRuns: number | null;
  heapSnapshot: boolean;
  cpuProfile: boolean;
  soakReaders: readonly string[] | null;
}

export function settingsFor(quick: boolean, overrides: Overrides): Settings {
  const full: Settings = {
    quick: false,
    latencyAppends: 500,
    latencySpacingMs: 20,
    pipedLines: 100_000,
    pipedRuns: 3,
    openSmall: 10_000,
    openLarge: 1_000_000,
    openRuns: 3,
    soakSeconds: 300,
    soakRate: 1000,
    soakRuns: 1,
    soakSampleMs: 5000,
    heapSnapshot: false,
    cpuProfile: false,
    soakReaders: ['screen', 'bare', 'plain'],
    startRuns: 5,
    seedBlocks: 1_000_000,
    seedRuns: 1,
    seedSampleMs: 1000,
    manyReadersRate: 100,
    manyReadersSeconds: 60,
    beeEntries: 1_000_000,
    beeRuns: 3,
  };
  const quickSettings: Settings = {
    quick: true,
    latencyAppends: 100,
    latencySpacingMs: 20,
    pipedLines: 20_000,
    pipedRuns: 1,
    openSmall: 1_000,
    openLarge: 20_000,
    openRuns: 1,
    soakSeconds: 8,
    soakRate: 1000,
    soakRuns: 1,
    soakSampleMs: 1000,
    heapSnapshot: false,
    cpuProfile: false,
    soakReaders: ['screen', 'bare', 'plain'],
    startRuns: 1,
    seedBlocks: 20_000,
    seedRuns: 1,
    seedSampleMs: 100,
    manyReadersRate: 100,
    manyReadersSeconds: 5,
    beeEntries: 5_000,
    beeRuns: 1,
  };
  const chosen = quick ? quickSettings : full;
  return {
    ...chosen,
    soakSeconds: overrides.soakSeconds ?? chosen.soakSeconds,
    soakRuns: overrides.soakRuns ?? chosen.soakRuns,
    heapSnapshot: overrides.heapSnapshot,
    cpuProfile: overrides.cpuProfile,
    soakReaders: overrides.soakReaders ?? chosen.soakReaders,
  };
}
