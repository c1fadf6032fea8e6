import stringWidth from 'string-width';
import { graphemesFrom } from './graphemes.js';

// Terminals disagree about the width of some grapheme clusters, and Ink lays rows out with
// string-width, which agrees with neither side everywhere. Measured (cursor column after printing):
//   👍🏽 (emoji + skin tone)  tmux 3.3a 4, xterm.js 4, clustering terminals 2, string-width 2
//   ❤️ (text emoji + VS16)    tmux 1, xterm.js 1, clustering terminals 2, string-width 2
//   क्षि (conjunct + vowel)   tmux 3, xterm.js 3, string-width 2
// tmux and xterm.js count code point by code point; terminals that cluster graphemes (they say so
// to DECRQM mode 2027) count a cluster once. A cluster is drawn as itself only where every count
// agrees, or where it is of a disputed kind that this terminal was measured drawing at string-width's
// count (drawWhole, docs/untrusted-input.md#frame-widths); past the longest prefix that is, its code
// points are written as escapes, whose width is the same everywhere. So a row is as wide on screen
// as Ink thinks, in any of those terminals.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\u{fe00}-\u{fe0f}]/u;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;
const REGIONAL_INDICATOR = /^\p{Regional_Indicator}$/u;
const TEXT_PRESENTATION_SELECTOR = '\ufe0e';
const EMOJI_PRESENTATION_SELECTOR = '\ufe0f';

export interface WidthRun {
  text: string;
  escaped: boolean;
}

// Hangul medial vowels and final consonants join the syllable before them in every terminal.
function isConjoiningJamo(codePoint: number): boolean {
  return (codePoint >= 0x1160 && codePoint <= 0x11ff) || (codePoint >= 0xd7b0 && codePoint <= 0xd7ff);
}

// What tmux and xterm.js (Unicode 11 widths) add up: each code point on its own.
function perCodePointWidth(cluster: string): number {
  let width = 0;
  for (const character of cluster) {
    if (ZERO_WIDTH.test(character) || isConjoiningJamo(character.codePointAt(0)!)) continue;
    width += stringWidth(character);
  }
  return width;
}

// What a grapheme-clustering terminal makes of the presentation selectors and a lone regional
// indicator (an emoji-presentation character, so wide there); undefined where it agrees with the rest.
function clusteringWidth(cluster: string): number | undefined {
  if (cluster.includes(EMOJI_PRESENTATION_SELECTOR)) return 2;
  if (cluster.includes(TEXT_PRESENTATION_SELECTOR)) return 1;
  if (REGIONAL_INDICATOR.test(cluster)) return 2;
  const first = String.fromCodePoint(cluster.codePointAt(0)!);
  return EMOJI_PRESENTATION.test(first) && !REGIONAL_INDICATOR.test(first) ? 2 : undefined;
}

// Answers per cluster and per code point are remembered (a screen redraws the same text often),
// in bounded maps so that a writer sending many distinct characters cannot grow them for ever.
const CACHE_LIMIT = 10_000;
function remembered<K, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as V;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}

const widthAgreed = remembered((cluster: string): boolean => {
  const width = stringWidth(cluster);
  const clustering = clusteringWidth(cluster);
  return perCodePointWidth(cluster) === width && (clustering === undefined || clustering === width);
});

// The disputed clusters a terminal can be asked about: an emoji that defaults to text made an emoji
// by VS16 (❤️), and an emoji with a skin-tone modifier (👍🏽). string-width counts both 2 columns, as
// terminals that cluster graphemes draw them; tmux and xterm.js draw 1 and 4.
export type DisputedKind = 'emoji-presentation' | 'emoji-modifier';

const EXTENDED_PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const MODIFIER_BASE = /^\p{Emoji_Modifier_Base}$/u;
const MODIFIER = /^\p{Emoji_Modifier}$/u;

// The kind of a cluster whose width is disputed, if it is one of those; undefined for the rest.
export const disputedKindOf = remembered((cluster: string): DisputedKind | undefined => {
  if (widthAgreed(cluster)) return undefined;
  const codePoints = Array.from(cluster);
  if (codePoints.length !== 2 || stringWidth(cluster) !== 2) return undefined;
  const [base, second] = codePoints as [string, string];
  if (second === EMOJI_PRESENTATION_SELECTOR && EXTENDED_PICTOGRAPHIC.test(base)) return 'emoji-presentation';
  if (MODIFIER_BASE.test(base) && MODIFIER.test(second)) return 'emoji-modifier';
  return undefined;
});

let drawnWhole: ReadonlySet<DisputedKind> = new Set();
let rulesVersion = 0;
const rulesListeners = new Set<() => void>();

// From now on clusters of these kinds are drawn as themselves: the terminal was measured drawing
// them at string-width's count (source/terminal/width-probe.ts).
export function drawWhole(kinds: readonly DisputedKind[]): void {
  const next = new Set(kinds);
  if (next.size === drawnWhole.size && kinds.every((kind) => drawnWhole.has(kind))) return;
  drawnWhole = next;
  rulesVersion++;
  for (const listener of [...rulesListeners]) listener();
}

