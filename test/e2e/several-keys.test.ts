// docs/command-line.md#several-keys: one reader, two writers' main keys, two separate writer
// processes on one private DHT. Each key's panes are on one screen, titled with the key they came
// from; plain and JSON output name the key of every block; both follow each writer's live appends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startPlainWriter, type StartedPlainWriter } from '../../harness/apps.js';
import { cleanupFor, tempDir, type Cleanup } from '../../harness/cleanup.js';
import { paneBlocks, type PaneBlockLine } from '../../harness/layout.js';
import { spawnPiped } from '../../harness/piped.js';
import { spawnInPty, type Terminal } from '../../harness/pty.js';
import { startTestnet } from '../../harness/testnet.js';
import { sleep, waitFor } from '../../harness/wait.js';

// What each writer is sent: a short line (core-2) and a long one (core-3), before the reader
// starts and after it has shown them.
const LINES = {
  first: { history: ['hi', 'alpha history'], live: ['ab', 'alpha live line'] },
  second: { history: ['yo', 'bravo history'], live: ['cd', 'bravo live line'] },
};

async function twoWriters(cleanup: Cleanup, bootstrap: string): Promise<[StartedPlainWriter, StartedPlainWriter]> {
  const writers = await Promise.all([
    startPlainWriter(cleanup, { bootstrap }),
    startPlainWriter(cleanup, { bootstrap }),
  ]);
  for (const writer of writers) cleanup.add('stop writer', () => writer.app.stop());
  assert.notEqual(writers[0].mainKey, writers[1].mainKey, 'two writers, two main keys');
  writers[0].app.child.stdin!.write(`${LINES.first.history.join('\n')}\n`);
  writers[1].app.child.stdin!.write(`${LINES.second.history.join('\n')}\n`);
  for (const writer of writers) {
    await writer.app.waitForStdout('the history stored', /appended block 0 to core-3/);
  }
  return writers;
}

// Every OSC 52 the app sends, decoded.
function recordOsc52(copies: string[]) {
  return (term: Terminal) => {
    term.parser.registerOscHandler(52, (data) => {
      copies.push(Buffer.from(data.slice(data.indexOf(';') + 1), 'base64').toString('utf8'));
      return true;
    });
  };
}

const seqs = (texts: string[]): PaneBlockLine[] => texts.map((text, seq) => ({ seq, text }));

