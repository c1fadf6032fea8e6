// A Hyperbee's key in the real binary (docs/data-model.md#decoded-cores): the bee that hyperbee 2.27
// wrote in its own process (test/fixtures/holepunch/bee-writer.mjs) is shown decoded, each block as
// what it did, on screen (rows, title, notice, search, the block view, `c`), with --plain and with
// --json; and a manifest whose sub-cores are bees gets the same panes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir } from '../../harness/cleanup.js';
import { paneBlocks, type PaneBlockLine } from '../../harness/layout.js';
import { spawnPiped, type PipedApp } from '../../harness/piped.js';
import { spawnInPty, type AppInPty, type Terminal } from '../../harness/pty.js';
import { waitFor } from '../../harness/wait.js';
import { BEE_LINES, startBeeWriter } from '../helpers/bee-writer.js';
import {
  CONNECT_DEADLINE_MS,
  privateNet,
  quitWithQ,
  spawnPlainReader,
  waitForPlainLines,
  type Net,
} from '../helpers/hostile.js';

const TIMEOUT = { timeout: 240_000 };
const NOTICE = 'a Hyperbee: showing its nodes decoded';
// The screen puts an arrow between a put's key and value; plain output a space.
const onScreen = (line: string) => line.replace(/^put (\S+) /, 'put $1 → ');
const SCREEN_ROWS: PaneBlockLine[] = BEE_LINES.map((line, seq) => ({ seq, text: onScreen(line) }));

function spawnJsonReader({ bootstrap, cleanup }: Net, mainKey: string, storage: string): PipedApp {
  return spawnPiped(['reader', mainKey, '--json', '--bootstrap', bootstrap, '--storage', storage], { cleanup });
}

