import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import messages from 'hyperbee/lib/messages.js';
import { coreFormat } from '../../source/decode/core-format.js';

const header = (metadata: { contentFeed: Buffer | null; userData: Buffer | null } | null) =>
  messages.Header.encode({ protocol: 'hyperbee', metadata });

test("a Hyperbee's header is a bee, with or without metadata", () => {
  assert.deepEqual(coreFormat(Buffer.from('0a086879706572626565', 'hex')), { kind: 'bee' });
  assert.deepEqual(coreFormat(header(null)), { kind: 'bee' });
  assert.deepEqual(coreFormat(header({ contentFeed: null, userData: Buffer.from('app') })), { kind: 'bee' });
});

test("a header whose metadata names a blobs core is a drive's file table, with that key", () => {
  const blobsKey = Buffer.alloc(32, 7);
  assert.deepEqual(coreFormat(header({ contentFeed: blobsKey, userData: null })), { kind: 'drive', blobsKey });
  // hyperdrive reads the first 32 bytes; fewer name no core.
  const longer = Buffer.concat([blobsKey, Buffer.from([1, 2])]);
  assert.deepEqual(coreFormat(header({ contentFeed: longer, userData: null })), { kind: 'drive', blobsKey });
  assert.deepEqual(coreFormat(header({ contentFeed: Buffer.alloc(31), userData: null })), { kind: 'bee' });
});

test('anything else is raw: JSON, text, another protocol, truncated or empty bytes', () => {
  const raw = { kind: 'raw' };
  assert.deepEqual(coreFormat(Buffer.from('{"otherKeys":[]}')), raw);
  assert.deepEqual(coreFormat(Buffer.from('hello')), raw);
  assert.deepEqual(coreFormat(messages.Header.encode({ protocol: 'hyperbees', metadata: null })), raw);
  assert.deepEqual(coreFormat(Buffer.from('0a0868797065726265', 'hex')), raw);
  assert.deepEqual(coreFormat(Buffer.alloc(0)), raw);
});

test('hostile bytes never throw', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const format = coreFormat(bytes);
      assert.ok(['raw', 'bee', 'drive'].includes(format.kind));
    }),
    { numRuns: 2000 },
  );
  const prefixed = fc.uint8Array({ maxLength: 100 }).map((tail) => Buffer.concat([header(null), tail]));
  fc.assert(fc.property(prefixed, (bytes) => void coreFormat(bytes)));
});
