// A private HyperDHT on loopback for one test: pass `bootstrap` to every process as --bootstrap.
import dgram from 'node:dgram';
import HyperDHT, { type HostPort } from 'hyperdht';
import createTestnet, { type Testnet } from 'hyperdht/testnet.js';
import type { Cleanup } from './cleanup.js';

export interface LocalTestnet {
  testnet: Testnet;
  // Its bootstrap nodes, for a DHT or swarm in this process.
  nodes: HostPort[];
  // HOST:PORT[,HOST:PORT...] for --bootstrap.
  bootstrap: string;
}

export function bootstrapArg(bootstrap: HostPort[]): string {
  return bootstrap.map(({ host, port }) => `${host}:${port}`).join(',');
}

// Create it before any peer: the Cleanup runs last-added first, so the peers (added later)
// are stopped before the testnet is destroyed (a swarm whose DHT died first waits seconds to close).
export async function startTestnet(cleanup: Cleanup, size = 3): Promise<LocalTestnet> {
  const testnet = await createTestnet(size, { host: '127.0.0.1' });
  cleanup.add('destroy testnet', () => testnet.destroy());
  const nodes = testnet.bootstrap.map(({ host, port }) => ({ host, port }));
  return { testnet, nodes, bootstrap: bootstrapArg(nodes) };
}

// The same private DHT, but no node takes UDP 49737: HyperDHT tries that port first unless told
// otherwise, and tests of `--local` (pinned to it) may be running at the same time.
export async function startTestnetOffLocalPort(
  cleanup: Cleanup,
  size = 3,
): Promise<{ bootstrap: string; destroy: () => Promise<void> }> {
  const nodes: HyperDHT[] = [];
  const destroy = async () => {
    for (const node of nodes.splice(0).reverse()) await node.destroy();
  };
  cleanup.add('destroy testnet', destroy);
  const options = { ephemeral: false, firewalled: false, host: '127.0.0.1', port: [0, 0] as [number, number] };
  const first = new HyperDHT({ ...options, bootstrap: [] });
  nodes.push(first);
  await first.fullyBootstrapped();
  const bootstrap = [{ host: '127.0.0.1', port: first.address().port }];
  while (nodes.length < size) {
    const node = new HyperDHT({ ...options, bootstrap });
    nodes.push(node);
    await node.fullyBootstrapped();
  }
  return { bootstrap: bootstrapArg(bootstrap), destroy };
}

// A loopback UDP port that was free a moment ago and has nobody on it now: a DHT bootstrapping
// there hears nothing back, like a machine whose network is down.
export async function deadBootstrap(): Promise<string> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return `127.0.0.1:${port}`;
}
