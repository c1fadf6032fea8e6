// A Hyperdrive written and served by the real hyperdrive package, in a process of its own
// (test/fixtures/holepunch/drive-writer.mjs), read by the real binary over a private loopback DHT:
// its file table reads as file operations, Enter on a file shows its content fetched from the
// blobs core (a large file only as far as shown, with a note), `c` copies its path, and --plain
// prints the same decoded lines (docs/data-model.md#decoded-cores, docs/screen.md#file-view).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir } from '../../harness/cleanup.js';
import type { Terminal } from '../../harness/pty.js';
import { spawnInPty } from '../../harness/pty.js';
import { spawnPiped } from '../../harness/piped.js';
import { waitFor } from '../../harness/wait.js';
import { sizeText } from '../../source/decode/drive.js';
import { DRIVE_FILES, serveDrive } from '../helpers/drive-fixture.js';
import { CONNECT_DEADLINE_MS, privateNet, quitWithQ, spawnPlainReader, waitForPlainLines } from '../helpers/hostile.js';

const ESC = '\x1b';
const BIG_BYTES = DRIVE_FILES.bigLines * (DRIVE_FILES.bigLine(1).length + 1);

// Every OSC 52 copy the app sends, decoded.
function recordCopies(copies: string[]) {
  return (term: Terminal) => {
    term.parser.registerOscHandler(52, (data) => {
      copies.push(Buffer.from(data.slice(data.indexOf(';') + 1), 'base64').toString('utf8'));
      return true;
    });
  };
}

// Searches the pane for `query` and steps to its first match, which Enter then opens.
async function goTo(app: ReturnType<typeof spawnInPty>, query: string): Promise<void> {
  app.write('/');
  await app.waitForText('search pane: /');
  app.write(`${query}\r`);
  await app.waitForText(/match(es)? in \d+ blocks/, CONNECT_DEADLINE_MS);
  app.write('n');
}

