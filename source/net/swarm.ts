import Hyperswarm from 'hyperswarm';
import HyperDHT from 'hyperdht';
import type { HostPort, Network } from '../model/network.js';

export const LOCAL_DHT_PORT = 49737;
const LOOPBACK = '127.0.0.1';

export interface SwarmHandle {
  swarm: Hyperswarm;
  // Set when this process hosts the --local bootstrap node.
  hostedBootstrap: HyperDHT | null;
  destroy(): Promise<void>;
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

// On loopback, a default swarm races hyperdht's LAN shortcut against holepunching and loses
// the connection 30-85 % of the time (STACK-NOTES). A DHT node of our own, bound to loopback,
// reachable (not firewalled), and on a random port so that it never takes the --local port,
// connects every time.
function loopbackSwarm(bootstrap: HostPort[]): Hyperswarm {
  const dht = new HyperDHT({ bootstrap, host: LOOPBACK, firewalled: false, port: [0, 0] });
  return new Hyperswarm({ dht });
}

// The first --local process hosts the bootstrap node; a later one finds the port taken and uses it.
async function hostLocalBootstrap(): Promise<HyperDHT | null> {
  const node = HyperDHT.bootstrapper(LOCAL_DHT_PORT, LOOPBACK, { host: LOOPBACK });
  try {
    await node.ready();
    return node;
  } catch {
    await node.destroy().catch(() => {});
    return null;
  }
}

export async function createSwarm(network: Network): Promise<SwarmHandle> {
  let hostedBootstrap: HyperDHT | null = null;
  let swarm: Hyperswarm;
  if (network.kind === 'local') {
    hostedBootstrap = await hostLocalBootstrap();
    swarm = loopbackSwarm([{ host: LOOPBACK, port: LOCAL_DHT_PORT }]);
  } else if (network.kind === 'bootstrap') {
    swarm = network.nodes.every((node) => isLoopbackHost(node.host))
      ? loopbackSwarm(
          network.nodes.map((node) => ({ host: node.host === 'localhost' ? LOOPBACK : node.host, port: node.port })),
        )
      : new Hyperswarm({ bootstrap: network.nodes });
  } else {
    swarm = new Hyperswarm();
  }
  return {
    swarm,
    hostedBootstrap,
    async destroy() {
      await swarm.destroy().catch(() => {});
      if (hostedBootstrap) await hostedBootstrap.destroy().catch(() => {});
    },
  };
}
