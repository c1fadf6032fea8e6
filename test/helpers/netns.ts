// A private network namespace with only loopback up, for tests pinned to a fixed port (--local uses
// UDP 127.0.0.1:49737, which a developer's own --local session may hold). Needs root, unshare and
// nsenter; without them the caller falls back to the machine's loopback.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { type Cleanup } from './pty.js';
import { settlesWithin, waitFor } from './wait.js';

const run = promisify(execFile);

export type PrivateLoopback = { ok: true; wrap: string[] } | { ok: false; reason: string };

export async function privateLoopback(cleanup: Cleanup): Promise<PrivateLoopback> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return { ok: false, reason: 'needs root on Linux' };
  // unshare execs sh, which execs sleep: one process holds the namespace, and killing it frees it.
  const holder = spawn('unshare', ['--net', 'sh', '-c', 'ip link set lo up && echo ready && exec sleep 1000000'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
  cleanup.add('remove the private network namespace', async () => {
    if (!exited) holder.kill('SIGKILL');
    await settlesWithin(gone, 5000);
  });
  try {
    await waitFor(
      'the namespace',
      () => out.includes('ready') || (exited ? Promise.reject(new Error(err.trim() || 'unshare exited')) : undefined),
      {
        timeoutMs: 10_000,
      },
    );
  } catch (error) {
    return { ok: false, reason: `unshare failed: ${(error as Error).message}` };
  }
  const wrap = ['nsenter', `--net=/proc/${holder.pid}/ns/net`, '--'];
  try {
    await run(wrap[0], [...wrap.slice(1), 'true']);
  } catch (error) {
    return { ok: false, reason: `nsenter failed: ${(error as Error).message}` };
  }
  return { ok: true, wrap };
}

// Whether UDP 127.0.0.1:port can be bound right now, inside `wrap`'s namespace or here.
export async function udpPortFree(port: number, wrap: string[] = []): Promise<boolean> {
  const script = `const s = require('dgram').createSocket('udp4');
s.once('error', () => { process.stdout.write('taken'); s.close(); });
s.bind(${port}, '127.0.0.1', () => s.close(() => process.stdout.write('free')));`;
  const command = [...wrap, process.execPath, '-e', script];
  const { stdout } = await run(command[0], command.slice(1));
  return stdout === 'free';
}
