import { useCallback, useEffect, useMemo } from 'react';
import { inputHistorySaver, loadInputHistory } from '../net/input-history-file.js';
import type { WriterSession } from '../net/writer-session.js';
import type { ScreenInbox } from './use-screen.js';

// The writer's lines sent, kept in its storage folder across runs: read once the store is open
// (the folder has been checked to be a store, so nothing is written into someone else's folder),
// and saved after each line sent. Neither a missing nor an unwritable file stops the writer.
export function useInputHistory(
  session: WriterSession | null,
  inbox: ScreenInbox,
): (entries: readonly string[]) => void {
  useEffect(() => {
    if (!session) return;
    let current = true;
    void loadInputHistory(session.storage).then(({ entries }) => {
      if (current) inbox.send({ type: 'history-loaded', entries });
    });
    return () => {
      current = false;
    };
  }, [session, inbox]);

  const save = useMemo(() => (session ? inputHistorySaver(session.storage) : null), [session]);
  return useCallback(
    (entries: readonly string[]) => {
      void save?.(entries);
    },
    [save],
  );
}
