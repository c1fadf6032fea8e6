// NO_COLOR (no-color.org): no colour at all, while the cursor (inverse) and the dimmed escapes of
// hostile text stay, since they are not colour and carry meaning.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { startWriter } from '../../harness/apps.js';
import { cleanupFor } from '../../harness/cleanup.js';
import { paneBlocks } from '../../harness/layout.js';
import { childEnv } from '../../harness/pty.js';

// SGR parameters that set a foreground or background colour.
function colourCodes(output: string): string[] {
  const codes: string[] = [];
  for (const match of output.matchAll(/\x1b\[([0-9;]*)m/g)) {
    for (const code of (match[1] ?? '').split(';')) {
      const value = Number(code);
      if ((value >= 30 && value <= 49) || (value >= 90 && value <= 107)) codes.push(code);
    }
  }
  return codes;
}

async function writerOutput(t: TestContext, env: Record<string, string>): Promise<string> {
  const cleanup = cleanupFor(t);
  const { app: writer } = await startWriter(cleanup, { bootstrap: '127.0.0.1:9', env: childEnv(env) });
  writer.write('ok\r');
  await writer.waitForScreen('the line shown', (lines) =>
    paneBlocks(lines, 'core-2')?.some((block) => block.text === 'ok'),
  );
  writer.write('\x03');
  await writer.waitForExit();
  return writer.output();
}

test(
  'with NO_COLOR set the screen has no colour, but keeps its cursor and its other styles',
  { timeout: 60_000 },
  async (t) => {
    const output = await writerOutput(t, { NO_COLOR: '1' });
    assert.deepEqual(colourCodes(output), [], 'no colour code was written');
    assert.match(output, /\x1b\[7m/, 'the input cursor is still drawn in inverse');
  },
);

test('without NO_COLOR the same screen is coloured (the check above can fail)', { timeout: 60_000 }, async (t) => {
  const output = await writerOutput(t, {});
  assert.ok(colourCodes(output).length > 0);
});
