// Grapheme boundaries of a line (the input line, a line of a block), found by segmenting only the
// text near an offset.
// V8's Intl.Segmenter costs time in proportion to the whole string for every step it takes, so
// walking a pasted 40,000-character line segment by segment takes seconds (measured on Node 20:
// 10,000 characters 100 ms, 40,000 characters 1.2 s, 100,000 characters 28 s). Here each step
// segments one short chunk between two "safe" offsets: places where the Unicode rules (UAX #29)
// break whatever comes before, so a chunk's segmentation is the whole line's. Exact wherever such
// a place lies within SCAN_LIMIT code units; past that (a thousand combining marks on one letter,
// say) a chunk starts at an arbitrary code point and the result is only close.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const SCAN_LIMIT = 256;
// Code units segmented at once when walking: each call to the segmenter has a fixed cost.
const CHUNK = 64;

// Grapheme_Cluster_Break=Prepend: the only characters that join with a plain character after them.
const PREPEND = new Set([
  0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x6dd, 0x70f, 0x890, 0x891, 0x8e2, 0xd4e, 0x110bd, 0x110cd, 0x111c2,
  0x111c3, 0x1193f, 0x11941, 0x11a3a, 0x11a84, 0x11a85, 0x11a86, 0x11a87, 0x11a88, 0x11a89, 0x11d46, 0x11f02,
]);
const EXTENDED_PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const ZWJ = 0x200d;

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

function codePointBefore(text: string, offset: number): number {
  const last = text.charCodeAt(offset - 1);
  if (isLowSurrogate(last) && offset >= 2 && isHighSurrogate(text.charCodeAt(offset - 2))) {
    return text.codePointAt(offset - 2) as number;
  }
  return last;
}

// A character that no rule joins to what precedes it, unless that is a Prepend character (or, for
// an emoji, a ZWJ; for a Hangul syllable, a leading jamo).
function breaksBefore(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return true;
  if (isLowSurrogate(text.charCodeAt(offset))) return false;
  const at = text.codePointAt(offset) as number;
  const before = codePointBefore(text, offset);
  if (PREPEND.has(before)) return false;
  if (at >= 0x20 && at <= 0x7e) return true;
  if ((at >= 0x3400 && at <= 0x4dbf) || (at >= 0x4e00 && at <= 0x9fff)) return true;
  if (at >= 0xac00 && at <= 0xd7a3)
    return !((before >= 0x1100 && before <= 0x115f) || (before >= 0xa960 && before <= 0xa97c));
  // Below U+2000 only © and ® are pictographs; the test for the rest is slow.
  if (at < 0x2000 && at !== 0xa9 && at !== 0xae) return false;
  if (EXTENDED_PICTOGRAPHIC.test(String.fromCodePoint(at))) return before !== ZWJ;
  return false;
}

const isRegionalIndicator = (text: string, offset: number) =>
  text.charCodeAt(offset) === 0xd83c && text.charCodeAt(offset + 1) >= 0xdde6 && text.charCodeAt(offset + 1) <= 0xddff;

// A chunk may start here: the nearest safe offset at or before `offset`. Without one within
// SCAN_LIMIT, `offset` itself (off a surrogate pair, and after an even number of regional
// indicators, so a long row of flags still pairs up right).
function chunkStart(text: string, offset: number): number {
  let start = offset;
  const lowest = offset - SCAN_LIMIT;
  while (start > 0 && start > lowest && !breaksBefore(text, start)) start--;
  if (start === 0 || breaksBefore(text, start)) return start;
  start = offset;
  if (isLowSurrogate(text.charCodeAt(start)) && isHighSurrogate(text.charCodeAt(start - 1))) start--;
  if (isRegionalIndicator(text, start)) {
    let before = 0;
    while (start - 2 * (before + 1) >= 0 && isRegionalIndicator(text, start - 2 * (before + 1))) before++;
    if (before % 2 === 1) start -= 2;
  }
  return start;
}

// A chunk may end here: the nearest safe offset after `offset`, or one SCAN_LIMIT past it.
function chunkEnd(text: string, offset: number): number {
  let end = offset + 1;
  const highest = offset + SCAN_LIMIT;
  while (end < text.length && end < highest && !breaksBefore(text, end)) end++;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++;
  return end;
}

export interface Grapheme {
  // UTF-16 offset of its first code unit in the line.
  index: number;
  segment: string;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function graphemesOfChunk(text: string, start: number, end: number): Grapheme[] {
  const chunk = text.slice(start, end);
  // Between two safe offsets, printable ASCII breaks everywhere; the segmenter costs microseconds a step.
  if (PRINTABLE_ASCII.test(chunk)) return Array.from(chunk, (segment, index) => ({ segment, index: start + index }));
  const found: Grapheme[] = [];
  for (const { segment, index } of segmenter.segment(chunk)) found.push({ segment, index: start + index });
  return found;
}

// The grapheme that contains the code unit at `offset`.
export function graphemeAt(text: string, offset: number): Grapheme | undefined {
  if (offset < 0 || offset >= text.length) return undefined;
  return graphemesOfChunk(text, chunkStart(text, offset), chunkEnd(text, offset)).find(
    ({ index, segment }) => offset < index + segment.length,
  );
}

export function isGraphemeBoundary(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return offset === 0 || offset === text.length;
  return graphemeAt(text, offset)?.index === offset;
}

// The nearest boundary at or before `offset` (or after, with direction 'forward'), clamped to the line.
export function snapToBoundary(text: string, offset: number, direction: 'backward' | 'forward' = 'backward'): number {
  const clamped = Math.max(0, Math.min(text.length, Math.trunc(offset) || 0));
  const grapheme = graphemeAt(text, clamped);
  if (!grapheme || grapheme.index === clamped) return clamped;
  return direction === 'backward' ? grapheme.index : grapheme.index + grapheme.segment.length;
}

// Graphemes from the boundary `from` to the end of the line, in order.
export function* graphemesFrom(text: string, from: number): Generator<Grapheme> {
  let offset = from;
  while (offset < text.length) {
    const end = chunkEnd(text, Math.min(text.length - 1, offset + CHUNK));
    yield* graphemesOfChunk(text, offset, end);
    offset = end;
  }
}

// Graphemes before the boundary `to`, nearest first.
export function* graphemesBefore(text: string, to: number): Generator<Grapheme> {
  let offset = to;
  while (offset > 0) {
    const start = chunkStart(text, Math.max(0, offset - 1 - CHUNK));
    const chunk = graphemesOfChunk(text, start, offset);
    for (let index = chunk.length - 1; index >= 0; index--) yield chunk[index];
    offset = start;
  }
}
