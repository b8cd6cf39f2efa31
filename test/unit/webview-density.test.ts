import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPyramid, levelFor } from '../../webview/density';
import { buildGrid, countNear, forEachNear } from '../../webview/grid';

const alpha = (p: number): number => p >>> 24;
const red = (p: number): number => p & 255;
const blue = (p: number): number => (p >>> 16) & 255;
const all = (n: number) => [{ slot: 0, indices: Uint32Array.from({ length: n }, (_, i) => i) }];

test('density counts points into bins: a crowded bin is more opaque than a lone point, empty bins stay clear', () => {
  // A 4×4 world over a 4-bin grid: one world unit a bin. Ten points in bin (1, 0), one in bin (3, 1).
  const xs = new Float64Array([...Array(10).fill(1.5), 3.2, 0, 4]);
  const ys = new Float64Array([...Array(10).fill(0.5), 1.9, 0, 4]);
  const p = buildPyramid(xs.subarray(0, 11), ys.subarray(0, 11), all(11), [{ r: 200, g: 0, b: 0 }], { x0: 0, y0: 0, x1: 4, y1: 4 }, 4);
  const out = p.levels[0].pixels;
  assert.equal(p.levels[0].cells, 4);
  assert.equal(p.counted, 11);
  assert.equal(alpha(out[1]), 255, 'the fullest bin is opaque');
  const lone = alpha(out[1 * 4 + 3]);
  assert.ok(lone > 60 && lone < 255, `a lone point still shows, fainter (alpha ${lone})`);
  assert.equal(red(out[1]), 200);
  for (const empty of [0, 2, 3, 4, 5, 6, 8, 15]) assert.equal(out[empty], 0, `bin ${empty} is empty`);
});

test('a bin holding points of two colours shows their mean colour', () => {
  const xs = new Float64Array([0.2, 0.4, 0.6, 0.8]);
  const ys = new Float64Array([0.5, 0.5, 0.5, 0.5]);
  const groups = [{ slot: 0, indices: Uint32Array.from([0, 1, 2]) }, { slot: 1, indices: Uint32Array.from([3]) }];
  const p = buildPyramid(xs, ys, groups, [{ r: 240, g: 0, b: 0 }, { r: 0, g: 0, b: 240 }], { x0: 0, y0: 0, x1: 4, y1: 4 }, 4);
  const bin = p.levels[0].pixels[0];
  assert.equal(red(bin), 180, 'three red of four');
  assert.equal(blue(bin), 60, 'one blue of four');
});

test('coarser levels add up 2×2 bins down to 256 across, and the level drawn is the coarsest with bins no bigger than a pixel', () => {
  const n = 5000;
  const xs = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 1000);
  const ys = Float64Array.from({ length: n }, (_, i) => (i * 104729) % 1000);
  const p = buildPyramid(xs, ys, all(n), [{ r: 10, g: 20, b: 30 }], { x0: 0, y0: 0, x1: 1000, y1: 1000 }, 1024);
  assert.deepEqual(p.levels.map((l) => l.cells), [1024, 512, 256]);
  for (const l of p.levels) {
    const painted = l.pixels.filter((px) => px !== 0).length;
    assert.ok(painted > 0 && painted <= n, `${l.cells}: ${painted} bins painted`);
  }
  // Fit on a 700-pixel view: 0.7 pixels per world unit, 700 pixels across → the 1024 grid.
  assert.equal(p.levels[levelFor(p, 0.7)].cells, 1024);
  assert.equal(p.levels[levelFor(p, 0.3)].cells, 512);
  assert.equal(p.levels[levelFor(p, 0.1)].cells, 256);
  assert.equal(p.levels[levelFor(p, 5)].cells, 1024, 'closer than the finest grid: the finest, enlarged');
});

test('the point grid gives the points near a view, group by group, counting each shown point once', () => {
  const xs = new Float64Array([0, 10, 20, 30, 1000, 999, 500]);
  const ys = new Float64Array([0, 10, 20, 30, 1000, 2, 500]);
  const bounds = { x0: 0, y0: 0, x1: 1000, y1: 1000 };
  // Point 6 is in no group (hidden): never counted or visited.
  const grid = buildGrid(xs, ys, [{ slot: 3, indices: Uint32Array.from([0, 1, 4]) }, { slot: 1, indices: Uint32Array.from([2, 3, 5]) }], bounds);
  assert.equal(countNear(grid, 0, 0, 1000, 1000), 6);
  const near = countNear(grid, 0, 0, 25, 25);
  assert.ok(near >= 3 && near <= 4, `three points inside, a fourth perhaps in an edge cell (${near})`);
  const seen: [number, number][] = [];
  forEachNear(grid, 0, 0, 25, 25, (slot, indices) => indices.forEach((i) => seen.push([slot, i])));
  for (const i of [0, 1]) assert.ok(seen.some(([slot, j]) => slot === 3 && j === i), `point ${i} in slot 3`);
  assert.ok(seen.some(([slot, j]) => slot === 1 && j === 2));
  assert.ok(!seen.some(([, j]) => j === 4 || j === 5 || j === 6), 'far and hidden points are not visited');
  const slots = seen.map(([slot]) => slot);
  assert.ok(slots.indexOf(1) > slots.lastIndexOf(3), 'groups keep their drawing order');
  assert.equal(countNear(grid, 2000, 2000, 3000, 3000), 0, 'a view beside the map holds nothing');
});
