// Renders a real session to docs/screenshot.svg for the README: a writer and a reader of the built
// binary, each in a pseudo-terminal on a private loopback DHT, drawn cell by cell from xterm's
// buffers with their colours; then the same two with the peers view open, to
// docs/screenshot-peers.svg; then one reader of two keys, a Hyperbee and a Hyperdrive written by
// those packages in processes of their own, to docs/screenshot-decoded.svg. Run with
// `npm run screenshot` after `npm run build`.
import { writeFile } from 'node:fs/promises';
import { startReader, startWriter } from '../harness/apps.js';
import { tempDir } from '../harness/cleanup.js';
import { Cleanup } from '../harness/cleanup.js';
import { paneBlocks } from '../harness/layout.js';
import { spawnInPty, type AppInPty, type Terminal } from '../harness/pty.js';
import { startTestnet } from '../harness/testnet.js';
import { sleep } from '../harness/wait.js';
import { startBeeWriter } from '../test/helpers/bee-writer.js';
import { serveDrive } from '../test/helpers/drive-fixture.js';

const COLS = 100;
const ROWS = 22;
const CELL_WIDTH = 8.4;
const CELL_HEIGHT = 17;
const FONT_SIZE = 14;
const GAP = 24;
const TITLE_BAR = 26;
const BACKGROUND = '#1e1e2e';
const FOREGROUND = '#cdd6f4';
// The 16 ANSI colours as a dark theme draws them.
const ANSI = [
  '#45475a',
  '#f38ba8',
  '#a6e3a1',
  '#f9e2af',
  '#89b4fa',
  '#f5c2e7',
  '#94e2d5',
  '#bac2de',
  '#585b70',
  '#f38ba8',
  '#a6e3a1',
  '#f9e2af',
  '#89b4fa',
  '#f5c2e7',
  '#94e2d5',
  '#a6adc8',
];

