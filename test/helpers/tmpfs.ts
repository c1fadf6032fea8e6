// A small tmpfs in a private mount namespace, for disk-full tests: processes run in it through
// `wrap`, and the test can grow it afterwards (space freed) without losing what it holds.
// Needs root, unshare and nsenter.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { Cleanup } from './pty.js';
import { settlesWithin, waitFor } from './wait.js';

const run = promisify(execFile);

export type PrivateTmpfs =
  | {
      ok: true;
      wrap: string[];
      resize: (size: string) => Promise<void>;
      runInside: (command: string[]) => Promise<string>;
    }
  | { ok: false; reason: string };

// Mounts a tmpfs of `size` (e.g. '2m') over `directory`, seen only by processes run through `wrap`.
export async function privateTmpfs(cleanup: Cleanup, directory: string, size: string): Promise<PrivateTmpfs> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return { ok: false, reason: 'needs root on Linux' };
  // unshare execs sh, which execs sleep: one process holds the namespace, and killing it frees it.
  const holder = spawn(
    'unshare',
    ['--mount', 'sh', '-c', `mount -t tmpfs -o size=${size} tmpfs "$0" && echo ready && exec sleep 1000000`, directory],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  let exited = false;
  holder.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  holder.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const gone = new Promise<void>((resolve) => {
    holder.once('error', (error) => {
      err += String(error.message);
      exited = true;
      resolve();
    });
    holder.once('exit', () => {
      exited = true;
      resolve();
    });
  });
  cleanup.add('remove the private tmpfs', async () => {
    if (!exited) holder.kill('SIGKILL');
    await settlesWithin(gone, 5000);
  });
  try {
    await waitFor(
      'the tmpfs',
      () => out.includes('ready') || (exited ? Promise.reject(new Error(err.trim() || 'unshare exited')) : undefined),
      { timeoutMs: 10_000 },
    );
  } catch (error) {
    return { ok: false, reason: `unshare --mount failed: ${(error as Error).message}` };
  }
  const wrap = ['nsenter', `--mount=/proc/${holder.pid}/ns/mnt`, '--'];
  const runInside = async (command: string[]) => {
    const { stdout } = await run(wrap[0], [...wrap.slice(1), ...command], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  };
  try {
    await runInside(['true']);
  } catch (error) {
    return { ok: false, reason: `nsenter failed: ${(error as Error).message}` };
  }
  return {
    ok: true,
    wrap,
    runInside,
    resize: async (newSize) => {
      await runInside(['mount', '-o', `remount,size=${newSize}`, directory]);
    },
  };
}
