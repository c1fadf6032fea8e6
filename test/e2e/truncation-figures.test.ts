// A core truncated again and again by its writer: a pane's title never claims more local blocks
// than the length it shows, in a reader following the core and in a seeding reader, while the
// writer (test/fixtures/hostile-writer.mjs, a separate process on a private loopback DHT) cuts
// core-1 back and writes it out again every 400 ms. Every frame that reaches the terminal is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir } from '../../harness/cleanup.js';
import { spawnInPty, type AppInPty } from '../../harness/pty.js';
import {
  CONNECT_DEADLINE_MS,
  privateNet,
  quitWithQ,
  spawnScreenReader,
  startHostileWriter,
} from '../helpers/hostile.js';
import { sleep } from '../../harness/wait.js';

const TIMEOUT = { timeout: 240_000 };
const KEPT = 7;
const LENGTH = 43;
const ROUNDS = 60;
const TRUNCATE_EVERY_MS = 400;

// The figures of core-1's title: `len N · local M` (following) or `local M / N` (seeding).
const FOLLOWED = /core-1 .*len (\d+) · local (\d+) · peers \d+/;
const SEEDING = /core-1 .*local (\d+) \/ (\d+) · peers \d+/;

interface Seen {
  titles: number;
  overclaims: string[];
}

// Reads the title on every write the terminal parses: a frame that claims more local blocks
// than the length beside them is kept to be reported.
function watchTitles(app: AppInPty, pattern: RegExp, figures: (match: RegExpExecArray) => [number, number]): Seen {
  const seen: Seen = { titles: 0, overclaims: [] };
  app.term.onWriteParsed(() => {
    for (const line of app.lines()) {
      const match = pattern.exec(line);
      if (!match) continue;
      seen.titles++;
      const [length, local] = figures(match);
      if (local > length) seen.overclaims.push(line.trim());
    }
  });
  return seen;
}

test("a core truncated every 400 ms: no title claims more local blocks than the core's length", TIMEOUT, async (t) => {
  const net = await privateNet(t);
  const rest = Array.from({ length: LENGTH - 1 }, (_, seq) => `block ${seq + 1}\n`);
  const { keys, edit } = await startHostileWriter(net, {
    blockZero: () => Buffer.from('not a list of sub-cores\n'),
    mainBlocks: rest,
  });
  const follower = spawnScreenReader(net, keys.main, await tempDir(net.cleanup, 'many-cores-truncation-'));
  const seeder = spawnInPty(
    [
      'reader',
      keys.main,
      '--seed',
      '--bootstrap',
      net.bootstrap,
      '--storage',
      await tempDir(net.cleanup, 'many-cores-truncation-'),
    ],
    { cleanup: net.cleanup, cols: 140, rows: 30 },
  );
  // The follower holds the blocks in view only: its local count is under the length.
  const full = new RegExp(`len ${LENGTH} · local \\d+ · peers`);
  await follower.waitForText(full, CONNECT_DEADLINE_MS);
  await seeder.waitForText(`len ${LENGTH} · seeded`, CONNECT_DEADLINE_MS);
  const followed = watchTitles(follower, FOLLOWED, (match) => [Number(match[1]), Number(match[2])]);
  const seeded = watchTitles(seeder, SEEDING, (match) => [Number(match[2]), Number(match[1])]);

  const again = rest.slice(KEPT - 1).map((text, index) => Buffer.from(`${text.trim()} rewritten ${index}\n`));
  for (let round = 0; round < ROUNDS; round++) {
    assert.equal((await edit({ truncate: KEPT })).length, KEPT);
    assert.equal((await edit({ append: again })).length, LENGTH);
    await sleep(TRUNCATE_EVERY_MS);
  }
  // Once truncation stops, the figures settle on the whole core.
  await follower.waitForText(full, CONNECT_DEADLINE_MS);
  await seeder.waitForText(`len ${LENGTH} · seeded`, CONNECT_DEADLINE_MS);
  t.diagnostic(`titles read: following ${followed.titles}, seeding ${seeded.titles}`);

  assert.ok(followed.titles > ROUNDS, `the follower's title was read through the truncations (${followed.titles})`);
  assert.deepEqual(followed.overclaims, [], 'no title of the following reader claims local > len');
  assert.deepEqual(seeded.overclaims, [], 'no title of the seeding reader claims local > len');
  await quitWithQ(follower, 'reader of a core truncated again and again');
  await quitWithQ(seeder, 'seeder of a core truncated again and again');
});
