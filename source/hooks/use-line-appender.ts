import { useCallback, useEffect, useRef } from 'react';
import type { WriterSession } from '../net/writer-session.js';

// Appends submitted lines in order, one batch after another. Lines typed before the
// session is open wait for it instead of being lost.
export function useLineAppender(session: WriterSession | null): (lines: string[]) => void {
  const waiting = useRef<string[]>([]);
  const chain = useRef<Promise<unknown>>(Promise.resolve());

  const enqueue = useCallback((target: WriterSession, lines: string[]) => {
    chain.current = chain.current.then(() => target.appendLines(lines)).catch(() => {});
  }, []);

  useEffect(() => {
    if (!session || waiting.current.length === 0) return;
    const lines = waiting.current;
    waiting.current = [];
    enqueue(session, lines);
  }, [session, enqueue]);

  return useCallback(
    (lines: string[]) => {
      if (session) enqueue(session, lines);
      else waiting.current.push(...lines);
    },
    [session, enqueue],
  );
}
