import { useEffect, useState } from 'react';
import type { EventEmitter } from 'node:events';

// Re-renders when any of the emitters emits `event`, at most once per `minIntervalMs`: several
// views each coalesce their own events, but each re-render is a React commit and an Ink layout
// of the whole screen, so together they are held to one per frame. The first change after a
// quiet spell goes through at once.
export function useEmitterVersion(emitters: readonly EventEmitter[], event: string, minIntervalMs = 0): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let timer: NodeJS.Timeout | null = null;
    let last = 0;
    const bump = () => {
      if (timer) return;
      timer = setTimeout(
        () => {
          timer = null;
          last = Date.now();
          setVersion((value) => value + 1);
        },
        Math.max(0, last + minIntervalMs - Date.now()),
      );
    };
    for (const emitter of emitters) emitter.on(event, bump);
    return () => {
      if (timer) clearTimeout(timer);
      for (const emitter of emitters) emitter.off(event, bump);
    };
  }, [emitters, event, minIntervalMs]);
  return version;
}
