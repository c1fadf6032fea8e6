import { useEffect } from 'react';
import type { ReaderSession } from '../net/reader-session.js';
import type { ScreenInbox } from './use-screen.js';

// A reader whose disk is full says so on the notice line and stays up, serving what it has.
export function useDiskFullAlert(session: ReaderSession | null, inbox: ScreenInbox): void {
  useEffect(() => {
    if (!session) return;
    const alert = (message: string) => inbox.send({ type: 'disk-full', message });
    session.on('disk-full', alert);
    // It may have filled before this effect ran.
    if (session.diskFull !== null) alert(session.diskFull);
    return () => {
      session.off('disk-full', alert);
    };
  }, [session, inbox]);
}
