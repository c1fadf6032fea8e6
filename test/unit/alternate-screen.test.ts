// Bracketed paste and the mouse go on with the screen and off whenever it is left
// (source/terminal/alternate-screen.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WriteStream } from 'node:tty';
import { enterAlternateScreen } from '../../source/terminal/alternate-screen.js';

function screenWriting(mouse: boolean) {
  const written: string[] = [];
  const stdout = { isTTY: false, write: (text: string) => written.push(text) } as unknown as WriteStream;
  const screen = enterAlternateScreen(stdout, { isTTY: false } as NodeJS.ReadStream, { mouse });
  return { screen, written };
}

test('paste and mouse modes on with the screen, off when paused, on again, off when left', () => {
  const { screen, written } = screenWriting(true);
  assert.match(written.join(''), /^\x1b\[\?1049h\x1b\[H\x1b\[\?2004h\x1b\[\?1000h\x1b\[\?1006h$/);
  screen.pause();
  assert.match(written.at(-1) ?? '', /^\x1b\[\?1006l\x1b\[\?1000l\x1b\[\?2004l\x1b\[\?1049l/);
  screen.resume();
  assert.match(written.at(-1) ?? '', /\x1b\[\?2004h\x1b\[\?1000h\x1b\[\?1006h/);
  screen.leave();
  assert.match(written.at(-1) ?? '', /^\x1b\[\?1006l\x1b\[\?1000l\x1b\[\?2004l\x1b\[\?1049l/);
  screen.leave();
  assert.equal(written.length, 4, 'left once');
});

test('without the mouse, bracketed paste alone', () => {
  const { screen, written } = screenWriting(false);
  screen.pause();
  screen.resume();
  screen.leave();
  const all = written.join('');
  assert.ok(all.includes('\x1b[?2004h') && all.includes('\x1b[?2004l'));
  assert.ok(!all.includes('\x1b[?1000') && !all.includes('\x1b[?1006'), JSON.stringify(all));
});