function paletteColour(index: number): string {
  if (index < 16) return ANSI[index];
  if (index >= 232) {
    const level = 8 + (index - 232) * 10;
    return `rgb(${level},${level},${level})`;
  }
  const cube = index - 16;
  const step = (value: number) => (value === 0 ? 0 : 55 + value * 40);
  return `rgb(${step(Math.floor(cube / 36))},${step(Math.floor(cube / 6) % 6)},${step(cube % 6)})`;
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

// One <text> per run of cells with the same style; backgrounds as rectangles.
function renderTerminal(term: Terminal, x0: number, y0: number, title: string, cols = COLS, rows = ROWS): string {
  const parts: string[] = [];
  const width = cols * CELL_WIDTH + 16;
  const height = rows * CELL_HEIGHT + TITLE_BAR + 12;
  parts.push(
    `<rect x="${x0}" y="${y0}" width="${width}" height="${height}" rx="8" fill="${BACKGROUND}" stroke="#313244"/>`,
  );
  parts.push(
    `<circle cx="${x0 + 16}" cy="${y0 + 13}" r="5" fill="#f38ba8"/><circle cx="${x0 + 32}" cy="${y0 + 13}" r="5" fill="#f9e2af"/><circle cx="${x0 + 48}" cy="${y0 + 13}" r="5" fill="#a6e3a1"/>`,
  );
  parts.push(
    `<text x="${x0 + width / 2}" y="${y0 + 17}" fill="#a6adc8" font-size="12" text-anchor="middle">${escapeXml(title)}</text>`,
  );
  const buffer = term.buffer.active;
  const cell = buffer.getNullCell();
  for (let row = 0; row < rows; row++) {
    const line = buffer.getLine(buffer.viewportY + row);
    if (!line) continue;
    const baseY = y0 + TITLE_BAR + row * CELL_HEIGHT;
    let run: { x: number; text: string; style: string } | null = null;
    const flush = () => {
      if (run && run.text.trim()) {
        parts.push(
          `<text x="${run.x}" y="${baseY + FONT_SIZE - 1}" ${run.style} xml:space="preserve">${escapeXml(run.text)}</text>`,
        );
      }
      run = null;
    };
    for (let col = 0; col < cols; col++) {
      line.getCell(col, cell);
      let fg = cell.isFgDefault()
        ? FOREGROUND
        : cell.isFgPalette()
          ? paletteColour(cell.getFgColor())
          : `#${cell.getFgColor().toString(16).padStart(6, '0')}`;
      let bg = cell.isBgDefault()
        ? null
        : cell.isBgPalette()
          ? paletteColour(cell.getBgColor())
          : `#${cell.getBgColor().toString(16).padStart(6, '0')}`;
      if (cell.isInverse()) [fg, bg] = [bg ?? BACKGROUND, fg];
      const x = x0 + 8 + col * CELL_WIDTH;
      if (bg)
        parts.push(`<rect x="${x}" y="${baseY}" width="${CELL_WIDTH + 0.5}" height="${CELL_HEIGHT}" fill="${bg}"/>`);
      const style = `fill="${fg}"${cell.isBold() ? ' font-weight="bold"' : ''}${cell.isDim() ? ' opacity="0.6"' : ''}`;
      const chars = cell.getChars() || ' ';
      if (run && (run as { style: string }).style === style) (run as { text: string }).text += chars;
      else {
        flush();
        run = { x, text: chars, style };
      }
    }
    flush();
  }
  return parts.join('\n');
}

// The writer above the reader, as the README shows them.
async function writeScreenshot(path: string, writer: AppInPty, reader: AppInPty, mainKey: string): Promise<void> {
  const panelWidth = COLS * CELL_WIDTH + 16;
  const panelHeight = ROWS * CELL_HEIGHT + TITLE_BAR + 12;
  const width = panelWidth;
  const height = panelHeight * 2 + GAP;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="'DejaVu Sans Mono', Menlo, Consolas, monospace" font-size="${FONT_SIZE}">`,
    renderTerminal(writer.term, 0, 0, 'many-cores writer'),
    renderTerminal(reader.term, 0, panelHeight + GAP, `many-cores reader ${mainKey.slice(0, 8)}…`),
    '</svg>',
    '',
  ].join('\n');
  await writeFile(path, svg);
  process.stdout.write(`wrote ${path} (${svg.length} bytes)\n`);
}

// A Hyperbee and a Hyperdrive side by side: one reader given both keys.
async function writeDecodedScreenshot(cleanup: Cleanup, bootstrap: string): Promise<void> {
  const [cols, rows] = [130, 26];
  const bee = await startBeeWriter({ bootstrap, cleanup });
  const drive = await serveDrive(cleanup, bootstrap);
  const reader = spawnInPty(
    ['reader', bee.keys.main, drive.key, '--bootstrap', bootstrap, '--storage', await tempDir(cleanup)],
    { cleanup, cols, rows: rows + 1 },
  );
  await reader.waitForScreen(
    'the bee and the drive decoded',
    (lines) =>
      lines.some((line) => line.includes('del user/3')) && lines.some((line) => line.includes('symlink /link')),
  );
  await sleep(3500);
  await reader.settle();
  const width = cols * CELL_WIDTH + 16;
  const height = rows * CELL_HEIGHT + TITLE_BAR + 12;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="'DejaVu Sans Mono', Menlo, Consolas, monospace" font-size="${FONT_SIZE}">`,
    renderTerminal(reader.term, 0, 0, 'many-cores reader BEE DRIVE', cols, rows),
    '</svg>',
    '',
  ].join('\n');
  await writeFile('docs/screenshot-decoded.svg', svg);
  process.stdout.write(`wrote docs/screenshot-decoded.svg (${svg.length} bytes)\n`);
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  try {
    const { bootstrap } = await startTestnet(cleanup);
    const size = { bootstrap, cols: COLS, rows: ROWS + 1 };
    const { app: writer, mainKey } = await startWriter(cleanup, size);
    const typed = [
      'hi',
      'hello, many cores',
      'ok',
      'blocks land in core-3 when 5 bytes or more',
      'yo',
      'a reader anywhere sees this live',
    ];
    for (const line of typed) {
      writer.write(`${line}\r`);
      await writer.waitForText(line.slice(0, 20));
    }
    const { app: reader } = await startReader(cleanup, mainKey, size);
    await reader.waitForScreen(
      'the reader caught up',
      (lines) => paneBlocks(lines, 'core-3')?.length === 3 && paneBlocks(lines, 'core-2')?.length === 3,
    );
    writer.write('and one more, live\r');
    await reader.waitForText('one more, live');
    // Let the transfer rates fall back to zero, so the pane titles fit at this width.
    await sleep(3500);
    await writer.settle();
    await reader.settle();

    await writeScreenshot('docs/screenshot.svg', writer, reader, mainKey);

    // The peers view: p in the reader, and in the writer once a pane has the focus.
    reader.write('p');
    writer.write('\t');
    await writer.waitForScreen('a pane focused', (lines) => lines[2]?.startsWith('╔'));
    writer.write('p');
    const synced = (lines: string[]) => lines.filter((line) => /core-\d.*synced/.test(line)).length === 2;
    await writer.waitForScreen('the writer peers view synced', synced);
    await reader.waitForScreen('the reader peers view synced', synced);
    await writer.settle();
    await reader.settle();
    await writeScreenshot('docs/screenshot-peers.svg', writer, reader, mainKey);
    await writeDecodedScreenshot(cleanup, bootstrap);
  } finally {
    await cleanup.run();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshot: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
