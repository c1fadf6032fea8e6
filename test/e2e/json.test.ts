// --json: one JSON object a line, one schema for both commands (README "JSON events"), usable
// from a shell pipeline such as `many-cores reader KEY --json | jq`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { startPlainWriter } from '../../harness/apps.js';
import { cleanupFor, tempDir } from '../../harness/cleanup.js';
import { spawnPiped } from '../../harness/piped.js';
import { CLI, childEnv } from '../../harness/pty.js';
import { waitFor } from '../../harness/wait.js';
import { startTestnet } from '../../harness/testnet.js';

const HEX_KEY = /^[0-9a-f]{64}$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

type Event = Record<string, unknown> & { event: string };

// Every stdout line is one JSON object of a known kind, with exactly the schema's fields.
function parseEvents(stdout: string): Event[] {
  const lines = stdout.split('\n').filter(Boolean);
  return lines.map((line) => {
    const event = JSON.parse(line) as Event;
    const fields = Object.keys(event).sort().join(',');
    switch (event.event) {
      case 'key':
        assert.equal(fields, 'event,key,role');
        assert.match(String(event.key), HEX_KEY);
        break;
      case 'cores':
        assert.equal(fields, 'cores,event,notShown,skipped');
        for (const core of event.cores as Array<Record<string, unknown>>) {
          assert.match(String(core.core), /^core-\d+$/);
          assert.match(String(core.key), HEX_KEY);
        }
        break;
      case 'append':
        assert.equal(fields, 'bytes,core,event,key,seq');
        break;
      case 'block':
        assert.equal(fields, 'bytes,core,encoding,event,key,seq,text');
        assert.match(String(event.encoding), /^(?:text|json|hex)$/);
        assert.ok(!CONTROL.test(String(event.text)), `no control character in text: ${JSON.stringify(event.text)}`);
        break;
      case 'peer-join':
      case 'peer-leave':
        assert.equal(fields, 'event,peer,peers');
        assert.match(String(event.peer), HEX_KEY);
        break;
      case 'peer-sync':
        assert.equal(fields, 'contiguousLength,core,event,key,length,remoteContiguousLength,synced');
        assert.match(String(event.key), HEX_KEY);
        break;
      case 'error':
        assert.equal(fields, 'event,message');
        break;
      default:
        assert.fail(`unknown event ${line}`);
    }
    return event;
  });
}

