// Any Hypercore key (docs/data-model.md#any-core): a core whose block 0 is no list of sub-cores is shown itself, block 0
// included, in the real binary on a screen (a pty), with --plain and with --json, each block as
// text, compacted JSON or hex; new blocks arrive live, and a truncation by its writer (a new fork)
// is said and replaced by the new history, on screen, in search results and in both outputs.
// The writer is test/fixtures/hostile-writer.mjs, a separate process on a private loopback DHT,
// which appends to and truncates its core on command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir } from '../../harness/cleanup.js';
import { paneBlocks, type PaneBlockLine } from '../../harness/layout.js';
import { spawnPiped, type PipedApp } from '../../harness/piped.js';
import type { AppInPty } from '../../harness/pty.js';
import {
  CONNECT_DEADLINE_MS,
  REASONS,
  aloneNotice,
  privateNet,
  quitWithQ,
  spawnPlainReader,
  spawnScreenReader,
  startHostileWriter,
  waitForPlainLines,
  type Net,
  type PlainReader,
} from '../helpers/hostile.js';
import { waitFor } from '../../harness/wait.js';

const TIMEOUT = { timeout: 180_000 };
const NOTICE = aloneNotice(REASONS.notJson);

const text = (value: string) => Buffer.from(value, 'utf8');

function spawnJsonReader({ bootstrap, cleanup }: Net, mainKey: string, storage: string): PipedApp {
  return spawnPiped(['reader', mainKey, '--json', '--bootstrap', bootstrap, '--storage', storage], { cleanup });
}

// The JSON events printed so far, of one kind.
function eventsOf(reader: PipedApp, event: string): Array<Record<string, unknown>> {
  return reader
    .stdout()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((parsed) => parsed.event === event);
}

async function waitForPane(app: AppInPty, what: string, expected: PaneBlockLine[], also = ''): Promise<void> {
  try {
    await app.waitForScreen(
      what,
      (lines) =>
        lines.join('\n').includes(also) && JSON.stringify(paneBlocks(lines, 'core-1')) === JSON.stringify(expected),
      CONNECT_DEADLINE_MS,
    );
  } catch (error) {
    // A readable diff first, then the screen.
    assert.deepEqual(paneBlocks(app.lines(), 'core-1'), expected);
    throw error;
  }
}

const plainLines = (key: string, texts: string[]) => texts.map((shown, seq) => `Block ${seq} in Core ${key}: ${shown}`);

test(
  'a plain core: text, JSON and binary blocks shown alone on screen, --plain and --json, then live',
  TIMEOUT,
  async (t) => {
    const net = await privateNet(t);
    const binary = Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7f, 0x01]);
    const pretty = '{\n  "kind": "json",\n  "n": [1, 2.50, 12345678901234567890]\n}\n';
    const { keys, edit } = await startHostileWriter(net, {
      blockZero: () => text('hello, any core\n'),
      mainBlocks: [pretty],
    });
    await edit({ append: [binary] });
    const shown = ['hello, any core', '{"kind":"json","n":[1,2.50,12345678901234567890]}', '00ff10807f01'];

    const app = spawnScreenReader(net, keys.main, await tempDir(net.cleanup, 'many-cores-any-core-'));
    const plain = spawnPlainReader(net, keys.main, await tempDir(net.cleanup, 'many-cores-any-core-'));
    const json = spawnJsonReader(net, keys.main, await tempDir(net.cleanup, 'many-cores-any-core-'));

    // Screen: one pane, the main key's own core, every block as what it is; the notice says why.
    const expected = shown.map((line, seq) => ({ seq, text: line }));
    await waitForPane(app, 'the three blocks of core-1 and the notice', expected, NOTICE);
    // The pane is the core of the key. A frame can reach the terminal in more than one write:
    // what is checked after another wait is waited for too.
    await app.waitForText(new RegExp(`core-1 ${keys.main.slice(0, 8)} len 3`));
    // Enter shows the block at the bottom whole: the binary one, as a hex dump.
    app.write('\r');
    await app.waitForText('binary, as hex');
    await app.waitForText(/00000000 {2}00 ff 10 80 7f 01/);
    app.write('\x1b');
    await waitForPane(app, 'the pane back', expected);

    // --plain: the how-to's lines, the notice on stderr. --json: the same text, with its encoding.
    await waitForPlainLines(plain, 'the three blocks', plainLines(keys.main, shown));
    assert.ok(plain.stderr().includes(`${NOTICE}\n`), `the notice on stderr\n${plain.describe()}`);
    await waitFor('three JSON block events', () => eventsOf(json, 'block').length === 3, {
      timeoutMs: CONNECT_DEADLINE_MS,
      describe: () => json.stdout(),
    });
    assert.deepEqual(eventsOf(json, 'cores'), [
      { event: 'cores', cores: [{ core: 'core-1', key: keys.main }], skipped: 0, notShown: 0, notice: NOTICE },
    ]);
    assert.deepEqual(
      eventsOf(json, 'block').map(({ seq, text, encoding, bytes }) => ({ seq, text, encoding, bytes })),
      [
        { seq: 0, text: shown[0], encoding: 'text', bytes: 16 },
        { seq: 1, text: shown[1], encoding: 'json', bytes: text(pretty).length },
        { seq: 2, text: shown[2], encoding: 'hex', bytes: 6 },
      ],
    );

    // Live: a block appended now reaches all three.
    await edit({ append: [text('appended live\n')] });
    await waitForPane(app, 'the live block', [...expected, { seq: 3, text: 'appended live' }]);
    await waitForPlainLines(plain, 'the live block', [`Block 3 in Core ${keys.main}: appended live`]);
    await json.waitForStdout('the live block', /"seq":3,"text":"appended live","encoding":"text"/, CONNECT_DEADLINE_MS);
    assert.equal(plain.stdout(), plainLines(keys.main, [...shown, 'appended live']).join('\n') + '\n');
    // The peers view counts the core shown alone as it does sub-cores.
    app.write('p');
    await app.waitForText(new RegExp(`core-1 +${keys.main.slice(0, 8)} +4 `));
    app.write('p');
    await waitForPane(app, 'the pane back after the peers view', [...expected, { seq: 3, text: 'appended live' }]);
    await quitWithQ(app, 'reader of a plain core');
  },
);

