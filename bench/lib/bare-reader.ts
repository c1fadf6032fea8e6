// What every bare baseline reader does first, and nothing more: a Corestore and a loopback swarm
// that replicates it, the main core opened by key and found through the DHT, and block 0's list
// of sub-core keys.
import Corestore from 'corestore';
import type Hyperswarm from 'hyperswarm';
import { loopbackSwarm, parseBootstrap } from './loopback.js';

export interface BareReader {
  store: Corestore;
  swarm: Hyperswarm;
  // Block 0's otherKeys, as listed.
  subCoreKeys: string[];
}

export async function openBareReader(
  keyHex: string,
  bootstrap: string,
  storage: string,
  onConnection: () => void = () => {},
): Promise<BareReader> {
  const store = new Corestore(storage);
  const swarm = loopbackSwarm(parseBootstrap(bootstrap));
  swarm.on('connection', (connection) => {
    store.replicate(connection);
    connection.on('error', () => {});
    onConnection();
  });
  const main = store.get<{ otherKeys: string[] }>({ key: Buffer.from(keyHex, 'hex'), valueEncoding: 'json' });
  await main.ready();
  const foundPeers = store.findingPeers();
  swarm.join(main.discoveryKey, { client: true, server: false });
  swarm.flush().then(foundPeers, foundPeers);
  await main.update({ wait: true });
  const blockZero = await main.get(0);
  return { store, swarm, subCoreKeys: blockZero?.otherKeys ?? [] };
}
