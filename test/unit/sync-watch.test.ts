import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type Hypercore from 'hypercore';
import { watchSync, type SyncFigures } from '../../source/net/sync-watch.js';

// A core's figures and its events, moved by the test.
class FakeCore extends EventEmitter {
  length = 0;
  contiguousLength = 0;
  remoteContiguousLength = 0;
}

test('sync figures go out on change, at most once a second, the latest after a burst; nothing when unchanged', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  const core = new FakeCore();
  const said: SyncFigures[] = [];
  const watch = watchSync(core as unknown as Hypercore, 1000, (figures) => said.push(figures));
  t.mock.timers.tick(0);
  assert.deepEqual(said, [{ length: 0, contiguousLength: 0, remoteContiguousLength: 0 }], 'the figures at start');

  for (let block = 1; block <= 100; block++) {
    core.length = block;
    core.remoteContiguousLength = block;
    core.emit('remote-contiguous-length', block);
    core.contiguousLength = block;
    core.emit('download', block - 1, 10);
    t.mock.timers.tick(5);
  }
  assert.equal(said.length, 1, 'held back within the second');
  t.mock.timers.tick(1000);
  assert.deepEqual(said.slice(1), [{ length: 100, contiguousLength: 100, remoteContiguousLength: 100 }]);

  core.emit('append');
  t.mock.timers.tick(2000);
  assert.equal(said.length, 2, 'an event that changed nothing says nothing');

  watch.stop();
  core.length = 101;
  core.emit('append');
  t.mock.timers.tick(2000);
  assert.equal(said.length, 2, 'nothing after stop');
});
