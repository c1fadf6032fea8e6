// The binary in a pseudo-terminal, read through a headless xterm, with timing: every chunk the app
// writes is stamped when it arrives, and a screen condition is dated by the arrival of the chunk
// that made it true (not by when we happened to poll, nor by xterm's own parse delay).
import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { signalProcess, stopProcess } from '../../test/helpers/wait.js';
import { CLI, REPO_ROOT, childEnv, now, WAIT_MS, type Cleanup, type Stamped } from './harness.js';

type Terminal = InstanceType<typeof xterm.Terminal>;

export interface ScreenExit {
  at: number;
  exitCode: number;
  signal: number | undefined;
}

export interface ScreenApp {
  readonly pid: number;
  readonly spawnedAt: number;
  readonly term: Terminal;
  readonly exited: Promise<ScreenExit>;
  hasExited(): boolean;
  // Bytes the app has written to its terminal so far.
  bytesOut(): number;
  lines(): string[];
  // Resolves at the first parsed chunk after which check(lines) holds (or now, if it holds already).
  when<T>(
    what: string,
    check: (lines: string[]) => T | undefined | false | null,
    timeoutMs?: number,
  ): Promise<Stamped<T>>;
  // Called after every parsed chunk with that chunk's arrival time; returns an unsubscribe.
  watch(listener: (at: number) => void): () => void;
  write(data: string): void;
  // Sends the quit key (q; Ctrl+C in the writer, where q is text) and waits for the exit:
  // ms from the key to the exit, or Infinity if it did not go in time.
  quit(timeoutMs?: number, key?: string): Promise<number>;
  stop(): Promise<void>;
}

export interface ScreenOptions {
  cleanup: Cleanup;
  cols?: number;
  rows?: number;
  // Options for node itself, before the script (e.g. --heapsnapshot-signal).
  nodeArgs?: string[];
}

export function spawnScreen(args: string[], options: ScreenOptions): ScreenApp {
  const cols = options.cols ?? 120;
  const rows = options.rows ?? 30;
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  const spawnedAt = now();
  // Straight into the terminal, not through test/helpers/pty-process.ts's wrapper: the bench times
  // the first frame from here (the wrapper would add its own start-up), and it judges nothing the
  // app writes as it exits, the bytes node-pty can drop then (microsoft/node-pty#72).
  const child = pty.spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: REPO_ROOT,
    env: childEnv(),
  });
  let bytes = 0;
  let lastArrival = spawnedAt;
  let done = false;
  const watchers = new Set<(at: number) => void>();
  child.onData((data) => {
    const at = now();
    bytes += data.length;
    term.write(data, () => {
      lastArrival = at;
      for (const watcher of [...watchers]) watcher(at);
    });
  });
  const exited = new Promise<ScreenExit>((resolve) => {
    child.onExit(({ exitCode, signal }) => {
      done = true;
      resolve({ at: now(), exitCode, signal });
    });
  });
  const lines = () => {
    const buffer = term.buffer.active;
    const result: string[] = [];
    for (let row = 0; row < term.rows; row++)
      result.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
    return result;
  };
  const describe = () =>
    `--- screen (${term.buffer.active.type}, ${done ? 'exited' : 'running'}) ---\n${lines().join('\n')}\n--- end ---`;

  const app: ScreenApp = {
    pid: child.pid,
    spawnedAt,
    term,
    exited,
    hasExited: () => done,
    bytesOut: () => bytes,
    lines,
    when<T>(
      what: string,
      check: (lines: string[]) => T | undefined | false | null,
      timeoutMs = WAIT_MS,
    ): Promise<Stamped<T>> {
      return new Promise<Stamped<T>>((resolve, reject) => {
        const test = (at: number): boolean => {
          const value = check(lines());
          if (value === undefined || value === false || value === null) return false;
          finish(null, { at, value });
          return true;
        };
        const timer = setTimeout(
          () => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${describe()}`)),
          timeoutMs,
        );
        const finish = (error: Error | null, value?: Stamped<T>) => {
          clearTimeout(timer);
          watchers.delete(test);
          if (error) reject(error);
          else resolve(value!);
        };
        if (test(lastArrival)) return;
        watchers.add(test);
        void exited.then(() => {
          if (watchers.has(test)) finish(new Error(`${what}: the app exited first\n${describe()}`));
        });
      });
    },
    watch(listener) {
      watchers.add(listener);
      return () => watchers.delete(listener);
    },
    write: (data) => {
      if (!done) child.write(data);
    },
    async quit(timeoutMs = 10_000, key = 'q') {
      const sent = now();
      child.write(key);
      let timer: NodeJS.Timeout | undefined;
      const exit = await Promise.race([
        exited,
        new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs))),
      ]);
      clearTimeout(timer);
      return exit ? exit.at - sent : Infinity;
    },
    async stop() {
      if (done) return;
      await stopProcess((name) => signalProcess(child.pid, name), exited);
    },
  };
  options.cleanup.add(`stop pty ${child.pid}`, async () => {
    await app.stop();
    term.dispose();
  });
  return app;
}

// ---- Reading the layout ----

// The title row " many-cores reader  main key <64 hex>": the first frame that shows the main key
// (before the store is open the writer's title shows "main key …").
export function mainKeyShown(role: 'writer' | 'reader'): (lines: string[]) => string | undefined {
  const title = new RegExp(`many-cores ${role}\\s+main key ([0-9a-f]{64})`);
  return (lines) => {
    for (const line of lines) {
      const match = title.exec(line);
      if (match) return match[1];
    }
    return undefined;
  };
}

// The header's second row: "peers N · DHT <state> · storage …".
export function peersOn(lines: string[]): number | undefined {
  for (const line of lines) {
    const match = /^peers (\d+) · DHT (.+?) · storage/.exec(line);
    if (match) return Number(match[1]);
  }
  return undefined;
}

export function dhtStateOn(lines: string[]): string | undefined {
  for (const line of lines) {
    const match = /^peers \d+ · DHT (.+?) · storage/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

// Which pane has the focus: its border is double (╔ ║) where the others are round (╭ │).
export function focusedPaneOn(lines: string[]): string | undefined {
  for (const line of lines) {
    const match = /║ (core-\d+) /.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

// "core-3 1a2b3c4d len 1000000 · local 20 · peers 1" in a pane's title.
export function paneLengthOn(lines: string[], name: string): number | undefined {
  for (const line of lines) {
    const match = new RegExp(`${name}(?: paused)? [0-9a-z]{4,} len (\\d+)`).exec(line);
    if (match) return Number(match[1]);
  }
  return undefined;
}
