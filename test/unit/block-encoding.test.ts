import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { blockCopyText, blockForm, blockLine, blockLineText, compactJson } from '../../source/text/block-encoding.js';
import { MAX_DECODED_BYTES, sanitizedString } from '../../source/text/sanitize.js';

const line = (bytes: Uint8Array | string) =>
  blockLineText(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes, undefined, 'line');

test('UTF-8 text is text: sanitized, its trailing newline dropped', () => {
  assert.deepEqual(line('hello, any core\n'), { encoding: 'text', text: 'hello, any core' });
  assert.deepEqual(line('日本語 😀 é'), { encoding: 'text', text: '日本語 😀 é' });
  assert.deepEqual(line(''), { encoding: 'text', text: '' });
});

test('text with escapes, tabs and line breaks stays text, and is still sanitized', () => {
  assert.deepEqual(line('\x1b[31mred\x1b[0m\n'), { encoding: 'text', text: '\\x1b[31mred\\x1b[0m' });
  assert.deepEqual(line('one\rtwo\nthree\n'), { encoding: 'text', text: 'one\\x0dtwo\\x0athree' });
  assert.deepEqual(line('a\u202eb'), { encoding: 'text', text: 'a\\u202eb' });
  assert.deepEqual(line('\u009b2J'), { encoding: 'text', text: '\\x9b2J' }, 'C1 written as UTF-8 is text');
});

test('a NUL, or mostly bytes that are not text, makes a block binary: lowercase hex of every byte', () => {
  assert.deepEqual(line(Buffer.from([0x68, 0x69, 0x00])), { encoding: 'hex', text: '686900' });
  assert.deepEqual(line(Buffer.from([0x61, 0xff, 0xc0, 0x80, 0x62])), { encoding: 'hex', text: '61ffc08062' });
  // Protobuf-like: valid UTF-8, but a field tag and a length are controls no text has.
  assert.deepEqual(line(Buffer.from('\x08\x03\x12\x05hello')), { encoding: 'hex', text: '0803120568656c6c6f' });
  // One stray control among ten characters is still text.
  assert.equal(line('cr\rlf\nbs\b').encoding, 'text');
});

test('text with a few bytes that are not UTF-8 stays text, each such byte written out', () => {
  const bad = Buffer.concat([Buffer.from('bad-utf8:'), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from('\n')]);
  assert.deepEqual(line(bad), { encoding: 'text', text: 'bad-utf8:\\xff\\xfe\\xfd' });
  assert.deepEqual(line(Buffer.from('caf\xe9 cr\xe8me', 'latin1')), { encoding: 'text', text: 'caf\\xe9 cr\\xe8me' });
  // A lead byte cut short is one byte that is not UTF-8; what follows is read again.
  assert.deepEqual(line(Buffer.from([0x61, 0xe2, 0x82, 0x62, 0x63, 0x64])), {
    encoding: 'text',
    text: 'a\\xe2\\x82bcd',
  });
  // JSON is parsed only from UTF-8: decoding would turn the byte into U+FFFD, and lose it.
  const json = Buffer.concat([Buffer.from('{"a": "'), Buffer.from([0xff]), Buffer.from('"}')]);
  assert.deepEqual(line(json), { encoding: 'text', text: '{"a": "\\xff"}' });
  // A third of the characters is the most text may hold that is not.
  assert.equal(line(Buffer.from([0x61, 0x62, 0x63, 0x64, 0xff, 0xfe])).encoding, 'text');
  assert.equal(line(Buffer.from([0x61, 0x62, 0x63, 0x64, 0xff, 0x08])).encoding, 'text');
  assert.equal(line(Buffer.from([0x61, 0x62, 0x63, 0xff, 0xfe, 0xfd])).encoding, 'hex');
});

test('a JSON object or array is compacted to one line; numbers and strings keep their spelling', () => {
  const pretty = '{\n  "a": 1.50,\n  "big": 12345678901234567890,\n  "s": "two  spaces \\" {x}",\n  "l": [ 1, 2 ]\n}\n';
  assert.deepEqual(line(pretty), {
    encoding: 'json',
    text: '{"a":1.50,"big":12345678901234567890,"s":"two  spaces \\" {x}","l":[1,2]}',
  });
  assert.deepEqual(line('[ ]\n'), { encoding: 'json', text: '[]' });
  assert.equal(compactJson('{"otherKeys": [1, 2'), null, 'JSON that does not parse is text');
  assert.deepEqual(line('{"otherKeys": [1, 2'), { encoding: 'text', text: '{"otherKeys": [1, 2' });
  assert.deepEqual(line('42\n'), { encoding: 'text', text: '42' }, 'a number alone is one line of text already');
  assert.equal(compactJson('\u00a0{}'), null, 'only JSON whitespace is trimmed');
});

test('compacted JSON is sanitized too; its escapes stay as written', () => {
  assert.deepEqual(line('{"t": "a\u202eb", "e": "\\u001b[2J"}'), {
    encoding: 'json',
    text: '{"t":"a\\u202eb","e":"\\u001b[2J"}',
  });
});

test('JSON nested 500,000 deep is compacted without overflowing the stack', () => {
  const depth = 500_000;
  const bytes = Buffer.from(`${'[ '.repeat(depth)}${' ]'.repeat(depth)}`);
  assert.ok(bytes.length > MAX_DECODED_BYTES);
  assert.equal(blockForm(bytes).encoding, 'text', 'over 64 KiB: not parsed, shown as text');
  const small = Buffer.from(`${'[ '.repeat(10_000)}${' ]'.repeat(10_000)}`);
  assert.equal(line(small).text, `${'['.repeat(10_000)}${']'.repeat(10_000)}`);
});

