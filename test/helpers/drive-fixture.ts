// A drive written by the real hyperdrive package (test/fixtures/holepunch/drive-writer.mjs), in a
// separate process: what the tests of a drive's panes read, and what they expect to see of it.
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDir, type Cleanup } from '../../harness/cleanup.js';
import { REPO_ROOT, childEnv } from '../../harness/pty.js';
import { stopProcess, waitFor } from '../../harness/wait.js';

export const DRIVE_WRITER = path.join(REPO_ROOT, 'test', 'fixtures', 'holepunch', 'drive-writer.mjs');

export interface DriveFacts {
  key: string;
  blobsKey: string;
  version: number;
  blobsLength: number;
}

// What the fixture writes (kept in step with drive-writer.mjs).
export const DRIVE_FILES = {
  readme: '# many-cores\nA drive, decoded.\n',
  binary: Buffer.from([0x00, 0x01, 0x02, 0x7f, 0x80, 0xfe, 0xff, 0x1b, 0x5b, 0x32, 0x4a]),
  bigLine: (n: number): string => `big.log line ${String(n).padStart(4, '0')} ${'.'.repeat(40)}`,
  bigLines: 3000,
};

export const parseDriveLine = (line: string): DriveFacts | undefined => {
  const match = /^drive (\{.*\})$/m.exec(line);
  return match ? (JSON.parse(match[1]) as DriveFacts) : undefined;
};

// Writes the drive into `storage` and returns its facts once the writer has closed it.
export async function writeDrive(storage: string): Promise<DriveFacts> {
  const { stdout } = await promisify(execFile)(process.execPath, [DRIVE_WRITER, storage], { cwd: REPO_ROOT });
  const facts = parseDriveLine(stdout);
  if (!facts) throw new Error(`the drive writer printed no drive line: ${stdout}`);
  return facts;
}

// Writes the drive in a process of its own that then serves it on the test's loopback DHT
// (`bootstrap`: HOST:PORT of one of its nodes), until the test ends.
export async function serveDrive(cleanup: Cleanup, bootstrap: string): Promise<DriveFacts> {
  const storage = await tempDir(cleanup, 'many-cores-drive-writer-');
  const child = spawn(process.execPath, [DRIVE_WRITER, storage], {
    cwd: REPO_ROOT,
    env: childEnv({ MANY_CORES_TEST_BOOTSTRAP: bootstrap.split(',')[0] }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('close', resolve));
  cleanup.add('stop the drive writer', () => stopProcess((signal) => child.kill(signal), exited));
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  await waitFor('the drive writer to serve', () => /^serving$/m.test(out), {
    timeoutMs: 60_000,
    describe: () => `stdout: ${out}\nstderr: ${err}`,
  });
  return parseDriveLine(out)!;
}
