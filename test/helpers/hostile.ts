// For the hostile block 0 tests: a writer process that controls block 0 byte for byte
// (test/fixtures/hostile-writer.mjs), and the real reader binary in plain mode and in a pty.
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { CLI, Cleanup, REPO_ROOT, childEnv, mainKeyOn, spawnInPty, tempDir, type AppInPty } from './pty.js';
import { DEADLINE_MS, settlesWithin, sleep, stopProcess, waitFor } from './wait.js';
import { startTestnetOffLocalPort } from './testnet.js';

const run = promisify(execFile);
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
const HOSTILE_WRITER = path.join(FIXTURES, 'hostile-writer.mjs');
const LIST_CORES = path.join(FIXTURES, 'list-cores.mjs');

export const MiB = 1024 * 1024;
// The reader gives up looking after this: a lost connection then fails with its own message
// (`Could not connect to the writer peer`), which no assertion accepts, instead of hanging.
const READER_TIMEOUT_S = 60;
// Waiting deadlines, generous: the machine may be busy with other tests.
export const CONNECT_DEADLINE_MS = 90_000;

// The messages of source/model/block-zero.ts and source/net/reader-session.ts, as a user reads them.
export const MESSAGES = {
  notJson: 'block 0 of the main core is not JSON',
  notObject: 'block 0 of the main core is not a JSON object',
  noList: 'block 0 of the main core has no otherKeys list',
  noUsable: (skipped: number) => `block 0 of the main core lists no usable sub-core key (${skipped} skipped)`,
  oversized: (bytes: number) =>
    `block 0 of the main core is over the 1 MiB limit (${bytes} bytes); it was not downloaded`,
  // When core-1 has more blocks, its byte length is not block 0's size.
  oversizedUnmeasured: 'block 0 of the main core is over the 1 MiB limit; it was not downloaded',
};

export const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

export interface Net {
  // For the reader's --bootstrap.
  bootstrap: string;
  cleanup: Cleanup;
}

// A private loopback DHT for one test; everything registered on `cleanup` ends with the test.
export async function privateNet(t: TestContext): Promise<Net> {
  const cleanup = new Cleanup();
  t.after(() => cleanup.run());
  const { bootstrap } = await startTestnetOffLocalPort(cleanup);
  return { bootstrap, cleanup };
}

export interface Keys {
  main: string;
  subs: string[];
}

export interface HostileSpec {
  // How many real sub-cores (sub-0 …) the writer holds; their keys are passed to blockZero.
  subCount?: number;
  // The exact bytes of block 0 of core-1.
  blockZero: (keys: Keys) => Buffer;
  // Blocks appended to core-1 after block 0 (UTF-8, as given).
  mainBlocks?: string[];
  // Blocks appended to sub-i (UTF-8, as given).
  subBlocks?: string[][];
}

// Starts the hostile writer and resolves once it has announced core-1 on the DHT.
export async function startHostileWriter(
  { bootstrap, cleanup }: Net,
  spec: HostileSpec,
): Promise<{ keys: Keys; blockZero: Buffer }> {
  const storage = await tempDir(cleanup, 'many-cores-hostile-writer-');
  const scratch = await tempDir(cleanup, 'many-cores-hostile-spec-');
  const blockZeroFile = path.join(scratch, 'block-0.bin');
  const specFile = path.join(scratch, 'spec.json');
  await fs.writeFile(
    specFile,
    JSON.stringify({
      subCount: spec.subCount ?? 0,
      blockZeroFile,
      mainBlocks: spec.mainBlocks ?? [],
      subBlocks: spec.subBlocks ?? [],
    }),
  );

  const env = childEnv({ MANY_CORES_TEST_BOOTSTRAP: bootstrap.split(',')[0] });
  const child = spawn(process.execPath, [HOSTILE_WRITER, storage, specFile], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  child.stdin.on('error', () => {});
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  cleanup.add(`stop hostile writer ${child.pid}`, async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await stopProcess((signal) => child.kill(signal), exited);
  });
  const waitForLine = (what: string, pattern: RegExp) =>
    waitFor(
      what,
      () =>
        pattern.exec(out)?.[1] ??
        (child.exitCode !== null
          ? Promise.reject(new Error(`hostile writer exited ${child.exitCode}:\n${err}`))
          : undefined),
      {
        timeoutMs: CONNECT_DEADLINE_MS,
        describe: () => `--- hostile writer stdout ---\n${out}--- stderr ---\n${err}--- end ---`,
      },
    );

  const keys = JSON.parse(await waitForLine('the hostile writer to list its keys', /^keys (\{.*\})$/m)) as Keys;
  const blockZero = spec.blockZero(keys);
  await fs.writeFile(blockZeroFile, blockZero);
  child.stdin.write('go\n');
  const announced = await waitForLine('the hostile writer to announce core-1', /^main core key: ([0-9a-f]{64})$/m);
  assert.equal(announced, keys.main, 'the writer serves the core-1 whose key it listed');
  return { keys, blockZero };
}

