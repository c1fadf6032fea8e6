// A bee's contents in key order (docs/screen.md#key-order-view), in the real binary in a pty: a bee
// written by the real hyperbee package in a separate process (test/fixtures/holepunch/bee-entries-writer.mjs)
// on a private loopback DHT. t turns the pane from its log to key order and back; the first page is
// the first keys; a put and a del the writer makes show up in place, live; the keys move the page
// and Enter shows the selected entry's block.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir } from '../../harness/cleanup.js';
import type { AppInPty } from '../../harness/pty.js';
import { beeKeyOf, startBeeOfEntries } from '../helpers/bee-entries.js';
import { CONNECT_DEADLINE_MS, privateNet, quitWithQ, spawnScreenReader } from '../helpers/hostile.js';

const TIMEOUT = { timeout: 180_000 };
const COUNT = 60;

// The keys of the key-order pane's rows, top to bottom, and its title.
function keyOrderPane(lines: string[]): { title: string; keys: string[] } | undefined {
  const titleIndex = lines.findIndex((line) => /core-1 [0-9a-f]{8} bee · key order/.test(line));
  if (titleIndex < 0) return undefined;
  const keys: string[] = [];
  for (const line of lines.slice(titleIndex + 1)) {
    const row = /^[│║]\s(\S+) → /.exec(line);
    if (!row) break;
    keys.push(row[1]);
  }
  return { title: lines[titleIndex], keys };
}

async function waitForKeys(app: AppInPty, what: string, expected: string[]): Promise<string> {
  try {
    const shown = await app.waitForScreen(
      what,
      (lines) => {
        const pane = keyOrderPane(lines);
        return pane && JSON.stringify(pane.keys) === JSON.stringify(expected) ? pane.title : undefined;
      },
      CONNECT_DEADLINE_MS,
    );
    return shown;
  } catch (error) {
    assert.deepEqual(keyOrderPane(app.lines())?.keys, expected, app.screen());
    throw error;
  }
}

const keys = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => beeKeyOf(from + i));

test(
  't shows a bee in key order, a page at a time, with a put and a del showing up live; t goes back to the log',
  TIMEOUT,
  async (t) => {
    const net = await privateNet(t);
    const writer = await startBeeOfEntries(net, COUNT);
    const app = spawnScreenReader(net, writer.key, await tempDir(net.cleanup, 'many-cores-key-order-'), {
      cols: 120,
      rows: 24,
    });
    await app.waitForScreen(
      "the bee's log, titled so",
      (lines) =>
        lines.some((line) => /core-1 [0-9a-f]{8} bee · log /.test(line)) &&
        lines.some((line) => line.includes(` ${COUNT} `)),
      CONNECT_DEADLINE_MS,
    );

    app.write('t');
    const rows = keyOrderPane(await app.waitForText(/key order · [1-9]\d* in view/, CONNECT_DEADLINE_MS));
    const page = rows?.keys.length ?? 0;
    assert.ok(page > 5 && page < COUNT, `a page of the bee (${page} rows), not all of it`);
    const title = await waitForKeys(app, 'the first page, in key order', keys(0, page));
    assert.match(title, new RegExp(`key order · ${page} in view`));
    assert.ok(
      app.lines().some((line) => line.includes('user/00000 → {"name":"user 0","n":0}')),
      app.screen(),
    );

    await writer.put('user/00000a', 'put while shown');
    await waitForKeys(app, 'the put in key order', [beeKeyOf(0), 'user/00000a', ...keys(1, page - 1)]);
    assert.ok(
      app.lines().some((line) => line.includes('user/00000a → put while shown')),
      app.screen(),
    );
    await writer.del(beeKeyOf(1));
    await waitForKeys(app, 'the del gone from key order', [beeKeyOf(0), 'user/00000a', ...keys(2, page)]);

    app.write('\x1b[6~');
    await waitForKeys(app, 'the next page (PgDn)', keys(page, 2 * page));
    app.write('G');
    await waitForKeys(app, 'the last page (G)', keys(COUNT - page, COUNT));
    await writer.put(beeKeyOf(COUNT), 'after the last');
    await waitForKeys(app, 'a key put after the last, on the last page', keys(COUNT - page + 1, COUNT + 1));
    app.write('g');
    await waitForKeys(app, 'the first page again (g)', [beeKeyOf(0), 'user/00000a', ...keys(2, page)]);

    // The writer put user/00000 first, in its first batch: block 1.
    app.write('\r');
    const detail = (
      await app.waitForScreen(
        'the entry whole in the block view',
        (lines) =>
          lines.some((line) => /core-1 block 1 of \d+/.test(line)) &&
          lines.some((line) => line.includes('user/00000')) &&
          lines,
        CONNECT_DEADLINE_MS,
      )
    ).join('\n');
    assert.match(detail, /\{"name":"user 0","n":0\}/, "the block view shows the entry's value with its key");
    app.write('\x1b');
    await waitForKeys(app, 'key order again after the block view', [beeKeyOf(0), 'user/00000a', ...keys(2, page)]);

    app.write('t');
    await app.waitForScreen(
      'the log again',
      (lines) => lines.some((line) => /core-1 [0-9a-f]{8} bee · log /.test(line)) && keyOrderPane(lines) === undefined,
      CONNECT_DEADLINE_MS,
    );
    await quitWithQ(app, 'reader');
  },
);
