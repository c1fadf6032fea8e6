// docs/untrusted-input.md#storage-folder: a --storage folder that is not a Corestore is refused in
// one line, status 1, and nothing in it is touched (Corestore 7 would move every file in it into
// db/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fillWithUserFiles, snapshotFolder } from '../helpers/folder-snapshot.js';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { spawnPiped } from '../../harness/piped.js';
import { spawnInPty } from '../../harness/pty.js';
import { DEADLINE_MS, settlesWithin } from '../../harness/wait.js';
import { assertQuitCleanly, MESSAGE_LINE } from '../helpers/quit.js';
import { startTestnet } from '../../harness/testnet.js';

const SOME_KEY = 'ab'.repeat(32);

test(
  'a folder of user files given as --storage is refused, writer and reader, plain and screen, byte for byte untouched',
  { timeout: 120_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const cwd = await tempDir(cleanup);
    const folder = path.join(cwd, 'my-project');
    await fillWithUserFiles(folder);
    const before = await snapshotFolder(folder);

    const runs: Array<{ what: string; args: string[]; cwd: string }> = [
      { what: 'writer --plain', args: ['writer', '--plain', '--storage', folder, '--bootstrap', bootstrap], cwd },
      // `--storage .` from inside the folder: the message names the folder itself.
      {
        what: 'reader --plain',
        args: ['reader', SOME_KEY, '--plain', '--storage', '.', '--bootstrap', bootstrap],
        cwd: folder,
      },
      { what: 'writer --json', args: ['writer', '--json', '--storage', folder, '--bootstrap', bootstrap], cwd },
    ];
    for (const run of runs) {
      const app = spawnPiped(run.args, { cleanup, cwd: run.cwd });
      app.child.stdin!.end('a line that must not be stored\n');
      const shown = () => `--- stdout ---\n${app.stdout()}--- stderr ---\n${app.stderr()}--- end ---`;
      if (!(await settlesWithin(app.exited, DEADLINE_MS))) assert.fail(`${run.what} did not exit\n${shown()}`);
      const status = await app.exited;
      assert.deepEqual(await snapshotFolder(folder), before, `${run.what}: the folder is exactly as it was`);
      assert.deepEqual(status, { code: 1, signal: null }, `${run.what}: status 1\n${shown()}`);
      const lines = app.stderr().split('\n').filter(Boolean);
      assert.equal(lines.length, 1, `${run.what}: one line on stderr\n${shown()}`);
      assert.match(lines[0], MESSAGE_LINE);
      assert.match(
        lines[0],
        new RegExp(`^many-cores: storage folder ${folder} is not a Corestore .*nothing in it was changed`),
        `${run.what}: the line names the folder and says it was left alone\n${shown()}`,
      );
      t.diagnostic(`${run.what}: ${lines[0]}`);
      if (run.args.includes('--json')) {
        assert.match(app.stdout(), /^\{"event":"error","message":"storage folder .* is not a Corestore/);
      } else {
        assert.equal(app.stdout(), '', `${run.what}: nothing on stdout\n${shown()}`);
      }
    }

    const screen = spawnInPty(['writer', '--storage', folder, '--bootstrap', bootstrap], { cleanup, cwd, cols: 240 });
    const { message } = await assertQuitCleanly(screen, 'screen writer', SOME_KEY, {
      status: 'nonzero',
      allowMessage: true,
    });
    assert.match(message ?? '', new RegExp(`^many-cores: storage folder ${folder} is not a Corestore`));
    assert.deepEqual(await snapshotFolder(folder), before, 'screen writer: the folder is exactly as it was');
  },
);
