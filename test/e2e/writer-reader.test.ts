// A writer and a reader, each in its own pseudo-terminal, on a private loopback DHT:
// what is typed into the writer shows in the reader's panes, history first, then live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWriter } from '../../harness/apps.js';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { mainKeyOn, paneBlocks, type PaneBlockLine } from '../../harness/layout.js';
import { spawnInPty, type AppInPty } from '../../harness/pty.js';
import { startTestnet } from '../../harness/testnet.js';

type Panes = { 'core-2': PaneBlockLine[]; 'core-3': PaneBlockLine[] };

function panesOf(lines: string[]): Panes | undefined {
  const core2 = paneBlocks(lines, 'core-2');
  const core3 = paneBlocks(lines, 'core-3');
  return core2 && core3 ? { 'core-2': core2, 'core-3': core3 } : undefined;
}

// Waits until both panes hold exactly `expected` (the full log fits in the pane), then asserts it,
// so that a timeout still ends in a readable diff.
async function expectPanes(app: AppInPty, who: string, expected: Panes): Promise<void> {
  const same = (panes: Panes | undefined) => panes !== undefined && JSON.stringify(panes) === JSON.stringify(expected);
  try {
    await app.waitForScreen(`${who} panes to show ${JSON.stringify(expected)}`, (lines) => same(panesOf(lines)));
  } catch (error) {
    assert.deepEqual(panesOf(app.lines()), expected, `${who}: ${(error as Error).message}`);
    throw error;
  }
}

test(
  'lines typed into the writer show in the reader, history and live, in the right panes',
  { timeout: 120_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const writerStorage = await tempDir(cleanup);
    const readerStorage = await tempDir(cleanup);

    // The store is open once its (empty) panes are drawn.
    const { app: writer, mainKey } = await startWriter(cleanup, { bootstrap, storage: writerStorage });
    assert.equal(writer.term.buffer.active.type, 'alternate');

    // History, typed before any reader exists. Bytes, not characters, pick the core:
    // 'hi\n' (3) and 'abc\n' (4) go to core-2; 'abcd\n' (5) and 'hello world\n' go to core-3;
    // 'é\n' is 3 bytes (core-2), 'éé\n' is 5 bytes (core-3).
    writer.write('hello world\r');
    writer.write('hi\r');
    writer.write('abcd\r');
    writer.write('é\r');
    const history: Panes = {
      'core-2': [
        { seq: 0, text: 'hi' },
        { seq: 1, text: 'é' },
      ],
      'core-3': [
        { seq: 0, text: 'hello world' },
        { seq: 1, text: 'abcd' },
      ],
    };
    await expectPanes(writer, 'writer', history);

    const reader = spawnInPty(['reader', mainKey, '--bootstrap', bootstrap, '--storage', readerStorage], { cleanup });
    const readerKey = await reader.waitForScreen('the reader to show the main key', mainKeyOn);
    assert.equal(readerKey, mainKey, 'the reader shows the key it was given');
    await expectPanes(reader, 'reader (history)', history);

    // Live: typed after the reader has connected.
    writer.write('abc\r');
    writer.write('éé\r');
    writer.write('a live line typed after the reader started\r');
    const live: Panes = {
      'core-2': [...history['core-2'], { seq: 2, text: 'abc' }],
      'core-3': [
        ...history['core-3'],
        { seq: 2, text: 'éé' },
        { seq: 3, text: 'a live line typed after the reader started' },
      ],
    };
    await expectPanes(reader, 'reader (live)', live);
    await expectPanes(writer, 'writer (live)', live);

    // The pane titles carry the figures: four blocks in core-3, all of them local on the reader.
    // The local count is read from disk after a block arrives, so it may follow the text by a frame.
    const readerLines = await reader.waitForScreen('core-3 title with len 4, local 4, peers 1', (lines) =>
      lines.some((line) => /core-3 [0-9a-f]{8} len 4 · local 4 · peers 1/.test(line)) ? lines : undefined,
    );
    assert.ok(
      readerLines.some((line) => /^peers 1 /.test(line)),
      `reader header says 1 peer:\n${readerLines.join('\n')}`,
    );
    // A line typed as nothing appends nothing.
    writer.write('\r');
    writer.write('z\r');
    await expectPanes(reader, 'reader (after an empty line)', {
      'core-2': [...live['core-2'], { seq: 3, text: 'z' }],
      'core-3': live['core-3'],
    });
  },
);
