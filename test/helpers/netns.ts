// A private network namespace with only loopback up, for tests pinned to a fixed port (--local uses
// UDP 127.0.0.1:49737, which a developer's own --local session may hold). Needs root, unshare and
// nsenter; without them the caller falls back to the machine's loopback.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { holdNamespace } from './namespace.js';
import type { Cleanup } from '../../harness/cleanup.js';

const run = promisify(execFile);

export type PrivateLoopback = { ok: true; wrap: string[] } | { ok: false; reason: string };

export async function privateLoopback(cleanup: Cleanup): Promise<PrivateLoopback> {
  const held = await holdNamespace(cleanup, 'net', 'ip link set lo up');
  return held.ok ? { ok: true, wrap: held.wrap } : held;
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
