// docs/command-line.md#exit-status: a bad command line prints one line on stderr and exits 2 before anything is drawn;
// a runtime failure (storage unusable or in use) prints one line and exits 1, and damages nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { encode } from 'hypercore-id-encoding';
import { startWriter } from '../../harness/apps.js';
import { Cleanup, cleanupFor, tempDir } from '../../harness/cleanup.js';
import { mainKeyOn, paneBlocks } from '../../harness/layout.js';
import { childEnv, CLI, spawnInPty } from '../../harness/pty.js';
import { DEADLINE_MS, settlesWithin } from '../../harness/wait.js';
import { assertQuitCleanly, MESSAGE_LINE } from '../helpers/quit.js';
import { startTestnet } from '../../harness/testnet.js';

const run = promisify(execFile);

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

// The binary with stdin ignored and stdout/stderr on pipes (so plain mode, as in a script),
// optionally behind a command prefix. Killed at the deadline: a hang fails the test, it does not stall it.
async function runCli(args: string[], options: { cleanup: Cleanup; cwd: string; wrap?: string[] }): Promise<Finished> {
  const command = [...(options.wrap ?? []), process.execPath, CLI, ...args];
  const child = spawn(command[0], command.slice(1), {
    cwd: options.cwd,
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const closed = new Promise<Finished>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  options.cleanup.add(`kill ${args.join(' ')}`, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  if (!(await settlesWithin(closed, DEADLINE_MS))) {
    child.kill('SIGKILL');
    await closed;
    assert.fail(
      `many-cores ${args.join(' ')} did not exit within ${DEADLINE_MS} ms\n--- stdout ---\n${stdout}--- stderr ---\n${stderr}--- end ---`,
    );
  }
  return closed;
}

// Exactly one `many-cores:` line on stderr, no stack frame, nothing on stdout, the given status.
function assertOneLineFailure(result: Finished, status: 1 | 2, what: string): string {
  const shown = `--- stdout ---\n${result.stdout}--- stderr ---\n${result.stderr}--- end ---`;
  assert.equal(result.signal, null, `${what}: exits by itself, not by a signal\n${shown}`);
  assert.equal(result.code, status, `${what}: exit status ${status}\n${shown}`);
  assert.equal(result.stdout, '', `${what}: nothing on stdout\n${shown}`);
  assert.ok(!/^\s+at /m.test(result.stderr), `${what}: no stack frame\n${shown}`);
  assert.ok(result.stderr.endsWith('\n'), `${what}: stderr ends with a newline\n${shown}`);
  const lines = result.stderr.slice(0, -1).split('\n');
  assert.equal(lines.length, 1, `${what}: exactly one line on stderr\n${shown}`);
  assert.match(lines[0], MESSAGE_LINE, `${what}: the line starts with "many-cores: "\n${shown}`);
  return lines[0];
}

// A valid key in both spellings, and z-base-32 with one character outside its alphabet.
const HEX_KEY = 'ab'.repeat(32);
const Z32_KEY = encode(Buffer.from(HEX_KEY, 'hex'));
const Z32_BAD_CHAR = `${Z32_KEY.slice(0, 20)}0${Z32_KEY.slice(21)}`; // '0' is not in z-base-32

const USAGE_ERRORS: Array<{ what: string; args: string[] }> = [
  { what: 'a key that is not hex', args: ['reader', 'nothex'] },
  { what: 'a key of 63 hex characters', args: ['reader', HEX_KEY.slice(1)] },
  { what: 'a key of 65 hex characters', args: ['reader', `${HEX_KEY}a`] },
  { what: 'a z-base-32 key with a character outside the alphabet', args: ['reader', Z32_BAD_CHAR] },
  { what: 'a z-base-32 key one character short', args: ['reader', Z32_KEY.slice(1)] },
  { what: 'an unknown flag (writer)', args: ['writer', '--verbose'] },
  { what: 'an unknown flag (reader)', args: ['reader', HEX_KEY, '--follow'] },
  { what: 'a missing key', args: ['reader'] },
  { what: 'a missing key, other flags given', args: ['reader', '--bootstrap', '127.0.0.1:9'] },
  { what: 'a flag missing its value', args: ['writer', '--storage'] },
  { what: '--bootstrap without a port', args: ['writer', '--bootstrap', 'localhost'] },
  { what: '--bootstrap without a host', args: ['writer', '--bootstrap', ':80'] },
  { what: '--bootstrap with a port over 65535', args: ['writer', '--bootstrap', 'host:99999'] },
  { what: '--bootstrap with a port that is not a number', args: ['writer', '--bootstrap', 'host:abc'] },
  { what: '--bootstrap with one bad node in a list', args: ['reader', HEX_KEY, '--bootstrap', '127.0.0.1:9,nohost'] },
  { what: '--timeout that is not a number', args: ['reader', HEX_KEY, '--timeout', 'abc'] },
  { what: '--timeout with a unit', args: ['reader', HEX_KEY, '--timeout', '10s'] },
  { what: '--seed on the writer', args: ['writer', '--seed'] },
  { what: '--storage missing its value before another flag', args: ['reader', HEX_KEY, '--storage', '--plain'] },
];

test(
  'usage errors: one line on stderr, nothing on stdout, status 2, no storage created',
  { timeout: 180_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    // The keys the cases start from are themselves accepted (else the bad ones prove nothing).
    assert.match(HEX_KEY, /^[0-9a-f]{64}$/);
    assert.match(Z32_KEY, /^[ybndrfg8ejkmcpqxot1uwisza345h769]{52}$/);

    const cwd = await tempDir(cleanup);
    for (const { what, args } of USAGE_ERRORS) {
      const line = assertOneLineFailure(await runCli(args, { cleanup, cwd }), 2, what);
      t.diagnostic(`${args.join(' ')} -> ${line}`);
    }
    // "Before anything is done": the default storage folders were never created.
    assert.deepEqual(await fs.readdir(cwd), [], 'no writer-storage or reader-storage left behind');
  },
);

test(
  'a usage error in a terminal draws nothing: no alternate screen, just the one line',
  { timeout: 60_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const cwd = await tempDir(cleanup);
    for (const args of [
      ['reader', 'nothex'],
      ['writer', '--bootstrap', 'host:abc'],
    ]) {
      const app = spawnInPty(args, { cleanup, cwd });
      assert.deepEqual(await app.waitForExit(), { exitCode: 2, signal: 0 }, `${args.join(' ')}: status 2`);
      const output = app.output();
      assert.ok(!output.includes('\x1b'), `${args.join(' ')}: no escape sequence at all: ${JSON.stringify(output)}`);
      assert.match(output, /^many-cores: [^\r\n]*\r\n$/, `${args.join(' ')}: one line`);
      assert.equal(app.term.buffer.active.type, 'normal');
    }
  },
);

// docs/command-line.md#several-keys: up to 8 keys, none twice; a mistake names the key it is about.
test(
  'several keys: a 9th, a repeated or a bad one is one line saying which, status 2, nothing opened',
  { timeout: 120_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const cwd = await tempDir(cleanup);
    const keys = Array.from({ length: 9 }, (_, index) => Buffer.alloc(32, index + 1).toString('hex'));
    const cases: Array<{ args: string[]; line: RegExp }> = [
      { args: ['reader', ...keys], line: /^many-cores: reader takes at most 8 keys, got 9$/ },
      {
        args: ['reader', keys[0], HEX_KEY, Z32_KEY, '--local'],
        line: /^many-cores: key 3 repeats key 2 \(abababab…\)$/,
      },
      { args: ['reader', keys[0], keys[1], 'nothex'], line: /^many-cores: key 3: "nothex" is not a key: / },
    ];
    for (const { args, line } of cases) {
      assert.match(assertOneLineFailure(await runCli(args, { cleanup, cwd }), 2, args.join(' ')), line);
    }
    assert.deepEqual(await fs.readdir(cwd), [], 'no reader-storage created');
  },
);

test(
  'a storage path that is a regular file: one line, status 1, the file untouched',
  { timeout: 60_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const cwd = await tempDir(cleanup);
    const file = path.join(cwd, 'not-a-folder');
    await fs.writeFile(file, 'precious\n');
    for (const args of [
      ['writer', '--storage', file, '--bootstrap', '127.0.0.1:9'],
      ['reader', HEX_KEY, '--storage', file, '--bootstrap', '127.0.0.1:9'],
      ['writer', '--storage', path.join(file, 'below'), '--bootstrap', '127.0.0.1:9'],
    ]) {
      const line = assertOneLineFailure(await runCli(args, { cleanup, cwd }), 1, `${args[0]} --storage ${args.at(-3)}`);
      t.diagnostic(line);
      assert.ok(line.includes(file), `the message names the path: ${line}`);
    }
    assert.equal(await fs.readFile(file, 'utf8'), 'precious\n', 'the file is unchanged');
  },
);

// Root ignores file modes, so "unwritable" is a read-only mount, in a mount namespace of the
// child's own (nothing to unmount, nothing visible to other processes).
async function readOnlyMountWrap(dir: string): Promise<{ ok: true; wrap: string[] } | { ok: false; reason: string }> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0)
    return { ok: false, reason: 'needs root on Linux for a read-only mount' };
  const wrap = ['unshare', '--mount', 'sh', '-c', 'mount -t tmpfs -o ro tmpfs "$0" && exec "$@"', dir];
  try {
    // The probe must fail to write, or the mount did not take.
    await run(wrap[0], [...wrap.slice(1), 'sh', '-c', `! touch '${dir}/probe' 2>/dev/null`]);
  } catch (error) {
    return {
      ok: false,
      reason: `no read-only mount here (unshare --mount + mount -o ro failed: ${(error as Error).message.split('\n')[0]})`,
    };
  }
  return { ok: true, wrap };
}

test('an unwritable storage path (read-only mount): one line, status 1', { timeout: 60_000 }, async (t) => {
  const cleanup = cleanupFor(t);
  const cwd = await tempDir(cleanup);
  const readOnly = path.join(cwd, 'read-only');
  await fs.mkdir(readOnly);
  const mount = await readOnlyMountWrap(readOnly);
  if (!mount.ok) {
    t.skip(mount.reason);
    return;
  }
  // The folder itself is read-only (the store cannot create its files), or cannot be created at all.
  for (const args of [
    ['writer', '--storage', readOnly, '--bootstrap', '127.0.0.1:9'],
    ['writer', '--storage', path.join(readOnly, 'new-store'), '--bootstrap', '127.0.0.1:9'],
    ['reader', HEX_KEY, '--storage', readOnly, '--bootstrap', '127.0.0.1:9'],
  ]) {
    const line = assertOneLineFailure(
      await runCli(args, { cleanup, cwd, wrap: mount.wrap }),
      1,
      `${args[0]} --storage ${args.at(-3)}`,
    );
    t.diagnostic(line);
  }
});

// Node's recursive mkdir never returns for a path procfs refuses with ENOENT: the app must not use it.
test('a storage path under /proc (cannot be created): one line, status 1', { timeout: 60_000 }, async (t) => {
  if (process.platform !== 'linux') {
    t.skip('procfs is Linux only');
    return;
  }
  const cleanup = cleanupFor(t);
  const cwd = await tempDir(cleanup);
  const storage = '/proc/self/many-cores-storage';
  const line = assertOneLineFailure(
    await runCli(['writer', '--storage', storage, '--bootstrap', '127.0.0.1:9'], { cleanup, cwd }),
    1,
    `writer --storage ${storage}`,
  );
  t.diagnostic(line);
});

function paneHas(lines: string[], pane: string, text: string): boolean {
  return paneBlocks(lines, pane)?.some((block) => block.text === text) ?? false;
}

test(
  'a storage folder already open by another many-cores: one line and status 1; the first one is unharmed',
  { timeout: 120_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const cwd = await tempDir(cleanup);
    const storage = path.join(cwd, 'writer-storage');
    const writerArgs = ['writer', '--bootstrap', bootstrap, '--storage', storage];

    const { app: first, mainKey } = await startWriter(cleanup, { bootstrap, storage, cwd });
    first.write('before the second writer\r');
    await first.waitForScreen('the first line in writer A', (lines) =>
      paneHas(lines, 'core-3', 'before the second writer'),
    );

    // B on pipes (a script): plain mode.
    const line = assertOneLineFailure(
      await runCli(writerArgs, { cleanup, cwd }),
      1,
      'writer B (plain) on storage in use',
    );
    t.diagnostic(`plain: ${line}`);
    assert.match(line, /in use/, 'the message says the folder is in use');
    // A reader pointed at the writer's folder is refused the same way.
    assertOneLineFailure(
      await runCli(['reader', mainKey, '--bootstrap', bootstrap, '--storage', storage], { cleanup, cwd }),
      1,
      'reader (plain) on storage in use',
    );

    // B in a terminal: the screen is left, then the same one line, status 1.
    const second = spawnInPty(writerArgs, { cleanup, cwd });
    const { message } = await assertQuitCleanly(second, 'writer B (screen) on storage in use', mainKey, {
      status: 'nonzero',
      allowMessage: true,
    });
    t.diagnostic(`screen: ${String(message)}`);
    assert.match(message ?? '', /^many-cores: .*in use/, 'the screen version says why too');
    assert.equal(second.term.buffer.active.type, 'normal');

    // A still works: a new line is appended and shown (so its store was not closed or damaged).
    assert.equal(first.hasExited(), false, 'writer A is still running');
    first.write('hi\r');
    first.write('after the second writer\r');
    await first.waitForScreen(
      'the new lines in writer A',
      (lines) => paneHas(lines, 'core-2', 'hi') && paneHas(lines, 'core-3', 'after the second writer'),
    );
    first.write('\x03');
    await assertQuitCleanly(first, 'writer A', mainKey);

    // Everything A wrote, before and after B's attempts, is on disk.
    const third = spawnInPty(writerArgs, { cleanup, cwd });
    const lines = await third.waitForScreen(
      'a new writer to show every line',
      (current) =>
        paneHas(current, 'core-3', 'before the second writer') &&
        paneHas(current, 'core-3', 'after the second writer') &&
        paneHas(current, 'core-2', 'hi') &&
        current,
    );
    assert.equal(mainKeyOn(lines), mainKey, 'same store, same main key');
    assert.deepEqual(
      paneBlocks(lines, 'core-3')?.map((block) => block.text),
      ['before the second writer', 'after the second writer'],
      'nothing else was appended (B appended nothing)',
    );
    third.write('\x03');
    await assertQuitCleanly(third, 'writer C', mainKey);
  },
);
