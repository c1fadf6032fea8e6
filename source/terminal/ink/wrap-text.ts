// In place of Ink's wrap-text.js (scripts/ink-swaps.mjs): the same wrapping and truncation, with a
// bounded cache. Ink's keeps every text it ever wrapped, and layout asks for each row at widths
// it does not fit.
import cliTruncate from 'cli-truncate';
import wrapAnsi from 'wrap-ansi';
import { RecentMap } from './measures.js';

const wrapped = new RecentMap<string>(1024);

export default function wrapText(text: string, maxWidth: number, wrapType: string): string {
  return wrapped.get(`${maxWidth}\u0000${wrapType}\u0000${text}`, () => {
    if (wrapType === 'wrap') return wrapAnsi(text, maxWidth, { trim: false, hard: true });
    if (wrapType.startsWith('truncate')) {
      const position = wrapType === 'truncate-middle' ? 'middle' : wrapType === 'truncate-start' ? 'start' : 'end';
      return cliTruncate(text, maxWidth, { position });
    }
    return text;
  });
}
