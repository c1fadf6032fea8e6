// The peers view (p) as drawn by the real ScreenApp, over figures given by the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PeersSnapshot } from '../../source/model/peer-figures.js';
import type { CoreView } from '../../source/net/core-view.js';
import { mount } from './screen-harness.js';
import { assertNothingRaw, KEYS, lines } from './helpers.js';

const NOW = 1_000_000_000;
const PEER_KEY = Buffer.from('a1b2c3d4'.repeat(8), 'hex');

// Two connections, one of which gives no usable key or round trip; core-2 held whole by a peer,
// core-3 only its first block.
function figures(views: CoreView[]): { snapshot: () => PeersSnapshot } {
  return {
    snapshot: () => ({
      at: NOW,
      peers: [
        { key: PEER_KEY, connectedAt: NOW - 65_000, rttMs: 12.4, bytesUp: 1536, bytesDown: 5 * 1024 * 1024 },
        { key: null, connectedAt: NOW - 3_000, rttMs: null, bytesUp: 0, bytesDown: null },
      ],
      cores: views.map((view, index) => ({
        name: view.name,
        key: view.key,
        length: view.core.length,
        contiguousLength: view.core.length,
        remoteContiguousLength: index === 0 ? view.core.length : 1,
      })),
    }),
  };
}

test('peers view: p shows each peer and how far each core is replicated; Esc goes back to the panes', async (t) => {
  const s = await mount(t, { role: 'reader', left: 3, right: 2, peerStats: figures });
  await s.waitForText('R-001');
  await s.press('p');
  const frame = s.frame();
  assert.match(frame, /Peers · 2 connected/);
  assert.match(frame, /a1b2c3d4\s+1m 05s\s+12 ms\s+1\.5 KiB\s+5\.0 MiB/);
  assert.match(frame, /\?\s+3s\s+–\s+0 B\s+–/, 'no key, no round trip, no count: said so');
  assert.match(frame, new RegExp(`core-2\\s+${s.views[0].key.toString('hex').slice(0, 8)}\\s+3\\s+3\\s+3\\s+synced`));
  assert.match(frame, /core-3\s+[0-9a-f]{8}\s+2\s+2\s+1\s+50%/);
  assert.ok(!frame.includes('R-001'), 'the view is drawn instead of the panes');
  assert.match(frame, /Esc close/);
  assertNothingRaw(s.app.lastFrame());
  const frameLines = lines(s.app.lastFrame());
  assert.equal(frameLines.length, s.rows - 1);
  for (const line of frameLines) assert.ok(line.length <= 100, line);

  await s.press('z');
  assert.match(s.frame(), /a1b2c3d4/, 'z is not a key of the peers view');
  await s.press(KEYS.escape);
  await s.waitForText('R-001');
  assert.ok(!s.frame().includes('Peers ·'));
  await s.press('p', 'p');
  assert.ok(!s.frame().includes('Peers ·'), 'p again closes it');
});

test('peers view: the writer types p into its line; with a pane focused p opens the view', async (t) => {
  const s = await mount(t, { role: 'writer', peerStats: figures });
  await s.waitForText('R-001');
  await s.press('p');
  assert.match(s.frame(), /› p/);
  assert.ok(!s.frame().includes('Peers ·'));
  await s.press(KEYS.tab, 'p');
  assert.match(s.frame(), /Peers · 2 connected/);
  await s.press('q');
  assert.equal(s.quits.length, 1, 'q quits from the peers view');
});

test('peers view: with nobody connected no core is said to be synced, whatever a peer once held', async (t) => {
  const alone = (views: CoreView[]) => ({ snapshot: () => ({ ...figures(views).snapshot(), peers: [] }) });
  const s = await mount(t, { role: 'reader', left: 3, right: 2, peerStats: alone });
  await s.waitForText('R-001');
  await s.press('p');
  assert.match(s.frame(), /Peers · 0 connected/);
  assert.match(s.frame(), /core-2\s+[0-9a-f]{8}\s+3\s+3\s+–\s+no peer/);
  assert.match(s.frame(), /core-3\s+[0-9a-f]{8}\s+2\s+2\s+–\s+no peer/);
});

test('peers view: with no session yet it says there is nothing, and fits a small terminal', async (t) => {
  const s = await mount(t, { role: 'reader', rows: 14, columns: 60 });
  await s.waitForText('L-002');
  await s.press('p');
  assert.match(s.frame(), /Peers · 0 connected/);
  assert.match(s.frame(), /no peer connected/);
  assert.match(s.frame(), /no core open yet/);
  const frameLines = lines(s.app.lastFrame());
  assert.equal(frameLines.length, 13);
  for (const line of frameLines) assert.ok(line.length <= 60, line);
});
