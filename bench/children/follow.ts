// Baseline for "append → screen": the bare minimum a remote reader does. Opens the main core by
// key, reads block 0, opens the last sub-core it names (core-3, where the bench's lines go), and
// on every 'append' gets each new block; prints "got <seq>" once get() resolved. The bench stamps
// the line on arrival, so both sides of the latency are read on the bench's clock.
// Usage: follow <main key hex> <bootstrap> <storage>
import Corestore from 'corestore';
import { loopbackSwarm, parseBootstrap } from '../lib/loopback.js';

const [keyHex, bootstrap, storage] = process.argv.slice(2) as [string, string, string];
const store = new Corestore(storage);
const swarm = loopbackSwarm(parseBootstrap(bootstrap));
swarm.on('connection', (connection) => {
  store.replicate(connection);
  connection.on('error', () => {});
});
const main = store.get<{ otherKeys: string[] }>({ key: Buffer.from(keyHex, 'hex'), valueEncoding: 'json' });
await main.ready();
const foundPeers = store.findingPeers();
swarm.join(main.discoveryKey, { client: true, server: false });
swarm.flush().then(foundPeers, foundPeers);
await main.update({ wait: true });
const blockZero = await main.get(0);
const lastKey = blockZero!.otherKeys[blockZero!.otherKeys.length - 1];
const core = store.get({ key: Buffer.from(lastKey, 'hex') });
await core.ready();
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
