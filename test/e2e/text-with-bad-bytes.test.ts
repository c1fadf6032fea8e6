// A block that is text but for a few bytes that are not UTF-8 is shown as text, each such byte
// written out (`\xff`), as less and git show it, in --plain and --json alike; a block mostly not
// text is still hex. The writer is test/fixtures/hostile-writer.mjs, a separate process on a
// private loopback DHT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir } from '../../harness/cleanup.js';
import { spawnPiped } from '../../harness/piped.js';
import {
  CONNECT_DEADLINE_MS,
  privateNet,
  spawnPlainReader,
  startHostileWriter,
  waitForPlainLines,
} from '../helpers/hostile.js';
import { waitFor } from '../../harness/wait.js';

test(
  'text with a few invalid bytes is text with escapes in --plain and --json; binary is hex',
  { timeout: 180_000 },
  async (t) => {
    const net = await privateNet(t);
    const { keys, edit } = await startHostileWriter(net, { blockZero: () => Buffer.from('not a list of cores\n') });
    const badUtf8 = Buffer.concat([Buffer.from('bad-utf8:'), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from('\n')]);
    const latin1 = Buffer.from('un café crème\n', 'latin1');
    const binary = Buffer.from([0x01, 0xff, 0xfe, 0x02, 0x41]);
    await edit({ append: [badUtf8, latin1, binary] });

    const plain = spawnPlainReader(net, keys.main, await tempDir(net.cleanup, 'many-cores-bad-bytes-'));
    await waitForPlainLines(plain, 'the four blocks', [
      `Block 0 in Core ${keys.main}: not a list of cores`,
      `Block 1 in Core ${keys.main}: bad-utf8:\\xff\\xfe\\xfd`,
      `Block 2 in Core ${keys.main}: un caf\\xe9 cr\\xe8me`,
      `Block 3 in Core ${keys.main}: 01fffe0241`,
    ]);

    const json = spawnPiped(
      ['reader', keys.main, '--json', '--bootstrap', net.bootstrap, '--storage', await tempDir(net.cleanup)],
      { cleanup: net.cleanup },
    );
    const blocks = () =>
      json
        .stdout()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((event) => event.event === 'block');
    await waitFor('four block events', () => blocks().length === 4, {
      timeoutMs: CONNECT_DEADLINE_MS,
      describe: () => json.stdout() + json.stderr(),
    });
    assert.deepEqual(
      blocks()
        .slice(1)
        .map(({ text, encoding, bytes }) => ({ text, encoding, bytes })),
      [
        { text: 'bad-utf8:\\xff\\xfe\\xfd', encoding: 'text', bytes: badUtf8.length },
        { text: 'un caf\\xe9 cr\\xe8me', encoding: 'text', bytes: latin1.length },
        { text: '01fffe0241', encoding: 'hex', bytes: binary.length },
      ],
    );
  },
);
