import { useCallback, useEffect, useMemo, useRef } from 'react';
import { LineAppendQueue, type AppendListener } from '../net/line-append-queue.js';
import type { WriterSession } from '../net/writer-session.js';

// Appends submitted lines in order through the same queue as the plain writer. Lines typed
// before the session is open wait for it instead of being lost; the listener (keep it stable
// across renders) hears what was stored and what failed.
export function useLineAppender(session: WriterSession | null, listener: AppendListener): (lines: string[]) => void {
  const waiting = useRef<string[]>([]);
  const queue = useMemo(() => (session ? new LineAppendQueue(session, listener) : null), [session, listener]);

  useEffect(() => {
    if (!queue || waiting.current.length === 0) return;
    const lines = waiting.current;
    waiting.current = [];
    queue.push(lines);
  }, [queue]);

  return useCallback(
    (lines: string[]) => {
      if (queue) queue.push(lines);
      else waiting.current.push(...lines);
    },
    [queue],
  );
}
