// A bee written by the real hyperbee package in a separate process (test/fixtures/holepunch/bee-entries-writer.mjs),
// served on the test's private DHT; puts and dels are sent to it live.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { tempDir } from '../../harness/cleanup.js';
import { REPO_ROOT, childEnv } from '../../harness/pty.js';
import { stopProcess, waitFor } from '../../harness/wait.js';
import { CONNECT_DEADLINE_MS, type Net } from './hostile.js';

const BEE_WRITER = path.join(REPO_ROOT, 'test', 'fixtures', 'holepunch', 'bee-entries-writer.mjs');

/** The key the writer gives entry `n`: `user/00000` … */
export const beeKeyOf = (n: number): string => `user/${String(n).padStart(5, '0')}`;

export interface BeeWriter {
  key: string;
  put(key: string, value: string): Promise<void>;
  del(key: string): Promise<void>;
}

// Starts the writer with `count` entries and resolves once it has announced the bee.
export async function startBeeOfEntries({ bootstrap, cleanup }: Net, count: number): Promise<BeeWriter> {
  const storage = await tempDir(cleanup, 'many-cores-bee-writer-');
  const env = childEnv({ MANY_CORES_TEST_BOOTSTRAP: bootstrap.split(',')[0] });
  const child = spawn(process.execPath, [BEE_WRITER, storage, String(count)], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  child.stdin.on('error', () => {});
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  cleanup.add(`stop bee writer ${child.pid}`, async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await stopProcess((signal) => child.kill(signal), exited);
  });
  const describe = () => `--- bee writer stdout ---\n${out}--- stderr ---\n${err}--- end ---`;
  const key = await waitFor(
    'the bee writer to announce its bee',
    () =>
      /^bee key: ([0-9a-f]{64})$/m.exec(out)?.[1] ??
      (child.exitCode !== null ? Promise.reject(new Error(`bee writer exited ${child.exitCode}:\n${err}`)) : undefined),
    { timeoutMs: CONNECT_DEADLINE_MS, describe },
  );
  const send = async (command: unknown): Promise<void> => {
    const answers = () => out.match(/^length \d+$/gm)?.length ?? 0;
    const before = answers();
    child.stdin.write(`${JSON.stringify(command)}\n`);
    await waitFor('the bee writer to write', () => answers() > before, { timeoutMs: CONNECT_DEADLINE_MS, describe });
  };
  return {
    key,
    put: (entryKey, value) => send({ put: [entryKey, value] }),
    del: (entryKey) => send({ del: entryKey }),
  };
}
