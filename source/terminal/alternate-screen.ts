import type { WriteStream } from 'node:tty';
import { hasHungUp } from './hang-up.js';

const ENTER = '\x1b[?1049h';
// Main screen back, cursor shown, attributes reset.
const LEAVE = '\x1b[?1049l\x1b[?25h\x1b[0m';

// Ink 6 has no alternate screen: we enter it ourselves and make sure every exit path leaves it,
// including process.exit() and crashes, where React never unmounts. A terminal that hung up
// has no screen left to restore.
export function enterAlternateScreen(stdout: WriteStream, stdin: NodeJS.ReadStream): () => void {
  let active = true;
  stdout.write(ENTER);
  const leave = () => {
    if (!active) return;
    active = false;
    if (hasHungUp(stdout)) return;
    if (stdin.isTTY) {
      try {
        stdin.setRawMode(false);
      } catch {
        // stdin already closed: nothing to restore.
      }
    }
    stdout.write(LEAVE);
  };
  process.on('exit', leave);
  return leave;
}
