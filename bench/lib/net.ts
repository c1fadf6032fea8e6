// The bench's side of the private network (harness/testnet.ts): swarms that connect on loopback
// every time (their own DHT node, 127.0.0.1, not firewalled: docs/stack-notes.md#loopback), and
// waiting until a topic is announced.
import HyperDHT, { type HostPort } from 'hyperdht';
import { now } from '../../harness/pty.js';
import { sleep } from '../../harness/wait.js';
import { WAIT_MS } from './processes.js';

export { loopbackSwarm } from './loopback.js';

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
