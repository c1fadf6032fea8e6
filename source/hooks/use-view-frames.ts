import { useMemo, useSyncExternalStore } from 'react';
import { FrameClock } from '../net/frame-clock.js';
import type { CoreView } from '../net/core-view.js';

// Re-renders at each frame of the panes' one clock (FrameClock), which runs while this is mounted.
export function useViewFrames(views: readonly CoreView[]): number {
  const clock = useMemo(() => new FrameClock(views), [views]);
  return useSyncExternalStore(clock.subscribe, clock.getSnapshot);
}
