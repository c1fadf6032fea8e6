// docs/untrusted-input.md#network-faults: with an unreachable bootstrap the screen says so and
// keeps working, and quitting is prompt even then. quit.test.ts already quits offline right after
// start; this adds what the user sees (offline in the header, the reader's looking message),
// appending while offline, `q` from a writer pane, and the quit times (reported, not asserted: the
// machine is noisy).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { startReader, startWriter } from '../../harness/apps.js';
import { cleanupFor } from '../../harness/cleanup.js';
import { deadBootstrap } from '../../harness/testnet.js';
import { paneBlocks } from '../../harness/layout.js';
import type { AppInPty } from '../../harness/pty.js';
import { DEADLINE_MS } from '../../harness/wait.js';
import { assertQuitCleanly } from '../helpers/quit.js';

// Bootstrapping against a dead port can take a while to give up (12 s with no network at all).
const OFFLINE_DEADLINE_MS = 60_000;

// The DHT state in the header ("peers 0 · DHT offline · storage …"), without the reader's "(12s)".
function dhtState(lines: string[]): string | undefined {
  for (const line of lines) {
    const match = /· DHT (.+?)(?: \(\d+s\))? · storage/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

// Waits for `offline`, remembering every state shown on the way.
async function waitForOffline(app: AppInPty, seen: string[]): Promise<void> {
  await app.waitForScreen(
    'the header to say offline',
    (lines) => {
      const state = dhtState(lines);
      if (state !== undefined && seen.at(-1) !== state) seen.push(state);
      return state === 'offline';
    },
    OFFLINE_DEADLINE_MS,
  );
}

// Sends the quit key and reports how long the app took to be gone (docs/untrusted-input.md#quitting: within 2 s).
async function quitAndTime(t: TestContext, app: AppInPty, key: string, who: string, mainKey: string): Promise<number> {
  const started = Date.now();
  app.write(key);
  await app.exited;
  const took = Date.now() - started;
  t.diagnostic(`${who}: quit took ${took} ms`);
  await assertQuitCleanly(app, who, mainKey);
  return took;
}

function paneHas(lines: string[], pane: string, text: string): boolean {
  return paneBlocks(lines, pane)?.some((block) => block.text === text) ?? false;
}

test(
  'writer with an unreachable bootstrap: shows offline, still appends, q from a pane quits cleanly',
  { timeout: 180_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const dead = await deadBootstrap();
    const { app: writer, mainKey } = await startWriter(cleanup, { bootstrap: dead });
    const first = dhtState(writer.lines());
    assert.ok(
      first === 'connecting' || first === 'offline',
      `the header starts at connecting or offline, not ${String(first)}`,
    );

    // Appending needs no network: right away, and again once the DHT has given up.
    writer.write('hi\r');
    writer.write('typed before offline\r');
    await writer.waitForScreen(
      'the first lines in their panes',
      (lines) => paneHas(lines, 'core-2', 'hi') && paneHas(lines, 'core-3', 'typed before offline'),
    );
    const seen: string[] = [];
    await waitForOffline(writer, seen);
    t.diagnostic(`writer header states: ${seen.join(' → ')}`);
    assert.ok(!seen.includes('announced'), 'never claims to be announced on a DHT it cannot reach');
    writer.write('typed while offline\r');
    await writer.waitForScreen('the offline line in core-3', (lines) =>
      paneHas(lines, 'core-3', 'typed while offline'),
    );
    assert.equal(dhtState(writer.lines()), 'offline', 'still offline');

    // q is text while typing: move the focus to a pane first, where q quits.
    writer.write('\t');
    await writer.waitForScreen('a pane focused (the footer offers q)', (lines) =>
      lines.some((line) => /\bq\b.*quit|quit.*\bq\b/.test(line) && !line.includes('›')),
    );
    assert.equal(writer.hasExited(), false);
    await quitAndTime(t, writer, 'q', 'writer (offline)', mainKey);
  },
);

test(
  'reader with an unreachable bootstrap: shows offline and that it is looking, q quits cleanly',
  { timeout: 180_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const dead = await deadBootstrap();
    const key = 'cd'.repeat(32);
    const { app: reader } = await startReader(cleanup, key, { bootstrap: dead });
    const seen: string[] = [];
    await waitForOffline(reader, seen);
    t.diagnostic(`reader header states: ${seen.join(' → ')}`);
    await reader.waitForText(/looking for the writer… \d+s/);
    // The elapsed time goes on counting: the screen is alive, not frozen at the failure.
    const counted = (lines: string[]) => Number(/looking for the writer… (\d+)s/.exec(lines.join('\n'))?.[1]);
    const before = counted(reader.lines());
    await reader.waitForScreen('the looking time to advance', (lines) => counted(lines) > before, DEADLINE_MS);
    assert.equal(dhtState(reader.lines()), 'offline', 'still offline');
    await quitAndTime(t, reader, 'q', 'reader (offline)', key);
  },
);

test(
  'quitting while the DHT is still trying to bootstrap (the slowest swarm to close)',
  { timeout: 120_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const dead = await deadBootstrap();
    const { app: writer, mainKey } = await startWriter(cleanup, { bootstrap: dead });
    const state = dhtState(writer.lines());
    assert.equal(state, 'connecting', 'the DHT is still bootstrapping when the quit key is sent');
    await quitAndTime(t, writer, '\x03', 'writer (DHT connecting)', mainKey);
  },
);
