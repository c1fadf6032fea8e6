// Baseline for "seed": a bare Corestore + Hyperswarm that copies every block of the main core and
// of every sub-core, and nothing more: core.download({ start: 0, end: -1 }) on each, until each
// one's contiguous length is its length. Prints "connected <ms>" at its first connection and
// "seeded <ms> <blocks>" once every block is here, stamped on its own clock.
// Usage: download-all <main key hex> <bootstrap> <storage>
import { performance } from 'node:perf_hooks';
import { openBareReader } from '../lib/bare-reader.js';

const [keyHex, bootstrap, storage] = process.argv.slice(2) as [string, string, string];
let connected = false;
const { store, swarm, subCoreKeys } = await openBareReader(keyHex, bootstrap, storage, () => {
  if (!connected) process.stdout.write(`connected ${performance.now()}\n`);
  connected = true;
});
const main = store.get({ key: Buffer.from(keyHex, 'hex') });
const cores = [main, ...subCoreKeys.map((key) => store.get({ key: Buffer.from(key, 'hex') }))];
await Promise.all(cores.map((core) => core.ready()));
// The lengths are asked first, so that "all here" is not an empty store's 0 of 0.
await Promise.all(cores.map((core) => core.update({ wait: true })));

let done = false;
const check = () => {
  if (done || !cores.every((core) => core.contiguousLength >= core.length)) return;
  done = true;
  const blocks = cores.reduce((sum, core) => sum + core.length, 0);
  process.stdout.write(`seeded ${performance.now()} ${blocks}\n`);
};
for (const core of cores) {
  core.on('download', check);
  core.download({ start: 0, end: -1 });
}
check();

process.once('SIGTERM', () => {
  void swarm
    .destroy()
    .then(() => store.close())
    .finally(() => process.exit(0));
});
