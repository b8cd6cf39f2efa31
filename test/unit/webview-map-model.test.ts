import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MapSymbol } from '../../src/core/types';
import { MapModel } from '../../webview/model';
import { parseSavedState } from '../../webview/state';

function sym(id: string, x: number, y: number, cluster = 0): MapSymbol {
  return { id, name: id, kind: 'function', container: '', file: `src/${id}.ts`, line: 1, endLine: 2, comment: '', x, y, cluster, region: cluster };
}

const REGIONS = [
  { id: 0, label: 'parsing', size: 2, x: 0, y: 0, level: 0, parent: -1 },
  { id: 1, label: 'network', size: 1, x: 0, y: 0, level: 0, parent: -1 },
];

function load(symbols: MapSymbol[]): MapModel {
  const m = new MapModel();
  m.setMap({
    root: '/w',
    model: { id: 'builtin', dimensions: 100 },
    symbols,
    clusters: REGIONS,
    regions: REGIONS,
  });
  return m;
}

test('a map is placed into the world square and looked up by id', () => {
  const m = load([sym('a', 0, 0), sym('b', 10, 5), sym('c', 5, 10, 1)]);
  assert.equal(m.size, 3);
  assert.equal(m.indexOf('b'), 1);
  assert.equal(m.get('c')?.name, 'c');
  assert.equal(m.wx[0], 0);
  assert.equal(m.wx[1], 1000);
  assert.equal(m.wy[2], 1000);
  assert.equal(m.clusterLabel(1), 'network');
  assert.equal(m.clusterLabel(7), 'cluster 7');
});

test('an update upserts and removes symbols without moving the others', () => {
  const m = load([sym('a', 0, 0), sym('b', 10, 5), sym('c', 5, 10)]);
  const before = [m.wx[0], m.wy[0]];
  m.applyUpdate([sym('b', 10, 10), sym('d', 20, 20)], ['c']);
  assert.deepEqual(
    m.symbols.map((s) => s.id),
    ['a', 'b', 'd'],
  );
  assert.deepEqual([m.wx[0], m.wy[0]], before, 'the view must not jump');
  assert.equal(m.wy[1], 1000);
  assert.equal(m.wx[2], 2000, 'new symbols use the same scale, even outside the old bounds');
  assert.equal(m.indexOf('c'), undefined);
  assert.equal(m.indexOf('d'), 2);
});

test('a layout replaces every position and keeps the map framed', () => {
  const m = load([sym('a', 0, 0), sym('b', 10, 5)]);
  assert.equal(m.applyLayout([100, 100, 300, 100]), true);
  assert.equal(m.symbols[1].x, 300);
  assert.equal(m.wx[0], 0);
  assert.equal(m.wx[1], 1000);
});

test('a layout of the wrong length is refused and changes nothing', () => {
  const m = load([sym('a', 0, 0), sym('b', 10, 5)]);
  assert.equal(m.applyLayout([1, 2]), false);
  assert.equal(m.symbols[1].x, 10);
});

test('regions follow the points: a region counts its sub-regions\' members, names sit on the member the host chose, unassigned symbols count nowhere', () => {
  const m = new MapModel();
  const regions = [
    { id: 0, label: 'parsing', size: 3, x: 10, y: 0, level: 0, parent: -1 },
    { id: 1, label: 'network', size: 1, x: 10, y: 10, level: 0, parent: -1 },
    { id: 2, label: 'json', size: 2, x: 10, y: 0, level: 1, parent: 0 },
  ];
  m.setMap({
    root: '/w',
    model: { id: 'builtin', dimensions: 100 },
    symbols: [
      { ...sym('a', 0, 0), region: 2 },
      { ...sym('b', 10, 0), region: 2 },
      { ...sym('e', 5, 0), region: 0 },
      { ...sym('c', 10, 10, 1), region: 1 },
      { ...sym('d', 3, 3, -1), region: -1 },
    ],
    clusters: regions.slice(0, 2),
    regions,
  });
  const views = m.regionViews();
  assert.deepEqual(
    views.map((v) => [v.id, v.size, v.x, v.y, v.children]),
    [
      [0, 3, m.wx[1], m.wy[1], [2]],
      [1, 1, m.wx[3], m.wy[3], []],
      [2, 2, m.wx[1], m.wy[1], []],
    ],
  );
  assert.equal(views[1].spread, 0);
  // Two members 10 apart spread 5 from their mean; the parent adds a third at that mean.
  const half = (m.wx[1] - m.wx[0]) / 2;
  assert.ok(Math.abs(views[2].spread - half) < 1e-9);
  assert.ok(Math.abs(views[0].spread - half * Math.sqrt(2 / 3)) < 1e-9);
});

test('duplicate ids in a map keep the last one', () => {
  const m = load([sym('a', 0, 0), sym('a', 10, 10)]);
  assert.equal(m.size, 1);
  assert.equal(m.symbols[0].x, 10);
});

test('saved state is restored when sound and ignored when not', () => {
  const good = parseSavedState({ transform: { k: 2, x: -10, y: 5 }, colourBy: 'kind', query: 'parse', selectedId: 'a' });
  assert.deepEqual(good, { transform: { k: 2, x: -10, y: 5 }, colourBy: 'kind', query: 'parse', selectedId: 'a' });
  assert.deepEqual(parseSavedState(undefined), { query: '' });
  assert.deepEqual(parseSavedState('junk'), { query: '' });
  const bad = parseSavedState({ transform: { k: 0, x: 1, y: 1 }, colourBy: 'rainbow', query: 7, selectedId: '' });
  assert.deepEqual(bad, { transform: undefined, colourBy: undefined, query: '', selectedId: undefined });
  assert.equal(parseSavedState({ transform: { k: 1, x: Number.NaN, y: 0 } }).transform, undefined);
});

test('identical copies (same name, kind, container and comment in other files) are drawn by one point that lists them all', () => {
  const copy = (id: string, file: string, x: number): MapSymbol => ({ ...sym(id, x, 0), name: 'debounce', file });
  const m = load([copy('esm', 'esm/debounce.js', 0), sym('other', 5, 5), copy('cjs', 'cjs/debounce.js', 1), copy('umd', 'dist/lodash.js', 2)]);
  assert.deepEqual(Array.from(m.rep), [0, 1, 0, 0]);
  assert.deepEqual(m.copies.get(0), [0, 2, 3]);
  assert.equal(m.points, 2);
  // A copy with another comment is another symbol.
  m.applyUpdate([{ ...copy('umd', 'dist/lodash.js', 2), comment: 'Creates a debounced function.' }], []);
  assert.deepEqual(Array.from(m.rep), [0, 1, 0, 3]);
  assert.equal(m.points, 3);
});
