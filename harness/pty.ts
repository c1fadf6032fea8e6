// Drives the built binary (dist/cli.js) in a real pseudo-terminal and reads what a user would see
// through a headless xterm, for the e2e tests, the bench and the screenshot script. Every chunk the
// app writes is stamped when it arrives, so that the bench can date a screen by the chunk that made it.
import fs from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import xterm from '@xterm/headless';
import type { Cleanup } from './cleanup.js';
import { spawnPtyProcess, type ExitStatus } from './pty-process.js';
import { DEADLINE_MS, signalProcess, sleep, stopProcess, waitFor } from './wait.js';

export type { ExitStatus } from './pty-process.js';

export type Terminal = InstanceType<typeof xterm.Terminal>;

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// MANY_CORES_E2E_CLI runs the tests against another build of the binary.
export const CLI = process.env.MANY_CORES_E2E_CLI ?? path.join(REPO_ROOT, 'dist', 'cli.js');

// Ink draws no live frames under CI=true (and the tests themselves run under CI=true in CI).
// TMUX and the display variables go too, so that a copy lands where the test looks (OSC 52,
// or the tmux server the test started) and never in the clipboard of whoever runs the tests.
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined) env[name] = value;
  }
  for (const name of [
    'CI',
    'TMUX',
    'TMUX_PANE',
    'DISPLAY',
    'WAYLAND_DISPLAY',
    'COLUMNS',
    'LINES',
    'NO_COLOR',
    'FORCE_COLOR',
  ]) {
    delete env[name];
  }
  env.TERM = 'xterm-256color';
  return { ...env, ...extra };
}

// One clock for every stamp: performance.now() in this process.
export const now = (): number => performance.now();

export interface Stamped<T> {
  // now() when the output that made it true arrived.
  at: number;
  value: T;
}

export interface AppInPty {
  // The app's process (with `wrap`, the prefix's), known once the app has written anything.
  readonly pid: number;
  // now() just before the spawn.
  readonly spawnedAt: number;
  readonly term: Terminal;
  // Everything the app wrote to its terminal, raw.
  output(): string;
  // Characters the app has written to its terminal so far.
  bytesOut(): number;
  // Resolves when the app has exited and its output has been read to the end (see pty-process.ts):
  // its status, not a signal unless one ended it.
  readonly exited: Promise<ExitStatus>;
  hasExited(): boolean;
  write(data: string): void;
  // Raw bytes, invalid UTF-8 included.
  writeBytes(data: Uint8Array): void;
  // Sends the terminal's replies held back so far (with `holdReplies`), and every later one as it comes.
  releaseReplies(): void;
  // The terminal's replies (to DECRQM, to a cursor-position request) sent to the app so far, raw.
  replies(): string;
  resize(cols: number, rows: number): void;
  // Waits until xterm has parsed everything received so far.
  settle(): Promise<void>;
  // The visible screen, one string per row (trailing blanks trimmed).
  lines(): string[];
  screen(): string;
  waitForScreen<T>(what: string, check: (lines: string[]) => T | undefined | false, timeoutMs?: number): Promise<T>;
  waitForText(text: string | RegExp, timeoutMs?: number): Promise<string[]>;
  waitForExit(timeoutMs?: number): Promise<ExitStatus>;
  // Resolves at the first parsed chunk after which check(lines) holds (or at once, if it holds
  // already), stamped with that chunk's arrival; fails if the app exits first.
  when<T>(what: string, check: (lines: string[]) => T | undefined | false, timeoutMs?: number): Promise<Stamped<T>>;
  // Called after every parsed chunk with its arrival time; returns an unsubscribe.
  watch(listener: (at: number) => void): () => void;
  // Closes the terminal under the app, as closing its window or losing ssh does: the master side
  // goes, so the app gets end of input and EIO on writes, and a SIGHUP (its session leader's, passed on).
  hangUp(): void;
  // SIGTERM, then SIGKILL if it does not go; idempotent.
  stop(): Promise<void>;
}

export interface SpawnOptions {
  cols?: number;
  rows?: number;
  cwd?: string;
  env?: Record<string, string>;
  cleanup: Cleanup;
  // For registering OSC handlers before the first byte arrives.
  onTerminal?: (term: Terminal) => void;
  // Node options before the script, e.g. ['--import', fixtureUrl] to preload a fault injector.
  nodeArgs?: string[];
  // A command prefix, e.g. ['sh', '-c', '"$@"; …', 'sh']; then `pid` and the status are the prefix's.
  wrap?: string[];
  // The app straight in the terminal, without pty-process.ts's wrapper: for timing from the
  // spawn (the wrapper's own node start-up would count), at the risk of losing what the app
  // writes as it exits (see pty-process.ts).
  direct?: boolean;
  // Holds back what xterm.js answers the app (as a slow terminal or link would) until releaseReplies().
  holdReplies?: boolean;
}

