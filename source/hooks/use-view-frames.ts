import { useEffect, useState } from 'react';
import type { CoreView } from '../net/core-view.js';
import { frameDelay, frameGap, FRAME_GAP_MS } from '../model/frame-pacing.js';

const totalLength = (views: readonly CoreView[]): number => views.reduce((sum, view) => sum + view.core.length, 0);

// Re-renders when the panes' views change, paced by source/model/frame-pacing.ts: each
// re-render is a React commit and an Ink layout of the whole screen, whichever pane changed.
// Keys do not wait for this: they change the screen's state, which renders at once.
export function useViewFrames(views: readonly CoreView[]): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    // The next frame: at once (the next turn, so that the changes of every view in this turn make
    // one frame) or after a wait.
    let next: { kind: 'now'; handle: NodeJS.Immediate } | { kind: 'later'; handle: NodeJS.Timeout } | null = null;
    let lastFrameAt = 0;
    let gap = FRAME_GAP_MS;
    let lengthDrawn = totalLength(views);
    const frame = () => {
      next = null;
      lastFrameAt = Date.now();
      const length = totalLength(views);
      gap = frameGap(length - lengthDrawn);
      lengthDrawn = length;
      setVersion((value) => value + 1);
    };
    const changed = () => {
      if (next) return;
      const delay = frameDelay(Date.now(), lastFrameAt, gap);
      next =
        delay === 0
          ? { kind: 'now', handle: setImmediate(frame) }
          : { kind: 'later', handle: setTimeout(frame, delay) };
    };
    for (const view of views) view.on('change', changed);
    return () => {
      if (next?.kind === 'now') clearImmediate(next.handle);
      if (next?.kind === 'later') clearTimeout(next.handle);
      for (const view of views) view.off('change', changed);
    };
  }, [views]);
  return version;
}
