// The binary in plain mode, on pipes (stdout is not a terminal).
import { spawn as spawnChild, type ChildProcess } from 'node:child_process';
import type { Cleanup } from './cleanup.js';
import { CLI, REPO_ROOT, childEnv } from './pty.js';
import { stopProcess, waitFor } from './wait.js';

export interface PipedApp {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForStdout(what: string, pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

export interface PipedOptions {
  cleanup: Cleanup;
  env?: Record<string, string>;
  cwd?: string;
  // A command prefix, e.g. ['nsenter', '--net=…', '--'] (it must exec, so that signals reach the app).
  wrap?: string[];
  // Node options before the script, e.g. ['--import', fixtureUrl] to preload a fault injector.
  nodeArgs?: string[];
}

export function spawnPiped(args: string[], options: PipedOptions): PipedApp {
  const command = [...(options.wrap ?? []), process.execPath, ...(options.nodeArgs ?? []), CLI, ...args];
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
