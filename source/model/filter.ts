// What `&` and --filter keep (docs/screen.md#filter): blocks whose shown text holds the text typed,
// ignoring case, or matches `/re/`. A regular expression is JavaScript's, with no timeout of its
// own: one that backtracks without end ((a+)+b) would stop the program, so it is bounded twice,
// by its length and by the time a test may take, which node:vm interrupts.
import vm from 'node:vm';
import { foldCase } from '../text/highlight.js';

/** The longest `/re/` taken, in characters. */
export const MAX_PATTERN_LENGTH = 256;
/** How long one test of a regular expression against a batch of texts may run. */
export const MATCH_TIMEOUT_MS = 250;

export type TextFilter =
  /** Case-insensitive substring; `needle` is folded already. */
  | { kind: 'substring'; text: string; needle: string }
  /** `/re/`, ignoring case. */
  | { kind: 'regex'; text: string; regex: RegExp };

export type FilterParse = { ok: true; filter: TextFilter } | { ok: false; reason: string };

// `text` as typed: `/re/` is a regular expression, anything else a substring (`/` alone too).
export function parseFilter(text: string): FilterParse {
  if (!(text.length >= 2 && text.startsWith('/') && text.endsWith('/'))) {
    return { ok: true, filter: { kind: 'substring', text, needle: foldCase(text) } };
  }
  const source = text.slice(1, -1);
  if (source.length > MAX_PATTERN_LENGTH) {
    return { ok: false, reason: `a regular expression may be ${MAX_PATTERN_LENGTH} characters at most` };
  }
  try {
    return { ok: true, filter: { kind: 'regex', text, regex: new RegExp(source, 'i') } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 says `Invalid regular expression: /(x/i: Unterminated group`: the reason is the last part.
    const reason = message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    return { ok: false, reason: `bad regular expression: ${reason}` };
  }
}

const TEST_ALL = new vm.Script('texts.map((text) => regex.test(text))');
// A context costs more than testing a few hundred texts: one per expression, reused.
const contexts = new WeakMap<RegExp, vm.Context>();

// Whether each text matches; null when a regular expression took longer than MATCH_TIMEOUT_MS.
export function matchEach(filter: TextFilter, texts: readonly string[]): boolean[] | null {
  if (filter.kind === 'substring') return texts.map((text) => foldCase(text).includes(filter.needle));
  try {
    const context = contexts.get(filter.regex) ?? vm.createContext({ regex: filter.regex, texts: [] });
    contexts.set(filter.regex, context);
    context.texts = texts;
    return TEST_ALL.runInContext(context, { timeout: MATCH_TIMEOUT_MS }) as boolean[];
  } catch {
    return null;
  }
}

// What is said of a regular expression that took too long.
export const TOO_SLOW = `the regular expression took over ${MATCH_TIMEOUT_MS} ms`;
