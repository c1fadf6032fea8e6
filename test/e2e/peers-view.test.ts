// The peers view (p) in a real writer and reader, each in its own pseudo-terminal, on a private
// loopback DHT: each sees the other connected and both sub-cores reach `synced`, live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWriter } from '../../harness/apps.js';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { spawnInPty, type AppInPty } from '../../harness/pty.js';
import { startTestnet } from '../../harness/testnet.js';

// The core rows of the peers view: name, short key, length, ours, peers hold, sync.
const coreRow = (name: string, length: number) =>
  new RegExp(`${name}\\s+[0-9a-f]{8}\\s+${length}\\s+${length}\\s+${length}\\s+synced`);

async function expectSynced(app: AppInPty, who: string, lengths: [number, number]): Promise<string[]> {
  return app.waitForScreen(
    `${who}'s peers view to show core-2 (${lengths[0]}) and core-3 (${lengths[1]}) synced`,
    (lines) => {
      const text = lines.join('\n');
      return coreRow('core-2', lengths[0]).test(text) && coreRow('core-3', lengths[1]).test(text) && lines;
    },
  );
}

// One connection: its short key, how long, a round trip and bytes both ways.
function assertOnePeer(lines: string[], who: string): void {
  const text = lines.join('\n');
  assert.match(text, /Peers · 1 connected/, who);
  assert.match(text, /│ [0-9a-f]{8}\s+\d+s\s+\d+ ms\s+[\d.]+ (B|KiB)\s+[\d.]+ (B|KiB)\s/, `${who}:\n${text}`);
}

test(
  'p opens the peers view in the reader and the writer; both sub-cores reach synced, live',
  { timeout: 120_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);

    const { app: writer, mainKey } = await startWriter(cleanup, { bootstrap });
    // 'hi\n' goes to core-2; 'hello world\n' and 'abcd\n' to core-3.
    writer.write('hi\r');
    writer.write('hello world\r');
    writer.write('abcd\r');
    await writer.waitForText(/1 abcd/);

    const reader = spawnInPty(['reader', mainKey, '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)], {
      cleanup,
    });
    await reader.waitForText(/1 abcd/);
    reader.write('p');
    assertOnePeer(await expectSynced(reader, 'the reader', [1, 2]), 'reader');

    // While the reader's view is open, a line typed into the writer shows in it.
    writer.write('a live line\r');
    await expectSynced(reader, 'the reader, after a live line', [1, 3]);

    // The writer types p into its input line; with a pane focused, p opens the view.
    writer.write('\t');
    await writer.waitForScreen('the first pane to have the focus (a double border)', (lines) =>
      lines[2]?.startsWith('╔'),
    );
    writer.write('p');
    assertOnePeer(await expectSynced(writer, 'the writer', [1, 3]), 'writer');
    // A frame can reach the terminal in more than one write: wait for the footer, do not read it.
    await writer.waitForText(/Esc close/);

    // Esc goes back to the panes; q still quits from the peers view.
    reader.write('\x1b');
    await reader.waitForText(/2 a live line/);
    assert.doesNotMatch(reader.screen(), /Peers ·/);
    writer.write('q');
    assert.equal((await writer.waitForExit()).exitCode, 0);
  },
);
