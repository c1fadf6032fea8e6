import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  decodeHistory,
  encodeHistory,
  INPUT_HISTORY_SET_ASIDE,
  InputHistoryFile,
  inputHistoryPath,
  loadInputHistory,
  MAX_HISTORY_FILE_BYTES,
  saveInputHistory,
  setAsideInputHistory,
} from '../../source/net/input-history-file.js';
import { MAX_HISTORY_ENTRIES } from '../../source/model/input-history.js';
import { lineState } from '../../source/screen/line-editor.js';
import { viewLine } from '../../source/screen/line-view.js';

async function withFolder(run: (folder: string) => Promise<void>): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'many-cores-history-'));
  try {
    await run(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

// Any UTF-16 text without a newline: astral characters, lone surrogates, controls, quotes,
// backslashes, U+2028 and U+2029 included.
const anyLine = fc
  .string({
    unit: fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
      fc.constantFrom('\t', '\r', '\x1b', '"', '\\', '\u2028', '\u2029', '\ud800', '\udfff', '\0', '👍🏽', '🇯🇵'),
    ),
    minLength: 1,
    maxLength: 40,
  })
  .filter((line) => !line.includes('\n'));

test('property: every line comes back from the file exactly as it went in', async () => {
  fc.assert(
    fc.property(fc.array(anyLine, { maxLength: 20 }), (entries) => {
      assert.deepEqual(decodeHistory(Buffer.from(encodeHistory(entries), 'utf8')), { entries });
    }),
  );
  await withFolder(async (folder) => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyLine, { maxLength: 20 }), async (entries) => {
        assert.equal(await saveInputHistory(folder, entries), null);
        assert.deepEqual(await loadInputHistory(folder), { entries, problem: null, unreadable: false });
      }),
      { numRuns: 50 },
    );
  });
});

test('the file is one JSON string per line, oldest first', async () => {
  await withFolder(async (folder) => {
    assert.equal(await saveInputHistory(folder, ['one', 'tab\there', 'esc\x1b']), null);
    assert.equal(await readFile(inputHistoryPath(folder), 'utf8'), '"one"\n"tab\\there"\n"esc\\u001b"\n');
    assert.deepEqual(await readdir(folder), ['input-history'], 'no temporary file is left behind');
  });
});

test('no file, or an empty one, is an empty history and no problem', async () => {
  await withFolder(async (folder) => {
    const none = { entries: [], problem: null, unreadable: false };
    assert.deepEqual(await loadInputHistory(folder), none);
    assert.deepEqual(await loadInputHistory(join(folder, 'not-yet-created')), none);
    await writeFile(inputHistoryPath(folder), '');
    assert.deepEqual(await loadInputHistory(folder), none);
  });
});

test('a corrupt, non-UTF-8, oversized or strange file is an empty history with a one-line reason', async () => {
  await withFolder(async (folder) => {
    const file = inputHistoryPath(folder);
    const cases: Array<[string | Buffer, RegExp]> = [
      ['"ok"\nnot json\n', /line 2 is not a line of text/],
      ['"ok"\n42\n', /line 2/],
      ['""\n', /line 1/],
      ['"two\\nlines"\n', /line 1/],
      ['{"a":1}\n', /line 1/],
      [Buffer.from([0x22, 0xff, 0xfe, 0x22, 0x0a]), /not UTF-8/],
      ['"x"\n'.repeat(MAX_HISTORY_FILE_BYTES / 4 + 1), /larger than/],
    ];
    for (const [content, why] of cases) {
      await writeFile(file, content);
      const loaded = await loadInputHistory(folder);
      assert.deepEqual(loaded.entries, []);
      assert.match(loaded.problem ?? '', why);
      assert.match(loaded.problem ?? '', /^input history not loaded: [^\n]+$/);
      assert.equal(loaded.unreadable, true, 'to be set aside');
    }
    await rm(file);
    await mkdir(file);
    assert.match((await loadInputHistory(folder)).problem ?? '', /not a file/);
    assert.equal((await loadInputHistory(folder)).unreadable, false, 'not ours to move: the store refuses it');
    await rm(file, { recursive: true });
    // A FIFO would block a plain open until someone writes to it.
    execFileSync('mkfifo', [file]);
    assert.match((await loadInputHistory(folder)).problem ?? '', /not a file/);
  });
});

test('lines read from the file are data: drawn on the input line, what a terminal acts on shows escaped', async () => {
  await withFolder(async (folder) => {
    await writeFile(inputHistoryPath(folder), '"\\u001b]52;c;aGk=\\u0007 \\u202e evil"\n');
    const [entry] = (await loadInputHistory(folder)).entries;
    assert.equal(entry, '\x1b]52;c;aGk=\x07 \u202e evil');
    const drawn = viewLine(lineState(entry ?? ''), 80)
      .runs.map((run) => run.text)
      .join('');
    assert.equal(drawn, '\\x1b]52;c;aGk=\\x07 \\u202e evil');
  });
});

