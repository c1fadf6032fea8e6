// Baseline for "bee key order": what any reader of a bee's first page must do, and nothing more,
// with the hyperbee package alone. Opens the bee's core by key on a loopback swarm, and reads the
// first `page` entries in key order (createReadStream limit=page). Prints "connected" at the first
// connection and "page <n> <first key>" once the page is read.
// Usage: bee-first-page <bee key hex> <bootstrap> <storage> <page>
import { performance } from 'node:perf_hooks';
import Corestore from 'corestore';
import Hyperbee from 'hyperbee';
import { loopbackSwarm, parseBootstrap } from '../lib/loopback.js';

const [keyHex, bootstrap, storage, pageArg] = process.argv.slice(2) as [string, string, string, string];
const store = new Corestore(storage);
const swarm = loopbackSwarm(parseBootstrap(bootstrap));
let connected = false;
swarm.on('connection', (connection) => {
  store.replicate(connection);
  connection.on('error', () => {});
  if (!connected) process.stdout.write(`connected ${performance.now()}\n`);
  connected = true;
});
const core = store.get({ key: Buffer.from(keyHex, 'hex') });
await core.ready();
const foundPeers = store.findingPeers();
swarm.join(core.discoveryKey, { client: true, server: false });
swarm.flush().then(foundPeers, foundPeers);
await core.update({ wait: true });
const bee = new Hyperbee<string, string>(core, { keyEncoding: 'utf-8', valueEncoding: 'utf-8' });
const entries: string[] = [];
for await (const entry of bee.createReadStream({ limit: Number(pageArg) })) entries.push(entry.key);
process.stdout.write(`page ${performance.now()} ${entries.length} ${entries[0] ?? ''}\n`);

process.once('SIGTERM', () => {
  void swarm
    .destroy()
    .then(() => store.close())
    .finally(() => process.exit(0));
});
