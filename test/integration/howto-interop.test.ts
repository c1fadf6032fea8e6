import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { startTestnet } from '../../harness/testnet.js';

// Our binary against the how-to's own writer.js and reader.js (test/fixtures/howto), both ways,
// each a separate process on a loopback DHT.

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'dist', 'cli.js');
const fixtures = join(root, 'test', 'fixtures', 'howto');

interface Running {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  waitFor: (pattern: RegExp, what: string) => Promise<RegExpMatchArray>;
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): Running {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: 'pipe' });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return {
    child,
    output: () => text,
    waitFor: (pattern, what) =>
      new Promise((resolve, reject) => {
        const deadline = setTimeout(() => {
          clearInterval(poll);
          reject(new Error(`timed out waiting for ${what}; output so far:\n${text}`));
        }, 30_000);
        const poll = setInterval(() => {
          const match = pattern.exec(text);
          if (!match) return;
          clearInterval(poll);
          clearTimeout(deadline);
          resolve(match);
        }, 20);
      }),
  };
}

async function stop(running: Running): Promise<void> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return;
  running.child.kill('SIGKILL');
  await once(running.child, 'exit');
}

async function setup(t: TestContext) {
  const cleanup = cleanupFor(t);
  const { nodes } = await startTestnet(cleanup);
  const directory = await tempDir(cleanup, 'many-cores-interop-');
  const bootstrap = `${nodes[0].host}:${nodes[0].port}`;
  return {
    directory,
    bootstrap,
    start(args: string[]) {
      const running = run(args, directory, { MANY_CORES_TEST_BOOTSTRAP: bootstrap, CI: 'true' });
      cleanup.add(`stop ${args[0]}`, () => stop(running));
      return running;
    },
  };
}

test("our reader reads the how-to's writer.js", async (t) => {
  const world = await setup(t);
  const writer = world.start([join(fixtures, 'writer.js')]);
  const [, key] = await writer.waitFor(/main core key: ([0-9a-f]{64})/, "writer.js's key");
  // writer.js appends whatever one 'data' event brings: one line at a time.
  writer.child.stdin.write('hi\n');
  await writer.waitFor(/appending short data to core2/, 'the short append');
  writer.child.stdin.write('hello from writer.js\n');
  await writer.waitFor(/appending long data to core3/, 'the long append');

  const reader = world.start([
    cli,
    'reader',
    key,
    '--plain',
    '--bootstrap',
    world.bootstrap,
    '--storage',
    'ours',
    '--timeout',
    '20',
  ]);
  await reader.waitFor(/Block 0 in Core [0-9a-f]{64}: hi\n/, 'block 0 of core-2');
  await reader.waitFor(/Block 0 in Core [0-9a-f]{64}: hello from writer\.js\n/, 'block 0 of core-3');

  writer.child.stdin.write('live!\n');
  await reader.waitFor(/Block 1 in Core [0-9a-f]{64}: live!\n/, 'a live block');
});

test("the how-to's reader.js reads our writer", async (t) => {
  const world = await setup(t);
  const writer = world.start([cli, 'writer', '--plain', '--bootstrap', world.bootstrap, '--storage', 'ours']);
  const [, key] = await writer.waitFor(/main core key: ([0-9a-f]{64})/, 'our key');

  const reader = world.start([join(fixtures, 'reader.js'), key]);
  // reader.js prints the newest block of a core when it learns the core's length, then each append.
  await writer.waitFor(/peer [0-9a-f]{8} joined/, 'reader.js to connect');

  writer.child.stdin.write('hey\n');
  writer.child.stdin.write('a longer line from many-cores\n');
  const [, shortKey] = await reader.waitFor(/Block 0 in Core ([0-9a-f]{64}): hey\n/, 'our short block');
  const [, longKey] = await reader.waitFor(
    /Block 0 in Core ([0-9a-f]{64}): a longer line from many-cores\n/,
    'our long block',
  );
  assert.notEqual(shortKey, longKey);
  assert.equal(reader.child.exitCode, null, 'reader.js is still running');
});
