// Property tests for docs/untrusted-input.md on the plain and JSON outputs of the reader: whatever bytes
// a remote writer puts in a block, `many-cores reader --plain` prints one line per block with no
// control character but its final newline, and `--json` prints one JSON object per block whose
// strings hold nothing a terminal acts on (a script doing `jq -r .text` gets no raw escapes).
// The blocks sit in a real Corestore in a temp folder and go through runPlainReader as they would
// from a writer; only the swarm is replaced by a session that is ready at once.
// (The generators are the same as in test/ui/hostile-frames.test.tsx.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import Corestore from 'corestore';
import messages from 'hyperbee/lib/messages.js';
import type Hypercore from 'hypercore';
import { parseBlockZero } from '../../source/model/block-zero.js';
import type { ReaderSession } from '../../source/net/reader-session.js';
import { runPlainReader } from '../../source/plain/reader-plain.js';
import type { LineFormat } from '../../source/plain/output.js';
import { blockForm, type BlockEncoding } from '../../source/text/block-encoding.js';
import { MAX_DECODED_BYTES, withoutTrailingNewline } from '../../source/text/sanitize.js';
import { cleanupFor } from '../../harness/cleanup.js';
import { storeIn } from '../../harness/store.js';
import { sleep, waitFor } from '../../harness/wait.js';
import { codePoint, concat, hostileBlock, hostileBlockOfPieces, piece, raw, utf8 } from '../helpers/hostile-bytes.js';

// A failing property reports the assertion that failed, not only the counterexample.
fc.configureGlobal({ includeErrorInReport: true });

// ---------------------------------------------------------------------------------------------
// What a printed line may hold.

// No control character at all (the line's own '\n' is split off first), no DEL or C1, no bidi
// control, no zero-width or invisible format character, no line separator, no tag character, no
// lone surrogate.
const FORBIDDEN_IN_LINE =
  /[\x00-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

function assertClean(text: string, what: string): void {
  const match = FORBIDDEN_IN_LINE.exec(text);
  if (match) {
    const value = text.codePointAt(match.index) ?? 0;
    assert.fail(
      `U+${value.toString(16).toUpperCase().padStart(4, '0')} in ${what}: ${JSON.stringify(text.slice(0, 200))}`,
    );
  }
}

// Every string anywhere in a parsed JSON value.
function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      yield key;
      yield* stringsIn(item);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Running the reader's printing path over a real Corestore.

class Collector extends Writable {
  text = '';
  constructor() {
    // Strings stay strings: a lone surrogate would otherwise turn into U+FFFD and hide.
    super({ decodeStrings: false });
  }
  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    callback();
  }
  lineCount(): number {
    return this.text.split('\n').length - 1;
  }
  // The JSON lines that print blocks (peer-sync events come and go with the cores' figures).
  blockLines(): string[] {
    return this.text
      .split('\n')
      .slice(0, -1)
      .filter((line) => line.startsWith('{"event":"block"'));
  }
}

// A reader session past the DHT: block 0 already read, the sub-cores open.
function readySession(cores: Hypercore[]): ReaderSession {
  const session = Object.assign(new EventEmitter(), {
    peerCount: 0,
    mainKey: Buffer.alloc(32, 1),
    views: cores.map((core, index) => ({ name: `core-${index + 2}`, key: core.key, core })),
    whenSettled: () =>
      Promise.resolve({
        kind: 'ready',
        blockZero: { keys: cores.map((core) => core.key), skipped: 0, notShown: 0 },
        alone: null,
      }),
  });
  return session as unknown as ReaderSession;
}

interface Printed {
  keys: string[];
  plain: string;
  json: string;
  err: string;
}

let run = 0;

