// Baseline for "reader open": what any reader of the tail must do, and nothing more. Opens core-1
// by key, reads block 0, opens the sub-core it names last, and gets its last block. Prints
// "connected" at the first connection and "tail <seq> <text>" once the block is here.
// Usage: open-tail <main key hex> <bootstrap> <storage>
import { performance } from 'node:perf_hooks';
import Corestore from 'corestore';
import { loopbackSwarm, parseBootstrap } from '../lib/loopback.js';

const [keyHex, bootstrap, storage] = process.argv.slice(2) as [string, string, string];
const store = new Corestore(storage);
const swarm = loopbackSwarm(parseBootstrap(bootstrap));
let connected = false;
swarm.on('connection', (connection) => {
  store.replicate(connection);
  connection.on('error', () => {});
  if (!connected) process.stdout.write(`connected ${performance.now()}\n`);
  connected = true;
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
const tail = await core.get(core.length - 1);
process.stdout.write(`tail ${performance.now()} ${core.length - 1} ${tail!.toString('utf8').trimEnd()}\n`);

process.once('SIGTERM', () => {
  void swarm
    .destroy()
    .then(() => store.close())
    .finally(() => process.exit(0));
});
