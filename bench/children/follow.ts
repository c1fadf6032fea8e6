// Baseline for "append → screen": the bare minimum a remote reader does. Opens the main core by
// key, reads block 0, opens the last sub-core it names (core-3, where the bench's lines go), and
// on every 'append' gets each new block; prints "got <seq>" once get() resolved. The bench stamps
// the line on arrival, so both sides of the latency are read on the bench's clock.
// Usage: follow <main key hex> <bootstrap> <storage>
import { openBareReader } from '../lib/bare-reader.js';

const [keyHex, bootstrap, storage] = process.argv.slice(2) as [string, string, string];
const { store, swarm, subCoreKeys } = await openBareReader(keyHex, bootstrap, storage);
const core = store.get({ key: Buffer.from(subCoreKeys[subCoreKeys.length - 1], 'hex') });
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
