import { useEffect, useState } from 'react';

// Whole seconds since `since`, ticking while `active`.
export function useElapsedSeconds(since: number, active: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return Math.max(0, Math.floor((now - since) / 1000));
}
