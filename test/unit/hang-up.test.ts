// Which errors mean "nobody reads this output any more", and that nothing is written to a
// terminal that hung up. A hung-up terminal is stood in for by a stream that says it is a TTY
// but whose descriptor no longer answers as one (here: a regular file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WriteStream } from 'node:tty';
import { hasHungUp, isClosedOutput, isHangUp } from '../../source/terminal/hang-up.js';
import { enterAlternateScreen } from '../../source/terminal/alternate-screen.js';

function withFileDescriptor(run: (fd: number) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'many-cores-hang-up-'));
  const fd = fs.openSync(path.join(dir, 'not-a-terminal'), 'w');
  try {
    run(fd);
  } finally {
    fs.closeSync(fd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const errno = (code: string) => Object.assign(new Error(`write ${code}`), { code });

test('a stream that was a terminal and no longer answers as one has hung up; a pipe or file never has', () => {
  withFileDescriptor((fd) => {
    assert.equal(hasHungUp({ isTTY: true, fd }), true);
    assert.equal(hasHungUp({ isTTY: false, fd }), false);
    assert.equal(hasHungUp({ fd }), false);
    assert.equal(hasHungUp({}), false);
  });
});

test('EPIPE always closes the output; EIO only from a terminal that hung up; other errors never', () => {
  withFileDescriptor((fd) => {
    const hungUp = { isTTY: true, fd };
    const file = { fd };
    assert.equal(isClosedOutput(errno('EPIPE'), file), true, 'the reader of a pipe went away');
    assert.equal(isClosedOutput(errno('EIO'), hungUp), true, 'the terminal hung up');
    assert.equal(isHangUp(errno('EIO'), hungUp), true);
    assert.equal(isClosedOutput(errno('EIO'), file), false, 'EIO from a disk is a failure');
    assert.equal(isClosedOutput(errno('ENOSPC'), file), false);
    assert.equal(isClosedOutput(errno('ENOSPC'), hungUp), false);
    assert.equal(isClosedOutput(new Error('no code'), hungUp), false);
    assert.equal(isClosedOutput(undefined, hungUp), false);
  });
});

test('leaving the alternate screen writes nothing to a terminal that hung up', () => {
  withFileDescriptor((fd) => {
    const written: string[] = [];
    const stdout = {
      isTTY: true,
      fd,
      write: (text: string) => written.push(text),
    } as unknown as WriteStream;
    const stdin = { isTTY: false } as NodeJS.ReadStream;
    const screen = enterAlternateScreen(stdout, stdin, { mouse: true });
    const entered = '\x1b[?1049h\x1b[H\x1b[?2004h\x1b[?1000h\x1b[?1006h';
    assert.deepEqual(written, [entered]);
    screen.pause();
    screen.resume();
    screen.leave();
    assert.deepEqual(written, [entered], 'no restore sequences after the hang-up');
  });
});