// Appends each core's blocks, then runs the plain and the JSON reader over the cores until each
// has printed as many lines as there are blocks (and a little longer, to see no extra line).
async function printAll(store: Corestore, contents: Uint8Array[][]): Promise<Printed> {
  run++;
  const cores = contents.map((_, index) => store.get({ name: `run-${run}-core-${index}` }));
  await Promise.all(cores.map((core) => core.ready()));
  for (const [index, core] of cores.entries()) {
    const blocks = contents[index] ?? [];
    if (blocks.length > 0) await core.append(blocks.map((bytes) => Buffer.from(bytes)));
  }
  const total = contents.reduce((sum, blocks) => sum + blocks.length, 0);
  const outputs: Record<LineFormat, Collector> = { plain: new Collector(), json: new Collector() };
  const err = new Collector();
  const readers = await Promise.all(
    (['plain', 'json'] as const).map((format) =>
      runPlainReader(readySession(cores), format, null, outputs[format], err),
    ),
  );
  try {
    // JSON starts with a key and a cores event.
    await waitFor(
      `${total} lines in each format`,
      () => outputs.plain.lineCount() >= total && outputs.json.blockLines().length >= total,
      { intervalMs: 2 },
    );
    await sleep(5);
  } finally {
    for (const reader of readers) reader.stop();
    await Promise.all(cores.map((core) => core.close()));
  }
  return {
    keys: cores.map((core) => core.key.toString('hex')),
    plain: outputs.plain.text,
    json: outputs.json.text,
    err: err.text,
  };
}

const contentsArbitrary = fc.array(fc.array(hostileBlock, { maxLength: 6 }), { minLength: 1, maxLength: 2 });

const isPrintableAscii = (bytes: Uint8Array): boolean => bytes.every((byte) => byte >= 0x20 && byte <= 0x7e);

test('property: plain and JSON output, one clean line per block, whatever the blocks hold', async (t) => {
  const store = await storeIn(cleanupFor(t));
  await fc.assert(
    fc.asyncProperty(contentsArbitrary, async (contents) => {
      const printed = await printAll(store, contents);
      const total = contents.reduce((sum, blocks) => sum + blocks.length, 0);
      assert.equal(printed.err, '', 'nothing on stderr');

      // Plain: `Block <seq> in Core <hex>: <text>`, one line a block, nothing raw.
      assert.ok(total === 0 ? printed.plain === '' : printed.plain.endsWith('\n'), 'every line ends with its newline');
      const plainLines = printed.plain.split('\n').slice(0, -1);
      assert.equal(plainLines.length, total, 'exactly one plain line per block');
      const plainText = new Map<string, string>();
      const nextSeq = new Map<string, number>();
      for (const line of plainLines) {
        assertClean(line, 'a plain line');
        const match = /^Block (\d+) in Core ([0-9a-f]{64}): (.*)$/su.exec(line);
        assert.ok(match, `the how-to's format: ${JSON.stringify(line.slice(0, 120))}`);
        const [, seqText, key, text] = match as unknown as [string, string, string, string];
        const seq = Number(seqText);
        const index = printed.keys.indexOf(key);
        assert.ok(index >= 0, 'a core of the session');
        assert.equal(seq, nextSeq.get(key) ?? 0, 'in order per core');
        nextSeq.set(key, seq + 1);
        plainText.set(`${key}/${seq}`, text);

        const whole = contents[index]?.[seq] ?? new Uint8Array(0);
        const block = withoutTrailingNewline(whole);
        const { encoding } = blockForm(whole);
        if (isPrintableAscii(block) && block.length <= MAX_DECODED_BYTES && encoding === 'text')
          assert.equal(text, Buffer.from(block).toString('latin1'), 'plain ASCII is printed as it is');
        if (encoding === 'hex' && whole.length <= MAX_DECODED_BYTES)
          assert.equal(text, Buffer.from(whole).toString('hex'), 'a binary block is printed as hex, every byte');
        if (block.length > MAX_DECODED_BYTES) {
          assert.ok(text.endsWith('…'), 'a block over 64 KiB is cut, and says so');
          // Never decoded whole: at most 64 KiB of bytes, each shown in at most 8 characters (a tab).
          assert.ok(
            text.length <= 8 * MAX_DECODED_BYTES + 1,
            `${text.length} characters for a ${block.length}-byte block`,
          );
        }
      }
      for (const [index, key] of printed.keys.entries())
        assert.equal(nextSeq.get(key) ?? 0, contents[index]?.length ?? 0, 'every block printed');

      // JSON: one object a line, every string clean, the same text as the plain line, the byte count.
      assert.ok(printed.json.endsWith('\n'));
      const allJsonLines = printed.json.split('\n').slice(0, -1);
      for (const line of allJsonLines) assertClean(line, 'a JSON line');
      assert.deepEqual(
        allJsonLines.slice(0, 2).map((line) => (JSON.parse(line) as { event: string }).event),
        ['key', 'cores'],
        'a key and a cores event come first',
      );
      const jsonLines = allJsonLines
        .slice(2)
        .filter((line) => (JSON.parse(line) as { event: string }).event !== 'peer-sync');
      assert.equal(jsonLines.length, total, 'exactly one JSON line per block');
      for (const line of jsonLines) {
        // The line itself, as a terminal would get it without jq.
        assertClean(line, 'a JSON line');
        let event: {
          event: unknown;
          core: unknown;
          key: unknown;
          seq: unknown;
          text: unknown;
          encoding: unknown;
          bytes: unknown;
        };
        try {
          event = JSON.parse(line) as typeof event;
        } catch (error) {
          assert.fail(`a JSON line that does not parse: ${JSON.stringify(line.slice(0, 120))} (${String(error)})`);
        }
        for (const value of stringsIn(event)) assertClean(value, 'a JSON string');
        assert.deepEqual(Object.keys(event).sort(), ['bytes', 'core', 'encoding', 'event', 'key', 'seq', 'text']);
        assert.equal(event.event, 'block');
        assert.match(String(event.core), /^core-\d+$/);
        assert.ok(Number.isInteger(event.seq));
        const index = printed.keys.indexOf(event.key as string);
        assert.ok(index >= 0, 'a core of the session');
        const block = contents[index]?.[event.seq as number];
        assert.ok(block, `block ${String(event.seq)} exists`);
        assert.equal(event.bytes, block.length, "`bytes` is the block's length, trailing newline included");
        assert.equal(event.encoding, blockForm(block).encoding, 'the encoding says how `text` shows the block');
        assert.equal(
          event.text,
          plainText.get(`${event.key as string}/${event.seq as number}`),
          'the same text as the plain line',
        );
      }
    }),
    { numRuns: 150 },
  );
});

