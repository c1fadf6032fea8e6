// A hostile writer controls block 0 of the main core byte for byte
// (docs/untrusted-input.md#block-zero). Every shape that leaves no sub-core to show makes the
// reader show the main core itself, as any Hypercore (docs/data-model.md#any-core), block 0
// included, with one line saying why: the real reader binary in plain mode (block 0 on stdout, the
// notice on stderr, running until interrupted) and in a real terminal (one pane, the notice under
// it, keys answered, q quits).
// The writer is test/fixtures/hostile-writer.mjs, a separate process on a private loopback DHT.
// Here: block 0 that is not JSON, or not an object. The other shapes: hostile-block-zero-entries.test.ts;
// sizes and counts (over 1 MiB, skipped entries, 10,000 keys): hostile-block-zero-limits.test.ts.
// (Three files, because each file must finish within the runner's per-file timeout.)
// The screen check runs for one or two cases per reason (the screen shows every reason the same
// way); the plain check for every case.
import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { REASONS, expectShownAlone, json } from '../helpers/hostile.js';

const TIMEOUT = { timeout: 180_000 };
const PLAIN_ONLY = { screen: false };

// ---- (a) not JSON ----

test('(a) block 0 of random bytes: not JSON, shown alone, as hex', TIMEOUT, async (t) => {
  // 0xff can start neither JSON nor UTF-8: whatever random bytes follow, it never parses.
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00]), randomBytes(61)]);
  await expectShownAlone(t, { blockZero: () => bytes }, REASONS.notJson);
});

test('(a) block 0 of truncated JSON `{"otherKeys": ["<key>", `: not JSON, shown alone, as text', TIMEOUT, async (t) => {
  await expectShownAlone(
    t,
    { subCount: 1, blockZero: ({ subs }) => Buffer.from(`{"otherKeys": ["${subs[0]}", `) },
    REASONS.notJson,
  );
});

test('(a) an empty block 0: not JSON, shown alone', TIMEOUT, async (t) => {
  await expectShownAlone(t, { blockZero: () => Buffer.alloc(0) }, REASONS.notJson, PLAIN_ONLY);
});

// ---- (b) JSON, but not an object ----

for (const [name, text, options] of [
  ['an array [1,2]', '[1,2]', {}],
  ['a string', '"str"', PLAIN_ONLY],
  ['null', 'null', PLAIN_ONLY],
] as const) {
  test(`(b) block 0 that is ${name} shows the core alone: not an object`, TIMEOUT, async (t) => {
    await expectShownAlone(t, { blockZero: () => Buffer.from(text) }, REASONS.notObject, options);
  });
}

test(
  '(b) a bare array of valid keys (the list without its object) shows the core alone: not an object',
  TIMEOUT,
  async (t) => {
    await expectShownAlone(t, { subCount: 1, blockZero: ({ subs }) => json(subs) }, REASONS.notObject, PLAIN_ONLY);
  },
);
