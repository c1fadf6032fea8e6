// A hostile writer controls block 0 of the main core (docs/untrusted-input.md#block-zero): how big
// it may be, and how many entries of it the reader uses. Over 1 MiB it is never downloaded to be
// read as a list of sub-cores (the core is shown alone, and block 0 is just a block of it);
// duplicates, invalid entries and the main key are skipped and counted; at most 32 sub-cores are
// opened and shown (paged on screen), the rest counted. The real reader binary, plain and in a real
// terminal, against test/fixtures/hostile-writer.mjs on a private loopback DHT.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { computeLayout } from '../../source/layout/layout.js';
import { blockLineText } from '../../source/text/block-encoding.js';
import { tempDir } from '../../harness/cleanup.js';
import { paneBlocks } from '../../harness/layout.js';
import {
  CONNECT_DEADLINE_MS,
  MiB,
  REASONS,
  aloneNotice,
  coresIn,
  diskUsage,
  expectPlainAlone,
  expectScreenAlone,
  json,
  privateNet,
  type Net,
  quitWithQ,
  rssMiB,
  spawnPlainReader,
  spawnScreenReader,
  startHostileWriter,
  waitForPlainLines,
} from '../helpers/hostile.js';

const TIMEOUT = { timeout: 180_000 };

// ---- (g) over 1 MiB: never downloaded to be read as a list of sub-cores ----

// Valid-looking JSON of exactly `size` bytes that lists a real sub-core: only its size is wrong.
function paddedBlockZero(subKey: string, size: number): Buffer {
  const head = `{"otherKeys":["${subKey}"],"pad":"`;
  const tail = '"}';
  const bytes = Buffer.from(head + 'x'.repeat(size - head.length - tail.length) + tail);
  assert.equal(bytes.length, size);
  JSON.parse(bytes.toString());
  return bytes;
}

// A quarter of the oversized block: anything near it means block 0 was (partly) fetched.
const FAR_BELOW_MiB = MiB / 4;

async function expectSmallStorage(t: TestContext, who: string, storage: string): Promise<void> {
  const { onDiskKiB, apparentBytes } = await diskUsage(storage);
  t.diagnostic(`${who} storage: ${onDiskKiB} KiB on disk (du -sk), ${apparentBytes} bytes apparent (du -sb)`);
  assert.ok(
    onDiskKiB * 1024 < FAR_BELOW_MiB,
    `${who} storage holds ${onDiskKiB} KiB on disk; expected far below 1 MiB (nothing of block 0 downloaded)`,
  );
  assert.ok(
    apparentBytes < FAR_BELOW_MiB,
    `${who} storage holds ${apparentBytes} bytes (apparent); expected far below 1 MiB`,
  );
}

const neverOpened = async (who: string, storage: string, mainKey: string) =>
  assert.deepEqual(await coresIn(storage), [mainKey], `${who}: the sub-core named in block 0 was never opened`);

// The line --plain prints for a block: an oversized block 0 is text, cut after 64 KiB.
const plainLine = (mainKey: string, seq: number, bytes: Buffer) =>
  `Block ${seq} in Core ${mainKey}: ${blockLineText(bytes, undefined, 'line').text}`;

test(
  '(g) a block 0 of 1 MiB + 1 byte is not read as a list: the core is shown alone, block 0 cut',
  TIMEOUT,
  async (t) => {
    // core-1 holds block 0 only: its byte length is block 0's size, and the notice says it. Block 0
    // is then just a block: fetched to be shown (it is in view), never decoded past 64 KiB.
    const net = await privateNet(t);
    const { keys, blockZero } = await startHostileWriter(net, {
      subCount: 1,
      blockZero: ({ subs }) => paddedBlockZero(subs[0], MiB + 1),
      subBlocks: [['a block the reader must never reach\n']],
    });
    const line = plainLine(keys.main, 0, blockZero);
    assert.ok(line.endsWith('x…') && line.length < 70 * 1024, 'block 0 is printed up to 64 KiB, then …');
    const screenStorage = await tempDir(net.cleanup, 'many-cores-hostile-reader-');
    const reason = REASONS.oversized(MiB + 1);
    const [{ storage }] = await Promise.all([
      expectPlainAlone(net, keys.main, reason, [line]),
      expectScreenAlone(net, keys.main, reason, blockZero, screenStorage),
    ]);
    await neverOpened('plain reader', storage, keys.main);
    await neverOpened('screen reader', screenStorage, keys.main);
  },
);

