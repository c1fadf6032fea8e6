import { useCallback, useEffect, useState } from 'react';
import { InputHistoryFile } from '../net/input-history-file.js';
import type { WriterSession } from '../net/writer-session.js';
import type { ScreenInbox } from './use-screen.js';

// The writer's lines sent, kept in its storage folder across runs: read as the screen starts
// (reading writes nothing, and a first ↑ should find them), saved after each line sent once the
// store is open (the folder has then been checked to be a store, so nothing is written into
// someone else's folder). A file that could not be read is then set aside, which the notice line
// says once. Neither a missing nor an unwritable file stops the writer.
export function useInputHistory(
  storage: string,
  session: WriterSession | null,
  inbox: ScreenInbox,
): (entries: readonly string[]) => void {
  const [file] = useState(() => new InputHistoryFile(storage));
  useEffect(() => {
    let current = true;
    void file.load().then(({ entries }) => {
      if (current) inbox.send({ type: 'history-loaded', entries });
    });
    return () => {
      current = false;
    };
  }, [file, inbox]);

  const opened = session !== null;
  useEffect(() => {
    if (!opened) return;
    void file.open().then((message) => {
      if (message) inbox.send({ type: 'history-set-aside', message });
    });
  }, [file, opened, inbox]);

  return useCallback(
    (entries: readonly string[]) => {
      void file.save(entries);
    },
    [file],
  );
}