test(
  'a drive reads as file ops; Enter on a file shows its content from the blobs core',
  { timeout: 240_000 },
  async (t) => {
    const net = await privateNet(t);
    const drive = await serveDrive(net.cleanup, net.bootstrap);
    const copies: string[] = [];
    const app = spawnInPty(
      ['reader', drive.key, '--bootstrap', net.bootstrap, '--storage', await tempDir(net.cleanup, 'many-cores-drive-')],
      { cleanup: net.cleanup, cols: 140, rows: 30, onTerminal: recordCopies(copies) },
    );

    const rows = [
      `put /README.md  ${DRIVE_FILES.readme.length} B`,
      `put /bin/run  ${DRIVE_FILES.binary.length} B  executable`,
      `put /big.log  ${sizeText(BIG_BYTES)}`,
      'symlink /link → /README.md',
      'del /old.txt',
    ];
    await app.waitForScreen(
      'the file table as file ops',
      (lines) => rows.every((row) => lines.some((line) => line.includes(row))),
      CONNECT_DEADLINE_MS,
    );
    await app.waitForText(`drive v${drive.version} · blobs ${drive.blobsLength} / 0 local`, CONNECT_DEADLINE_MS);

    await goTo(app, 'README.md  ');
    app.write('\r');
    const readme = await app.waitForScreen(
      "README.md's content",
      (lines) => lines.some((line) => line.includes('A drive, decoded.')) && lines,
      CONNECT_DEADLINE_MS,
    );
    assert.ok(
      readme.some((line) => line.includes('file /README.md · 31 B · text')),
      readme.join('\n'),
    );
    app.write('c');
    await app.waitForText(/copied the file's path/);
    assert.deepEqual(copies, ['/README.md']);
    app.write(ESC);
    await app.waitForScreen('the pane back', (lines) => !lines.some((line) => line.includes('A drive, decoded.')));

    await goTo(app, 'run  ');
    app.write('\r');
    // The binary file as a hex dump: its NUL and escape bytes are never written to the terminal.
    await app.waitForText(/file \/bin\/run · 11 B · binary, as hex/, CONNECT_DEADLINE_MS);
    await app.waitForText('00 01 02 7f 80 fe ff 1b 5b 32 4a');
    app.write(ESC);
    await app.waitForScreen('the pane back', (lines) => !lines.some((line) => line.includes('file /bin/run')));

    await goTo(app, 'big.log');
    app.write('\r');
    const big = await app.waitForScreen(
      "big.log's first lines, cut",
      (lines) => lines.some((line) => line.includes(DRIVE_FILES.bigLine(1))) && lines,
      CONNECT_DEADLINE_MS,
    );
    assert.ok(
      big.some((line) => line.includes(`cut: the first 64 KiB of ${sizeText(BIG_BYTES)} shown`)),
      big.join('\n'),
    );
    app.write(ESC);
    // Three files opened: their blocks are here, and not the two further blocks of big.log.
    await app.waitForText(`blobs ${drive.blobsLength} / 3 local`, CONNECT_DEADLINE_MS);

    // In key order, a drive is its file tree, as `drives ls` lists it.
    app.write('t');
    const tree = await app.waitForScreen(
      'the file tree',
      (lines) =>
        lines.some((line) => /key order/.test(line)) && lines.some((line) => line.includes('/README.md')) && lines,
      CONNECT_DEADLINE_MS,
    );
    const treeRows = tree.map((line) => line.replace(/^[│║]\s?|\s*[│║]$/g, '').trimEnd());
    assert.ok(treeRows.includes('/README.md  31 B'), tree.join('\n'));
    assert.ok(treeRows.includes('/link → /README.md'), tree.join('\n'));
    assert.ok(!tree.some((line) => line.includes('files')), 'no raw key prefix');
    await quitWithQ(app, 'the drive reader');
  },
);

test('--plain prints a drive as file ops', { timeout: 180_000 }, async (t) => {
  const net = await privateNet(t);
  const drive = await serveDrive(net.cleanup, net.bootstrap);
  const reader = spawnPlainReader(net, drive.key, await tempDir(net.cleanup, 'many-cores-drive-plain-'));
  const line = (seq: number, text: string) => `Block ${seq} in Core ${drive.key}: ${text}`;
  await waitForPlainLines(reader, 'the file ops', [
    line(1, `put /README.md  ${DRIVE_FILES.readme.length} B`),
    line(2, `put /bin/run  ${DRIVE_FILES.binary.length} B  executable`),
    line(3, `put /big.log  ${sizeText(BIG_BYTES)}`),
    line(4, 'symlink /link → /README.md'),
    line(5, 'put /old.txt  10 B'),
    line(6, 'del /old.txt'),
  ]);
});

test('--json gives each file op its kind and its path, size, executable or target', { timeout: 180_000 }, async (t) => {
  const net = await privateNet(t);
  const drive = await serveDrive(net.cleanup, net.bootstrap);
  const storage = await tempDir(net.cleanup, 'many-cores-drive-json-');
  const reader = spawnPiped(['reader', drive.key, '--json', '--bootstrap', net.bootstrap, '--storage', storage], {
    cleanup: net.cleanup,
  });
  const blocks = () =>
    reader
      .stdout()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((event) => event.event === 'block');
  await waitFor('seven JSON block events', () => blocks().length >= 7, {
    timeoutMs: CONNECT_DEADLINE_MS,
    describe: () => reader.stdout() + reader.stderr(),
  });
  assert.deepEqual(
    blocks()
      .slice(1)
      .map(({ kind, decoded }) => ({ kind, decoded })),
    [
      { kind: 'put', decoded: { path: '/README.md', size: DRIVE_FILES.readme.length, executable: false } },
      { kind: 'put', decoded: { path: '/bin/run', size: DRIVE_FILES.binary.length, executable: true } },
      { kind: 'put', decoded: { path: '/big.log', size: BIG_BYTES, executable: false } },
      { kind: 'symlink', decoded: { path: '/link', target: '/README.md' } },
      { kind: 'put', decoded: { path: '/old.txt', size: 10, executable: false } },
      { kind: 'del', decoded: { path: '/old.txt' } },
    ],
  );
});
