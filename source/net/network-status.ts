import type Hyperswarm from 'hyperswarm';

// What the header says about the DHT.
export type DhtState = 'connecting' | 'announced' | 'looking for writer' | 'connected' | 'offline';

// Offline: the DHT's health checks failed, or bootstrapping finished without reaching a single
// node (no network, or an unreachable --bootstrap). Until bootstrapping ends it is connecting.
export function describeDht(swarm: Hyperswarm, role: 'writer' | 'reader', flushed: boolean): DhtState {
  const dht = swarm.dht;
  if (!dht.online || (dht.bootstrapped && dht.toArray({ limit: 1 }).length === 0)) return 'offline';
  if (role === 'reader' && swarm.connections.size > 0) return 'connected';
  if (!flushed) return 'connecting';
  return role === 'writer' ? 'announced' : 'looking for writer';
}