test('a huge block is read only up to 64 KiB, whatever its kind', () => {
  const text = Buffer.alloc(MAX_DECODED_BYTES * 8, 0x61);
  const shown = line(text);
  assert.equal(shown.encoding, 'text');
  assert.equal(shown.text, `${'a'.repeat(MAX_DECODED_BYTES)}…`);
  const binary = Buffer.alloc(MAX_DECODED_BYTES * 8, 0);
  const hex = line(binary);
  assert.equal(hex.encoding, 'hex');
  assert.equal(hex.text, `${'00'.repeat(MAX_DECODED_BYTES)}…`);
  // A pane asks for a few bytes only: hex of those, cut.
  assert.deepEqual(blockLine(binary, 4), { encoding: 'hex', runs: [{ text: '00000000', escaped: false }], cut: true });
});

test('a multi-byte character cut at the 64 KiB edge does not make the text binary', () => {
  for (const [character, before] of [
    ['é', 1],
    ['😀', 1],
    ['😀', 2],
    ['😀', 3],
  ] as const) {
    const bytes = Buffer.concat([Buffer.alloc(MAX_DECODED_BYTES - before, 0x61), Buffer.from(character)]);
    assert.equal(blockForm(bytes).encoding, 'text', `${character} cut after ${before} of its bytes`);
  }
  // Only the first 64 KiB are looked at: what is past them does not count.
  const bytesPastTheEdge = Buffer.concat([
    Buffer.alloc(MAX_DECODED_BYTES, 0x61),
    Buffer.alloc(MAX_DECODED_BYTES, 0xff),
  ]);
  assert.equal(blockForm(bytesPastTheEdge).encoding, 'text');
  const bytesInside = Buffer.concat([Buffer.alloc(MAX_DECODED_BYTES / 2, 0x61), Buffer.alloc(MAX_DECODED_BYTES, 0xff)]);
  assert.equal(blockForm(bytesInside).encoding, 'hex', 'bytes that are not UTF-8 inside the 64 KiB count');
});

test("property: any bytes become one line without controls; pretty JSON becomes JSON.stringify's one line", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const { encoding, text } = line(bytes);
      assert.doesNotMatch(text, /[\x00-\x1f\x7f-\x9f]/);
      if (encoding === 'hex') assert.equal(text, Buffer.from(bytes).toString('hex'));
    }),
  );
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const pretty = JSON.stringify(value, null, 2);
      const { encoding, text } = line(Buffer.from(pretty));
      if (typeof value !== 'object' || value === null) return;
      assert.equal(encoding, 'json');
      assert.equal(text, sanitizedString(Buffer.from(JSON.stringify(value)), MAX_DECODED_BYTES, 'line'));
    }),
  );
});

test('property: text is no NUL, and at most one character or a third that is not text, as a strict decoder says', () => {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decodesAsOne = (bytes: Uint8Array) => {
    try {
      return [...decoder.decode(bytes)].length === 1;
    } catch {
      return false;
    }
  };
  // Characters, and those that are not text: bytes that start no UTF-8 character, and controls.
  const count = (bytes: Uint8Array) => {
    let characters = 0;
    let notText = 0;
    for (let index = 0; index < bytes.length; characters++) {
      const size = [1, 2, 3, 4].find((length) => decodesAsOne(bytes.subarray(index, index + length))) ?? 0;
      const byte = bytes[index];
      if (size === 0 || (size === 1 && ((byte < 0x20 && ![0x09, 0x0a, 0x0d, 0x1b].includes(byte)) || byte === 0x7f)))
        notText++;
      index += Math.max(1, size);
    }
    return { characters, notText };
  };
  const mostlyText = fc.oneof(
    fc.uint8Array({ maxLength: 64 }),
    fc.string({ unit: 'binary', maxLength: 40 }).map((text) => new Uint8Array(Buffer.from(text))),
    fc
      .tuple(fc.string({ unit: 'binary', maxLength: 40 }), fc.uint8Array({ maxLength: 8 }))
      .map(([text, bytes]) => new Uint8Array(Buffer.concat([Buffer.from(text), bytes]))),
  );
  fc.assert(
    fc.property(mostlyText, (bytes) => {
      const { characters, notText } = count(bytes);
      const expected = !bytes.includes(0) && (notText <= 1 || notText <= characters / 3);
      assert.equal(blockForm(bytes).encoding !== 'hex', expected);
    }),
    { numRuns: 2000 },
  );
});

test('the block view copies text as shown: real newlines and tabs, everything else escaped as on screen', () => {
  const copy = (text: string) => blockCopyText(Buffer.from(text, 'utf8'));
  assert.equal(copy('a\na\n'), 'a\na', 'lines as lines, the final newline dropped');
  assert.equal(copy('\tcol\tumn\r\n'), '\tcol\tumn\\x0d', 'tabs as tabs; a carriage return written out');
  assert.equal(copy('red \x1b[31m\u202eevil\x07'), 'red \\x1b[31m\\u202eevil\\x07');
  assert.equal(copy('👍🏽 é e\u0301'), '👍🏽 é e\u0301', 'nothing escaped for the width of a frame');
  assert.equal(copy('\n\u0301'), '\n\\u0301', 'a mark after a newline has no letter to join');
  assert.equal(copy('{ "a": [1, 2] }'), '{"a":[1,2]}', 'JSON compacted, as shown');
  assert.equal(blockCopyText(Buffer.from([0x00, 0xff])), '00ff', 'binary as hex');
  assert.equal(blockCopyText(Buffer.alloc(MAX_DECODED_BYTES + 1, 0x61)), `${'a'.repeat(MAX_DECODED_BYTES)}…`);
});