test('a save keeps the newest 500 lines, skips a line over 64 KiB and stays within 1 MiB', async () => {
  await withFolder(async (folder) => {
    const many = Array.from({ length: MAX_HISTORY_ENTRIES + 100 }, (_, index) => `line ${index}`);
    assert.equal(await saveInputHistory(folder, many), null);
    assert.deepEqual((await loadInputHistory(folder)).entries, many.slice(-MAX_HISTORY_ENTRIES));

    const huge = 'h'.repeat(70 * 1024);
    assert.equal(await saveInputHistory(folder, ['before', huge, 'after']), null);
    assert.deepEqual((await loadInputHistory(folder)).entries, ['before', 'after']);

    const big = Array.from({ length: 40 }, (_, index) => `${index}`.padEnd(60 * 1024, '.'));
    assert.equal(await saveInputHistory(folder, big), null);
    const kept = (await loadInputHistory(folder)).entries;
    assert.deepEqual(kept, big.slice(-kept.length));
    assert.ok(kept.length >= 16 && kept.length < 40);
    assert.ok((await readFile(inputHistoryPath(folder))).length <= MAX_HISTORY_FILE_BYTES);
  });
});

test('a save that cannot be written says why in one line, throws nothing and leaves the folder as it was', async () => {
  await withFolder(async (folder) => {
    assert.match((await saveInputHistory(join(folder, 'missing'), ['x'])) ?? '', /^cannot save the input history: .+$/);
    // A folder where the file should be: the rename fails after the temporary file is written.
    await mkdir(join(inputHistoryPath(folder), 'inside'), { recursive: true });
    assert.match((await saveInputHistory(folder, ['x'])) ?? '', /^cannot save the input history: /);
    assert.deepEqual((await readdir(folder)).sort(), ['input-history'], 'the temporary file is removed');
    assert.deepEqual(await readdir(inputHistoryPath(folder)), ['inside'], 'what was there is untouched');
  });
});

test('saves asked in quick succession land in order: the file ends with the last', async () => {
  await withFolder(async (folder) => {
    const history = new InputHistoryFile(folder);
    assert.equal(await history.open(), null);
    const save = (entries: readonly string[]) => history.save(entries);
    const lines: string[] = [];
    const results: Array<Promise<string | null>> = [];
    for (let sent = 0; sent < 30; sent++) {
      lines.push(`line ${sent}`);
      results.push(save([...lines]));
    }
    assert.deepEqual(await Promise.all(results), Array(30).fill(null));
    assert.deepEqual((await loadInputHistory(folder)).entries, lines);
    // A long history written first takes longer than a short one asked right after it.
    const long = save(Array.from({ length: 15 }, (_, index) => `${index}`.padEnd(60 * 1024, '.')));
    const short = save(['short']);
    assert.deepEqual(await Promise.all([long, short]), [null, null]);
    assert.deepEqual((await loadInputHistory(folder)).entries, ['short']);
  });
});

test('a file that could not be read is set aside once the folder is a store, and only then saved over', async () => {
  await withFolder(async (folder) => {
    const garbage = Buffer.from([0x00, 0xff, 0x1b, 0x9b, 0x32, 0x4a, 0x0a, 0xfe]);
    await writeFile(inputHistoryPath(folder), garbage);
    const history = new InputHistoryFile(folder);
    assert.deepEqual((await history.load()).entries, []);
    assert.equal(await history.save(['before the store is open']), null);
    assert.deepEqual(await readFile(inputHistoryPath(folder)), garbage, 'nothing is written before open()');

    const message = await history.open();
    assert.match(
      message ?? '',
      /^input history not loaded: it is not UTF-8; kept as input-history\.unreadable-\d{8}-\d{6}, a new history begins$/,
    );
    const names = await readdir(folder);
    const aside = names.find((name) => INPUT_HISTORY_SET_ASIDE.test(name));
    assert.ok(aside && message?.includes(aside), `the file kept under the name said: ${names.join(', ')}`);
    assert.deepEqual(await readFile(join(folder, aside)), garbage, 'kept byte for byte');
    assert.equal(await history.save(['a new line']), null);
    assert.deepEqual((await loadInputHistory(folder)).entries, ['a new line']);
    assert.deepEqual(await readFile(join(folder, aside)), garbage, 'and not touched by the save');
  });
});

test('a second file set aside in the same second gets its own name', async () => {
  await withFolder(async (folder) => {
    const now = new Date(Date.UTC(2026, 11, 7, 3, 15, 0));
    await writeFile(inputHistoryPath(folder), 'first');
    assert.match(
      (await setAsideInputHistory(folder, 'why', now)).message ?? '',
      /kept as input-history\.unreadable-20261207-031500,/,
    );
    await writeFile(inputHistoryPath(folder), 'second');
    assert.match(
      (await setAsideInputHistory(folder, 'why', now)).message ?? '',
      /kept as input-history\.unreadable-20261207-031500-2,/,
    );
    assert.deepEqual((await readdir(folder)).sort(), [
      'input-history.unreadable-20261207-031500',
      'input-history.unreadable-20261207-031500-2',
    ]);

    // Gone before it could be moved: nothing left to keep, and lines are saved again.
    const history = new InputHistoryFile(folder);
    await writeFile(inputHistoryPath(folder), Buffer.from([0xff]));
    await history.load();
    await rm(inputHistoryPath(folder));
    assert.equal(await history.open(), null);
    assert.equal(await history.save(['x']), null);
    assert.deepEqual((await loadInputHistory(folder)).entries, ['x']);
  });
});
