// The floor for a reader (docs/speed.md#ratios-not-milliseconds): Corestore and Hyperswarm only.
// Opens the main key, reads block 0, opens the sub-cores it lists, downloads new blocks and gets
// every one, in order of arrival, keeping nothing. It prints no line per block: writing one would
// be work our screen reader does not do per block, and the floor must not carry it. The bench needs
// only to know when to stop: it writes "until <length> <length>" (one length per sub-core) on stdin
// once the writer is done, and the child prints "have <counts>" when it has got that many blocks of
// each. It also prints "ready" once the sub-cores are open, and "have <counts>" on "count" at any
// time.
// Usage: bare-follower <main key hex> <bootstrap> <storage>
import { createInterface } from 'node:readline';
import { openBareReader } from '../lib/bare-reader.js';

const [keyHex, bootstrap, storage] = process.argv.slice(2) as [string, string, string];
const { store, swarm, subCoreKeys } = await openBareReader(keyHex, bootstrap, storage);
const cores = subCoreKeys.map((key) => store.get({ key: Buffer.from(key, 'hex') }));
await Promise.all(cores.map((core) => core.ready()));

// Blocks got so far, per sub-core; every block from 0, each asked for once.
const got = cores.map(() => 0);
let until: number[] | null = null;
const report = () => process.stdout.write(`have ${got.join(' ')}\n`);
const checkDone = () => {
  if (until && until.every((length, index) => got[index] >= length)) {
    until = null;
    report();
  }
};
cores.forEach((core, index) => {
  let next = 0;
  const follow = () => {
    for (; next < core.length; next++) {
      core.get(next).then(
        () => {
          got[index]++;
          checkDone();
        },
        () => {},
      );
    }
  };
  core.on('append', follow);
  core.update({ wait: true }).then(
    () => {
      core.download({ start: core.length, end: -1 });
      follow();
    },
    () => {},
  );
});
process.stdout.write('ready\n');

createInterface({ input: process.stdin }).on('line', (line) => {
  const match = /^until ((?:\d+ ?)+)$/.exec(line);
  if (match) {
    until = match[1].trim().split(' ').map(Number);
    checkDone();
  } else if (line === 'count') report();
});

process.once('SIGTERM', () => {
  void swarm
    .destroy()
    .then(() => store.close())
    .finally(() => process.exit(0));
});
