// Hostile bytes for property tests (fast-check): pieces of escape sequences (7-bit, C1 and UTF-8
// C1), controls, bidi and zero-width characters, invalid UTF-8, wide and combining text, and
// blocks around and over 64 KiB. Pieces are concatenated, so sequences also get split, nested
// and cut.
import fc from 'fast-check';
import { MAX_DECODED_BYTES } from '../../source/text/sanitize.js';

export const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');
export const codePoint = (value: number): Uint8Array => utf8(String.fromCodePoint(value));
export const raw = (...values: number[]): Uint8Array => Uint8Array.from(values);

export const printableAscii = fc
  .string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 12 })
  .map(utf8);
// Escape introducers as 7-bit ESC sequences, as raw 8-bit C1 bytes and as UTF-8 encoded C1 code points.
// The 7-bit forms and proper terminators come most often: those are what a terminal (and Ink,
// which drops some malformed sequences itself) passes on.
const introducer = (sevenBit: string, c1: number) =>
  fc.oneof(
    { arbitrary: fc.constant(utf8(`\x1b${sevenBit}`)), weight: 4 },
    { arbitrary: fc.constantFrom(raw(c1), codePoint(c1)), weight: 2 },
  );
const stringTerminator = fc.oneof(
  { arbitrary: fc.constantFrom(utf8('\x07'), utf8('\x1b\\')), weight: 4 },
  { arbitrary: fc.constantFrom(raw(0x9c), codePoint(0x9c), new Uint8Array(0)), weight: 1 },
);
const sgrParams = fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 }).map((values) => utf8(values.join(';')));
const csiParams = fc.string({ unit: fc.constantFrom(...'0123456789;:?<=>!"$ '), maxLength: 10 }).map(utf8);
const csiFinal = fc.integer({ min: 0x40, max: 0x7e }).map((code) => raw(code));
const oscBody = fc.constantFrom(
  '52;c;',
  '52;c;?',
  '52;p;',
  '8;;',
  '8;id=x;',
  '0;',
  '2;',
  '4;1;rgb:ff/00/00',
  '1337;File=',
  '777;notify;',
  '',
);
const payload = fc.oneof(
  printableAscii,
  fc.constantFrom('aGVsbG8=', 'https://evil.example/', 'pwned title', '$q"p', '+q544e').map(utf8),
);

export const concat = (parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);

const escapeSequence = fc.oneof(
  fc.tuple(introducer('[', 0x9b), sgrParams, fc.constant(utf8('m'))).map(concat), // SGR, as Ink's own look
  fc.tuple(introducer('[', 0x9b), csiParams, csiFinal).map(concat), // CSI
  fc.tuple(introducer(']', 0x9d), oscBody.map(utf8), payload, stringTerminator).map(concat), // OSC, 52 and 8 among them
  fc.tuple(introducer('P', 0x90), payload, stringTerminator).map(concat), // DCS
  fc.tuple(introducer('_', 0x9f), payload, stringTerminator).map(concat), // APC
  fc.tuple(introducer('^', 0x9e), payload, stringTerminator).map(concat), // PM
  fc.tuple(introducer('X', 0x98), payload, stringTerminator).map(concat), // SOS
  fc
    .constantFrom(
      '\x1bc',
      '\x1b7',
      '\x1b8',
      '\x1b(0',
      '\x1b)0',
      '\x1b#8',
      '\x1bD',
      '\x1bM',
      '\x1bE',
      '\x1b=',
      '\x1b>',
      '\x1b[?1049h',
      '\x1b[?25l',
      '\x1b[6n',
      '\x1b[21t',
      '\x1b[2J',
      '\x1b[H',
      '\x1b[31m',
      '\x1b[8m',
      '\x1b[1;999r',
      '\x0e',
      '\x0f',
      '\x1bN',
      '\x1bO',
    )
    .map(utf8),
);

