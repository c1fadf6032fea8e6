// The tail follower's decisions, given appends and the frame clock's ticks: what it fetches, what
// length the pane is shown, and when the change showing an append may go.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { BlockWindow } from '../../source/net/block-window.js';
import { TailFollower } from '../../source/net/tail-follower.js';
import { FakeLog } from '../helpers/fake-log.js';
import { cleanupFor } from '../../harness/cleanup.js';

function follow(t: TestContext, length: number) {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  const log = new FakeLog(length);
  const heard = { changes: 0, dues: 0 };
  const window: BlockWindow = new BlockWindow(log, {
    landed: () => {
      follower.landed();
      follower.next();
    },
    missed: () => {},
  });
  const follower: TailFollower = new TailFollower(log, window, {
    changed: () => heard.changes++,
    due: () => heard.dues++,
    mayLookAhead: () => true,
  });
  cleanupFor(t).add('close the follower', () => follower.close());
  // The log grows as a writer's append is announced.
  const append = (count: number) => {
    log.grow(log.length + count);
    return follower.appended();
  };
  return { log, window, follower, heard, append };
}

const range = (start: number, end: number) => Array.from({ length: end - start }, (_, index) => start + index);

test('a quiet tail: the next block is asked for ahead, and an append is fetched at the next tick, its change held until it is here', async (t) => {
  const { log, window, follower, heard, append } = follow(t, 5);
  follower.wanted(0, 5, 10);
  assert.deepEqual(log.asked, [5], 'block 5 asked for before it exists');

  assert.equal(append(1), true);
  assert.equal(heard.dues, 1, 'the clock is asked for a tick');
  assert.equal(follower.shownLength(), 5, 'block 5 is shown from the tick that fetches it');
  follower.tick();
  assert.equal(follower.holdsChange(), true, 'the change waits for block 5');
  assert.deepEqual(log.asked, [5], 'block 5 is not asked twice');

  await log.serve();
  assert.equal(follower.holdsChange(), false);
  assert.equal(follower.shownLength(), 6);
  assert.equal(window.block(5)?.toString(), 'block 5');
  assert.deepEqual(log.asked, [5, 6], 'and block 6 is asked for ahead');
});

test('a flood: the tail is fetched only at ticks, only what the pane shows, and nothing is asked ahead', async (t) => {
  const { log, follower, heard, append } = follow(t, 1);
  const rows = 20;
  follower.wanted(0, 1, rows);
  append(100);
  assert.equal(append(50), true);
  assert.equal(heard.dues, 1, 'one tick asked for, however many appends come before it');
  follower.tick();
  assert.deepEqual(log.asked, [1, ...range(131, 151)], 'the last 20 of 151 blocks');
  await log.serve();
  follower.wanted(131, 151, rows);

  append(100);
  assert.equal(follower.shownLength(), 151, 'under a flood the pane is shown the last fetch until the next tick');
  follower.wanted(131, 151, rows);
  follower.tick();
  assert.equal(follower.shownLength(), 151, 'while blocks 231–250 are on their way, the last whole tail');
  await log.serve();
  assert.equal(follower.shownLength(), 251);
  assert.deepEqual(log.asked.slice(21), range(231, 251), 'blocks 151–230 scrolled past unseen: never fetched');
  assert.equal(log.asked.includes(251), false, 'nothing asked ahead under a flood');
});

test('once a flood is over, the two pages behind the tail are fetched', async (t) => {
  const { log, follower, append } = follow(t, 1);
  follower.wanted(0, 1, 20);
  append(500);
  follower.tick();
  await log.serve();
  follower.wanted(481, 501, 20);
  t.mock.timers.tick(299);
  assert.equal(log.asked.includes(460), false);
  t.mock.timers.tick(1);
  assert.deepEqual(log.asked.slice(-40), range(441, 481), 'two pages of 20 behind the last 20');
});

test('a pane that scrolled away from the tail is not followed: the append is a change of its own', (t) => {
  const { log, follower, heard, append } = follow(t, 100);
  follower.wanted(10, 30, 20);
  assert.equal(append(1), false);
  assert.equal(heard.dues, 0);
  follower.tick();
  assert.deepEqual(log.asked, [], 'nothing fetched, nothing asked ahead');
});

// Seen under the soak: a frame held for block 5 was drawn once it came, and the pane showed the
// blocks appended meanwhile as rows still loading.
test('blocks appended while a frame waits for the tail are shown from the tick that fetches them', async (t) => {
  const { log, window, follower, append } = follow(t, 5);
  const rows = 10;
  follower.wanted(0, 5, rows);
  append(1);
  follower.tick();
  assert.equal(follower.holdsChange(), true, 'the frame waits for block 5');
  append(2);
  await log.serve();
  assert.equal(follower.holdsChange(), false, 'block 5 came: the frame goes');
  const shown = follower.shownLength();
  assert.equal(shown, 6, 'blocks 6 and 7 are not asked for before the next tick');
  const loading = range(shown - rows, shown).filter((seq) => seq >= 5 && !window.has(seq));
  assert.deepEqual(loading, [], 'no row of the frame still loading');

  follower.wanted(0, 6, rows);
  follower.tick();
  await log.serve();
  assert.equal(follower.shownLength(), 8, 'the next tick fetched them');
  assert.equal(window.has(7), true);
});

test('a pane that comes back to the tail is shown it from there, not from where it left it', async (t) => {
  const { log, follower, append } = follow(t, 100);
  follower.wanted(80, 100, 20);
  append(2);
  follower.tick();
  follower.wanted(50, 70, 20);
  await log.serve();
  append(300);
  follower.wanted(382, 402, 20);
  append(1);
  assert.equal(follower.shownLength(), 402, 'the tail the pane came back to, until the next tick');
  follower.tick();
  assert.equal(follower.shownLength(), 402, 'while block 402 is on its way, the tail it came back to');
  await log.serve();
  assert.equal(follower.shownLength(), 403);
});

test("an append's change waits for its blocks 50 ms at most", (t) => {
  const { follower, heard, append } = follow(t, 1);
  follower.wanted(0, 1, 10);
  append(2);
  follower.tick();
  assert.equal(follower.holdsChange(), true);
  t.mock.timers.tick(49);
  assert.equal(heard.changes, 0);
  t.mock.timers.tick(1);
  assert.equal(follower.holdsChange(), false);
  assert.equal(heard.changes, 1);
});

test('a tail whose blocks have not come within a second is shown, loading', async (t) => {
  const { log, follower, append } = follow(t, 1);
  follower.wanted(0, 1, 10);
  append(2);
  follower.tick();
  t.mock.timers.tick(999);
  assert.equal(follower.shownLength(), 1, 'the last tail that came whole');
  t.mock.timers.tick(1);
  assert.equal(follower.shownLength(), 3, 'after a second, the length, whatever has come');
  await log.serve();
  append(1);
  follower.tick();
  assert.equal(follower.shownLength(), 3, 'a tail that came whole is the one kept');
});
