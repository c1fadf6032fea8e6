import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyText, osc52 } from '../../source/terminal/clipboard.js';

function decodeOsc52(sequence: string): string {
  const match = /^\x1b\]52;c;([A-Za-z0-9+/=]*)\x07$/.exec(sequence);
  assert.ok(match, `not an OSC 52 sequence: ${JSON.stringify(sequence)}`);
  return Buffer.from(match[1], 'base64').toString('utf8');
}

test('osc52 wraps base64 of the text for the clipboard selection', () => {
  assert.equal(osc52('hello'), '\x1b]52;c;aGVsbG8=\x07');
});

test('osc52 carries UTF-8 and control characters only inside base64', () => {
  for (const text of ['', 'ключ ✓ 😀', 'a\x07b\x1b]52;c;x\x07', 'x'.repeat(5000)]) {
    const sequence = osc52(text);
    assert.equal(decodeOsc52(sequence), text);
    // Exactly one ESC and one BEL: the text cannot end the sequence early.
    assert.equal(sequence.split('\x1b').length - 1, 1);
    assert.equal(sequence.split('\x07').length - 1, 1);
  }
});

test('outside tmux, with no display, the text goes to the terminal as OSC 52 only', async () => {
  const written: string[] = [];
  const outcome = await copyText('the text', {
    env: { PATH: process.env.PATH },
    platform: 'linux',
    writeToTerminal: (data) => written.push(data),
  });
  assert.deepEqual(outcome.destinations, ['terminal (OSC 52)']);
  assert.deepEqual(written, [osc52('the text')]);
});

test('inside a tmux that cannot take it, nothing is written to the terminal and no destination is claimed', async () => {
  const written: string[] = [];
  const outcome = await copyText('the text', {
    env: { PATH: process.env.PATH, TMUX: '/nonexistent/many-cores-test-socket,1,0' },
    platform: 'linux',
    writeToTerminal: (data) => written.push(data),
  });
  assert.deepEqual(outcome.destinations, []);
  assert.deepEqual(written, []);
});

test('a missing clipboard tool is not claimed as a destination', async () => {
  const outcome = await copyText('x', {
    // An empty PATH: xclip and xsel cannot be found.
    env: { PATH: '/nonexistent', DISPLAY: ':99', WAYLAND_DISPLAY: 'wayland-99' },
    platform: 'linux',
    writeToTerminal: () => {},
  });
  assert.deepEqual(outcome.destinations, ['terminal (OSC 52)']);
});
