import type { WriteStream } from 'node:tty';
import type { Command } from '../cli/args.js';
import type { WriterSession } from '../net/writer-session.js';
import { drawEarlyHeader } from '../terminal/early-header.js';

// How long loading Ink waits for the store to give the main key (docs/architecture.md#two-front-ends-one-core).
const KEY_FIRST_WITHIN_MS = 1000;

/** A writer session opening before the screen loads, and its main key once the store has it. */
export interface WriterOpening {
  /** For WriterApp: the session, and the main key as soon as it is known (at once if it is). */
  openSession(onMainKey: (key: Buffer) => void): Promise<WriterSession>;
}

// The writer's first frame is for its main key, and the key comes from the store: the store opens
// before Ink loads (Ink, React and the app take about as long to load as Corestore does, and
// cannot overlap it on one thread), and the key is drawn on the header's row the moment it is
// known. Ink's first frame then draws the same row, and the rest. A store slower than
// KEY_FIRST_WITHIN_MS does not hold the screen: Ink loads and shows "opening the store…".
export async function openWriterFirst(
  command: Extract<Command, { kind: 'writer' }>,
  stdout: WriteStream,
): Promise<WriterOpening> {
  let mainKey: Buffer | null = null;
  // Drawn by hand only before Ink is up: after that the row is Ink's to draw.
  let beforeInk = true;
  let listener: ((key: Buffer) => void) | null = null;
  let settled = () => {};
  const keyOrFailure = new Promise<void>((resolve) => (settled = resolve));
  const session = import('../net/writer-session.js').then(({ WriterSession }) =>
    WriterSession.open({
      ...command,
      onMainKey: (key) => {
        mainKey = key;
        if (beforeInk) drawEarlyHeader(stdout, 'writer', key.toString('hex'));
        listener?.(key);
        settled();
      },
    }),
  );
  // A failure is the app's to show, once it is up: until then it must not count as unhandled.
  session.catch(() => settled());
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([keyOrFailure, new Promise((resolve) => (timer = setTimeout(resolve, KEY_FIRST_WITHIN_MS)))]);
  clearTimeout(timer);
  beforeInk = false;
  return {
    openSession(onMainKey) {
      if (mainKey) onMainKey(mainKey);
      else listener = onMainKey;
      return session;
    },
  };
}
