import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateMeter } from '../../source/net/rate-meter.js';

function meterAt(start: number) {
  let now = start;
  const meter = new RateMeter(() => now);
  return { meter, advance: (ms: number) => (now += ms) };
}

test('a steady 100 events a second reads as 100/s once two whole seconds have passed', () => {
  const { meter, advance } = meterAt(1_000_000);
  for (let tick = 0; tick < 300; tick++) {
    meter.record();
    advance(10);
  }
  assert.equal(meter.perSecond(), 100);
});

test('the current, partial second does not count yet', () => {
  const { meter } = meterAt(5_000);
  meter.record(50);
  assert.equal(meter.perSecond(), 0);
});

test('the rate falls to 0 and the meter goes idle when events stop', () => {
  const { meter, advance } = meterAt(5_000);
  meter.record(40);
  advance(1000);
  assert.equal(meter.perSecond(), 20);
  assert.equal(meter.active, true);
  advance(3000);
  assert.equal(meter.perSecond(), 0);
  assert.equal(meter.active, false);
});

test('memory stays bounded: old buckets are dropped', () => {
  const { meter, advance } = meterAt(0);
  for (let second = 0; second < 10_000; second++) {
    meter.record();
    advance(1000);
  }
  assert.ok((meter as unknown as { buckets: Map<number, number> }).buckets.size <= 3);
});
