// & filters every pane to the blocks matching a text or /re/, history and live appends alike; w
// wraps a pane's long blocks; --plain --filter prints only the matching blocks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startPlainWriter } from '../../harness/apps.js';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { paneBlocks, paneRows, paneTitle } from '../../harness/layout.js';
import { spawnPiped } from '../../harness/piped.js';
import { spawnInPty } from '../../harness/pty.js';
import { startTestnet } from '../../harness/testnet.js';

// Lines of at least 4 characters go to core-3.
const HISTORY = Array.from({ length: 40 }, (_, index) => `entry ${index}${index % 10 === 3 ? ' Needle' : ''}`);

test(
  '& filters the panes over history and live appends, titles say matching N of LEN, Esc clears, a bad /re/ is said',
  { timeout: 120_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const { app: writer, mainKey } = await startPlainWriter(cleanup, { bootstrap });
    cleanup.add('stop writer', () => writer.stop());
    writer.child.stdin!.write(`${HISTORY.join('\n')}\n`);
    await writer.waitForStdout('the history appended', /appended block 39 to core-3/);

    const reader = spawnInPty(['reader', mainKey, '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)], {
      cleanup,
      cols: 120,
      rows: 30,
    });
    await reader.waitForScreen('the tail', (screen) =>
      paneBlocks(screen, 'core-3')?.some((block) => block.text === 'entry 39'),
    );
    reader.write('&needle');
    await reader.waitForText('filter panes: &needle▏');
    reader.write('\r');
    await reader.waitForScreen(
      'core-3 filtered to the four matching blocks of its history',
      (screen) =>
        paneTitle(screen, 'core-3')?.includes('matching 4 of 40') &&
        paneBlocks(screen, 'core-3')
          ?.map((block) => `${block.seq} ${block.text}`)
          .join('|') === '3 entry 3 Needle|13 entry 13 Needle|23 entry 23 Needle|33 entry 33 Needle',
    );
    assert.match(paneTitle(reader.lines(), 'core-2') ?? '', /matching 0 of 0/, 'every pane is filtered');

    writer.child.stdin!.write('live needle arrives\nlive other arrives\n');
    await writer.waitForStdout('the live lines appended', /appended block 41 to core-3/);
    const live = await reader.waitForScreen('the live match shown, the other not', (screen) =>
      paneTitle(screen, 'core-3')?.includes('matching 5 of 42') &&
      paneBlocks(screen, 'core-3')?.at(-1)?.text === 'live needle arrives'
        ? screen
        : undefined,
    );
    assert.ok(!live.join('\n').includes('live other arrives'), 'a live block that does not match is not shown');

    reader.write('\x1b');
    await reader.waitForScreen(
      'Esc shows every block again',
      (screen) =>
        paneTitle(screen, 'core-3')?.includes('len 42') &&
        paneBlocks(screen, 'core-3')?.at(-1)?.text === 'live other arrives',
    );

    reader.write('&/entry (1|2/');
    reader.write('\r');
    await reader.waitForText('&/entry (1|2/▏ bad regular expression');
    // The prompt keeps what was typed: mended, it filters.
    reader.write('\x7f)3/\r');
    await reader.waitForScreen('the mended /re/ filters', (screen) =>
      paneTitle(screen, 'core-3')?.includes('matching 2 of 42'),
    );
    assert.deepEqual(
      paneBlocks(reader.lines(), 'core-3')?.map((block) => block.seq),
      [13, 23],
      '/entry (1|2)3/ matches blocks 13 and 23',
    );
    // An empty & clears the filter too.
    reader.write('&\r');
    await reader.waitForScreen('an empty & clears it', (screen) => paneTitle(screen, 'core-3')?.includes('len 42'));
    reader.write('q');
    assert.equal((await reader.waitForExit()).exitCode, 0);
  },
);

