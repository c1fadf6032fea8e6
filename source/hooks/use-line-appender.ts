import { useCallback, useEffect, useMemo, useRef } from 'react';
import { LineAppendQueue, type AppendFailure } from '../net/line-append-queue.js';
import type { AppendReceipt, WriterSession } from '../net/writer-session.js';

export interface AppendOutcome {
  stored: (receipts: AppendReceipt[]) => void;
  failed: (failure: AppendFailure) => void;
}

// Appends submitted lines in order through the same queue as the plain writer. Lines typed
// before the session is open wait for it instead of being lost; a failure is handed back.
export function useLineAppender(session: WriterSession | null, outcome: AppendOutcome): (lines: string[]) => void {
  const waiting = useRef<string[]>([]);
  const latest = useRef(outcome);
  latest.current = outcome;

  const queue = useMemo(
    () =>
      session
        ? new LineAppendQueue(session, {
            stored: (receipts) => latest.current.stored(receipts),
            failed: (failure) => latest.current.failed(failure),
          })
        : null,
    [session],
  );

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
