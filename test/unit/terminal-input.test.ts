// Pastes and mouse reports picked out of Ink's input events (source/screen/terminal-input.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_PASTE_CHARACTERS,
  parseMouseReport,
  TerminalInputSplitter,
  type TerminalInput,
} from '../../source/screen/terminal-input.js';

const PASTE = '\x1b[200~';
const END = '\x1b[201~';

// Ink's events for one read: each complete escape sequence alone, runs of text between them, and
// a sequence the read cut short handed on alone (as Ink's flush of a pending escape does).
function inkEvents(chunk: string): string[] {
  const events: string[] = [];
  const pattern = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b(?:\[[0-?]*)?$|[^\x1b]+|\x1b./gs;
  for (const match of chunk.matchAll(pattern)) events.push(match[0]);
  return events;
}

function run(chunks: readonly string[]): TerminalInput[] {
  const splitter = new TerminalInputSplitter();
  const out: TerminalInput[] = [];
  for (const chunk of chunks) for (const event of inkEvents(chunk)) out.push(...splitter.push(event));
  out.push(...splitter.flush());
  return out;
}

// Keys as one string (Ink's events for them may be cut differently), pastes and reports as they are.
function summary(inputs: readonly TerminalInput[]): Array<string | TerminalInput> {
  const out: Array<string | TerminalInput> = [];
  for (const input of inputs) {
    const last = out.at(-1);
    if (input.kind === 'keys' && typeof last === 'string') out[out.length - 1] = last + input.data;
    else out.push(input.kind === 'keys' ? input.data : input);
  }
  return out;
}

test('a bracketed paste is one paste, its Ctrl+C, q, Tab and escapes text, never keys', () => {
  const stream = `a${PASTE}one q\r\x03two\tthree\x1b[31m red${END}b`;
  assert.deepEqual(summary(run([stream])), [
    'a',
    { kind: 'paste', text: 'one q\r\x03two\tthree\x1b[31m red', cut: false },
    'b',
  ]);
});

test('a paste cut between reads anywhere, markers included, is still one paste', () => {
  const stream = `x${PASTE}line 1\r\nq\x03\t${END}\x1b[Ay`;
  const whole = summary(run([stream]));
  for (let cut = 0; cut <= stream.length; cut++) {
    assert.deepEqual(summary(run([stream.slice(0, cut), stream.slice(cut)])), whole, `cut at ${cut}`);
  }
  for (let first = 1; first < stream.length; first++) {
    for (let second = first + 1; second < stream.length; second++) {
      const chunks = [stream.slice(0, first), stream.slice(first, second), stream.slice(second)];
      assert.deepEqual(summary(run(chunks)), whole, `cut at ${first} and ${second}`);
    }
  }
});

test('a paste whose end never comes ends at flush; a longer one is cut', () => {
  const splitter = new TerminalInputSplitter();
  assert.deepEqual(splitter.push(PASTE), []);
  assert.deepEqual(splitter.push('half'), []);
  assert.equal(splitter.waiting(), 'paste');
  assert.deepEqual(splitter.flush(), [{ kind: 'paste', text: 'half', cut: false }]);
  assert.equal(splitter.waiting(), null);
  const long = run([PASTE, 'x'.repeat(MAX_PASTE_CHARACTERS + 10), END]);
  assert.equal(long.length, 1);
  assert.equal(long[0].kind === 'paste' && long[0].text.length, MAX_PASTE_CHARACTERS);
  assert.equal(long[0].kind === 'paste' && long[0].cut, true);
});

test('a lone ESC waits, then is Esc; a sequence that is neither paste nor mouse goes on as it came', () => {
  const splitter = new TerminalInputSplitter();
  assert.deepEqual(splitter.push('\x1b'), []);
  assert.equal(splitter.waiting(), 'escape');
  assert.deepEqual(splitter.flush(), [{ kind: 'keys', data: '\x1b' }]);
  assert.deepEqual(splitter.push('\x1b'), []);
  assert.deepEqual(splitter.push('x'), [
    { kind: 'keys', data: '\x1b' },
    { kind: 'keys', data: 'x' },
  ]);
  assert.deepEqual(splitter.push('\x1b[A'), [{ kind: 'keys', data: '\x1b[A' }]);
  // A key cut between reads is one key again: ↑, Insert.
  assert.deepEqual(
    [...splitter.push('\x1b['), ...splitter.push('Ax')],
    [
      { kind: 'keys', data: '\x1b[A' },
      { kind: 'keys', data: 'x' },
    ],
  );
  assert.deepEqual([...splitter.push('\x1b[2'), ...splitter.push('~')], [{ kind: 'keys', data: '\x1b[2~' }]);
  assert.deepEqual(splitter.push('\x1b[201~'), [{ kind: 'keys', data: '\x1b[201~' }]);
});

test('SGR mouse reports: buttons, wheel, release, cells from 0; cut between reads', () => {
  assert.deepEqual(parseMouseReport('\x1b[<0;12;5M')?.report, { button: 'left', column: 11, row: 4, release: false });
  assert.deepEqual(parseMouseReport('\x1b[<0;12;5m')?.report, { button: 'left', column: 11, row: 4, release: true });
  assert.equal(parseMouseReport('\x1b[<64;1;1M')?.report.button, 'wheel-up');
  assert.equal(parseMouseReport('\x1b[<65;1;1M')?.report.button, 'wheel-down');
  assert.equal(parseMouseReport('\x1b[<80;1;1M')?.report.button, 'wheel-up', 'with Ctrl held');
  assert.equal(parseMouseReport('\x1b[<2;1;1M')?.report.button, 'right');
  assert.equal(parseMouseReport('\x1b[<32;1;1M')?.report.button, 'other', 'a drag');
  assert.equal(parseMouseReport('\x1b[<0;1M'), null);
  const stream = 'a\x1b[<64;30;10Mb';
  for (let cut = 2; cut < stream.length; cut++) {
    assert.deepEqual(
      summary(run([stream.slice(0, cut), stream.slice(cut)])),
      ['a', { kind: 'mouse', report: { button: 'wheel-up', column: 29, row: 9, release: false } }, 'b'],
      `cut at ${cut}`,
    );
  }
});