function blockEvents(reader: PipedApp): Array<Record<string, unknown>> {
  return reader
    .stdout()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((event) => event.event === 'block');
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

// Waits until a pane shows `expected` as its last rows.
async function waitForRows(app: AppInPty, pane: string, what: string, expected: PaneBlockLine[]): Promise<void> {
  const shownEnd = () => paneBlocks(app.lines(), pane)?.slice(-expected.length);
  try {
    await app.waitForScreen(what, () => JSON.stringify(shownEnd()) === JSON.stringify(expected), CONNECT_DEADLINE_MS);
  } catch (error) {
    assert.deepEqual(shownEnd(), expected, app.screen());
    throw error;
  }
}

test(
  "a Hyperbee's key: its nodes decoded on screen, in search, the block view and copies, --plain and --json",
  TIMEOUT,
  async (t) => {
    const net = await privateNet(t);
    const { keys, edit } = await startBeeWriter(net);
    const copies: string[] = [];
    const storage = () => tempDir(net.cleanup, 'many-cores-decoded-bee-');
    const app = spawnInPty(['reader', keys.main, '--bootstrap', net.bootstrap, '--storage', await storage()], {
      cleanup: net.cleanup,
      cols: 140,
      rows: 30,
      onTerminal: recordOsc52(copies),
    });
    const plain = spawnPlainReader(net, keys.main, await storage());
    const json = spawnJsonReader(net, keys.main, await storage());

    // The pane: the last blocks as what they did, the title says bee, the notice what the core is.
    await waitForRows(app, 'core-1', 'the bee decoded in its pane', SCREEN_ROWS.slice(-15));
    await app.waitForText(new RegExp(`core-1 ${keys.main.slice(0, 8)} bee len 22`));
    await app.waitForText(NOTICE);
    assert.doesNotMatch(app.screen(), /block 0 is not JSON|0a0[0-9a-f]{10}/, 'no hex node, no JSON complaint');

    // Search matches the decoded text: no block's bytes hold `put user/16 →`.
    app.write('/put user/16 →');
    await app.waitForText('search pane: /put user/16 →▏');
    app.write('\r');
    await app.waitForText(/\/put user\/16 →: 1 match in (?:the 22 of )?22 blocks/);
    app.write('n');
    await app.waitForScreen('the match at the bottom of the pane, marked', () =>
      app.screen().includes('put user/16 → {"name":"user 16","n":16}'),
    );
    // Enter shows the entry whole: key, value and seq; c copies the value.
    app.write('\r');
    await app.waitForText('block 17 of 22');
    await app.waitForText('Hyperbee put');
    for (const line of ['key · text', 'user/16', 'value · json', '{"name":"user 16","n":16}', 'seq  17'])
      await app.waitForText(line);
    app.write('c');
    await app.waitForText('copied block 17');
    assert.deepEqual(copies, ['{"name":"user 16","n":16}']);
    // Back to the pane, the search cleared, following the tail again.
    app.write('\x1b');
    await app.waitForScreen(
      'the block view closed, the search still said',
      () => !app.screen().includes('Hyperbee put') && app.screen().includes('1 match'),
    );
    app.write('\x1b');
    await app.waitForScreen('the search cleared', () => !app.screen().includes('1 match'));
    app.write('G');
    await app.waitForScreen('following again', () => !app.screen().includes('paused'));

    // --plain: the decoded lines; --json: kind, and the key and value with their encodings.
    const plainLines = (lines: string[], from = 0) =>
      lines.map((line, offset) => `Block ${from + offset} in Core ${keys.main}: ${line}`);
    await waitForPlainLines(plain, 'the bee decoded', plainLines(BEE_LINES));
    assert.ok(plain.stderr().includes(`${NOTICE}\n`), plain.describe());
    await waitFor('22 JSON block events', () => blockEvents(json).length >= 22, {
      timeoutMs: CONNECT_DEADLINE_MS,
      describe: () => json.stdout(),
    });
    const [header, , , , , , , put6] = blockEvents(json);
    assert.deepEqual(header, {
      event: 'block',
      core: 'core-1',
      key: keys.main,
      seq: 0,
      text: 'hyperbee header',
      encoding: 'decoded',
      bytes: 10,
      kind: 'header',
      decoded: { protocol: 'hyperbee' },
    });
    assert.deepEqual(
      { ...put6, bytes: undefined },
      {
        event: 'block',
        core: 'core-1',
        key: keys.main,
        seq: 7,
        text: 'put user/6 {"name":"user 6","n":6}',
        encoding: 'decoded',
        bytes: undefined,
        kind: 'put',
        decoded: {
          key: { text: 'user/6', encoding: 'text' },
          value: { text: '{"name":"user 6","n":6}', encoding: 'json' },
        },
      },
    );
    assert.deepEqual(blockEvents(json)[21]?.decoded, { key: { text: 'user/3', encoding: 'text' } });
    assert.equal(blockEvents(json)[21]?.kind, 'del');

    // Live: a put, then a node no hyperbee would write, shown as hex with why, and nothing breaks.
    await edit({ put: ['user/20', { name: 'user 20', n: 20 }] });
    await edit({ append: [Buffer.from([0x0a, 0x05, 0x01])] });
    const bad = /^\? not a Hyperbee node \(.+\) 0a0501$/;
    await app.waitForScreen('the live put and the bad node', () => {
      const rows = paneBlocks(app.lines(), 'core-1')?.slice(-2);
      return rows?.[0]?.text === 'put user/20 → {"name":"user 20","n":20}' && bad.test(rows[1]?.text ?? '');
    });
    await waitForPlainLines(plain, 'the live put', plainLines(['put user/20 {"name":"user 20","n":20}'], 22));
    await waitFor(
      'the bad node in plain output',
      () => bad.test(plain.stdout().split('\n').at(-2)?.split(': ').slice(1).join(': ') ?? ''),
      {
        timeoutMs: CONNECT_DEADLINE_MS,
        describe: () => plain.describe(),
      },
    );
    await waitFor('the bad node as a JSON event', () => blockEvents(json)[23]?.kind === 'undecodable', {
      timeoutMs: CONNECT_DEADLINE_MS,
      describe: () => json.stdout(),
    });
    assert.ok(!/^\s+at /m.test(app.output()) && !/Error\b/.test(app.output()), 'no stack trace');
    await quitWithQ(app, 'reader of a bee');
  },
);

test('a manifest whose sub-cores are bees: each pane decoded, --plain too', TIMEOUT, async (t) => {
  const net = await privateNet(t);
  const { keys } = await startBeeWriter(net, { bees: 2, manifest: true });
  const app = spawnInPty(
    ['reader', keys.main, '--bootstrap', net.bootstrap, '--storage', await tempDir(net.cleanup, 'many-cores-bees-')],
    { cleanup: net.cleanup, cols: 200, rows: 30 },
  );
  const plain = spawnPlainReader(net, keys.main, await tempDir(net.cleanup, 'many-cores-bees-'));
  const last = SCREEN_ROWS.slice(-5);
  await waitForRows(app, 'core-2', 'the first bee decoded', last);
  await waitForRows(app, 'core-3', 'the second bee decoded', last);
  for (const [index, key] of keys.bees.entries())
    await app.waitForText(new RegExp(`core-${index + 2} ${key.slice(0, 8)} bee len 22`));
  assert.doesNotMatch(app.screen(), /showing/, 'no notice: the panes are the sub-cores block 0 lists');
  for (const key of keys.bees)
    await waitForPlainLines(
      plain,
      `the bee ${key.slice(0, 8)} decoded`,
      BEE_LINES.map((line, seq) => `Block ${seq} in Core ${key}: ${line}`),
    );
  await quitWithQ(app, 'reader of a manifest of bees');
});
