// A private Linux namespace held open by one process, for tests that need their own network or
// mounts: `unshare` runs `setup` in it (a shell line that echoes `ready` when done), then sleeps
// until the test's cleanup kills it. Other processes join it through `wrap` (nsenter). Needs root.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { Cleanup } from '../../harness/cleanup.js';
import { settlesWithin, waitFor } from '../../harness/wait.js';

const run = promisify(execFile);

export type HeldNamespace =
  { ok: true; wrap: string[]; runInside: (command: string[]) => Promise<string> } | { ok: false; reason: string };

export async function holdNamespace(
  cleanup: Cleanup,
  kind: 'net' | 'mount',
  setup: string,
  setupArgs: string[] = [],
): Promise<HeldNamespace> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return { ok: false, reason: 'needs root on Linux' };
  // unshare execs sh, which execs sleep: one process holds the namespace, and killing it frees it.
  const holder = spawn(
    'unshare',
    [`--${kind}`, 'sh', '-c', `${setup} && echo ready && exec sleep 1000000`, ...setupArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
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
  cleanup.add(`remove the private ${kind} namespace`, async () => {
    if (!exited) holder.kill('SIGKILL');
    await settlesWithin(gone, 5000);
  });
  try {
    await waitFor(
      `the ${kind} namespace`,
      () => out.includes('ready') || (exited ? Promise.reject(new Error(err.trim() || 'unshare exited')) : undefined),
      { timeoutMs: 10_000 },
    );
  } catch (error) {
    return { ok: false, reason: `unshare --${kind} failed: ${(error as Error).message}` };
  }
  const namespaceFile = kind === 'net' ? 'net' : 'mnt';
  const wrap = ['nsenter', `--${kind}=/proc/${holder.pid}/ns/${namespaceFile}`, '--'];
  const runInside = async (command: string[]) => {
    const { stdout } = await run(wrap[0], [...wrap.slice(1), ...command], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  };
  try {
    await runInside(['true']);
  } catch (error) {
    return { ok: false, reason: `nsenter failed: ${(error as Error).message}` };
  }
  return { ok: true, wrap, runInside };
}