test(
  '(g) an oversized block 0 out of view is never downloaded: the reader stores almost nothing',
  TIMEOUT,
  async (t) => {
    // With more blocks after it, the core's byte length is not block 0's size: the reader seeks to
    // learn where block 0 ends, and then does not know its exact size. The screen reader follows the
    // tail, so block 0 is out of view and nothing asks for it.
    const net = await privateNet(t);
    const after = Array.from({ length: 60 }, (_, index) => `block ${index + 1} of core-1\n`);
    const { keys } = await startHostileWriter(net, {
      subCount: 1,
      blockZero: ({ subs }) => paddedBlockZero(subs[0], MiB + 1),
      mainBlocks: after,
      subBlocks: [['a block the reader must never reach\n']],
    });
    const storage = await tempDir(net.cleanup, 'many-cores-hostile-reader-');
    const app = spawnScreenReader(net, keys.main, storage);
    const notice = aloneNotice(REASONS.oversizedUnmeasured);
    await app.waitForScreen(
      'the notice and the last block of core-1 in the one pane',
      (lines) =>
        lines.join('\n').includes(notice) && paneBlocks(lines, 'core-1')?.at(-1)?.text === 'block 60 of core-1',
      CONNECT_DEADLINE_MS,
    );
    const shown = paneBlocks(app.lines(), 'core-1') ?? [];
    assert.ok(shown.length > 0 && shown[0].seq > 0, `block 0 is out of view:\n${app.screen()}`);
    await quitWithQ(app, 'reader of a core with an oversized block 0');
    await expectSmallStorage(t, 'screen reader', storage);
    await neverOpened('screen reader', storage, keys.main);
  },
);

// The limit's edge, so that the cases above are not an off-by-one: exactly 1 MiB is read as the
// list of sub-cores, alone or followed by a further block.
for (const mainBlocks of [[], ['a second block on core-1\n']]) {
  test(
    `(g) edge: a block 0 of exactly 1 MiB${mainBlocks.length ? ' followed by another block' : ''} is read`,
    TIMEOUT,
    async (t) => {
      const net = await privateNet(t);
      const { keys } = await startHostileWriter(net, {
        subCount: 1,
        blockZero: ({ subs }) => paddedBlockZero(subs[0], MiB),
        mainBlocks,
        subBlocks: [['shown after a 1 MiB block 0\n']],
      });
      const reader = spawnPlainReader(net, keys.main, await tempDir(net.cleanup, 'many-cores-hostile-reader-'));
      const expected = `Block 0 in Core ${keys.subs[0]}: shown after a 1 MiB block 0`;
      await waitForPlainLines(reader, 'the sub-core block', [expected]);
      assert.equal(reader.stdout(), `${expected}\n`);
    },
  );
}

// ---- (h) duplicates, invalid entries and the main key: skipped and counted ----

const PANE_TITLE = /core-(\d+) ([0-9a-f]{8}) len/g;

// The panes on screen (core-N), with the short key in each title.
function paneTitles(lines: string[]): Array<{ pane: number; shortKey: string }> {
  return [...lines.join('\n').matchAll(PANE_TITLE)]
    .map((match) => ({ pane: Number(match[1]), shortKey: match[2] }))
    .sort((a, b) => a.pane - b.pane);
}

// A plain reader that is stopped once `lines` are out: then its stdout is exactly those lines,
// each once, and its storage holds exactly the cores `cores` (the main core and those it opened).
async function expectPlainBlocks(
  net: Net,
  mainKey: string,
  lines: string[],
  check: (cores: string[]) => void,
): Promise<{ rss: number }> {
  const storage = await tempDir(net.cleanup, 'many-cores-hostile-reader-');
  const reader = spawnPlainReader(net, mainKey, storage);
  await waitForPlainLines(reader, "the sub-cores' blocks", lines);
  const rss = await rssMiB(reader.pid);
  await reader.stop();
  assert.deepEqual(
    reader.stdout().trimEnd().split('\n').sort(),
    [...lines].sort(),
    `each block printed once, nothing else\n${reader.describe()}`,
  );
  assert.doesNotMatch(reader.stderr(), /many-cores:/, 'no failure reported');
  check(await coresIn(storage));
  return { rss };
}