// Spawns `node [nodeArgs] dist/cli.js ...args` in a pseudo-terminal of the given size.
export function spawnInPty(args: string[], options: SpawnOptions): AppInPty {
  const cols = options.cols ?? 120;
  const rows = options.rows ?? 30;
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
  options.onTerminal?.(term);
  const command = [...(options.wrap ?? []), process.execPath, ...(options.nodeArgs ?? []), CLI, ...args];
  let output = '';
  let pending = 0;
  let done = false;
  const spawnedAt = now();
  let lastArrival = spawnedAt;
  const watchers = new Set<(at: number) => void>();
  const child = spawnPtyProcess(command, {
    cols,
    rows,
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env ?? childEnv(),
    direct: options.direct,
    onData(data) {
      const at = now();
      output += data;
      pending++;
      term.write(data, () => {
        pending--;
        lastArrival = at;
        for (const watcher of [...watchers]) watcher(at);
      });
    },
  });
  const exited = child.exited.then((status) => {
    done = true;
    return status;
  });
  // What the terminal answers the app's questions goes back to it, as a real terminal's does.
  let sentReplies = '';
  let heldReplies: string[] | undefined = options.holdReplies ? [] : undefined;
  const sendReply = (data: string) => {
    sentReplies += data;
    if (!done) child.write(data);
  };
  term.onData((data) => {
    if (heldReplies) heldReplies.push(data);
    else sendReply(data);
  });

  const settle = async () => {
    await new Promise<void>((resolve) => term.write('', resolve));
    while (pending > 0) await sleep(5);
  };
  const lines = () => {
    const buffer = term.buffer.active;
    const result: string[] = [];
    for (let row = 0; row < term.rows; row++) {
      result.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
    }
    return result;
  };
  const screen = () => lines().join('\n');
  const describe = () =>
    `--- screen (${term.buffer.active.type} buffer, ${term.cols}x${term.rows}${done ? ', process exited' : ''}) ---\n${screen()}\n--- end of screen ---`;

  const app: AppInPty = {
    get pid() {
      return child.pid;
    },
    spawnedAt,
    term,
    output: () => output,
    bytesOut: () => output.length,
    exited,
    hasExited: () => done,
    write: (data) => {
      if (!done) child.write(data);
    },
    writeBytes: (data) => {
      if (!done) child.write(data);
    },
    releaseReplies: () => {
      const held = heldReplies ?? [];
      heldReplies = undefined;
      for (const data of held) sendReply(data);
    },
    replies: () => sentReplies,
    resize: (newCols, newRows) => {
      term.resize(newCols, newRows);
      child.resize(newCols, newRows);
    },
    settle,
    lines,
    screen,
    async waitForScreen(what, check, timeoutMs) {
      return waitFor(
        what,
        async () => {
          await settle();
          return check(lines());
        },
        { timeoutMs, describe },
      );
    },
    waitForText(text, timeoutMs) {
      return app.waitForScreen(
        `screen text ${String(text)}`,
        (current) => {
          const joined = current.join('\n');
          const found = typeof text === 'string' ? joined.includes(text) : text.test(joined);
          return found ? current : undefined;
        },
        timeoutMs,
      );
    },
    async waitForExit(timeoutMs = DEADLINE_MS) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new Error(`the app in pty ${child.wrapperPid} did not exit within ${timeoutMs} ms\n${describe()}`)),
          timeoutMs,
        );
      });
      try {
        const status = await Promise.race([exited, timeout]);
        await settle();
        return status;
      } finally {
        clearTimeout(timer);
      }
    },
    when<T>(what: string, check: (lines: string[]) => T | undefined | false, timeoutMs = DEADLINE_MS) {
      return new Promise<Stamped<T>>((resolve, reject) => {
        const test = (at: number): void => {
          const value = check(lines());
          if (value !== undefined && value !== false) finish(null, { at, value });
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
        watchers.add(test);
        test(lastArrival);
        void exited.then(() => {
          if (watchers.has(test)) finish(new Error(`${what}: the app exited first\n${describe()}`));
        });
      });
    },
    watch(listener) {
      watchers.add(listener);
      return () => watchers.delete(listener);
    },
    hangUp: () => child.hangUp(),
    async stop() {
      if (done) return;
      await stopProcess((signal) => child.signal(signal), exited);
    },
  };
  options.cleanup.add(`stop pty ${child.wrapperPid}`, async () => {
    await app.stop();
    term.dispose();
  });
  return app;
}

// SIGKILLs the children of a wrapper (a shell around the app), found through /proc, so that an
// app that outlived its wrapper's end (or a run against an old build) leaves nothing behind.
export async function killChildrenOf(pid: number): Promise<void> {
  const children = await fs.readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  for (const child of children.split(/\s+/).filter(Boolean)) signalProcess(Number(child), 'SIGKILL');
}
