import { useEffect, useState } from 'react';
import { trackClose } from '../net/pending-closes.js';
import type { PeerSession } from '../net/peer-session.js';
import { UserFacingError } from '../model/user-facing-error.js';

export type SessionState<S> =
  { status: 'opening' } | { status: 'open'; session: S } | { status: 'failed'; reason: string };

// Owns one session for the life of the component: opens it on mount, closes it on unmount
// (even if it is still opening then).
export function useSession<S extends PeerSession>(open: () => Promise<S>): SessionState<S> {
  const [state, setState] = useState<SessionState<S>>({ status: 'opening' });
  useEffect(() => {
    let unmounted = false;
    const opening = open();
    opening.then(
      (session) => {
        if (unmounted) return;
        setState({ status: 'open', session });
      },
      (error: unknown) => {
        if (unmounted) return;
        const reason =
          error instanceof UserFacingError
            ? error.message
            : `could not start: ${String((error as Error)?.message ?? error)}`;
        setState({ status: 'failed', reason });
      },
    );
    return () => {
      unmounted = true;
      trackClose(
        opening.then(
          (session) => session.close(),
          () => {},
        ),
      );
    };
    // The session is opened once per mount; `open` is not expected to change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return state;
}