// ---------------------------------------------------------------------------------------------
// Hand-picked: what `--plain` prints and `jq -r .text` gets.

// The block's name, its bytes, the text printed, and its encoding where it is not text.
const REGRESSIONS: Array<[string, Uint8Array, string, BlockEncoding?]> = [
  ['OSC 52 clipboard write', utf8('\x1b]52;c;aGVsbG8=\x07\n'), '\\x1b]52;c;aGVsbG8=\\x07'],
  [
    'OSC 8 hyperlink',
    utf8('\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\'),
    '\\x1b]8;;https://evil.example\\x1b\\click\\x1b]8;;\\x1b\\',
  ],
  ['CSI 2J clear screen', utf8('\x1b[2J\x1b[H'), '\\x1b[2J\\x1b[H'],
  ['OSC 0 title set', utf8('\x1b]0;pwned\x1b\\'), '\\x1b]0;pwned\\x1b\\'],
  ['DCS', utf8('\x1bP+q544e\x1b\\'), '\\x1bP+q544e\\x1b\\'],
  ['C1 CSI as a raw byte (not UTF-8)', raw(0x9b, 0x32, 0x4a), '\\x9b2J'],
  ['C1 CSI as UTF-8 U+009B', raw(0xc2, 0x9b, 0x32, 0x4a), '\\x9b2J'],
  ['RLO U+202E', utf8('abc\u202edef'), 'abc\\u202edef'],
  ['CR and LF inside a block', utf8('one\rtwo\nthree\n'), 'one\\x0dtwo\\x0athree'],
  ['a U+2028 line separator', utf8('a\u2028b'), 'a\\u2028b'],
  ['a tab', utf8('a\tb'), `a${' '.repeat(7)}b`],
  ['invalid UTF-8', raw(0x61, 0xff, 0xc0, 0x80, 0x62), '61ffc08062', 'hex'],
  ['a NUL among text', utf8('a\x00b\n'), '6100620a', 'hex'],
  [
    'pretty JSON',
    utf8('{\n  "a": [1, 2],\n  "b": "\\u001b x\u202e"\n}\n'),
    '{"a":[1,2],"b":"\\u001b x\\u202e"}',
    'json',
  ],
];

test('regression: hostile blocks as --plain and --json print them', async (t) => {
  const store = await storeIn(cleanupFor(t));
  const printed = await printAll(store, [REGRESSIONS.map(([, bytes]) => bytes)]);
  const key = printed.keys[0];
  const plainLines = printed.plain.split('\n').slice(0, -1);
  // After the key and cores events.
  const jsonLines = printed.json
    .split('\n')
    .slice(0, -1)
    .slice(2)
    .filter((line) => (JSON.parse(line) as { event: string }).event !== 'peer-sync');
  for (const [seq, [name, bytes, expected, encoding = 'text']] of REGRESSIONS.entries()) {
    assert.equal(plainLines[seq], `Block ${seq} in Core ${key}: ${expected}`, name);
    assert.deepEqual(
      JSON.parse(jsonLines[seq] ?? ''),
      { event: 'block', core: 'core-2', key, seq, text: expected, encoding, bytes: bytes.length },
      name,
    );
  }
  assert.equal(plainLines.length, REGRESSIONS.length);
  assert.equal(jsonLines.length, REGRESSIONS.length);
});

// ---------------------------------------------------------------------------------------------
// Block 0: whatever it holds, the reason it lists no sub-core (in the notice on screen, on stderr in
// plain mode) is one line of plain ASCII that echoes nothing of it.

const hostileString = fc.oneof(
  hostileBlockOfPieces.map((bytes) => Buffer.from(bytes).toString('utf8')),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 64, maxLength: 64 }),
);
const blockZeroArbitrary = fc.oneof(
  hostileBlock.map((bytes) => Buffer.from(bytes)),
  fc.array(hostileString, { maxLength: 6 }).map((otherKeys) => Buffer.from(JSON.stringify({ otherKeys }))),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }).map((object) => Buffer.from(JSON.stringify(object))),
  hostileString.map((text) => Buffer.from(JSON.stringify(text))),
);