test(
  '(h) duplicates, invalid entries and the main key are skipped and counted; each sub-core opens once',
  TIMEOUT,
  async (t) => {
    const net = await privateNet(t);
    const subBlocks = [['first of sub-0\n', 'second of sub-0\n'], ['only of sub-1\n']];
    let skipped = -1;
    const { keys } = await startHostileWriter(net, {
      subCount: 2,
      subBlocks,
      blockZero: ({ main, subs }) => {
        const [s0, s1] = subs as [string, string];
        // Usable: s0 and s1, once each. Skipped: a repeat of s0, a non-key, the main key, a number,
        // s1 again in upper case, s0 cut to 62 hex characters, s0 a third time.
        const entries = [s0, s0, 'not a key', main, s1, 42, s1.toUpperCase(), s0.slice(2), s0];
        skipped = entries.length - 2;
        return json({ otherKeys: entries });
      },
    });
    const [s0, s1] = keys.subs as [string, string];
    const expectedLines = [
      `Block 0 in Core ${s0}: first of sub-0`,
      `Block 1 in Core ${s0}: second of sub-0`,
      `Block 0 in Core ${s1}: only of sub-1`,
    ];

    // Screen: two panes in block 0's order with their blocks, and the count of skipped entries.
    const screenCheck = async () => {
      const app = spawnScreenReader(net, keys.main, await tempDir(net.cleanup, 'many-cores-hostile-reader-'));
      const notice = `${skipped} entries of block 0 skipped`;
      const panes = {
        'core-2': [
          { seq: 0, text: 'first of sub-0' },
          { seq: 1, text: 'second of sub-0' },
        ],
        'core-3': [{ seq: 0, text: 'only of sub-1' }],
      };
      const shown = (lines: string[]) => ({
        'core-2': paneBlocks(lines, 'core-2'),
        'core-3': paneBlocks(lines, 'core-3'),
      });
      try {
        await app.waitForScreen(
          'both panes with their blocks, and the skipped count',
          (lines) => lines.join('\n').includes(notice) && JSON.stringify(shown(lines)) === JSON.stringify(panes),
          CONNECT_DEADLINE_MS,
        );
      } catch (error) {
        // A readable diff first, then the screen.
        assert.deepEqual(shown(app.lines()), panes);
        throw error;
      }
      const lines = app.lines();
      assert.deepEqual(
        paneTitles(lines),
        [
          { pane: 2, shortKey: s0.slice(0, 8) },
          { pane: 3, shortKey: s1.slice(0, 8) },
        ],
        `exactly two panes, in block 0's order:\n${app.screen()}`,
      );
      t.diagnostic(`notice line: ${JSON.stringify(lines.find((line) => line.includes(notice))?.trim())}`);
      assert.doesNotMatch(app.screen(), /not shown|panes \d+–\d+ of/, 'nothing hidden, no paging');
      await quitWithQ(app, 'reader with skipped entries');
    };
    await Promise.all([
      expectPlainBlocks(net, keys.main, expectedLines, (cores) =>
        assert.deepEqual(
          cores.sort(),
          [keys.main, s0, s1].sort(),
          'the reader opened the main core and the two distinct sub-cores, nothing else',
        ),
      ),
      screenCheck(),
    ]);
  },
);

// ---- (i) 10,000 keys: at most 32 sub-cores ----

