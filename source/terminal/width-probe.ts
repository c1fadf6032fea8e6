// Asks the terminal at start-up how wide it draws the clusters terminals dispute
// (docs/untrusted-input.md#frame-widths), and takes its replies out of the input before any key
// handler sees them. What the replies mean is source/text/width-probe.ts's.
import type { WriteStream } from 'node:tty';
import type { DisputedKind } from '../text/terminal-width.js';
import { PROBE_SAMPLES, kindsDrawnWhole, parseProbeReply, widthProbeQuery } from '../text/width-probe.js';

interface OpenProbe {
  clustering?: number;
  columns: number[];
  onAnswer: (kinds: DisputedKind[]) => void;
}

// The probe whose cursor positions are still owed; once they are all in, the answer is given.
let open: OpenProbe | undefined;
let asked = false;

// Writes the probe at the top left of the blank alternate screen, before the first frame: it leaves
// nothing there (source/text/width-probe.ts). The answer comes to `onAnswer` whenever the terminal
// gives it; nothing waits for it, and until then disputed clusters are escaped. Raw mode first, so
// that the tty neither echoes the replies nor holds them for a line.
export function probeTerminalWidths(
  stdout: WriteStream,
  stdin: NodeJS.ReadStream,
  onAnswer: (kinds: DisputedKind[]) => void,
): void {
  if (!stdin.isTTY || !stdout.isTTY || asked) return;
  try {
    stdin.setRawMode(true);
  } catch {
    return;
  }
  asked = true;
  open = { columns: [], onAnswer };
  stdout.write(widthProbeQuery());
}

// True when `event` (one key or sequence as Ink splits the input) is a reply to the probe: it is
// then used and must go no further. Only as many cursor positions are taken as were asked for, so
// a key that looks like one (Shift+F3 is ESC[1;2R in some terminals) still passes afterwards.
export function takeProbeReply(event: string): boolean {
  if (!asked) return false;
  const reply = parseProbeReply(event);
  if (!reply) return false;
  // A DECRPM for mode 2027 is never a key, whenever it comes.
  if (reply.kind === 'clustering') {
    if (open) open.clustering = reply.state;
    return true;
  }
  if (!open) return false;
  open.columns.push(reply.column);
  if (open.columns.length === PROBE_SAMPLES.length) {
    const { onAnswer, clustering, columns } = open;
    open = undefined;
    onAnswer(kindsDrawnWhole({ clustering, columns }));
  }
  return true;
}
