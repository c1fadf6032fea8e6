// The writer and the reader of the built binary in a pty, started and waited for as every test
// that needs one does: a writer is ready once its whole layout and its main key are drawn, a
// reader once it shows the key it was given.
import { tempDir, type Cleanup } from './cleanup.js';
import { mainKeyOn, writerReady } from './layout.js';
import { spawnPiped, type PipedApp, type PipedOptions } from './piped.js';
import { spawnInPty, type AppInPty, type SpawnOptions } from './pty.js';

interface StartOptions {
  // For --bootstrap: a testnet's, or an address where nobody answers.
  bootstrap: string;
  // For --storage; a fresh temp folder if not given.
  storage?: string;
  // More arguments after the role's own.
  args?: string[];
  // How long to wait for it to be ready (the harness's deadline if not given).
  timeoutMs?: number;
}

export type AppOptions = StartOptions & Omit<SpawnOptions, 'cleanup'>;
export type PlainWriterOptions = StartOptions & Omit<PipedOptions, 'cleanup'>;

export interface StartedWriter {
  app: AppInPty;
  mainKey: string;
  storage: string;
}

export async function startWriter(cleanup: Cleanup, options: AppOptions): Promise<StartedWriter> {
  const { bootstrap, storage = await tempDir(cleanup), args = [], timeoutMs, ...spawn } = options;
  const app = spawnInPty(['writer', '--bootstrap', bootstrap, '--storage', storage, ...args], { cleanup, ...spawn });
  const mainKey = await app.waitForScreen('the writer to show its main key', writerReady, timeoutMs);
  return { app, mainKey, storage };
}

export interface StartedReader {
  app: AppInPty;
  storage: string;
}

export async function startReader(cleanup: Cleanup, mainKey: string, options: AppOptions): Promise<StartedReader> {
  const { bootstrap, storage = await tempDir(cleanup), args = [], timeoutMs, ...spawn } = options;
  const app = spawnInPty(['reader', mainKey, '--bootstrap', bootstrap, '--storage', storage, ...args], {
    cleanup,
    ...spawn,
  });
  await app.waitForScreen('the reader to show the key', (lines) => mainKeyOn(lines) === mainKey, timeoutMs);
  return { app, storage };
}

// What the plain writer prints first.
export const PLAIN_KEY_LINE = /^main core key: ([0-9a-f]{64})$/m;

export interface StartedPlainWriter {
  app: PipedApp;
  mainKey: string;
  storage: string;
}

// The writer in plain mode (`--plain`, on pipes), once it has printed its main key.
export async function startPlainWriter(cleanup: Cleanup, options: PlainWriterOptions): Promise<StartedPlainWriter> {
  const { bootstrap, storage = await tempDir(cleanup), args = [], timeoutMs, ...spawn } = options;
  const app = spawnPiped(['writer', '--plain', '--bootstrap', bootstrap, '--storage', storage, ...args], {
    cleanup,
    ...spawn,
  });
  const [, mainKey] = await app.waitForStdout('the writer key', PLAIN_KEY_LINE, timeoutMs);
  return { app, mainKey, storage };
}