// Changes whenever drawWhole changes what is drawn whole: what was laid out before must be again.
export function widthRulesVersion(): number {
  return rulesVersion;
}

// Calls `listener` after every change of the rules; returns the unsubscribe.
export function onWidthRulesChange(listener: () => void): () => void {
  rulesListeners.add(listener);
  return () => rulesListeners.delete(listener);
}

function drawnAsItself(cluster: string): boolean {
  if (widthAgreed(cluster)) return true;
  if (drawnWhole.size === 0) return false;
  const kind = disputedKindOf(cluster);
  return kind !== undefined && drawnWhole.has(kind);
}

// `\x1b`, `\u202e`, `\u{1f3fd}`: how a character that must not reach the terminal as itself is shown.
export function escapeCodePoint(codePoint: number): string {
  if (codePoint <= 0xff) return `\\x${codePoint.toString(16).padStart(2, '0')}`;
  if (codePoint <= 0xffff) return `\\u${codePoint.toString(16).padStart(4, '0')}`;
  return `\\u{${codePoint.toString(16)}}`;
}

// Splits already sanitized text into runs drawn as themselves and runs of escapes, so that its
// width is the same in every terminal and equal to string-width's.
export function frameSafeRuns(text: string): WidthRun[] {
  const runs: WidthRun[] = [];
  const push = (piece: string, escaped: boolean) => {
    if (!piece) return;
    const last = runs[runs.length - 1];
    if (last && last.escaped === escaped) last.text += piece;
    else runs.push({ text: piece, escaped });
  };
  // Printable ASCII is one column everywhere.
  if (/^[\x20-\x7e]*$/.test(text)) {
    push(text, false);
    return runs;
  }
  // Ink measures a whole row at once, so no cluster may reach across the edge of this text or of
  // an escape: a modifier or mark at the start would join what is drawn before it (a sequence
  // number, an escape), and a prepended letter whatever follows it. Both are escaped.
  let chunk = '';
  let atStart = true;
  for (const character of text) {
    // Below U+0300 nothing joins a neighbour.
    const joins =
      character.codePointAt(0)! >= 0x300 &&
      ((atStart && joinsNeighbour(character).before) || joinsNeighbour(character).after);
    if (joins) {
      pushAgreed(chunk, push);
      chunk = '';
      push(escapeCodePoint(character.codePointAt(0)!), true);
      atStart = true;
      continue;
    }
    atStart = false;
    chunk += character;
  }
  pushAgreed(chunk, push);
  return runs;
}

function isOneGrapheme(text: string): boolean {
  const graphemes = segmenter.segment(text)[Symbol.iterator]();
  graphemes.next();
  return graphemes.next().done === true;
}

const joinsNeighbour = remembered((character: string): { before: boolean; after: boolean } => ({
  before: isOneGrapheme(`a${character}`),
  after: isOneGrapheme(`${character}a`),
}));

function escapeAll(codePoints: readonly string[]): string {
  return codePoints.map((character) => escapeCodePoint(character.codePointAt(0)!)).join('');
}

// Code points that may make a cluster with a neighbour: marks, modifiers, Hangul jamo, flags' halves.
function mayCluster(character: string): boolean {
  const codePoint = character.codePointAt(0)!;
  if (codePoint < 0x300) return false;
  if ((codePoint >= 0x1100 && codePoint <= 0x11ff) || (codePoint >= 0xa960 && codePoint <= 0xa97f)) return true;
  if (codePoint >= 0xd7b0 && codePoint <= 0xd7ff) return true;
  if (codePoint >= 0x1f1e6 && codePoint <= 0x1f1ff) return true;
  const joins = joinsNeighbour(character);
  return joins.before || joins.after;
}

function pushAgreed(text: string, push: (piece: string, escaped: boolean) => void): void {
  // Most text (CJK, Latin with precomposed accents) is one code point a cluster, each agreed on.
  let simple = true;
  for (const character of text) {
    if (mayCluster(character)) {
      simple = false;
      break;
    }
  }
  if (simple) {
    push(text, false);
    return;
  }
  // Chunk by chunk: the segmenter walking a long line whole costs time with its length at every step.
  for (const { segment } of graphemesFrom(text, 0)) {
    if (drawnAsItself(segment)) {
      push(segment, false);
      continue;
    }
    const codePoints = Array.from(segment);
    let kept = 1;
    while (kept < codePoints.length && drawnAsItself(codePoints.slice(0, kept + 1).join(''))) kept++;
    const base = codePoints.slice(0, kept).join('');
    // Even a lone code point can be disputed (a lone regional indicator, say): then it goes too.
    if (drawnAsItself(base)) push(base, false);
    else kept = 0;
    push(escapeAll(codePoints.slice(kept)), true);
  }
}
