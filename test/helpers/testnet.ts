// A private HyperDHT on loopback for one test: pass `bootstrap` to every process as --bootstrap.
import createTestnet, { type Testnet } from 'hyperdht/testnet.js';
import { bootstrapArg, type Cleanup } from './pty.js';

export interface LocalTestnet {
  testnet: Testnet;
  // HOST:PORT[,HOST:PORT...] for --bootstrap.
  bootstrap: string;
}

// Create it before any peer: the Cleanup runs last-added first, so the peers (added later)
// are stopped before the testnet is destroyed (a swarm whose DHT died first waits seconds to close).
export async function startTestnet(cleanup: Cleanup, size = 3): Promise<LocalTestnet> {
  const testnet = await createTestnet(size, { host: '127.0.0.1' });
  cleanup.add('destroy testnet', () => testnet.destroy());
  return { testnet, bootstrap: bootstrapArg(testnet.bootstrap) };
}
