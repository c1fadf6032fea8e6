// For the hostile block 0 tests: a writer process that controls block 0 byte for byte
// (test/fixtures/hostile-writer.mjs), and the real reader binary in plain mode and in a pty.
// A block 0 that lists no sub-core makes the reader show the main core alone (docs/data-model.md#any-core), saying why.
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { blockLineText } from '../../source/text/block-encoding.js';
import { Cleanup, cleanupFor, tempDir } from '../../harness/cleanup.js';
import { mainKeyOn, paneBlocks } from '../../harness/layout.js';
import { CLI, REPO_ROOT, childEnv, spawnInPty, type AppInPty } from '../../harness/pty.js';
import { DEADLINE_MS, stopProcess, waitFor } from '../../harness/wait.js';
import { startTestnetOffLocalPort } from '../../harness/testnet.js';

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

// Why block 0 lists no sub-core (source/model/block-zero.ts), as a user reads it.
export const REASONS = {
  notJson: 'block 0 is not JSON',
  notObject: 'block 0 is not a JSON object',
  noList: 'block 0 has no otherKeys list',
  noUsable: (skipped: number) => `block 0 lists no usable sub-core key (${skipped} skipped)`,
  oversized: (bytes: number) => `block 0 is over the 1 MiB limit (${bytes} bytes)`,
  // When core-1 has more blocks, its byte length is not block 0's size.
  oversizedUnmeasured: 'block 0 is over the 1 MiB limit',
};

// The one line the reader shows (notice line, or stderr in plain mode) for the core shown alone.
export const aloneNotice = (reason: string): string => `${reason}: showing this core alone`;

export const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

export interface Net {
  // For the reader's --bootstrap.
  bootstrap: string;
  cleanup: Cleanup;
}

