// A terminal too small for the layout shows a short message; growing it redraws the full layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { mainKeyOn, paneBlocks } from '../../harness/layout.js';
import { spawnInPty } from '../../harness/pty.js';
import { startTestnet } from '../../harness/testnet.js';

test(
  'a 30x8 terminal says it is too small; resized to 100x30 it shows the whole layout',
  { timeout: 60_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);

    const writer = spawnInPty(['writer', '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)], {
      cleanup,
      cols: 30,
      rows: 8,
    });
    const small = await writer.waitForText('Terminal too small');
    assert.equal(writer.term.buffer.active.type, 'alternate');
    const smallScreen = small.join('\n');
    assert.ok(!/[╭╮╰╯│║╔╗╚╝]/.test(smallScreen), `no broken drawing next to the message:\n${smallScreen}`);
    assert.ok(
      small.every((line) => line.length <= 30),
      'nothing wider than the terminal',
    );

    // Typing goes on into the input line while it cannot be drawn (q included: it is text there),
    // and shows once the layout fits again.
    writer.write('q typed while small, ');
    writer.resize(100, 30);
    await writer.waitForText('Ctrl+K');
    writer.write('then after growing\r');
    // The footer is the last row drawn: waiting for it too means the whole frame has arrived.
    const full = await writer.waitForScreen(
      'the full layout at 100x30',
      (lines) =>
        paneBlocks(lines, 'core-2') &&
        paneBlocks(lines, 'core-3')?.some((block) => block.text === 'q typed while small, then after growing') &&
        lines.some((line) => line.includes('Ctrl+K')) &&
        lines,
    );
    const fullScreen = full.join('\n');
    assert.ok(!fullScreen.includes('Terminal too small'), `the message is gone:\n${fullScreen}`);
    assert.ok(mainKeyOn(full), `the header shows the main key:\n${fullScreen}`);
    assert.ok(
      full.some((line) => line.includes('›')),
      `the input line is drawn:\n${fullScreen}`,
    );
    assert.ok(
      full.some((line) => line.includes('Ctrl+K')),
      `the footer is drawn:\n${fullScreen}`,
    );
    // Side by side at 100 columns: both titles on one row.
    assert.ok(
      full.some((line) => line.includes('core-2') && line.includes('core-3')),
      `panes side by side:\n${fullScreen}`,
    );
    // Never taller than the terminal: the last row stays free (Ink redraws everything at full height).
    assert.equal(full[29], '', `the last row is free:\n${fullScreen}`);
    assert.ok(full[0].includes('many-cores writer'), `the header is on the first row:\n${fullScreen}`);

    // And back down: the message again, not a broken drawing.
    writer.resize(30, 8);
    const again = await writer.waitForScreen(
      'the message after shrinking',
      (lines) => lines.join('\n').includes('Terminal too small') && lines,
    );
    assert.ok(!/[╭╮╰╯│║╔╗╚╝]/.test(again.join('\n')), `no leftover drawing after shrinking:\n${again.join('\n')}`);
  },
);
