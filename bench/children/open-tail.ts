// Baseline for "reader open": what any reader of the tail must do, and nothing more. Opens core-1
// by key, reads block 0, opens the sub-core it names last, and gets its last block. Prints
// "connected" at the first connection and "tail <seq> <text>" once the block is here.
// Usage: open-tail <main key hex> <bootstrap> <storage>
import { performance } from 'node:perf_hooks';
import { openBareReader } from '../lib/bare-reader.js';

const [keyHex, bootstrap, storage] = process.argv.slice(2) as [string, string, string];
let connected = false;
const { store, swarm, subCoreKeys } = await openBareReader(keyHex, bootstrap, storage, () => {
  if (!connected) process.stdout.write(`connected ${performance.now()}\n`);
  connected = true;
});
const core = store.get({ key: Buffer.from(subCoreKeys[subCoreKeys.length - 1], 'hex') });
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
