import type Hyperswarm from 'hyperswarm';

// What the header says about the DHT.
export type DhtState = 'connecting' | 'announced' | 'looking for writer' | 'connected' | 'offline';

// The swarm's DHT says offline when its health checks fail; before the first
// bootstrap finishes it says nothing, which we show as connecting.
export function describeDht(swarm: Hyperswarm, role: 'writer' | 'reader', flushed: boolean): DhtState {
  if (!swarm.dht.online) return 'offline';
  if (!flushed) return 'connecting';
  if (role === 'writer') return 'announced';
  return swarm.connections.size > 0 ? 'connected' : 'looking for writer';
}
