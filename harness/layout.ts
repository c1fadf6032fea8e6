// Reading what the app shows: the header, the panes and their titles, from a screen's lines.

export const MAIN_KEY = /main key ([0-9a-f]{64})/;

export function mainKeyOn(lines: string[]): string | undefined {
  for (const line of lines) {
    const match = MAIN_KEY.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

export interface PaneBlockLine {
  seq: number;
  text: string;
}

const VERTICAL = /[│║┃]/;

// The block lines of the pane titled `name` (e.g. 'core-2'): side by side or stacked,
// the pane is the box around its title. Undefined when no such pane is on screen.
export function paneBlocks(lines: string[], name: string): PaneBlockLine[] | undefined {
  return paneRows(lines, name)?.flatMap((content) => {
    const match = /^(\d+) (.*)$/.exec(content);
    return match ? [{ seq: Number(match[1]), text: match[2] }] : [];
  });
}

// Every row inside the pane titled `name`, trimmed: a wrapped block's rows after its first have no
// number. Undefined when no such pane is on screen.
export function paneRows(lines: string[], name: string): string[] | undefined {
  const titlePattern = new RegExp(`(?:^|[│║┃ ])${name} [0-9a-z]{4,}`);
  const titleRow = lines.findIndex((line) => titlePattern.test(line));
  if (titleRow === -1) return undefined;
  const title = lines[titleRow];
  const at = title.search(new RegExp(`${name} `));
  const left = lastIndexOfPattern(title, VERTICAL, at);
  const right = indexOfPattern(title, VERTICAL, at);
  if (left === -1 || right === -1) return undefined;
  const rows: string[] = [];
  for (let row = titleRow + 1; row < lines.length; row++) {
    const line = lines[row];
    if (!VERTICAL.test(line.charAt(left))) break;
    rows.push(line.slice(left + 1, right).trim());
  }
  return rows;
}

// The title row of the pane `name`.
export function paneTitle(lines: string[], name: string): string | undefined {
  const titlePattern = new RegExp(`(?:^|[│║┃ ])${name} [0-9a-z]{4,}`);
  return lines.find((line) => titlePattern.test(line));
}

function lastIndexOfPattern(text: string, pattern: RegExp, before: number): number {
  for (let index = before - 1; index >= 0; index--) if (pattern.test(text.charAt(index))) return index;
  return -1;
}

function indexOfPattern(text: string, pattern: RegExp, from: number): number {
  for (let index = from; index < text.length; index++) if (pattern.test(text.charAt(index))) return index;
  return -1;
}

// The title row " many-cores reader  main key <64 hex>": the first frame that shows the main key
// (before the store is open the writer's title shows "main key …").
export function mainKeyShown(role: 'writer' | 'reader'): (lines: string[]) => string | undefined {
  const title = new RegExp(`many-cores ${role}\\s+main key ([0-9a-f]{64})`);
  return (lines) => {
    for (const line of lines) {
      const match = title.exec(line);
      if (match) return match[1];
    }
    return undefined;
  };
}

// The header's second row: "peers N · DHT <state> · storage …".
export function peersOn(lines: string[]): number | undefined {
  for (const line of lines) {
    const match = /^peers (\d+) · DHT (.+?) · storage/.exec(line);
    if (match) return Number(match[1]);
  }
  return undefined;
}

export function dhtStateOn(lines: string[]): string | undefined {
  for (const line of lines) {
    const match = /^peers \d+ · DHT (.+?) · storage/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

// Which pane has the focus: its border is double (╔ ║) where the others are round (╭ │).
export function focusedPaneOn(lines: string[]): string | undefined {
  for (const line of lines) {
    const match = /║ (core-\d+) /.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

// "core-3 1a2b3c4d len 1000000 · local 20 · peers 1" in a pane's title.
export function paneLengthOn(lines: string[], name: string): number | undefined {
  for (const line of lines) {
    const match = new RegExp(`${name}(?: paused)? [0-9a-z]{4,} len (\\d+)`).exec(line);
    if (match) return Number(match[1]);
  }
  return undefined;
}

// The writer's main key once its whole layout is drawn (down to core-3's pane): ready for input.
export function writerReady(lines: string[]): string | undefined {
  return paneBlocks(lines, 'core-3') ? mainKeyOn(lines) : undefined;
}