// ---- Plain mode ----

export interface PlainReader {
  pid: number;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  describe(): string;
  stop(): Promise<void>;
}

// `many-cores reader KEY --plain` on pipes, its stdin not connected at all.
export function spawnPlainReader({ bootstrap, cleanup }: Net, mainKey: string, storage: string): PlainReader {
  const args = [
    'reader',
    mainKey,
    '--plain',
    '--bootstrap',
    bootstrap,
    '--storage',
    storage,
    '--timeout',
    String(READER_TIMEOUT_S),
  ];
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: REPO_ROOT,
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let done = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  const stop = async () => {
    if (done) return;
    await stopProcess((signal) => child.kill(signal), exited);
  };
  cleanup.add(`stop plain reader ${child.pid}`, stop);
  return {
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    exited,
    hasExited: () => done,
    describe: () => `--- reader stdout ---\n${out}--- reader stderr ---\n${err}--- end ---`,
    stop,
  };
}

// Waits until every line is on the plain reader's stdout (or it exits, which fails).
export async function waitForPlainLines(reader: PlainReader, what: string, lines: string[]): Promise<void> {
  await waitFor(
    what,
    () =>
      lines.every((line) => reader.stdout().includes(`${line}\n`)) ||
      (reader.hasExited() ? Promise.reject(new Error(`reader exited early\n${reader.describe()}`)) : undefined),
    { timeoutMs: CONNECT_DEADLINE_MS, describe: () => reader.describe() },
  );
}

// The reader's plain mode reports peers on stderr (`peer 1a2b3c4d joined (1 connected)`):
// those may come before the one failure line, and nothing else may.
const PEER_LINE = /^peer [0-9a-f]{8} (?:joined|left) \(\d+ connected\)$/;

// Plain mode refuses block 0: one `many-cores: <message>` line on stderr, nothing on stdout,
// status 1, no stack trace.
export async function expectPlainFailure(
  net: Net,
  mainKey: string,
  message: string | RegExp,
): Promise<{ stderr: string; storage: string }> {
  const storage = await tempDir(net.cleanup, 'many-cores-hostile-reader-');
  const reader = spawnPlainReader(net, mainKey, storage);
  if (!(await settlesWithin(reader.exited, CONNECT_DEADLINE_MS)))
    assert.fail(`the plain reader did not exit\n${reader.describe()}`);
  const status = await reader.exited;
  assert.deepEqual(status, { code: 1, signal: null }, `plain reader exits with status 1\n${reader.describe()}`);
  assert.equal(reader.stdout(), '', 'nothing on stdout');
  const stderr = reader.stderr();
  assert.ok(stderr.endsWith('\n'), `stderr ends with a newline: ${JSON.stringify(stderr)}`);
  const lines = stderr.slice(0, -1).split('\n');
  const failures = lines.filter((line) => line.startsWith('many-cores:'));
  assert.equal(failures.length, 1, `exactly one many-cores: line\n${reader.describe()}`);
  assert.equal(lines.at(-1), failures[0], `the failure is the last line\n${reader.describe()}`);
  const text = failures[0].slice('many-cores: '.length);
  if (typeof message === 'string') assert.equal(text, message, `the failure names the problem\n${reader.describe()}`);
  else assert.match(text, message, `the failure names the problem\n${reader.describe()}`);
  for (const line of lines.slice(0, -1))
    assert.match(line, PEER_LINE, `only peer reports besides the failure\n${reader.describe()}`);
  assert.ok(!/^\s+at /m.test(stderr) && !/Error\b/.test(stderr), `no stack trace\n${reader.describe()}`);
  return { stderr, storage };
}

