import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundsOf, centreOn, fitTransform, normaliserFor, pointRadius, toWorldX, toWorldY, visibleShare, WORLD } from '../../webview/geometry';

test('bounds cover all points or just the chosen ones', () => {
  const xs = [0, 10, -5, 3];
  const ys = [1, 2, 8, -4];
  assert.deepEqual(boundsOf(xs, ys), { x0: -5, y0: -4, x1: 10, y1: 8 });
  assert.deepEqual(boundsOf(xs, ys, [0, 1]), { x0: 0, y0: 1, x1: 10, y1: 2 });
  assert.equal(boundsOf([], []), null);
});

test('data is scaled into the world square without distorting it', () => {
  const n = normaliserFor({ x0: -2, y0: 0, x1: 2, y1: 1 });
  assert.equal(toWorldX(n, -2), 0);
  assert.equal(toWorldX(n, 2), WORLD);
  assert.equal(toWorldY(n, 0.5), WORLD / 2);
  // Same scale on both axes: one data unit is the same length either way.
  assert.equal(toWorldY(n, 1) - toWorldY(n, 0), toWorldX(n, 1) - toWorldX(n, 0));
});

test('a single point lands in the middle of the world', () => {
  const n = normaliserFor({ x0: 7, y0: 7, x1: 7, y1: 7 });
  assert.equal(toWorldX(n, 7), WORLD / 2);
  assert.equal(toWorldY(n, 7), WORLD / 2);
});

test('fitting frames the bounds inside the padding and centres them', () => {
  const t = fitTransform({ x0: 0, y0: 0, x1: 1000, y1: 500 }, 820, 620, 10, 100);
  assert.equal(t.k, 0.8);
  assert.equal(t.x + t.k * 0, 10);
  assert.equal(t.x + t.k * 1000, 810);
  assert.equal(t.y + t.k * 250, 310);
});

test('fitting one point or a tight group never zooms past the limit', () => {
  const t = fitTransform({ x0: 5, y0: 5, x1: 5, y1: 5 }, 400, 300, 20, 3);
  assert.equal(t.k, 3);
  assert.equal(t.x + 3 * 5, 200);
  assert.equal(t.y + 3 * 5, 150);
});

test('fitting keeps a right inset clear for the legend', () => {
  const t = fitTransform({ x0: 0, y0: 0, x1: 100, y1: 100 }, 1000, 1000, 0, 100, 200);
  assert.equal(t.k, 8);
  assert.equal(t.x + t.k * 100, 800);
});

test('centring puts the world point in the middle of the view', () => {
  const t = centreOn(100, 200, 2, 800, 600);
  assert.equal(t.x + 2 * 100, 400);
  assert.equal(t.y + 2 * 200, 300);
});

test('points are smaller when many are on screen and never vanish or balloon', () => {
  assert.ok(Math.abs(pointRadius(100_000) - 1) < 0.01);
  assert.ok(pointRadius(5_000) > pointRadius(100_000));
  assert.ok(pointRadius(500) > pointRadius(5_000));
  assert.equal(pointRadius(3), 4.5);
  assert.equal(pointRadius(10_000_000), 1);
  assert.equal(pointRadius(0), 4.5);
});

test('the visible share is the part of the map inside the view', () => {
  const b = { x0: 0, y0: 0, x1: 1000, y1: 1000 };
  assert.equal(visibleShare(b, { k: 0.5, x: 0, y: 0 }, 500, 500), 1);
  assert.equal(visibleShare(b, { k: 1, x: 0, y: 0 }, 500, 500), 0.25);
  assert.equal(visibleShare(b, { k: 1, x: -2000, y: 0 }, 500, 500), 0);
  assert.equal(visibleShare(null, { k: 1, x: 0, y: 0 }, 500, 500), 1);
  assert.ok(visibleShare({ x0: 5, y0: 5, x1: 5, y1: 5 }, { k: 1, x: 0, y: 0 }, 500, 500) > 0);
});
