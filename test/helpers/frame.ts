// Reading a drawn frame cell by cell, in @xterm/headless and in tmux, to check that no text moved a
// border (docs/untrusted-input.md#frame-widths). Each terminal is asked how wide it draws text;
// nothing here assumes a width table.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { tempDir, type Cleanup } from '../../harness/cleanup.js';
import { CLI, REPO_ROOT, childEnv, type Terminal } from '../../harness/pty.js';
import { processGone, settlesWithin, waitFor } from '../../harness/wait.js';

const run = promisify(execFile);

// xterm.js as terminals built on it ship (VS Code, Hyper): Unicode 11 widths. Without the addon,
// @xterm/headless uses Unicode 6 tables, where every emoji is one column. Pass as spawnInPty's onTerminal.
export function withUnicode11(term: Terminal): void {
  term.loadAddon(new Unicode11Addon());
  term.unicode.activeVersion = '11';
}

// The grapheme addon builds its width table at import from a Buffer and reads it through the Buffer's
// whole ArrayBuffer, ignoring its offset: taken from Node's shared pool, the table came out wrong
// above U+FFFF (😀 1 column) in some processes and right in others. Unpooled, it is right in all
// (docs/stack-notes.md#terminal-widths).
const poolSize = Buffer.poolSize;
Buffer.poolSize = 0;
const { UnicodeGraphemesAddon } = await import('@xterm/addon-unicode-graphemes');
Buffer.poolSize = poolSize;

// xterm.js as a terminal that clusters graphemes: ❤️ and 👍🏽 are 2 columns, as string-width counts
// them. It answers DECRQM 2027 with 0 (unknown), so the app learns it from the cursor position.
export function withGraphemeClustering(term: Terminal): void {
  term.loadAddon(new UnicodeGraphemesAddon());
}

// One string per cell; the cell after a wide character is ''.
export type CellRow = string[];

export function xtermCells(term: Terminal): CellRow[] {
  const buffer = term.buffer.active;
  const rows: CellRow[] = [];
  for (let row = 0; row < term.rows; row++) {
    const line = buffer.getLine(buffer.viewportY + row);
    const cells: CellRow = [];
    for (let column = 0; column < term.cols; column++) cells.push(line?.getCell(column)?.getChars() ?? '');
    rows.push(cells);
  }
  return rows;
}

const CORNER_OR_SIDE = /^[│║╭╮╰╯╔╗╚╝]$/;
const EDGE = /[─═]/;

// Every row of every box has its sides where the box's top corners are, and the rightmost box of
// each row ends at the terminal's last column (every layout of the app spans the full width).
export function assertBordersInPlace(rows: CellRow[], who: string): void {
  const text = rows.map((cells) => cells.join('')).join('\n');
  let sides: number[] | undefined;
  rows.forEach((cells, row) => {
    const columns = cells.flatMap((cell, column) => (CORNER_OR_SIDE.test(cell) ? [column] : []));
    if (columns.length === 0) {
      sides = undefined;
      return;
    }
    assert.equal(
      columns.at(-1),
      cells.length - 1,
      `${who}: row ${row} ends its last box at column ${columns.at(-1)}, not ${cells.length - 1}:\n${text}`,
    );
    // A top or bottom edge starts a new set of boxes; rows between edges keep its columns.
    if (EDGE.test(cells.join(''))) {
      sides = columns;
      return;
    }
    if (sides)
      assert.deepEqual(columns, sides, `${who}: row ${row} has its box sides at other columns than above:\n${text}`);
  });
}