test(
  '(i) 10,000 valid keys: 32 panes, paged, the rest counted; no more than 32 sub-cores opened',
  TIMEOUT,
  async (t) => {
    const net = await privateNet(t);
    const TOTAL = 10_000;
    const SHOWN = 32;
    // Real sub-cores (with blocks) at these places among the first 32; every other key is random:
    // a core that exists nowhere.
    const REAL_AT = [0, 7, SHOWN - 1];
    const subBlocks = REAL_AT.map((at) => [`real sub-core at ${at}, block 0\n`, `real sub-core at ${at}, block 1\n`]);
    let otherKeys: string[] = [];
    const { keys, blockZero } = await startHostileWriter(net, {
      subCount: REAL_AT.length,
      subBlocks,
      blockZero: ({ main, subs }) => {
        const used = new Set<string>([main, ...subs]);
        otherKeys = [];
        while (otherKeys.length < TOTAL) {
          const real = REAL_AT.indexOf(otherKeys.length);
          if (real !== -1) {
            otherKeys.push(subs[real]);
            continue;
          }
          const key = randomBytes(32).toString('hex');
          if (used.has(key)) continue;
          used.add(key);
          otherKeys.push(key);
        }
        return json({ otherKeys });
      },
    });
    assert.equal(new Set(otherKeys).size, TOTAL, 'all keys distinct');
    t.diagnostic(`block 0: ${blockZero.length} bytes, ${TOTAL} distinct valid keys`);
    const allowed = new Set([keys.main, ...otherKeys.slice(0, SHOWN)]);
    const realLines = REAL_AT.flatMap((at, index) =>
      subBlocks[index].map((text, seq) => `Block ${seq} in Core ${otherKeys[at]}: ${text.trimEnd()}`),
    );

    // Plain: the real sub-cores' blocks, and no core opened beyond the first 32 listed.
    const plainCheck = () =>
      expectPlainBlocks(net, keys.main, realLines, (cores) => {
        t.diagnostic(`plain reader storage holds ${cores.length} cores`);
        assert.ok(cores.length <= SHOWN + 1, `at most the main core and 32 sub-cores opened, not ${cores.length}`);
        assert.deepEqual(
          cores.filter((key) => !allowed.has(key)),
          [],
          'every core opened is the main core or one of the first 32 listed',
        );
      });

    // Screen: 32 panes a page at a time, the rest counted; ] turns pages (and wraps); q quits.
    const screenCheck = async () => {
      const size = { cols: 120, rows: 30 };
      const layout = computeLayout({ columns: size.cols, rows: size.rows, paneCount: SHOWN, withInputLine: false });
      assert.ok(layout.fits && layout.panesPerPage < SHOWN, '32 panes need paging at 120x30');
      const perPage = layout.panesPerPage;
      const pages = Math.ceil(SHOWN / perPage);
      const notShown = `${TOTAL - SHOWN} more sub-cores not shown`;
      const app = spawnScreenReader(net, keys.main, await tempDir(net.cleanup, 'many-cores-hostile-reader-'), size);
      const expectPage = async (page: number) => {
        const first = page * perPage;
        const end = Math.min(SHOWN, first + perPage);
        await app.waitForText(`panes ${first + 1}–${end} of ${SHOWN} · ${notShown}`, CONNECT_DEADLINE_MS);
        // The real sub-cores on this page show their blocks.
        for (const [index, at] of REAL_AT.entries()) {
          if (at < first || at >= end) continue;
          const expected = subBlocks[index].map((text, seq) => ({ seq, text: text.trimEnd() }));
          await app.waitForScreen(
            `core-${at + 2} to show its blocks on page ${page + 1}`,
            (lines) => JSON.stringify(paneBlocks(lines, `core-${at + 2}`)) === JSON.stringify(expected),
          );
        }
        assert.deepEqual(
          paneTitles(app.lines()),
          otherKeys.slice(first, end).map((key, offset) => ({ pane: first + offset + 2, shortKey: key.slice(0, 8) })),
          `page ${page + 1} holds panes ${first + 1}–${end}, in block 0's order:\n${app.screen()}`,
        );
      };
      await expectPage(0);
      for (let page = 1; page < pages; page++) {
        app.write(']');
        await expectPage(page);
      }
      app.write(']');
      await expectPage(0);
      const rss = await rssMiB(app.pid);
      t.diagnostic(`screen reader: ${perPage} panes a page, ${pages} pages`);
      await quitWithQ(app, 'reader with 10,000 listed keys');
      return { rss };
    };

    const [plain, screen] = await Promise.all([plainCheck(), screenCheck()]);
    t.diagnostic(`RSS: plain reader ${plain.rss.toFixed(1)} MiB, screen reader ${screen.rss.toFixed(1)} MiB`);
    // A sanity bound only, far above need (docs/speed.md#targets allows 200 MB for a 1,000,000-block core).
    assert.ok(
      plain.rss < 400 && screen.rss < 400,
      `reader RSS stays reasonable: plain ${plain.rss.toFixed(1)} MiB, screen ${screen.rss.toFixed(1)} MiB`,
    );
  },
);
