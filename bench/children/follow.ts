// Baseline for "append → screen": the bare minimum a remote reader does. Opens one core by key,
// and on every 'append' gets each new block; prints "got <seq>" once get() resolved. The bench
// stamps the line on arrival, so both sides of the latency are read on the bench's clock.
// Usage: follow <key hex> <bootstrap> <storage>
import Corestore from 'corestore';
import { loopbackSwarm, parseBootstrap } from '../lib/loopback.js';

const [keyHex, bootstrap, storage] = process.argv.slice(2) as [string, string, string];
const store = new Corestore(storage);
const swarm = loopbackSwarm(parseBootstrap(bootstrap));
swarm.on('connection', (connection) => {
  store.replicate(connection);
  connection.on('error', () => {});
});
const core = store.get({ key: Buffer.from(keyHex, 'hex') });
await core.ready();
const foundPeers = store.findingPeers();
swarm.join(core.discoveryKey, { client: true, server: false });
swarm.flush().then(foundPeers, foundPeers);
await core.update({ wait: true });

let next = core.length;
core.on('append', () => {
  for (; next < core.length; next++) {
    const seq = next;
    core.get(seq).then(
      () => process.stdout.write(`got ${seq}\n`),
      () => {},
    );
  }
});
process.stdout.write(`ready ${core.length}\n`);

process.once('SIGTERM', () => {
  void swarm
    .destroy()
    .then(() => store.close())
    .finally(() => process.exit(0));
});
