import type Hyperswarm from 'hyperswarm';
import type HyperDHT from 'hyperdht';
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
// the connection 30-85 % of the time (docs/stack-notes.md#loopback). A DHT node of our own, bound to loopback,
// reachable (not firewalled), and on a random port so that it never takes the --local port,
// connects every time.
function loopbackSwarm(modules: SwarmModules, bootstrap: HostPort[]): Hyperswarm {
  const dht = new modules.HyperDHT({ bootstrap, host: LOOPBACK, firewalled: false, port: [0, 0] });
  return new modules.Hyperswarm({ dht });
}

// The first --local process hosts the bootstrap node; a later one finds the port taken and uses it.
async function hostLocalBootstrap(modules: SwarmModules): Promise<HyperDHT | null> {
  const node = modules.HyperDHT.bootstrapper(LOCAL_DHT_PORT, LOOPBACK, { host: LOOPBACK });
  try {
    await node.ready();
    return node;
  } catch {
    await node.destroy().catch(() => {});
    return null;
  }
}

interface SwarmModules {
  Hyperswarm: typeof Hyperswarm;
  HyperDHT: typeof HyperDHT;
}

// Loaded when the swarm is made, not with the store: the writer shows its main key (which needs
// only the store) without waiting for them.
async function loadSwarmModules(): Promise<SwarmModules> {
  const [{ default: Hyperswarm }, { default: HyperDHT }] = await Promise.all([
    import('hyperswarm'),
    import('hyperdht'),
  ]);
  return { Hyperswarm, HyperDHT };
}

export async function createSwarm(network: Network): Promise<SwarmHandle> {
  const modules = await loadSwarmModules();
  let hostedBootstrap: HyperDHT | null = null;
  let swarm: Hyperswarm;
  if (network.kind === 'local') {
    hostedBootstrap = await hostLocalBootstrap(modules);
    swarm = loopbackSwarm(modules, [{ host: LOOPBACK, port: LOCAL_DHT_PORT }]);
  } else if (network.kind === 'bootstrap') {
    swarm = network.nodes.every((node) => isLoopbackHost(node.host))
      ? loopbackSwarm(
          modules,
          network.nodes.map((node) => ({ host: node.host === 'localhost' ? LOOPBACK : node.host, port: node.port })),
        )
      : new modules.Hyperswarm({ bootstrap: network.nodes });
  } else {
    swarm = new modules.Hyperswarm();
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
