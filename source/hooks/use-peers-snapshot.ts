import { useEffect, useState } from 'react';
import { EMPTY_PEERS_SNAPSHOT, type PeersSnapshot, type PeersSource } from '../model/peer-figures.js';

// Bytes, round trips and connected times move on their own: the figures are read again this often
// while the view is shown (a few times a second at most, and not at all once it is closed).
const REFRESH_MS = 500;

// The peers view's figures, read at each render and at least every REFRESH_MS.
export function usePeersSnapshot(source: PeersSource | null): PeersSnapshot {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((tick) => tick + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return source ? source.snapshot() : EMPTY_PEERS_SNAPSHOT;
}
