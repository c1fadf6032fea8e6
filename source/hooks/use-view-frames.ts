import { useEffect, useState } from 'react';
import type { CoreView } from '../net/core-view.js';
import { frameDelay, frameGap, FRAME_GAP_MS } from '../screen/frame-pacing.js';

const totalLength = (views: readonly CoreView[]): number => views.reduce((sum, view) => sum + view.core.length, 0);

// Re-renders when the panes' views change, paced by source/screen/frame-pacing.ts: each
// re-render is a React commit and an Ink layout of the whole screen, whichever pane changed.
// Keys do not wait for this: they change the screen's state, which renders at once.
export function useViewFrames(views: readonly CoreView[]): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let timer: NodeJS.Timeout | null = null;
    let lastFrameAt = 0;
    let gap = FRAME_GAP_MS;
    let lengthDrawn = totalLength(views);
    const frame = () => {
      timer = null;
      lastFrameAt = Date.now();
      const length = totalLength(views);
      gap = frameGap(length - lengthDrawn);
      lengthDrawn = length;
      setVersion((value) => value + 1);
    };
    const changed = () => {
      if (timer) return;
      timer = setTimeout(frame, frameDelay(Date.now(), lastFrameAt, gap));
    };
    for (const view of views) view.on('change', changed);
    return () => {
      if (timer) clearTimeout(timer);
      for (const view of views) view.off('change', changed);
    };
  }, [views]);
  return version;
}