test(
  'writer and reader --json print the documented events; hostile text arrives escaped',
  { timeout: 90_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const { bootstrap } = await startTestnet(cleanup);

    const storage = await tempDir(cleanup);
    const writer = spawnPiped(['writer', '--json', '--bootstrap', bootstrap, '--storage', storage], { cleanup });
    cleanup.add('stop writer', () => writer.stop());
    writer.child.stdin!.write('hi\nhello world\n\x1b]52;c;aGk=\x07 clipboard grab\n');
    await waitFor(
      'three appends',
      () => parseEvents(writer.stdout()).filter((event) => event.event === 'append').length === 3,
    );
    const written = parseEvents(writer.stdout());
    assert.deepEqual(Object.entries(written[0]).slice(0, 2), [
      ['event', 'key'],
      ['role', 'writer'],
    ]);
    const appends = written.filter((event) => event.event === 'append');
    assert.deepEqual(
      appends.map(({ core, seq, bytes }) => ({ core, seq, bytes })),
      [
        { core: 'core-2', seq: 0, bytes: 3 },
        { core: 'core-3', seq: 0, bytes: 12 },
        { core: 'core-3', seq: 1, bytes: 28 },
      ],
    );
    const mainKey = String(written[0].key);

    const reader = spawnPiped(
      ['reader', mainKey, '--json', '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)],
      { cleanup },
    );
    cleanup.add('stop reader', () => reader.stop());
    await waitFor(
      'three blocks on the reader',
      () => parseEvents(reader.stdout()).filter((event) => event.event === 'block').length === 3,
    );
    const read = parseEvents(reader.stdout());
    assert.deepEqual(read[0], { event: 'key', role: 'reader', key: mainKey });
    const cores = read.find((event) => event.event === 'cores');
    assert.deepEqual(cores, {
      event: 'cores',
      cores: [
        { core: 'core-2', key: appends[0].key },
        { core: 'core-3', key: appends[1].key },
      ],
      skipped: 0,
      notShown: 0,
    });
    const blocks = read
      .filter((event) => event.event === 'block')
      .map(({ core, seq, text, encoding, bytes }) => ({ core, seq, text, encoding, bytes }));
    assert.deepEqual(
      blocks.sort((a, b) => String(a.core).localeCompare(String(b.core)) || Number(a.seq) - Number(b.seq)),
      [
        { core: 'core-2', seq: 0, text: 'hi', encoding: 'text', bytes: 3 },
        { core: 'core-3', seq: 0, text: 'hello world', encoding: 'text', bytes: 12 },
        { core: 'core-3', seq: 1, text: '\\x1b]52;c;aGk=\\x07 clipboard grab', encoding: 'text', bytes: 28 },
      ],
    );
    assert.ok(
      read.some((event) => event.event === 'peer-join'),
      'the writer joining is an event too',
    );
    // Having read every block, the reader says each core is synced with the writer.
    const latestSyncs = () => {
      const syncs = parseEvents(reader.stdout()).filter((event) => event.event === 'peer-sync');
      return ['core-2', 'core-3'].map((core) => {
        const last = syncs.filter((event) => event.core === core).at(-1);
        return (
          last && [last.core, last.key, last.length, last.contiguousLength, last.remoteContiguousLength, last.synced]
        );
      });
    };
    const expectedSyncs = [
      ['core-2', appends[0].key, 1, 1, 1, true],
      ['core-3', appends[1].key, 2, 2, 2, true],
    ];
    await waitFor(
      'peer-sync events saying both cores are synced',
      () => JSON.stringify(latestSyncs()) === JSON.stringify(expectedSyncs),
    ).catch(() => assert.deepEqual(latestSyncs(), expectedSyncs));

    // The key event names the storage's main core: a writer restarted on the same folder says the same.
    await writer.stop();
    const { mainKey: restartedKey } = await startPlainWriter(cleanup, { bootstrap, storage });
    assert.equal(mainKey, restartedKey);
  },
);

test('reader --json | jq: a shell pipeline gets the block texts', { timeout: 90_000 }, async (t) => {
  if (spawnSync('jq', ['--version']).error) {
    t.skip('jq is not installed');
    return;
  }
  const cleanup = cleanupFor(t);
  const { bootstrap } = await startTestnet(cleanup);
  const { app: writer, mainKey } = await startPlainWriter(cleanup, { bootstrap });
  cleanup.add('stop writer', () => writer.stop());
  writer.child.stdin!.write('piped through jq\n');

  const storage = await tempDir(cleanup);
  const pipeline = spawn(
    'sh',
    [
      '-c',
      `"${process.execPath}" "${CLI}" reader ${mainKey} --json --bootstrap ${bootstrap} --storage "${storage}" | jq -r --unbuffered 'select(.event == "block") | .text'`,
    ],
    {
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  cleanup.add('stop the pipeline', () => {
    try {
      process.kill(-pipeline.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  });
  let out = '';
  pipeline.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  await waitFor('jq to print the block text', () => out.includes('piped through jq\n'));
});

test(
  'a failing reader --json says why as an error event on stdout too, and exits 1',
  { timeout: 60_000 },
  async (t) => {
    const cleanup = cleanupFor(t);
    const key = 'ab'.repeat(32);
    const reader = spawnPiped(
      ['reader', key, '--json', '--timeout', '1', '--bootstrap', '127.0.0.1:9', '--storage', await tempDir(cleanup)],
      { cleanup },
    );
    const { code } = await reader.exited;
    assert.equal(code, 1);
    assert.deepEqual(parseEvents(reader.stdout()), [
      { event: 'key', role: 'reader', key },
      { event: 'error', message: 'Could not connect to the writer peer' },
    ]);
    assert.equal(reader.stderr(), 'many-cores: Could not connect to the writer peer\n');
  },
);
