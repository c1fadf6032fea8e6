// Baseline for "quit": the same closing work as the app's, and nothing more. Opens a Corestore
// and a Hyperswarm as the app does (writer: core-1..3 by name, core-1's discovery key announced;
// reader: the main key, joined as a client), prints "open", "announced" once the writer's topic
// is announced, "connected" at its first connection, and on SIGTERM destroys the swarm, closes the store and exits, in the app's order.
// Usage: close-baseline writer <bootstrap> <storage>
//        close-baseline reader <bootstrap> <storage> <main key hex>
import Corestore from 'corestore';
import { loopbackSwarm, parseBootstrap } from '../lib/loopback.js';

const [role, bootstrap, storage, keyHex] = process.argv.slice(2) as [string, string, string, string | undefined];
const store = new Corestore(storage);
const swarm = loopbackSwarm(parseBootstrap(bootstrap));
let connected = false;
swarm.on('connection', (connection) => {
  store.replicate(connection);
  connection.on('error', () => {});
  if (!connected) process.stdout.write('connected\n');
  connected = true;
});
if (role === 'reader' && keyHex) {
  const main = store.get({ key: Buffer.from(keyHex, 'hex') });
  await main.ready();
  swarm.join(main.discoveryKey, { client: true, server: false });
} else {
  const cores = ['core-1', 'core-2', 'core-3'].map((name) => store.get({ name }));
  await Promise.all(cores.map((core) => core.ready()));
  swarm
    .join(cores[0].discoveryKey)
    .flushed()
    .then(
      () => process.stdout.write('announced\n'),
      () => {},
    );
}
process.stdout.write('open\n');

process.once('SIGTERM', () => {
  void swarm
    .destroy()
    .then(() => store.close())
    .finally(() => process.exit(0));
});
