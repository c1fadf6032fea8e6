import { useMemo, useSyncExternalStore } from 'react';
import { FrameClock, type FramedView } from '../net/frame-clock.js';

// Re-renders at each frame of the panes' one clock (FrameClock), which runs while this is mounted.
export function useViewFrames(views: readonly FramedView[]): number {
  const clock = useMemo(() => new FrameClock(views), [views]);
  return useSyncExternalStore(clock.subscribe, clock.getSnapshot);
}
