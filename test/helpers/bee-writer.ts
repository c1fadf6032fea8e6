// A Hyperbee written by the real hyperbee package in its own process (test/fixtures/holepunch/bee-writer.mjs),
// served on the test's private DHT: 20 puts of JSON values (`user/0` … `user/19`) and a del of `user/3`.
import fs from 'node:fs/promises';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { tempDir } from '../../harness/cleanup.js';
import { REPO_ROOT, childEnv } from '../../harness/pty.js';
import { stopProcess, waitFor } from '../../harness/wait.js';
import { CONNECT_DEADLINE_MS, type Net } from './hostile.js';

const BEE_WRITER = path.join(REPO_ROOT, 'test', 'fixtures', 'holepunch', 'bee-writer.mjs');

export interface BeePlan {
  // How many bees to write (1 unless given).
  bees?: number;
  // core-1 is a plain core whose block 0 lists the bees as sub-cores; else the first bee is core-1.
  manifest?: boolean;
}

export interface BeeKeys {
  main: string;
  bees: string[];
}

// A change to bee `bee` (0 unless given) once served: a put or del through hyperbee, or raw bytes
// appended to its core (a node hyperbee would never write).
export type BeeEdit = { bee?: number } & ({ put: [string, unknown] } | { del: string } | { append: Buffer[] });

// The line the reader prints for each of the writer's blocks, block 0 first.
export const BEE_LINES = [
  'hyperbee header',
  ...Array.from({ length: 20 }, (_, n) => `put user/${n} {"name":"user ${n}","n":${n}}`),
  'del user/3',
];

export async function startBeeWriter(
  { bootstrap, cleanup }: Net,
  plan: BeePlan = {},
): Promise<{ keys: BeeKeys; edit: (edit: BeeEdit) => Promise<number> }> {
  const storage = await tempDir(cleanup, 'many-cores-bee-writer-');
  const planFile = path.join(await tempDir(cleanup, 'many-cores-bee-plan-'), 'plan.json');
  await fs.writeFile(planFile, JSON.stringify(plan));
  const env = childEnv({ MANY_CORES_TEST_BOOTSTRAP: bootstrap.split(',')[0] });
  const child = spawn(process.execPath, [BEE_WRITER, storage, planFile], { env, stdio: ['pipe', 'pipe', 'pipe'] });
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
  const waitForLine = (what: string, pattern: RegExp) =>
    waitFor(
      what,
      () =>
        pattern.exec(out)?.[1] ??
        (child.exitCode !== null
          ? Promise.reject(new Error(`bee writer exited ${child.exitCode}:\n${err}`))
          : undefined),
      { timeoutMs: CONNECT_DEADLINE_MS, describe },
    );
  const keys = JSON.parse(await waitForLine('the bee writer to list its keys', /^keys (\{.*\})$/m)) as BeeKeys;
  await waitForLine('the bee writer to announce its main core', /^main core key: ([0-9a-f]{64})$/m);

  const answers = () => [...out.matchAll(/^length (\d+)$/gm)];
  const edit = async (change: BeeEdit): Promise<number> => {
    const before = answers().length;
    const line =
      'append' in change ? { ...change, append: change.append.map((block) => block.toString('hex')) } : change;
    child.stdin.write(`${JSON.stringify(line)}\n`);
    const answer = await waitFor('the bee writer to change its bee', () => answers()[before], {
      timeoutMs: CONNECT_DEADLINE_MS,
      describe,
    });
    return Number(answer[1]);
  };
  return { keys, edit };
}
