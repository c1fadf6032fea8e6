import type { WriteStream } from 'node:tty';

// The header's first row as the screen draws it (source/components/Header.tsx), before Ink has
// loaded: the role in bold inverse, then the main key in bold.
export function earlyHeaderRow(role: 'writer' | 'reader', mainKey: string): string {
  return `\x1b[1m\x1b[7m many-cores ${role} \x1b[27m\x1b[22m main key \x1b[1m${mainKey}\x1b[22m`;
}

// Columns the row takes on screen.
export function earlyHeaderWidth(role: 'writer' | 'reader', mainKey: string): number {
  return ` many-cores ${role} `.length + ' main key '.length + mainKey.length;
}

// Draws the header's first row on the alternate screen already entered, cursor hidden, and puts
// the cursor back at the top left, where Ink's first frame starts and draws the same row again.
// Only where the whole row fits: a narrower terminal waits for Ink's frame, which cuts it.
export function drawEarlyHeader(stdout: WriteStream, role: 'writer' | 'reader', mainKey: string): boolean {
  if (earlyHeaderWidth(role, mainKey) > (stdout.columns ?? 0)) return false;
  stdout.write(`\x1b[?25l\x1b[H${earlyHeaderRow(role, mainKey)}\x1b[H`);
  return true;
}
