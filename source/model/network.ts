export interface HostPort {
  host: string;
  port: number;
}

// Where the swarm finds the DHT.
export type Network = { kind: 'public' } | { kind: 'bootstrap'; nodes: HostPort[] } | { kind: 'local' };