// A private loopback DHT for one test; everything registered on `cleanup` ends with the test.
export async function privateNet(t: TestContext): Promise<Net> {
  const cleanup = cleanupFor(t);
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

// Starts the hostile writer and resolves once it has announced core-1 on the DHT; `edit` then
// appends to core-1 or truncates it, live.
export async function startHostileWriter(
  { bootstrap, cleanup }: Net,
  spec: HostileSpec,
): Promise<{ keys: Keys; blockZero: Buffer; edit: (command: CoreEdit) => Promise<{ length: number; fork: number }> }> {
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

  // Commands for core-1 once it is served, one at a time: each resolves with its answer.
  const answers = () => [...out.matchAll(/^length (\d+) fork (\d+)$/gm)];
  const edit = async (command: CoreEdit): Promise<{ length: number; fork: number }> => {
    const before = answers().length;
    child.stdin.write(
      `${JSON.stringify('append' in command ? { append: command.append.map((block) => block.toString('hex')) } : command)}\n`,
    );
    const answer = await waitFor('the hostile writer to edit core-1', () => answers()[before], {
      timeoutMs: CONNECT_DEADLINE_MS,
      describe: () => `--- hostile writer stdout ---\n${out}--- stderr ---\n${err}--- end ---`,
    });
    return { length: Number(answer[1]), fork: Number(answer[2]) };
  };
  return { keys, blockZero, edit };
}

// Appends blocks to core-1, or truncates it to `truncate` blocks (a new fork of its history).
export type CoreEdit = { append: Buffer[] } | { truncate: number };

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
// those may come beside the one notice line, and nothing else may.
const PEER_LINE = /^peer [0-9a-f]{8} (?:joined|left) \(\d+ connected\)$/;

// Plain mode shows the main core alone: its blocks (`lines`, block 0 first) on stdout, exactly,
// the notice on stderr, still running (a reader runs until interrupted), no failure, no stack.
export async function expectPlainAlone(
  net: Net,
  mainKey: string,
  reason: string,
  lines: string[],
): Promise<{ stderr: string; storage: string }> {
  const storage = await tempDir(net.cleanup, 'many-cores-hostile-reader-');
  const reader = spawnPlainReader(net, mainKey, storage);
  const notice = aloneNotice(reason);
  await waitForPlainLines(reader, 'the blocks of the core shown alone', lines);
  await waitFor('the notice on stderr', () => reader.stderr().includes(`${notice}\n`), {
    timeoutMs: CONNECT_DEADLINE_MS,
    describe: () => reader.describe(),
  });
  assert.equal(reader.hasExited(), false, `the plain reader keeps running\n${reader.describe()}`);
  assert.equal(reader.stdout(), lines.map((line) => `${line}\n`).join(''), 'exactly the blocks, in order');
  const stderr = reader.stderr();
  for (const line of stderr.slice(0, -1).split('\n'))
    if (line !== notice) assert.match(line, PEER_LINE, `only peer reports besides the notice\n${reader.describe()}`);
  assert.ok(!/^\s+at /m.test(stderr) && !/Error\b/.test(stderr), `no stack trace\n${reader.describe()}`);
  await reader.stop();
  return { stderr, storage };
}

// The text of block 0 as a pane shows it: the block's line, cut at the pane's width.
function assertShownFrom(shown: string, bytes: Buffer, what: string): void {
  const whole = blockLineText(bytes).text;
  const kept = shown.endsWith('…') ? shown.slice(0, -1) : shown;
  assert.ok(
    whole.startsWith(kept) && kept.length > 0,
    `${what}: ${JSON.stringify(shown)} is not from ${whole.slice(0, 80)}`,
  );
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

// Screen mode shows the main core alone: one pane, core-1, with block 0 in it and the notice under
// the panes; the app answers keys (the help overlay opens and closes) and q quits cleanly.
export async function expectScreenAlone(
  net: Net,
  mainKey: string,
  reason: string,
  blockZero: Buffer,
  storage?: string,
): Promise<void> {
  const app = spawnScreenReader(net, mainKey, storage ?? (await tempDir(net.cleanup, 'many-cores-hostile-reader-')));
  const notice = aloneNotice(reason);
  const blocks = await app.waitForScreen(
    'the notice and block 0 in the one pane',
    (lines) => {
      const shown = paneBlocks(lines, 'core-1');
      // A lone … is the placeholder of a block on its way.
      return lines.join('\n').includes(notice) && shown?.[0]?.seq === 0 && shown[0].text !== '…' ? shown : undefined;
    },
    CONNECT_DEADLINE_MS,
  );
  assertShownFrom(blocks[0].text, blockZero, 'block 0 in the pane');
  assert.equal(mainKeyOn(app.lines()), mainKey, 'the header shows the main key');
  assert.match(app.screen(), new RegExp(`core-1 ${mainKey.slice(0, 8)} len`), "the pane is the main key's core");
  assert.doesNotMatch(app.screen(), /core-2 /, 'no other pane');
  app.write('?');
  await app.waitForText(HELP_OPEN);
  app.write('?');
  await app.waitForScreen('the help to close and the notice to come back', (lines) => {
    const screen = lines.join('\n');
    return !screen.includes(HELP_OPEN) && screen.includes(notice);
  });
  assert.ok(!/^\s+at /m.test(app.output()) && !/Error\b/.test(app.output()), 'no stack trace in the terminal');
  await quitWithQ(app, 'reader showing the main core alone');
}

// Both modes at once, on one hostile writer (they connect in parallel: half the wait).
export async function expectShownAlone(
  t: TestContext,
  spec: HostileSpec,
  reason: string,
  options: { screen?: boolean } = {},
): Promise<void> {
  const net = await privateNet(t);
  const { keys, blockZero } = await startHostileWriter(net, spec);
  const line = `Block 0 in Core ${keys.main}: ${blockLineText(blockZero, undefined, 'line').text}`;
  const [{ stderr }] = await Promise.all([
    expectPlainAlone(net, keys.main, reason, [line]),
    options.screen === false ? Promise.resolve() : expectScreenAlone(net, keys.main, reason, blockZero),
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
