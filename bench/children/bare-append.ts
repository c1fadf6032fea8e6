// Baseline for the piped writer: the least a script must do to store stdin's lines as the writer
// does, as a process of its own like ours. Opens a Corestore, core-1..3 by name, appends block 0,
// prints "main core key: <hex>" (as the how-to's writer.js does), then reads stdin in the chunks it
// delivers, splits each into runs of consecutive lines bound for one core (the product's own
// routing), appends each run with one `append` (awaited before the next), and prints "done" once
// the last is on disk. No swarm, no line reported.
// Usage: bare-append <storage> < lines
import Corestore from 'corestore';
import { encodeBlockZero } from '../../source/model/block-zero.js';
import { appendInRuns } from '../lib/append-in-runs.js';

const [storage] = process.argv.slice(2) as [string];
const store = new Corestore(storage);
const main = store.get<{ otherKeys: string[] }>({ name: 'core-1', valueEncoding: 'json' });
const cores = { 'core-2': store.get({ name: 'core-2' }), 'core-3': store.get({ name: 'core-3' }) };
await Promise.all([main.ready(), cores['core-2'].ready(), cores['core-3'].ready()]);
await main.append(encodeBlockZero([cores['core-2'].key, cores['core-3'].key]));
process.stdout.write(`main core key: ${main.key.toString('hex')}\n`);

process.stdin.setEncoding('utf8');
await appendInRuns(process.stdin as AsyncIterable<string>, cores);
process.stdout.write('done\n');
await store.close();