test(
  'two keys on one screen: each pane titled with its key, history and live appends from both writers',
  { timeout: 120_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const [first, second] = await twoWriters(cleanup, bootstrap);
    const copies: string[] = [];
    const reader = spawnInPty(
      ['reader', first.mainKey, second.mainKey, '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)],
      { cleanup, cols: 160, rows: 40, onTerminal: recordOsc52(copies) },
    );
    // The header: the count, then as many keys as fit (the second is cut at 160 columns).
    await reader.waitForText(`2 main keys ${first.mainKey} ${second.mainKey.slice(0, 16)}`);

    const panes = (lines: string[]) => ({
      [`${first.mainKey.slice(0, 8)}/core-2`]: paneBlocks(lines, `${first.mainKey.slice(0, 8)}/core-2`),
      [`${first.mainKey.slice(0, 8)}/core-3`]: paneBlocks(lines, `${first.mainKey.slice(0, 8)}/core-3`),
      [`${second.mainKey.slice(0, 8)}/core-2`]: paneBlocks(lines, `${second.mainKey.slice(0, 8)}/core-2`),
      [`${second.mainKey.slice(0, 8)}/core-3`]: paneBlocks(lines, `${second.mainKey.slice(0, 8)}/core-3`),
    });
    const expectPanes = async (what: string, texts: typeof LINES) => {
      const expected = {
        [`${first.mainKey.slice(0, 8)}/core-2`]: seqs(texts.first.history.filter((_, index) => index % 2 === 0)),
        [`${first.mainKey.slice(0, 8)}/core-3`]: seqs(texts.first.history.filter((_, index) => index % 2 === 1)),
        [`${second.mainKey.slice(0, 8)}/core-2`]: seqs(texts.second.history.filter((_, index) => index % 2 === 0)),
        [`${second.mainKey.slice(0, 8)}/core-3`]: seqs(texts.second.history.filter((_, index) => index % 2 === 1)),
      };
      const same = (lines: string[]) => JSON.stringify(panes(lines)) === JSON.stringify(expected);
      await reader.waitForScreen(what, same).catch((error: unknown) => {
        assert.deepEqual(panes(reader.lines()), expected, `${what}: ${(error as Error).message}\n${reader.screen()}`);
        throw error;
      });
    };
    await expectPanes("both writers' history, each in its key's panes", LINES);

    first.app.child.stdin!.write(`${LINES.first.live.join('\n')}\n`);
    second.app.child.stdin!.write(`${LINES.second.live.join('\n')}\n`);
    const all = {
      first: { history: [...LINES.first.history, ...LINES.first.live], live: [] },
      second: { history: [...LINES.second.history, ...LINES.second.live], live: [] },
    };
    await expectPanes("both writers' live lines", all);
    assert.doesNotMatch(reader.screen(), /looking for the writer/, 'both keys are connected');

    // r: a reader command with both keys; Ctrl+K: both keys.
    reader.write('r');
    await reader.waitForScreen('the reader command copied', () => copies.length >= 1);
    assert.match(copies[0], new RegExp(` reader ${first.mainKey} ${second.mainKey} --bootstrap `), copies[0]);
    reader.write('\x0b');
    await reader.waitForScreen('the main keys copied', () => copies.length >= 2);
    assert.equal(copies[1], `${first.mainKey} ${second.mainKey}`);
    await reader.waitForText('copied the 2 main keys');

    // p: the peers view lists the cores of both keys, each with the key it came from.
    reader.write('p');
    const coreRow = (mainKey: string, core: string) =>
      new RegExp(`${mainKey.slice(0, 8)}\\s+${core}\\s+[0-9a-f]{8}\\s+\\d`);
    await reader.waitForScreen("the peers view with both keys' cores", (lines) =>
      [first, second].every(({ mainKey }) =>
        ['core-2', 'core-3'].every((core) => lines.some((line) => coreRow(mainKey, core).test(line))),
      ),
    );
  },
);

test(
  'two keys in --plain and --json: every block names the key it belongs to, history and live',
  { timeout: 120_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const [first, second] = await twoWriters(cleanup, bootstrap);
    const keys = [first.mainKey, second.mainKey];
    const storages = [await tempDir(cleanup), await tempDir(cleanup)];
    const plain = spawnPiped(['reader', ...keys, '--plain', '--bootstrap', bootstrap, '--storage', storages[0]], {
      cleanup,
    });
    cleanup.add('stop plain reader', () => plain.stop());
    const json = spawnPiped(['reader', ...keys, '--json', '--bootstrap', bootstrap, '--storage', storages[1]], {
      cleanup,
    });
    cleanup.add('stop JSON reader', () => json.stop());

    const plainLine = (mainKey: string, seq: number, text: string) =>
      new RegExp(`^${mainKey.slice(0, 8)}: Block ${seq} in Core [0-9a-f]{64}: ${text}$`, 'm');
    type Event = Record<string, unknown>;
    const events = (): Event[] =>
      json
        .stdout()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Event);
    const blocksOf = (mainKey: string) =>
      events()
        .filter((event) => event.event === 'block' && event.mainKey === mainKey)
        .map(({ core, seq, text }) => `${String(core)} ${String(seq)} ${String(text)}`)
        .sort();
    const expectBoth = async (what: string, first: string[], second: string[]) => {
      for (const [mainKey, texts] of [
        [keys[0], first],
        [keys[1], second],
      ] as const) {
        for (const [index, text] of texts.entries()) {
          await plain.waitForStdout(`${what}: "${text}" in plain`, plainLine(mainKey, Math.floor(index / 2), text));
        }
        const expected = texts.map((text, index) => `core-${2 + (index % 2)} ${Math.floor(index / 2)} ${text}`).sort();
        await waitFor(`${what}: ${texts.length} blocks of ${mainKey.slice(0, 8)} in JSON`, () => {
          return JSON.stringify(blocksOf(mainKey)) === JSON.stringify(expected);
        }).catch((error: unknown) => {
          assert.deepEqual(blocksOf(mainKey), expected, String(error));
        });
      }
    };
    await expectBoth('history', LINES.first.history, LINES.second.history);
    first.app.child.stdin!.write(`${LINES.first.live.join('\n')}\n`);
    second.app.child.stdin!.write(`${LINES.second.live.join('\n')}\n`);
    await expectBoth(
      'live',
      [...LINES.first.history, ...LINES.first.live],
      [...LINES.second.history, ...LINES.second.live],
    );

    // JSON: a key event for each key, in order, then a cores event per key naming it.
    const all = events();
    assert.deepEqual(
      all.filter((event) => event.event === 'key').map((event) => event.key),
      keys,
    );
    assert.deepEqual(
      all
        .filter((event) => event.event === 'cores')
        .map((event) => event.mainKey)
        .sort(),
      [...keys].sort(),
    );
    assert.ok(
      all.filter((event) => event.event === 'block').every((event) => keys.includes(String(event.mainKey))),
      'every block event names its main key',
    );
  },
);

