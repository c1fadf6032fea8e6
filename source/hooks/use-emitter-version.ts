import { useEffect, useState } from 'react';
import type { EventEmitter } from 'node:events';

// Re-renders whenever any of the emitters emits `event`; the emitters coalesce their own events,
// so this is at most one render per batch of block arrivals.
export function useEmitterVersion(emitters: readonly EventEmitter[], event: string): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((value) => value + 1);
    for (const emitter of emitters) emitter.on(event, bump);
    return () => {
      for (const emitter of emitters) emitter.off(event, bump);
    };
  }, [emitters, event]);
  return version;
}
