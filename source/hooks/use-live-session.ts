import { useEffect, useMemo } from 'react';
import type { PeerSession } from '../net/peer-session.js';
import type { CoreView } from '../net/core-view.js';
import { useEmitterVersion } from './use-emitter-version.js';
import { useSession, type SessionState } from './use-session.js';

const NONE: never[] = [];

// A session that re-renders its screen when its figures change (the screen itself follows its
// panes' blocks), and reports a failure to open (storage in use, say) as a reason to exit.
export function useLiveSession<S extends PeerSession & { views: CoreView[] }>(
  open: () => Promise<S>,
  onExit: (failure?: string) => void,
): { state: SessionState<S>; session: S | null; views: CoreView[] } {
  const state = useSession(open);
  const session = state.status === 'open' ? state.session : null;
  const sessions = useMemo(() => (session ? [session] : NONE), [session]);
  useEmitterVersion(sessions, 'update');
  const views = session?.views ?? NONE;
  useEffect(() => {
    if (state.status === 'failed') onExit(state.reason);
  }, [state, onExit]);
  return { state, session, views };
}
