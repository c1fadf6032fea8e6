// Measures of text that Ink takes on every frame, kept across frames. Bounded: a screen of
// hostile or fast-changing rows must not grow them (Ink's own measureText cache never forgets).
import stringWidth from 'string-width';

// A map that forgets what was not used lately: once one generation holds `limit` entries it
// becomes the old one, and what is read from the old one moves to the new.
export class RecentMap<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();
  constructor(private readonly limit: number) {}

  get(key: string, make: (key: string) => V): V {
    let value = this.current.get(key);
    if (value !== undefined) return value;
    value = this.previous.get(key) ?? make(key);
    if (this.current.size >= this.limit) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
    return value;
  }
}

const widths = new RecentMap<number>(2048);
const blocks = new RecentMap<{ width: number; height: number }>(1024);

export const widthOf = (text: string): number => widths.get(text, stringWidth);

export function widestLine(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, widthOf(line));
  return widest;
}

export function measureText(text: string): { width: number; height: number } {
  if (text.length === 0) return { width: 0, height: 0 };
  return blocks.get(text, () => ({ width: widestLine(text), height: text.split('\n').length }));
}