export function tmuxAvailable(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface TmuxPane {
  // The visible pane, one string per row.
  capture(): Promise<string[]>;
  // The pane as cells: each grapheme followed by '' for every further column tmux gives it.
  cells(): Promise<CellRow[]>;
  sendKeys(...keys: string[]): Promise<void>;
}

// The app in a pane of a private tmux server (its own socket), sized cols x rows.
export async function appInTmux(args: string[], cleanup: Cleanup, cols = 100, rows = 30): Promise<TmuxPane> {
  const socketDir = await tempDir(cleanup, 'many-cores-tmux-');
  const server = `many-cores-e2e-${process.pid}-${randomBytes(4).toString('hex')}`;
  const env = childEnv({ TMUX_TMPDIR: socketDir });
  const tmux = async (...tmuxArgs: string[]) =>
    (await run('tmux', ['-u', '-L', server, ...tmuxArgs], { env, cwd: REPO_ROOT })).stdout;
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  // `exec`: the pane's process is the app itself.
  const command = ['exec', 'env', '-u', 'CI', quote(process.execPath), quote(CLI), ...args.map(quote)].join(' ');
  await tmux('-f', '/dev/null', 'new-session', '-d', '-x', String(cols), '-y', String(rows), command);
  const panePid = Number((await tmux('display-message', '-p', '#{pane_pid}')).trim());
  cleanup.add('kill the tmux server', async () => {
    await tmux('kill-server').catch(() => {});
    if (panePid > 0 && !(await settlesWithin(processGone(panePid), 5000))) {
      try {
        process.kill(panePid, 'SIGKILL');
      } catch {
        // Gone between the check and the kill.
      }
    }
  });

  const widths = new Map<string, number>();
  // tmux's own width for each grapheme: printed alone in a window of its own, the cursor read back.
  const measure = async (graphemes: string[]) => {
    const unknown = [...new Set(graphemes)].filter((grapheme) => !widths.has(grapheme));
    if (unknown.length === 0) return;
    const file = path.join(socketDir, `probe-${randomBytes(4).toString('hex')}.json`);
    await fs.writeFile(file, JSON.stringify(unknown));
    const results = `${file}.out`;
    const probe = [
      'const fs = require("fs");',
      `const list = JSON.parse(fs.readFileSync(${JSON.stringify(file)}, "utf8"));`,
      'process.stdin.setRawMode(true);',
      'const found = []; let pending = "";',
      'const ask = () => process.stdout.write("\\r\\x1b[2K" + list[found.length] + "\\x1b[6n");',
      'process.stdin.on("data", (data) => { pending += data; const m = /\\x1b\\[\\d+;(\\d+)R/.exec(pending); if (!m) return;',
      '  pending = ""; found.push(Number(m[1]) - 1);',
      `  if (found.length === list.length) { fs.writeFileSync(${JSON.stringify(results)}, JSON.stringify(found)); process.exit(0); }`,
      '  ask(); });',
      'ask();',
    ].join('\n');
    await tmux('new-window', '-d', `exec ${quote(process.execPath)} -e ${quote(probe)}`);
    const found = await waitFor('tmux to report the widths', async () => {
      const text = await fs.readFile(results, 'utf8').catch(() => undefined);
      return text === undefined ? undefined : (JSON.parse(text) as number[]);
    });
    unknown.forEach((grapheme, index) => widths.set(grapheme, found[index]));
  };
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const capture = async () => (await tmux('capture-pane', '-p', '-N', '-t', '0.0')).split('\n').slice(0, rows);

  return {
    capture,
    async cells() {
      const lines = await capture();
      const graphemes = lines.map((line) => Array.from(segmenter.segment(line), ({ segment }) => segment));
      await measure(graphemes.flat().filter((grapheme) => !/^[\x20-\x7e]$/.test(grapheme)));
      return graphemes.map((row) =>
        row.flatMap((grapheme) => {
          const width = /^[\x20-\x7e]$/.test(grapheme) ? 1 : widths.get(grapheme)!;
          return [grapheme, ...Array<string>(Math.max(0, width - 1)).fill('')];
        }),
      );
    },
    async sendKeys(...keys) {
      await tmux('send-keys', '-t', '0.0', ...keys);
    },
  };
}
