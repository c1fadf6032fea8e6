// A main core whose block 0 its writer rewrites (truncates core-1 to nothing, appends a new block 0)
// while readers run: the real binary on a screen (a pty), with --plain and with --json, follows it.
// The truncation is said like any, the new block 0 is read, and the panes become the cores it
// gives, with a notice naming what changed; the hostile limits hold for the new block 0 too.
// The writer is test/fixtures/hostile-writer.mjs, a separate process on a private loopback DHT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { tempDir } from '../../harness/cleanup.js';
import { paneBlocks } from '../../harness/layout.js';
import { spawnPiped, type PipedApp } from '../../harness/piped.js';
import type { AppInPty } from '../../harness/pty.js';
import {
  CONNECT_DEADLINE_MS,
  MiB,
  REASONS,
  aloneNotice,
  json,
  privateNet,
  quitWithQ,
  spawnPlainReader,
  spawnScreenReader,
  startHostileWriter,
  waitForPlainLines,
  type Net,
} from '../helpers/hostile.js';
import { waitFor } from '../../harness/wait.js';

const TIMEOUT = { timeout: 240_000 };
const short = (key: string) => key.slice(0, 8);
const manifest = (...keys: string[]) => json({ otherKeys: keys });

function spawnJsonReader({ bootstrap, cleanup }: Net, mainKey: string, storage: string): PipedApp {
  return spawnPiped(['reader', mainKey, '--json', '--bootstrap', bootstrap, '--storage', storage], { cleanup });
}