test(
  'w wraps the focused pane: a long block takes the rows below, the title says wrap',
  { timeout: 120_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const { app: writer, mainKey } = await startPlainWriter(cleanup, { bootstrap });
    cleanup.add('stop writer', () => writer.stop());
    const long = `long-${Array.from({ length: 20 }, (_, index) => `word${index}`).join('-')}-end`;
    writer.child.stdin!.write(`first line\n${long}\nlast line\n`);
    await writer.waitForStdout('the lines appended', /appended block 2 to core-3/);

    const reader = spawnInPty(['reader', mainKey, '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)], {
      cleanup,
      cols: 100,
      rows: 24,
    });
    await reader.waitForScreen('the tail', (screen) => paneBlocks(screen, 'core-3')?.at(-1)?.text === 'last line');
    const cut = paneBlocks(reader.lines(), 'core-3')?.find((block) => block.seq === 1)?.text ?? '';
    assert.ok(cut.endsWith('…') && cut.length < long.length, `unwrapped, the long block is cut: ${cut}`);
    reader.write('2');
    reader.write('w');
    const screen = await reader.waitForScreen('core-3 wrapped', (lines) =>
      paneTitle(lines, 'core-3')?.includes(' wrap ') ? lines : undefined,
    );
    const rows = paneRows(screen, 'core-3') ?? [];
    const first = rows.findIndex((row) => row.startsWith('1 long-'));
    const last = rows.findIndex((row) => row.startsWith('2 last line'));
    assert.ok(first !== -1 && last > first + 1, `the long block takes several rows:\n${rows.join('\n')}`);
    const continued = rows.slice(first + 1, last);
    assert.ok(
      continued.every((row) => !/^\d+ /.test(row)),
      'continuation rows have no number',
    );
    assert.equal([rows[first].slice('1 '.length), ...continued].join(''), long, 'the rows hold the whole block');
    assert.equal(rows[0], '0 first line', 'blocks above it keep their rows');
    reader.write('w');
    await reader.waitForScreen('w again cuts it', (lines) =>
      paneBlocks(lines, 'core-3')
        ?.find((block) => block.seq === 1)
        ?.text.endsWith('…'),
    );
    reader.write('q');
    assert.equal((await reader.waitForExit()).exitCode, 0);
  },
);

test(
  '--plain and --json --filter print only the blocks that match, history and live',
  { timeout: 120_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const { app: writer, mainKey } = await startPlainWriter(cleanup, { bootstrap });
    cleanup.add('stop writer', () => writer.stop());
    writer.child.stdin!.write(`${HISTORY.join('\n')}\n`);
    await writer.waitForStdout('the history appended', /appended block 39 to core-3/);
    const reader = spawnPiped(
      [
        'reader',
        mainKey,
        '--bootstrap',
        bootstrap,
        '--plain',
        '--filter',
        'NEEDLE',
        '--storage',
        await tempDir(cleanup),
      ],
      { cleanup },
    );
    cleanup.add('stop reader', () => reader.stop());
    await reader.waitForStdout('the last match of the history', /: entry 33 Needle$/m);
    writer.child.stdin!.write('live other\nlive needle\n');
    await reader.waitForStdout('the live match', /^Block 41 in Core [0-9a-f]{64}: live needle$/m);
    const blocks = reader
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('Block '))
      .map((line) => line.replace(/ in Core [0-9a-f]{64}/, ''));
    assert.deepEqual(blocks, [
      'Block 3: entry 3 Needle',
      'Block 13: entry 13 Needle',
      'Block 23: entry 23 Needle',
      'Block 33: entry 33 Needle',
      'Block 41: live needle',
    ]);

    const json = spawnPiped(
      [
        'reader',
        mainKey,
        '--bootstrap',
        bootstrap,
        '--json',
        '--filter',
        '/^LIVE/',
        '--storage',
        await tempDir(cleanup),
      ],
      { cleanup },
    );
    cleanup.add('stop the JSON reader', () => json.stop());
    // Blocks come in order: once block 41 is printed, every block before it was looked at.
    await json.waitForStdout('the last block', /"event":"block".*"seq":41/);
    const events = json
      .stdout()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { event: string; seq?: number; text?: string });
    assert.deepEqual(
      events.filter((event) => event.event === 'block').map(({ seq, text }) => ({ seq, text })),
      [
        { seq: 40, text: 'live other' },
        { seq: 41, text: 'live needle' },
      ],
    );
    assert.ok(
      events.some((event) => event.event === 'cores'),
      'the other events are printed as without a filter',
    );

    const bad = spawnPiped(['reader', mainKey, '--plain', '--filter', '/(/'], { cleanup });
    const exit = await bad.exited;
    assert.equal(exit.code, 2);
    assert.match(bad.stderr(), /^many-cores: --filter: bad regular expression: .*\n$/);
  },
);
