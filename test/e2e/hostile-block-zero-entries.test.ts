// A hostile writer controls block 0 of the main core byte for byte (docs/untrusted-input.md#block-zero). An object whose
// otherKeys is missing, not an array, or holds no usable key makes the reader show the main core
// itself (docs/data-model.md#any-core), block 0 included, with one line saying why: the real reader binary in plain mode
// (block 0 on stdout, the notice on stderr, running until interrupted) and in a real terminal (one
// pane, the notice under it, keys answered, q quits). The writer is test/fixtures/hostile-writer.mjs,
// a separate process on a private loopback DHT. Not JSON / not an object: hostile-block-zero.test.ts.
// The screen check runs for one or two cases per reason; the plain check for every case.
import { test } from 'node:test';
import { REASONS, expectShownAlone, json } from '../helpers/hostile.js';

const TIMEOUT = { timeout: 180_000 };
const PLAIN_ONLY = { screen: false };

// ---- (c), (d) an object without an otherKeys array ----

test('(c) an object with no otherKeys shows the core alone', TIMEOUT, async (t) => {
  // A real key under other names, and behind __proto__ (JSON.parse makes that an own property):
  // none of them is otherKeys.
  await expectShownAlone(
    t,
    {
      subCount: 1,
      blockZero: ({ subs }) =>
        Buffer.from(
          `{"keys": ["${subs[0]}"], "OtherKeys": ["${subs[0]}"], "__proto__": {"otherKeys": ["${subs[0]}"]}}`,
        ),
    },
    REASONS.noList,
  );
});

test('(d) otherKeys that is a string, not an array, shows the core alone', TIMEOUT, async (t) => {
  await expectShownAlone(t, { blockZero: () => json({ otherKeys: 'abc' }) }, REASONS.noList);
});

test('(d) otherKeys that is an object shaped like an array shows the core alone', TIMEOUT, async (t) => {
  await expectShownAlone(
    t,
    { subCount: 1, blockZero: ({ subs }) => json({ otherKeys: { 0: subs[0], length: 1 } }) },
    REASONS.noList,
    PLAIN_ONLY,
  );
});

// ---- (e), (f) a list with no usable key ----

test(
  '(e) a list where every entry is an invalid key shows the core alone, and says how many it skipped',
  TIMEOUT,
  async (t) => {
    const entries = [
      'ab'.repeat(31), // 62 hex characters: 31 bytes
      'ab'.repeat(33), // 66 hex characters: 33 bytes
      'zz'.repeat(32), // 64 characters, not hex
      `${'ab'.repeat(31)}a `, // 64 characters, the last a space
      '', // empty
      42, // a number
      { key: 'ab'.repeat(32) }, // an object holding a well-formed key
      ['ab'.repeat(32)], // an array holding one
      null,
      true,
    ];
    await expectShownAlone(t, { blockZero: () => json({ otherKeys: entries }) }, REASONS.noUsable(entries.length));
  },
);

test('(e) an empty otherKeys list shows the core alone', TIMEOUT, async (t) => {
  await expectShownAlone(t, { blockZero: () => json({ otherKeys: [] }) }, REASONS.noUsable(0), PLAIN_ONLY);
});

test('(e) one entry nested 500,000 arrays deep (just under 1 MiB) is skipped, not a crash', TIMEOUT, async (t) => {
  // A parser or a walk that recursed would overflow the stack here.
  const depth = 500_000;
  const bytes = Buffer.from(`{"otherKeys":[${'['.repeat(depth)}${']'.repeat(depth)}]}`);
  await expectShownAlone(t, { blockZero: () => bytes }, REASONS.noUsable(1), PLAIN_ONLY);
});

test('(f) a list naming only the main key itself shows the core alone', TIMEOUT, async (t) => {
  await expectShownAlone(t, { blockZero: ({ main }) => json({ otherKeys: [main] }) }, REASONS.noUsable(1));
});

test('(f) the main key in upper and lower case, repeated, is still no sub-core', TIMEOUT, async (t) => {
  await expectShownAlone(
    t,
    { blockZero: ({ main }) => json({ otherKeys: [main, main.toUpperCase(), main] }) },
    REASONS.noUsable(3),
    PLAIN_ONLY,
  );
});
