// The private network every figure runs on (harness/testnet.ts's loopback testnet), swarms that
// connect on loopback every time (their own DHT node, 127.0.0.1, not firewalled:
// docs/stack-notes.md#loopback), and a bootstrap address where nobody answers, for the offline figures.
import dgram from 'node:dgram';
import HyperDHT, { type HostPort } from 'hyperdht';
import { now } from '../../harness/pty.js';
import { sleep } from '../../harness/wait.js';
import { WAIT_MS } from './harness.js';

export { loopbackSwarm } from './loopback.js';

// A loopback UDP port that was free a moment ago and has nobody on it now: a DHT bootstrapping
// there hears nothing back, like a machine whose network is down.
export async function deadBootstrap(): Promise<string> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

// hyperdht's lookup (not in types/holepunch.d.ts, which declares only what the product calls).
interface Lookup {
  lookup(topic: Buffer): AsyncIterable<{ peers: unknown[] }>;
}

// Waits until the DHT returns at least one peer for the topic: a reader started now finds the
// writer on its first lookup, so its open time is not inflated by a retry.
export async function waitUntilAnnounced(nodes: HostPort[], topic: Buffer, timeoutMs = WAIT_MS): Promise<number> {
  const dht = new HyperDHT({ bootstrap: nodes, host: '127.0.0.1', ephemeral: true, port: [0, 0] });
  const started = now();
  try {
    await dht.ready();
    while (now() - started < timeoutMs) {
      for await (const reply of (dht as unknown as Lookup).lookup(topic)) {
        if (reply.peers.length > 0) return now() - started;
      }
      await sleep(100);
    }
    throw new Error(`the topic was not announced within ${timeoutMs} ms`);
  } finally {
    await dht.destroy();
  }
}
