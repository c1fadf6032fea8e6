import { closeSync } from 'node:fs';
import { isatty } from 'node:tty';

const STDIO = [0, 1, 2] as const;
const startedAsTerminal = STDIO.map((fd) => isatty(fd));

// A terminal hangs up when its window closes or its ssh connection drops: the descriptor stays
// open, but it no longer answers as a terminal, reads see end of input and writes fail with EIO.
export function hasHungUp(stream: object): boolean {
  const { isTTY, fd } = stream as { isTTY?: unknown; fd?: unknown };
  return isTTY === true && typeof fd === 'number' && !isatty(fd);
}

// The error a read or write gets from a terminal that hung up.
export function isHangUp(error: unknown, stream: object): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'EIO' && hasHungUp(stream);
}

// Output that nobody reads any more: the other end of a pipe closed (`| head -3`), or the
// terminal hung up. Like `cat`, a program stops quietly then; any other error is a failure.
export function isClosedOutput(error: unknown, stream: object): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'EPIPE' || isHangUp(error, stream);
}

// Node 20 puts the terminal's modes back at exit and aborts when that fails, which it does on a
// hung-up terminal; the abort's backtrace then segfaults (nodejs/node#51519, fixed by #58200
// after Node 20). Node skips descriptors that are closed, so this closes stdio descriptors
// whose terminal is gone. Run it on 'exit': nothing can be written there any more anyway.
export function releaseHungUpTerminal(): void {
  for (const fd of STDIO) {
    if (!startedAsTerminal[fd] || isatty(fd)) continue;
    try {
      closeSync(fd);
    } catch {
      // Already closed: Node skips it too.
    }
  }
}
