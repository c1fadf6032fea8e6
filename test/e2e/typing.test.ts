// Keys that reach the writer in one read (fast typing, key repeat, a slow ssh link) must act
// exactly as if they had come one by one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWriter } from '../../harness/apps.js';
import { cleanupFor } from '../../harness/cleanup.js';
import { paneBlocks } from '../../harness/layout.js';
import { startTestnet } from '../../harness/testnet.js';

test('backspaces that arrive in one read with the text edit it before Enter', { timeout: 60_000 }, async (t) => {
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);
  const { app: writer } = await startWriter(cleanup, { bootstrap });

  writer.write('abcd\x7f\x7f\r');
  // A marker line typed afterwards, one read of its own: once it shows, 'ab…' has been handled.
  writer.write('the end\r');
  const lines = await writer.waitForScreen(
    'the marker line',
    (current) => paneBlocks(current, 'core-3')?.some((b) => b.text === 'the end') && current,
  );
  assert.deepEqual(paneBlocks(lines, 'core-2'), [{ seq: 0, text: 'ab' }], "'ab\\n' (3 bytes) goes to core-2");
  assert.deepEqual(
    paneBlocks(lines, 'core-3'),
    [{ seq: 0, text: 'the end' }],
    "nothing but the marker in core-3 (no 'abcd')",
  );
});

test('Ctrl+C that arrives in one read after a typed key still quits', { timeout: 60_000 }, async (t) => {
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);
  const { app: writer } = await startWriter(cleanup, { bootstrap });

  writer.write('x\x03');
  const status = await writer.waitForExit(10_000);
  assert.equal(status.exitCode, 0);
  assert.equal(writer.term.buffer.active.type, 'normal');
});

test(
  'keys typed one read at a time: backspace edits, Enter appends the edited line',
  { timeout: 60_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);
    const { app: writer } = await startWriter(cleanup, { bootstrap });

    for (const key of 'abcd') {
      writer.write(key);
      await writer.waitForText(new RegExp(`› \\S*${key}\\s*║`));
    }
    writer.write('\x7f'); // DEL, what most terminals send for Backspace
    await writer.waitForText(/› abc\s*║/);
    writer.write('\b'); // ^H, what others send
    await writer.waitForText(/› ab\s*║/);
    writer.write('\r');
    // A frame can reach the terminal in several writes: wait for the whole of it.
    const lines = await writer.waitForScreen(
      'the edited line appended and the input line cleared',
      (current) =>
        paneBlocks(current, 'core-2')?.length === 1 && current.some((line) => /║ ›\s*║/.test(line)) && current,
    );
    assert.deepEqual(paneBlocks(lines, 'core-2'), [{ seq: 0, text: 'ab' }]);
    assert.deepEqual(paneBlocks(lines, 'core-3'), []);
    assert.ok(
      lines.some((line) => /║ ›\s*║/.test(line)),
      'the input line is empty after Enter',
    );
  },
);