// ---- Screen mode ----

export function spawnScreenReader(
  { bootstrap, cleanup }: Net,
  mainKey: string,
  storage: string,
  size = { cols: 140, rows: 30 },
): AppInPty {
  return spawnInPty(['reader', mainKey, '--bootstrap', bootstrap, '--storage', storage], { cleanup, ...size });
}

export async function quitWithQ(app: AppInPty, who: string): Promise<void> {
  app.write('q');
  const status = await app.waitForExit();
  assert.deepEqual(status, { exitCode: 0, signal: 0 }, `${who}: q quits with status 0`);
  assert.equal(app.term.buffer.active.type, 'normal', `${who}: the main screen is back`);
}

const HELP_OPEN = 'Esc, ? or q closes this help';
const STILL_RUNNING_PAUSE_MS = 2500;

// Screen mode refuses block 0: the message on screen, the app still alive and answering keys
// (the help overlay opens and closes), and q quits cleanly.
export async function expectScreenFailure(net: Net, mainKey: string, message: string, storage?: string): Promise<void> {
  const app = spawnScreenReader(net, mainKey, storage ?? (await tempDir(net.cleanup, 'many-cores-hostile-reader-')));
  await app.waitForText(message, CONNECT_DEADLINE_MS);
  assert.equal(mainKeyOn(app.lines()), mainKey, 'the header still shows the main key');
  assert.equal(app.term.buffer.active.type, 'alternate', 'still on the app screen');
  // Alive after the failure: a pause long enough for the once-a-second redraws and timers to run
  // (a pause, not a measurement), then it still answers keys, and the message is back after a redraw.
  await sleep(STILL_RUNNING_PAUSE_MS);
  assert.equal(app.hasExited(), false, `the reader keeps running after the failure\n${app.screen()}`);
  app.write('?');
  await app.waitForText(HELP_OPEN);
  app.write('?');
  await app.waitForScreen('the help to close and the message to come back', (lines) => {
    const screen = lines.join('\n');
    return !screen.includes(HELP_OPEN) && screen.includes(message);
  });
  assert.equal(app.hasExited(), false, `the reader keeps running after the failure\n${app.screen()}`);
  assert.ok(!/^\s+at /m.test(app.output()) && !/Error\b/.test(app.output()), 'no stack trace in the terminal');
  await quitWithQ(app, 'reader after a refused block 0');
}

// Both modes at once, on one hostile writer (they connect in parallel: half the wait).
export async function expectRefused(
  t: TestContext,
  spec: HostileSpec,
  message: string,
  options: { screen?: boolean } = {},
): Promise<void> {
  const net = await privateNet(t);
  const { keys } = await startHostileWriter(net, spec);
  const [{ stderr }] = await Promise.all([
    expectPlainFailure(net, keys.main, message),
    options.screen === false ? Promise.resolve() : expectScreenFailure(net, keys.main, message),
  ]);
  t.diagnostic(`plain stderr: ${JSON.stringify(stderr)}`);
}

// ---- What the reader left behind, and what it costs ----

// The keys of every core in a Corestore folder (not open elsewhere): which cores a reader opened.
export async function coresIn(storage: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, [LIST_CORES, storage], { timeout: DEADLINE_MS });
  return JSON.parse(stdout) as string[];
}

export async function diskUsage(folder: string): Promise<{ onDiskKiB: number; apparentBytes: number }> {
  const onDisk = await run('du', ['-sk', folder]);
  const apparent = await run('du', ['-sb', folder]);
  return { onDiskKiB: Number(onDisk.stdout.split('\t')[0]), apparentBytes: Number(apparent.stdout.split('\t')[0]) };
}

export async function rssMiB(pid: number): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)![1]) / 1024;
}