const bidi = fc.constantFrom(
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
  0x200e,
  0x200f,
  0x061c,
);
const zeroWidth = fc.constantFrom(
  0x200b,
  0x200c,
  0x200d,
  0x2060,
  0x2061,
  0x2062,
  0x2063,
  0x2064,
  0xfeff,
  0x180e,
  0x2028,
  0x2029,
);
const invalidUtf8 = fc.constantFrom(
  [0xff],
  [0xfe],
  [0x80],
  [0xbf],
  [0xc0, 0x9b],
  [0xc1, 0x9b],
  [0xe0, 0x80, 0x9b],
  [0xf0, 0x80, 0x80, 0x9b],
  [0xed, 0xa0, 0x80],
  [0xed, 0xbf, 0xbf],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf5, 0x80],
  [0xc3],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
);
// Wide characters, emoji sequences, combining and spacing marks (Devanagari, Tamil, musical symbols).
const wideOrCombining = fc
  .constantFrom(
    '日',
    '本語',
    '😀',
    '👩‍👩‍👧',
    '🇯🇵',
    'ｗ',
    '한',
    'é',
    'e\u0301',
    'a\u0308\u0308',
    '❤\ufe0f',
    '…',
    '│',
    'कि',
    'क्षि',
    'ஹ்',
    'கை',
    '\u{1d158}\u{1d165}\u{1d16e}',
  )
  .map(utf8);

export const piece: fc.Arbitrary<Uint8Array> = fc.oneof(
  { arbitrary: printableAscii, weight: 6 },
  { arbitrary: escapeSequence, weight: 6 },
  { arbitrary: fc.uint8Array({ maxLength: 16 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 6 }).map(utf8), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }).map(utf8), weight: 2 },
  { arbitrary: fc.integer({ min: 0x00, max: 0x1f }).map((code) => raw(code)), weight: 3 }, // C0, tab and newline among them
  { arbitrary: fc.constant(raw(0x7f)), weight: 1 },
  { arbitrary: fc.integer({ min: 0x80, max: 0x9f }).map((code) => raw(code)), weight: 2 }, // C1 as raw bytes
  { arbitrary: fc.integer({ min: 0x80, max: 0x9f }).map(codePoint), weight: 2 }, // C1 as UTF-8
  { arbitrary: bidi.map(codePoint), weight: 2 },
  { arbitrary: zeroWidth.map(codePoint), weight: 2 },
  { arbitrary: fc.integer({ min: 0xe0000, max: 0xe007f }).map(codePoint), weight: 1 }, // tag characters
  { arbitrary: invalidUtf8.map((values) => Uint8Array.from(values)), weight: 2 },
  { arbitrary: fc.constant(utf8('\t')), weight: 2 },
  { arbitrary: wideOrCombining, weight: 2 },
);

export const hostileBlockOfPieces = fc
  .tuple(fc.array(piece, { maxLength: 24 }), fc.boolean())
  .map(([parts, newline]) => concat(newline ? [...parts, utf8('\n')] : parts));

// Around and over 64 KiB: a hostile pattern repeated, so what lies past any cut is hostile too.
// (64 KiB + 1 with a trailing newline is exactly 64 KiB of text: not cut.)
const hugeBlock = fc
  .tuple(
    hostileBlockOfPieces,
    fc.oneof(
      fc.constantFrom(MAX_DECODED_BYTES, MAX_DECODED_BYTES + 1, MAX_DECODED_BYTES + 2),
      fc.integer({ min: MAX_DECODED_BYTES + 1, max: 256 * 1024 }),
    ),
  )
  .map(([pattern, size]) => {
    const unit = pattern.length > 0 ? pattern : utf8('\x1b]52;c;aGVsbG8=\x07');
    const out = Buffer.alloc(size);
    for (let offset = 0; offset < size; offset += unit.length) out.set(unit.subarray(0, size - offset), offset);
    return new Uint8Array(out);
  });

export const hostileBlock: fc.Arbitrary<Uint8Array> = fc.oneof(
  { arbitrary: hostileBlockOfPieces, weight: 20 },
  { arbitrary: fc.uint8Array({ maxLength: 300 }), weight: 4 },
  { arbitrary: hugeBlock, weight: 1 },
);