test('property: a hostile block 0 that lists no sub-core gets a reason that echoes none of it', () => {
  const mainKey = Buffer.alloc(32, 7);
  fc.assert(
    fc.property(blockZeroArbitrary, (bytes) => {
      const parsed = parseBlockZero(bytes, mainKey);
      if (parsed.ok) {
        for (const key of parsed.value.keys) assert.equal(key.length, 32);
        return;
      }
      assert.match(parsed.reason, /^block 0 [\x20-\x7e]+$/, JSON.stringify(parsed.reason));
    }),
    { numRuns: 300 },
  );
});

// ---------------------------------------------------------------------------------------------
// Invisible characters that once passed the sanitizer (soft hyphen, Hangul fillers, ...).

test('property: plain and JSON text hold no invisible format or filler character', async (t) => {
  const store = await storeIn(cleanupFor(t));
  const invisible = fc
    .constantFrom(0x00ad, 0x115f, 0x1160, 0x3164, 0xffa0, 0x2065, 0xfff0, 0x1d173, 0x1bca0, 0x13430, 0xe0080)
    .map(codePoint);
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.oneof(invisible, piece), { minLength: 1, maxLength: 6 }).map(concat),
      async (bytes) => {
        const printed = await printAll(store, [[bytes]]);
        const blockEvent = printed.json
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { event: string; text: string })
          .find((event) => event.event === 'block');
        for (const text of [printed.plain, blockEvent?.text ?? '']) {
          // An emoji's presentation selector is part of it (❤️); anything else invisible is not.
          assert.doesNotMatch(
            text.replace(/\p{Extended_Pictographic}[\ufe0e\ufe0f]/gu, ''),
            /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u,
          );
        }
      },
    ),
    { numRuns: 50 },
  );
});

// ---------------------------------------------------------------------------------------------
// A Hyperbee whose nodes are hostile (docs/data-model.md#decoded-cores): keys and values of any
// bytes, and blocks that are no node at all. Each is still one clean line, decoded or shown as hex.

