// A hyperbee2 core written by the real hyperbee2 package in its own process
// (test/fixtures/holepunch/bee2-writer.mjs), served on the test's loopback DHT.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir, type Cleanup } from '../../harness/cleanup.js';
import { REPO_ROOT, childEnv } from '../../harness/pty.js';
import { stopProcess, waitFor } from '../../harness/wait.js';

const BEE2_WRITER = path.join(REPO_ROOT, 'test', 'fixtures', 'holepunch', 'bee2-writer.mjs');
// Generous: the machine may be busy with other tests.
const WRITER_DEADLINE_MS = 90_000;

/** One change of a write batch: a put of a UTF-8 key and value, or a delete. */
export type Bee2Op = ['put', string, string] | ['del', string];

export interface Bee2Writer {
  /** The main core's key, hex: the hyperbee2 core's, or the manifest's that lists it. */
  key: string;
  /** The hyperbee2 core's key, hex. */
  bee2Key: string;
  /** Blocks in the core after the first batches. */
  length: number;
  /** Writes one more batch; resolves with the core's length once it is flushed. */
  write(ops: Bee2Op[]): Promise<number>;
}

// Starts the writer with `batches` written (each one hyperbee2 write batch) and resolves once it has
// announced its main core; `compat`: written in hyperbee's format instead; `manifest`: the main core
// is a plain core whose block 0 lists the hyperbee2 core.
export async function startBee2Writer(
  cleanup: Cleanup,
  bootstrap: string,
  batches: Bee2Op[][],
  { compat = false, manifest = false }: { compat?: boolean; manifest?: boolean } = {},
): Promise<Bee2Writer> {
  const storage = await tempDir(cleanup, 'many-cores-bee2-writer-');
  const scratch = await tempDir(cleanup, 'many-cores-bee2-plan-');
  const planFile = path.join(scratch, 'plan.json');
  await fs.writeFile(planFile, JSON.stringify({ batches, compat, manifest }));
  const env = childEnv({ MANY_CORES_TEST_BOOTSTRAP: bootstrap.split(',')[0] });
  const child = spawn(process.execPath, [BEE2_WRITER, storage, planFile], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  child.stdin.on('error', () => {});
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  cleanup.add(`stop the hyperbee2 writer ${child.pid}`, async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await stopProcess((signal) => child.kill(signal), exited);
  });
  const describe = () => `--- hyperbee2 writer stdout ---\n${out}--- stderr ---\n${err}--- end ---`;
  const lengths = () => [...out.matchAll(/^length (\d+)$/gm)].map((match) => Number(match[1]));
  const key = await waitFor(
    'the hyperbee2 writer to announce its core',
    () =>
      /^main core key: ([0-9a-f]{64})$/m.exec(out)?.[1] ??
      (child.exitCode !== null ? Promise.reject(new Error(`the writer exited ${child.exitCode}:\n${err}`)) : undefined),
    { timeoutMs: WRITER_DEADLINE_MS, describe },
  );
  return {
    key,
    bee2Key: /^bee2 core key: ([0-9a-f]{64})$/m.exec(out)?.[1] ?? '',
    length: lengths()[0],
    async write(ops) {
      const before = lengths().length;
      child.stdin.write(`${JSON.stringify(ops)}\n`);
      return waitFor('the hyperbee2 writer to flush a batch', () => lengths()[before], {
        timeoutMs: WRITER_DEADLINE_MS,
        describe,
      });
    },
  };
}