// docs/command-line.md#timeout: with several keys, --timeout gives up only when no key's writer was found.
test(
  '--timeout with two keys: one found, the other said and still looked for; none found, status 1',
  { timeout: 120_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const writer = await startPlainWriter(cleanup, { bootstrap });
    cleanup.add('stop writer', () => writer.app.stop());
    writer.app.child.stdin!.write('alpha history\n');
    await writer.app.waitForStdout('the line stored', /appended block 0 to core-3/);
    // Keys nobody serves.
    const [lost, alsoLost] = [Buffer.alloc(32, 7), Buffer.alloc(32, 8)].map((key) => key.toString('hex'));

    const reader = spawnPiped(['reader', writer.mainKey, lost, '--plain', '--timeout', '3', '--bootstrap', bootstrap], {
      cleanup,
      cwd: await tempDir(cleanup),
    });
    cleanup.add('stop reader', () => reader.stop());
    await reader.waitForStdout(
      "the found key's block",
      new RegExp(`^${writer.mainKey.slice(0, 8)}: Block 0 in Core [0-9a-f]{64}: alpha history$`, 'm'),
    );
    const late = `${lost.slice(0, 8)}: Could not connect to the writer peer in 3s; still looking\n`;
    await waitFor('the lost key said on stderr', () => reader.stderr().includes(late)).catch(() =>
      assert.fail(`stderr:\n${reader.stderr()}`),
    );
    writer.app.child.stdin!.write('alpha live line\n');
    await reader.waitForStdout('a live block after the timeout', /: Block 1 in Core [0-9a-f]{64}: alpha live line$/m);
    assert.equal(reader.child.exitCode, null, 'still running');

    // On the screen the same: the found key's panes, and the notice line names the key still looked for.
    const screen = spawnInPty(
      ['reader', writer.mainKey, lost, '--timeout', '3', '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)],
      { cleanup, cols: 120, rows: 30 },
    );
    await screen.waitForScreen("the found key's pane and the lost key's notice", (lines) => {
      const pane = paneBlocks(lines, `${writer.mainKey.slice(0, 8)}/core-3`);
      const notice = lines.some((line) => line.includes(`${lost.slice(0, 8)}: looking for the writer… `));
      return notice && pane?.some((block) => block.text === 'alpha history') === true;
    });
    // Past its --timeout it still runs, and follows the writer it found.
    await sleep(4000);
    writer.app.child.stdin!.write('a line after the timeout\n');
    await screen.waitForScreen('a line typed after the timeout', (lines) =>
      (paneBlocks(lines, `${writer.mainKey.slice(0, 8)}/core-3`) ?? []).some(
        (block) => block.text === 'a line after the timeout',
      ),
    );

    const none = spawnPiped(['reader', lost, alsoLost, '--plain', '--timeout', '2', '--bootstrap', bootstrap], {
      cleanup,
      cwd: await tempDir(cleanup),
    });
    assert.deepEqual(await none.exited, { code: 1, signal: null });
    assert.equal(none.stderr(), 'many-cores: Could not connect to the writer peer\n');
  },
);
