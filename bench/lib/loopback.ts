// A swarm that connects on loopback every time: its own DHT node bound to 127.0.0.1 and not
// firewalled (docs/stack-notes.md#loopback). Kept apart from net.ts so the baseline children,
// bundled on their own, load nothing but the Holepunch packages.
import Hyperswarm from 'hyperswarm';
import HyperDHT, { type HostPort } from 'hyperdht';

export function loopbackSwarm(nodes: HostPort[]): Hyperswarm {
  return new Hyperswarm({
    dht: new HyperDHT({ bootstrap: nodes, host: '127.0.0.1', firewalled: false, port: [0, 0] }),
  });
}

export function parseBootstrap(list: string): HostPort[] {
  return list.split(',').map((entry) => {
    const [host, port] = entry.split(':');
    return { host, port: Number(port) };
  });
}
