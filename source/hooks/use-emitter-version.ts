import { useEffect, useState } from 'react';
import type { EventEmitter } from 'node:events';

// Re-renders when any of the emitters emits `event`; the emits of one tick are one re-render.
export function useEmitterVersion(emitters: readonly EventEmitter[], event: string): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let timer: NodeJS.Timeout | null = null;
    const bump = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        setVersion((value) => value + 1);
      }, 0);
    };
    for (const emitter of emitters) emitter.on(event, bump);
    return () => {
      if (timer) clearTimeout(timer);
      for (const emitter of emitters) emitter.off(event, bump);
    };
  }, [emitters, event]);
  return version;
}