function events(reader: PipedApp): Array<Record<string, unknown>> {
  return reader
    .stdout()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const eventsOf = (reader: PipedApp, event: string) => events(reader).filter((parsed) => parsed.event === event);

async function waitForEvents(reader: PipedApp, what: string, event: string, count: number) {
  return waitFor(what, () => eventsOf(reader, event).length >= count && eventsOf(reader, event), {
    timeoutMs: CONNECT_DEADLINE_MS,
    describe: () => `--- stdout ---\n${reader.stdout()}--- stderr ---\n${reader.stderr()}--- end ---`,
  });
}

// The texts of a pane's blocks once its title and all of `texts` are on screen, and `also`.
async function waitForPanes(app: AppInPty, what: string, panes: Record<string, string[]>, also = ''): Promise<void> {
  const shown = (lines: string[]) =>
    Object.fromEntries(Object.keys(panes).map((name) => [name, paneBlocks(lines, name)?.map(({ text }) => text)]));
  try {
    await app.waitForScreen(
      what,
      (lines) => lines.join('\n').includes(also) && JSON.stringify(shown(lines)) === JSON.stringify(panes),
      CONNECT_DEADLINE_MS,
    );
  } catch (error) {
    assert.deepEqual(shown(app.lines()), panes, `${what}\n${app.screen()}`);
    throw error;
  }
}

test(
  'block 0 rewritten to list other sub-cores: the panes follow, said on screen, in --plain and --json',
  TIMEOUT,
  async (t) => {
    const net = await privateNet(t);
    const { keys, edit } = await startHostileWriter(net, {
      subCount: 3,
      blockZero: ({ subs }) => manifest(subs[0], subs[1]),
      subBlocks: [['zero a', 'zero b'], ['one a'], ['two a', 'two b', 'two c']],
    });
    const [sub0, sub1, sub2] = keys.subs;
    const app = spawnScreenReader(net, keys.main, await tempDir(net.cleanup, 'many-cores-rewrite-'));
    const plain = spawnPlainReader(net, keys.main, await tempDir(net.cleanup, 'many-cores-rewrite-'));
    const reader = spawnJsonReader(net, keys.main, await tempDir(net.cleanup, 'many-cores-rewrite-'));
    await waitForPanes(app, 'the two sub-cores of the first block 0', {
      'core-2': ['zero a', 'zero b'],
      'core-3': ['one a'],
    });
    await waitForPlainLines(plain, 'the blocks of the first sub-cores', [
      `Block 1 in Core ${sub0}: zero b`,
      `Block 0 in Core ${sub1}: one a`,
    ]);
    await waitForEvents(reader, 'the first sub-cores', 'block', 3);

    // A core cut to nothing has no new length to announce: readers hear of the cut with the new
    // block 0.
    assert.deepEqual(await edit({ truncate: 0 }), { length: 0, fork: 1 });
    assert.deepEqual(await edit({ append: [manifest(sub1, sub2)] }), { length: 1, fork: 1 });

    const notice = `block 0 rewritten by its writer (fork 1): ${short(sub2)} came, ${short(sub0)} left`;
    await waitForPanes(
      app,
      'the sub-cores of the new block 0, and the notice',
      { 'core-2': ['one a'], 'core-3': ['two a', 'two b', 'two c'] },
      notice,
    );
    assert.doesNotMatch(app.screen(), /zero [ab]/, 'no block of the sub-core that left');
    assert.match(app.screen(), new RegExp(`core-2 ${short(sub1)}`));
    assert.match(app.screen(), new RegExp(`core-3 ${short(sub2)}`));

    // --plain: the truncation and what changed on stderr, the new sub-core's blocks on stdout.
    await waitForPlainLines(plain, "the new sub-core's blocks", [
      `Block 0 in Core ${sub2}: two a`,
      `Block 2 in Core ${sub2}: two c`,
    ]);
    await waitFor(
      'the truncation and the change on stderr',
      () =>
        plain.stderr().includes(`core-1 ${short(keys.main)} truncated to 0 blocks by its writer (fork 1)\n${notice}\n`),
      { timeoutMs: CONNECT_DEADLINE_MS, describe: () => plain.describe() },
    );
    assert.equal(
      plain.stdout().split(`Block 0 in Core ${sub1}: one a\n`).length,
      2,
      `the sub-core that stayed is not printed again\n${plain.describe()}`,
    );

    // --json: a truncate event for core-1, then the new cores.
    const [, cores] = await waitForEvents(reader, 'the cores of the new block 0', 'cores', 2);
    assert.deepEqual(cores, {
      event: 'cores',
      cores: [
        { core: 'core-2', key: sub1 },
        { core: 'core-3', key: sub2 },
      ],
      skipped: 0,
      notShown: 0,
      rewrite: notice,
    });
    await waitForEvents(reader, "the new sub-core's blocks", 'block', 6);
    const told = events(reader)
      .filter(({ event }) => event === 'truncate' || event === 'cores')
      .map(({ event, core, length, fork }) =>
        event === 'cores' ? 'cores' : `truncate ${String(core)} ${String(length)} fork ${String(fork)}`,
      );
    assert.deepEqual(told, ['cores', 'truncate core-1 0 fork 1', 'cores']);
    const blocks = eventsOf(reader, 'block').map(
      ({ core, key, text }) => `${String(core)} ${short(String(key))} ${String(text)}`,
    );
    assert.deepEqual(blocks.slice(3).sort(), [
      `core-3 ${short(sub2)} two a`,
      `core-3 ${short(sub2)} two b`,
      `core-3 ${short(sub2)} two c`,
    ]);
    await quitWithQ(app, 'reader of a rewritten block 0');
  },
);

test(
  'block 0 rewritten to no list and back: the core shown alone, then the listed ones, within the limits',
  TIMEOUT,
  async (t) => {
    const net = await privateNet(t);
    const { keys, edit } = await startHostileWriter(net, {
      subCount: 2,
      blockZero: ({ subs }) => manifest(subs[0]),
      subBlocks: [['zero a'], ['one a', 'one b']],
    });
    const [, sub1] = keys.subs;
    const app = spawnScreenReader(net, keys.main, await tempDir(net.cleanup, 'many-cores-rewrite-'));
    const reader = spawnJsonReader(net, keys.main, await tempDir(net.cleanup, 'many-cores-rewrite-'));
    await waitForPanes(app, 'the one sub-core', { 'core-2': ['zero a'] });
    await waitForEvents(reader, 'the first sub-core', 'block', 1);

    // Not a list any more: the main core alone, block 0 and all, saying why and what changed.
    await edit({ truncate: 0 });
    await edit({ append: [Buffer.from('just text now\n'), Buffer.from('more text\n')] });
    const notJson = aloneNotice(REASONS.notJson);
    await waitForPanes(
      app,
      'the main core alone',
      { 'core-1': ['just text now', 'more text'] },
      'block 0 rewritten by its writer (fork 1): it lists no sub-core now',
    );
    await app.waitForText(notJson);
    assert.doesNotMatch(app.screen(), /core-2 /, 'the sub-core left');
    const [, alone] = await waitForEvents(reader, 'the core alone', 'cores', 2);
    assert.deepEqual(alone, {
      event: 'cores',
      cores: [{ core: 'core-1', key: keys.main }],
      skipped: 0,
      notShown: 0,
      notice: notJson,
      rewrite: 'block 0 rewritten by its writer (fork 1): it lists no sub-core now',
    });
    await reader.waitForStdout('the main core blocks', /"core":"core-1",.*"text":"more text"/, CONNECT_DEADLINE_MS);

    // A list again, of 33 keys: 32 shown (the first is sub-1), one counted.
    const strangers = Array.from({ length: 32 }, () => randomBytes(32).toString('hex'));
    await edit({ truncate: 0 });
    await edit({ append: [manifest(sub1, ...strangers)] });
    await waitForPanes(
      app,
      'the listed sub-cores again',
      { 'core-2': ['one a', 'one b'] },
      'block 0 rewritten by its writer (fork 2): it lists 32 sub-cores now',
    );
    await app.waitForText('1 more sub-cores not shown');
    const listed = (await waitForEvents(reader, 'the listed cores', 'cores', 3))[2];
    assert.equal((listed.cores as unknown[]).length, 32);
    assert.deepEqual((listed.cores as unknown[])[0], { core: 'core-2', key: sub1 });
    assert.equal(listed.notShown, 1);
    assert.ok(
      eventsOf(reader, 'truncate').some(({ core, length, fork }) => core === 'core-1' && length === 0 && fork === 2),
      'the second truncation said',
    );

    // Over 1 MiB: refused unread, the core shown alone.
    await edit({ truncate: 0 });
    await edit({ append: [Buffer.alloc(MiB + 1, 0x20)] });
    const oversized = aloneNotice(REASONS.oversized(MiB + 1));
    // The notice line is cut at the screen's width: the reason is in what fits.
    await app.waitForText(`(fork 3): it lists no sub-core now · ${REASONS.oversized(MiB + 1)}`, CONNECT_DEADLINE_MS);
    await waitFor('the oversized block 0 refused', () => eventsOf(reader, 'cores').at(-1)?.notice === oversized, {
      timeoutMs: CONNECT_DEADLINE_MS,
      describe: () => reader.stdout().slice(-2000),
    });
    await quitWithQ(app, 'reader of a block 0 rewritten twice');
  },
);