const BEE_HEADER = messages.Header.encode({ protocol: 'hyperbee', metadata: null });
const beeNode = (key: Uint8Array, value: Uint8Array | null): Uint8Array =>
  messages.Node.encode({ index: Buffer.alloc(0), key: Buffer.from(key), value: value && Buffer.from(value) });
const hostileNode = fc.oneof(
  { arbitrary: fc.tuple(hostileBlock, fc.option(hostileBlock)).map(([key, value]) => beeNode(key, value)), weight: 3 },
  { arbitrary: hostileBlock, weight: 1 },
);
const DECODED_LINE = /^(?:hyperbee header$|put |del |\? not a Hyperbee (?:node|header) )/;

test('property: a Hyperbee with hostile nodes, one clean decoded line per block in plain and JSON', async (t) => {
  const store = await storeIn(cleanupFor(t));
  await fc.assert(
    fc.asyncProperty(fc.array(hostileNode, { maxLength: 5 }), async (nodes) => {
      const printed = await printAll(store, [[BEE_HEADER, ...nodes]]);
      assert.equal(printed.err, '', 'nothing on stderr');
      const plainLines = printed.plain.split('\n').slice(0, -1);
      assert.equal(plainLines.length, nodes.length + 1, 'exactly one plain line per block');
      const texts = plainLines.map((line, seq) => {
        assertClean(line, 'a plain line');
        const prefix = `Block ${seq} in Core ${printed.keys[0]}: `;
        assert.ok(line.startsWith(prefix), JSON.stringify(line.slice(0, 120)));
        const text = line.slice(prefix.length);
        assert.match(text, DECODED_LINE);
        // Key and value each from at most 64 KiB, each byte at most 8 characters (a tab).
        assert.ok(text.length <= 2 * 8 * MAX_DECODED_BYTES + 100, `${text.length} characters`);
        return text;
      });
      const events = printed.json
        .split('\n')
        .slice(0, -1)
        .map((line) => {
          assertClean(line, 'a JSON line');
          return JSON.parse(line) as { event: string; seq: number; text: string; encoding: string; kind: string };
        })
        .filter((event) => event.event === 'block');
      assert.equal(events.length, nodes.length + 1, 'exactly one JSON line per block');
      for (const event of events) {
        for (const value of stringsIn(event)) assertClean(value, 'a JSON string');
        assert.equal(event.encoding, 'decoded');
        assert.ok(['header', 'put', 'del', 'undecodable'].includes(event.kind), event.kind);
        assert.equal(event.text, texts[event.seq], 'the same text as the plain line');
      }
    }),
    { numRuns: 60 },
  );
});

test('regression: a bad node, a 1 MiB key and a value that is an escape sequence', async (t) => {
  const store = await storeIn(cleanupFor(t));
  const hugeKey = Buffer.alloc(1024 * 1024, 0x6b);
  const printed = await printAll(store, [
    [
      BEE_HEADER,
      Buffer.from([0x0a, 0x05, 0x01]),
      beeNode(hugeKey, utf8('v')),
      beeNode(utf8('evil'), utf8('\x1b]52;c;aGVsbG8=\x07\x1b[2J')),
    ],
  ]);
  const texts = printed.plain
    .split('\n')
    .slice(0, -1)
    .map((line) => line.slice(line.indexOf(': ') + 2));
  assert.equal(texts[0], 'hyperbee header');
  assert.match(texts[1] ?? '', /^\? not a Hyperbee node \(.+\) 0a0501$/);
  assert.equal(texts[2], `put ${'k'.repeat(MAX_DECODED_BYTES)}… v`);
  assert.equal(texts[3], 'put evil \\x1b]52;c;aGVsbG8=\\x07\\x1b[2J');
  const kinds = printed.json
    .split('\n')
    .filter((line) => line.startsWith('{"event":"block"'))
    .map((line) => (JSON.parse(line) as { kind: string }).kind);
  assert.deepEqual(kinds, ['header', 'undecodable', 'put', 'put']);
});
