// Drives the built binary (dist/cli.js) in a real pseudo-terminal and reads what a user would see
// through a headless xterm. Also: child environments, deadlines and teardown shared by the e2e tests.
import { spawn as spawnChild, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import xterm from '@xterm/headless';
import { spawnPtyProcess, type ExitStatus } from './pty-process.js';
import { DEADLINE_MS, signalProcess, sleep, stopProcess, waitFor } from './wait.js';

export type { ExitStatus } from './pty-process.js';

export type Terminal = InstanceType<typeof xterm.Terminal>;

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
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

// Teardown that runs every step (last added first) even when one throws, and even when the test failed.
export class Cleanup {
  private readonly steps: Array<{ name: string; run: () => unknown }> = [];

  add(name: string, run: () => unknown): void {
    this.steps.push({ name, run });
  }

  async run(): Promise<void> {
    const errors: unknown[] = [];
    while (this.steps.length > 0) {
      const step = this.steps.pop()!;
      try {
        await step.run();
      } catch (error) {
        errors.push(new Error(`cleanup "${step.name}" failed: ${String((error as Error)?.message ?? error)}`));
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'several cleanup steps failed');
  }
}

export async function tempDir(cleanup: Cleanup, prefix = 'many-cores-e2e-'): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  cleanup.add(`remove ${dir}`, () => fs.rm(dir, { recursive: true, force: true, maxRetries: 3 }));
  return dir;
}

export interface AppInPty {
  // The app's process (with `wrap`, the prefix's), known once the app has written anything.
  readonly pid: number;
  readonly term: Terminal;
  // Everything the app wrote to its terminal, raw.
  output(): string;
  // Resolves when the app has exited and its output has been read to the end (see pty-process.ts):
  // its status, not a signal unless one ended it.
  readonly exited: Promise<ExitStatus>;
  hasExited(): boolean;
  write(data: string): void;
  // Raw bytes, invalid UTF-8 included.
  writeBytes(data: Uint8Array): void;
  resize(cols: number, rows: number): void;
  // Waits until xterm has parsed everything received so far.
  settle(): Promise<void>;
  // The visible screen, one string per row (trailing blanks trimmed).
  lines(): string[];
  screen(): string;
  waitForScreen<T>(what: string, check: (lines: string[]) => T | undefined | false, timeoutMs?: number): Promise<T>;
  waitForText(text: string | RegExp, timeoutMs?: number): Promise<string[]>;
  waitForExit(timeoutMs?: number): Promise<ExitStatus>;
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
  const child = spawnPtyProcess(command, {
    cols,
    rows,
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env ?? childEnv(),
    onData(data) {
      output += data;
      pending++;
      term.write(data, () => {
        pending--;
      });
    },
  });
  const exited = child.exited.then((status) => {
    done = true;
    return status;
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
    term,
    output: () => output,
    exited,
    hasExited: () => done,
    write: (data) => child.write(data),
    writeBytes: (data) => child.write(data),
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

// A plain-mode process on pipes (stdout is not a terminal).
export interface PipedApp {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForStdout(what: string, pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

export function spawnPiped(
  args: string[],
  // wrap: a command prefix, e.g. ['nsenter', '--net=…', '--'] (it must exec, so that signals reach the app).
  options: { cleanup: Cleanup; env?: Record<string, string>; cwd?: string; wrap?: string[] },
): PipedApp {
  const command = [...(options.wrap ?? []), process.execPath, CLI, ...args];
  const child = spawnChild(command[0], command.slice(1), {
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env ?? childEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  child.stdin.on('error', () => {});
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  let done = false;
  void exited.then(() => (done = true));
  const app: PipedApp = {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForStdout(what, pattern, timeoutMs) {
      return waitFor(what, () => out.match(pattern) ?? (done ? Promise.reject(exitedEarly()) : undefined), {
        timeoutMs,
        describe: () => `--- stdout ---\n${out}--- stderr ---\n${err}--- end ---`,
      });
    },
    async stop() {
      if (done || child.pid === undefined) return;
      await stopProcess((signal) => child.kill(signal), exited);
    },
  };
  const exitedEarly = () =>
    new Error(
      `process exited early (${child.exitCode ?? child.signalCode})\n--- stdout ---\n${out}--- stderr ---\n${err}--- end ---`,
    );
  options.cleanup.add(`stop ${args[0]} ${child.pid}`, () => app.stop());
  return app;
}

// ---- Reading the layout ----

export const MAIN_KEY = /main key ([0-9a-f]{64})/;

export function mainKeyOn(lines: string[]): string | undefined {
  for (const line of lines) {
    const match = MAIN_KEY.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

export interface PaneBlockLine {
  seq: number;
  text: string;
}

const VERTICAL = /[│║┃]/;

// The block lines of the pane titled `name` (e.g. 'core-2'): side by side or stacked,
// the pane is the box around its title. Undefined when no such pane is on screen.
export function paneBlocks(lines: string[], name: string): PaneBlockLine[] | undefined {
  const titlePattern = new RegExp(`(?:^|[│║┃ ])${name} [0-9a-z]{4,}`);
  const titleRow = lines.findIndex((line) => titlePattern.test(line));
  if (titleRow === -1) return undefined;
  const title = lines[titleRow];
  const at = title.search(new RegExp(`${name} `));
  const left = lastIndexOfPattern(title, VERTICAL, at);
  const right = indexOfPattern(title, VERTICAL, at);
  if (left === -1 || right === -1) return undefined;
  const blocks: PaneBlockLine[] = [];
  for (let row = titleRow + 1; row < lines.length; row++) {
    const line = lines[row];
    if (!VERTICAL.test(line.charAt(left))) break;
    const content = line.slice(left + 1, right).trim();
    const match = /^(\d+) (.*)$/.exec(content);
    if (match) blocks.push({ seq: Number(match[1]), text: match[2].trimEnd() });
  }
  return blocks;
}

function lastIndexOfPattern(text: string, pattern: RegExp, before: number): number {
  for (let index = before - 1; index >= 0; index--) if (pattern.test(text.charAt(index))) return index;
  return -1;
}

function indexOfPattern(text: string, pattern: RegExp, from: number): number {
  for (let index = from; index < text.length; index++) if (pattern.test(text.charAt(index))) return index;
  return -1;
}

export function bootstrapArg(bootstrap: Array<{ host: string; port: number }>): string {
  return bootstrap.map(({ host, port }) => `${host}:${port}`).join(',');
}
