import { useEffect, useState } from 'react';

// Whole seconds since `since`, ticking while `active`; 0 without a start.
export function useElapsedSeconds(since: number | null, active: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return since === null ? 0 : Math.max(0, Math.floor((now - since) / 1000));
}