test(
  'a core truncated by its writer: said, the new history shown, no stale block or match left',
  TIMEOUT,
  async (t) => {
    const net = await privateNet(t);
    const { keys, edit } = await startHostileWriter(net, {
      blockZero: () => text('first\n'),
      mainBlocks: ['kept\n', 'old needle two\n', 'old needle three\n'],
    });
    const app = spawnScreenReader(net, keys.main, await tempDir(net.cleanup, 'many-cores-any-core-'));
    const plain: PlainReader = spawnPlainReader(net, keys.main, await tempDir(net.cleanup, 'many-cores-any-core-'));
    const json = spawnJsonReader(net, keys.main, await tempDir(net.cleanup, 'many-cores-any-core-'));
    const before = ['first', 'kept', 'old needle two', 'old needle three'];
    await waitForPane(
      app,
      'the four blocks',
      before.map((line, seq) => ({ seq, text: line })),
      NOTICE,
    );
    // A search whose matches the truncation will take away.
    app.write('/needle');
    await app.waitForText('search pane: /needle▏');
    app.write('\r');
    await app.waitForText('/needle: 2 matches in 4 blocks');
    await waitForPlainLines(plain, 'the four blocks', plainLines(keys.main, before));
    await json.waitForStdout('the four blocks', /"seq":3,"text":"old needle three"/, CONNECT_DEADLINE_MS);

    assert.deepEqual(await edit({ truncate: 2 }), { length: 2, fork: 1 });
    assert.deepEqual(await edit({ append: [text('new history\n')] }), { length: 3, fork: 1 });

    const after = ['first', 'kept', 'new history'];
    await waitForPane(
      app,
      'the new history, and the title saying the core was truncated',
      after.map((line, seq) => ({ seq, text: line })),
      'truncated to 2',
    );
    await app.waitForText(/core-1 truncated to 2 [0-9a-f]{8} len 3/);
    await app.waitForText('/needle: 0 matches in 2 blocks');
    assert.doesNotMatch(app.screen(), /old needle/, 'no stale block on screen');

    // --plain prints the new block under the number it replaces, and says why on stderr.
    const truncated = `core-1 ${keys.main.slice(0, 8)} truncated to 2 blocks by its writer (fork 1)\n`;
    await waitForPlainLines(plain, 'the new block 2', [`Block 2 in Core ${keys.main}: new history`]);
    await waitFor('the truncation on stderr', () => plain.stderr().includes(truncated), {
      timeoutMs: CONNECT_DEADLINE_MS,
      describe: () => plain.describe(),
    });
    assert.equal(
      plain.stdout(),
      [...plainLines(keys.main, before), `Block 2 in Core ${keys.main}: new history`].join('\n') + '\n',
    );

    // --json: a truncate event, then the new block 2.
    await json.waitForStdout('the new block 2', /"seq":2,"text":"new history"/, CONNECT_DEADLINE_MS);
    const events = json
      .stdout()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((event) => event.event === 'truncate' || event.event === 'block')
      .map(({ event, seq, text, length, fork }) =>
        event === 'block' ? `block ${String(seq)} ${String(text)}` : `truncate ${String(length)} fork ${String(fork)}`,
      );
    assert.deepEqual(events, [
      'block 0 first',
      'block 1 kept',
      'block 2 old needle two',
      'block 3 old needle three',
      'truncate 2 fork 1',
      'block 2 new history',
    ]);
    await quitWithQ(app, 'reader of a truncated core');
  },
);
