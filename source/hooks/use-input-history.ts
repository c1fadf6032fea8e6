import { useCallback, useEffect, useMemo } from 'react';
import { inputHistorySaver, loadInputHistory } from '../net/input-history-file.js';
import type { WriterSession } from '../net/writer-session.js';
import type { ScreenInbox } from './use-screen.js';

// The writer's lines sent, kept in its storage folder across runs: read as the screen starts
// (reading writes nothing, and a first ↑ should find them), saved after each line sent once the
// store is open (the folder has then been checked to be a store, so nothing is written into
// someone else's folder). Neither a missing nor an unwritable file stops the writer.
export function useInputHistory(
  storage: string,
  session: WriterSession | null,
  inbox: ScreenInbox,
): (entries: readonly string[]) => void {
  useEffect(() => {
    let current = true;
    void loadInputHistory(storage).then(({ entries }) => {
      if (current) inbox.send({ type: 'history-loaded', entries });
    });
    return () => {
      current = false;
    };
  }, [storage, inbox]);

  const save = useMemo(() => (session ? inputHistorySaver(session.storage) : null), [session]);
  return useCallback(
    (entries: readonly string[]) => {
      void save?.(entries);
    },
    [save],
  );
}
