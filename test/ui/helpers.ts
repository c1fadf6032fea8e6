// Shared by the UI tests: reading frames as a user would see them.
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { cleanupFor } from '../../harness/cleanup.js';

const SGR = /\x1b\[[0-9;]*m/g;

// The frame without Ink's colour codes: what the user reads.
export function visible(frame: string | undefined): string {
  return (frame ?? '').replace(SGR, '');
}

// Remote text must never reach the terminal raw: no ESC but Ink's own colours, no C0/C1 controls
// (newlines between lines excepted), no bidi or zero-width characters.
export function assertNothingRaw(frame: string | undefined): void {
  const text = visible(frame);
  assert.doesNotMatch(text, /\x1b/, 'a raw ESC reached the frame');
  assert.doesNotMatch(text, /[\x00-\x09\x0b-\x1f\x7f-\x9f]/, 'a raw control character reached the frame');
  assert.doesNotMatch(
    text,
    /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/,
    'a bidi or zero-width character reached the frame',
  );
}

export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

// Ink holds a lone ESC for one tick to see whether a sequence follows.
export async function ticks(count = 2): Promise<void> {
  for (let index = 0; index < count; index++) await tick();
}

// The lines of the frame, for checking sizes.
export function lines(frame: string | undefined): string[] {
  return visible(frame).split('\n');
}

export const KEYS = {
  tab: '\t',
  shiftTab: '\x1b[Z',
  enter: '\r',
  escape: '\x1b',
  backspace: '\x7f',
  up: '\x1b[A',
  down: '\x1b[B',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  home: '\x1b[H',
  end: '\x1b[F',
  f1: '\x1bOP',
  ctrlC: '\x03',
  ctrlK: '\x0b',
} as const;

// Copies go to OSC 52 only, never to the tmux or display clipboard of whoever runs the tests.
export function withoutClipboardTools(t: TestContext): void {
  const saved = { TMUX: process.env.TMUX, DISPLAY: process.env.DISPLAY, WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY };
  for (const name of Object.keys(saved)) delete process.env[name];
  cleanupFor(t).add('restore the clipboard tools', () => {
    for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value;
  });
}
