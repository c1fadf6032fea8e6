// The panes' one clock: when it ticks the views, and when it draws.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { FrameClock, type FramedView } from '../../source/net/frame-clock.js';
import { cleanupFor } from '../../harness/cleanup.js';

class FakeView extends EventEmitter implements FramedView {
  readonly core = { length: 0 };
  readonly log: string[] = [];
  holds = false;
  tick(): void {
    this.log.push('tick');
  }
  holdsFrame(): boolean {
    return this.holds;
  }
  drawn(): void {
    this.log.push('drawn');
  }
}

// The clock's next turn of the event loop (immediates are not mocked), twice: a tick, then its frame.
async function turns(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
}

function clockOver(t: TestContext, count: number) {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
  const views = Array.from({ length: count }, () => new FakeView());
  const clock = new FrameClock(views);
  let frames = 0;
  cleanupFor(t).add(
    'stop listening',
    clock.subscribe(() => frames++),
  );
  return { views, clock, frames: () => frames };
}

test('the changes of every view in one turn make one frame, each view ticked before it is drawn', async (t) => {
  const { views, clock, frames } = clockOver(t, 2);
  views[0].emit('change');
  views[1].emit('change');
  views[1].emit('due');
  await turns();
  assert.equal(frames(), 1);
  assert.equal(clock.getSnapshot(), 1);
  for (const view of views) assert.deepEqual(view.log, ['tick', 'drawn']);
});

test('blocks one at a time are drawn 16 ms apart at most; a flood, 100 ms apart', async (t) => {
  const { views, frames } = clockOver(t, 1);
  const [view] = views;
  const frameAfter = (blocks: number, event: 'change' | 'due') => {
    view.core.length += blocks;
    view.emit(event);
  };
  frameAfter(1, 'due');
  await turns();
  assert.equal(frames(), 1, 'a lone block is drawn at once');

  frameAfter(1, 'due');
  t.mock.timers.tick(15);
  assert.equal(frames(), 1);
  t.mock.timers.tick(1);
  await turns();
  assert.equal(frames(), 2, 'the next, one frame gap after the last tick');

  frameAfter(50, 'due');
  t.mock.timers.tick(16);
  await turns();
  assert.equal(frames(), 3);
  frameAfter(50, 'due');
  t.mock.timers.tick(99);
  assert.equal(frames(), 3, 'a flood waits out the flood gap');
  t.mock.timers.tick(1);
  await turns();
  assert.equal(frames(), 4);
});

test("a title's figure drawn between two blocks does not hold the next block back", async (t) => {
  const { views, frames } = clockOver(t, 1);
  const [view] = views;
  view.core.length++;
  view.emit('due');
  await turns();
  assert.equal(frames(), 1);

  t.mock.timers.tick(1);
  view.emit('change');
  t.mock.timers.tick(14);
  assert.equal(frames(), 1, 'a change alone waits out the gap after the last frame');
  t.mock.timers.tick(1);
  await turns();
  assert.equal(frames(), 2);

  t.mock.timers.tick(4);
  view.core.length++;
  view.emit('due');
  await turns();
  assert.equal(frames(), 3, 'a block 20 ms after the last block is drawn at once, 4 ms after the figure');

  view.emit('change');
  t.mock.timers.tick(2);
  view.core.length++;
  view.emit('due');
  t.mock.timers.tick(13);
  assert.equal(frames(), 3, 'one gap after the last block for the next');
  t.mock.timers.tick(1);
  await turns();
  assert.equal(frames(), 4, 'the change waiting for its own gap comes in the same frame');
  t.mock.timers.tick(100);
  await turns();
  assert.equal(frames(), 4);
});

test('a grown tail asked for sooner than a waiting change brings the frame forward', async (t) => {
  const { views, frames } = clockOver(t, 1);
  const [view] = views;
  view.core.length++;
  view.emit('due');
  await turns();
  t.mock.timers.tick(20);
  view.emit('change');
  await turns();
  assert.equal(frames(), 2);

  t.mock.timers.tick(1);
  view.emit('change');
  t.mock.timers.tick(1);
  view.core.length++;
  view.emit('due');
  await turns();
  assert.equal(frames(), 3, 'drawn at once, 22 ms after the last block, though 2 ms after the last frame');
  t.mock.timers.tick(100);
  await turns();
  assert.equal(frames(), 3, 'the change it drew is not drawn again');
});

test('a frame waits for a view whose blocks are on their way, and is drawn with its change', async (t) => {
  const { views, frames } = clockOver(t, 2);
  views[0].holds = true;
  views[0].emit('due');
  await turns();
  assert.equal(frames(), 0, 'not drawn while blocks are on their way');
  views[1].emit('change');
  await turns();
  assert.equal(frames(), 0, "another view's change does not draw it early");
  views[0].holds = false;
  views[0].emit('change');
  await turns();
  assert.equal(frames(), 1);
  assert.deepEqual(views[0].log, ['tick', 'drawn']);
});
