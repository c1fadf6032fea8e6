// Process plumbing shared by every measurement: the app in a pty as the bench drives it, and
// children on pipes whose every output line is stamped with now() on arrival (one clock, this
// process). Teardown, environment and waiting come from harness/, as for the tests.
import { spawn, type StdioOptions } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Cleanup, tempDir } from '../../harness/cleanup.js';
import { childEnv, now, spawnInPty, type AppInPty, type SpawnOptions, type Stamped } from '../../harness/pty.js';
import { settlesWithin, sleep, stopProcess } from '../../harness/wait.js';

// Deadlines for waiting, never measurements.
export const WAIT_MS = 30_000;

// The app straight in a pty (see harness/pty.ts `direct`): its first frame is timed from the spawn.
export function spawnScreen(args: string[], options: Omit<SpawnOptions, 'direct'>): AppInPty {
  return spawnInPty(args, { ...options, direct: true });
}

// Sends the quit key (q; Ctrl+C in the writer, where q is text) and waits for the exit:
// ms from the key to the exit, or Infinity if it did not go in time.
export async function timeQuit(app: AppInPty, timeoutMs = 10_000, key = 'q'): Promise<number> {
  const sent = now();
  app.write(key);
  return (await settlesWithin(app.exited, timeoutMs)) ? now() - sent : Infinity;
}

export interface Exit {
  at: number;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface PipedChild {
  readonly pid: number;
  readonly spawnedAt: number;
  readonly exited: Promise<Exit>;
  hasExited(): boolean;
  stdoutLines(): readonly string[];
  stderrText(): string;
  // Called for every complete stdout line, with its arrival time.
  onLine(listener: (line: string, at: number) => void): () => void;
  // The first stdout line (already received or future) matching the pattern.
  waitForLine(what: string, pattern: RegExp, timeoutMs?: number): Promise<Stamped<RegExpMatchArray>>;
  waitForStderr(what: string, pattern: RegExp, timeoutMs?: number): Promise<Stamped<RegExpMatchArray>>;
  write(data: string): void;
  signal(name: NodeJS.Signals): void;
  // SIGTERM, then SIGKILL after graceMs; idempotent.
  stop(graceMs?: number): Promise<void>;
}

export interface PipedOptions {
  cleanup: Cleanup;
  cwd?: string;
  env?: Record<string, string>;
  // 'pipe' (default) or a file descriptor to read stdin from, or 'ignore' for /dev/null.
  stdin?: 'pipe' | 'ignore' | number;
  // Keep only the last N stdout lines (a 100,000-line run need not be held whole).
  keepLines?: number;
}

// `node <script> ...args` with stdout and stderr on pipes.
export function spawnNode(script: string, args: string[], options: PipedOptions): PipedChild {
  const stdio: StdioOptions = [options.stdin ?? 'pipe', 'pipe', 'pipe'];
  const spawnedAt = now();
  const child = spawn(process.execPath, [script, ...args], { cwd: options.cwd, env: options.env ?? childEnv(), stdio });
  if (child.pid === undefined) throw new Error(`could not spawn ${script}`);
  const pid = child.pid;
  const keep = options.keepLines ?? Infinity;
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const listeners = new Set<(line: string, at: number) => void>();
  const stderrListeners = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const at = now();
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      if (lines.length > keep) lines.shift();
      for (const listener of listeners) listener(line, at);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const listener of stderrListeners) listener();
  });
  child.stdin?.on('error', () => {});
  let done = false;
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      resolve({ at: now(), code, signal });
    });
  });
  const describe = () =>
    `--- stdout (last lines) ---\n${lines.slice(-20).join('\n')}\n--- stderr ---\n${stderr}--- end ---`;

  const waitFor = <T>(
    what: string,
    timeoutMs: number,
    subscribe: (test: (at: number) => boolean) => () => void,
    check: () => T | null,
  ): Promise<Stamped<T>> =>
    new Promise((resolve, reject) => {
      const first = check();
      if (first !== null) return resolve({ at: now(), value: first });
      let unsubscribe = () => {};
      const timer = setTimeout(
        () => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${describe()}`)),
        timeoutMs,
      );
      const finish = (error: Error | null, value?: Stamped<T>) => {
        clearTimeout(timer);
        unsubscribe();
        if (error) reject(error);
        else resolve(value!);
      };
      unsubscribe = subscribe((at) => {
        const value = check();
        if (value === null) return false;
        finish(null, { at, value });
        return true;
      });
      void exited.then((exit) =>
        finish(new Error(`${what}: the process exited first (${exit.code ?? exit.signal})\n${describe()}`)),
      );
    });

  const app: PipedChild = {
    pid,
    spawnedAt,
    exited,
    hasExited: () => done,
    stdoutLines: () => lines,
    stderrText: () => stderr,
    onLine(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitForLine(what, pattern, timeoutMs = WAIT_MS) {
      let latest: string | null = null;
      const fromHistory = () => {
        for (const line of lines) {
          const match = pattern.exec(line);
          if (match) return match;
        }
        return null;
      };
      let checkedHistory = false;
      return waitFor(
        what,
        timeoutMs,
        (test) => {
          const listener = (line: string, at: number) => {
            latest = line;
            test(at);
          };
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        () => {
          if (!checkedHistory) {
            checkedHistory = true;
            return fromHistory();
          }
          return latest === null ? null : pattern.exec(latest);
        },
      );
    },
    waitForStderr(what, pattern, timeoutMs = WAIT_MS) {
      return waitFor(
        what,
        timeoutMs,
        (test) => {
          const listener = () => void test(now());
          stderrListeners.add(listener);
          return () => stderrListeners.delete(listener);
        },
        () => pattern.exec(stderr),
      );
    },
    write(data) {
      child.stdin?.write(data);
    },
    signal(name) {
      if (!done) child.kill(name);
    },
    async stop(graceMs = 5000) {
      if (done) return;
      await stopProcess((signal) => child.kill(signal), exited, graceMs);
    },
  };
  options.cleanup.add(`stop ${script} ${pid}`, () => app.stop());
  return app;
}

export async function tempDirIn(cleanup: Cleanup, what: string): Promise<string> {
  return tempDir(cleanup, `many-cores-bench-${what}-`);
}

// Runs `step` up to `attempts` times: under load a loopback connection occasionally takes
// longer than a deadline, and one such miss should not cost the whole figure.
export async function retry<T>(what: string, attempts: number, step: (attempt: number) => Promise<T>): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await step(attempt);
    } catch (error) {
      lastError = error;
      process.stderr.write(
        `bench: ${what} failed (attempt ${attempt}/${attempts}): ${String((error as Error).message).split('\n')[0]}\n`,
      );
      await sleep(200);
    }
  }
  throw lastError;
}

// How late this process's own event loop ran over a window. Every time here is stamped by this
// loop, so its delay is the floor under any latency the bench reports.
export function watchOwnLoop(): () => { p50Ms: number; p99Ms: number; maxMs: number } {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  return () => {
    histogram.disable();
    return { p50Ms: histogram.percentile(50) / 1e6, p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6 };
  };
}

// Every teardown opened by a measurement, so that an interrupted run (Ctrl+C, a kill) can still
// stop every child and close every store: the signal handler runs them all, newest first.
const scopes: Cleanup[] = [];

export function openScope(): Cleanup {
  const cleanup = new Cleanup();
  scopes.push(cleanup);
  return cleanup;
}

// Runs each scope's remaining steps (a step runs once, however often this is called).
export async function closeAllScopes(): Promise<void> {
  for (const cleanup of [...scopes].reverse()) await cleanup.run().catch(() => {});
}
