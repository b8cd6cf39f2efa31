import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hcl } from 'd3';
import {
  adaptPalette,
  assignColours,
  BASE_PALETTE,
  basePalette,
  colourKey,
  folderAt,
  folderDepth,
  OTHER_KEY,
  TOP_N,
  TOP_N_CLUSTERS,
} from '../../webview/colour';
import { MapModel } from '../../webview/model';
import type { Cluster } from '../../src/shared/types';

test('a symbol is keyed by its top-level folder, its kind or its cluster', () => {
  const s = { file: 'src/core/a.ts', kind: 'method', cluster: 4 };
  assert.equal(colourKey(s, 'folder', 1), 'src');
  assert.equal(colourKey(s, 'folder', 2), 'src/core');
  assert.equal(colourKey(s, 'kind', 1), 'method');
  assert.equal(colourKey(s, 'cluster', 1), '4');
  assert.equal(folderAt('README.ts', 1), '.');
});

test('when everything lives under one folder the next level down gives the colours', () => {
  assert.equal(folderDepth(['src/a/x.ts', 'src/b/y.ts']), 2);
  assert.equal(folderDepth(['src/x.ts', 'lib/y.ts']), 1);
  assert.equal(folderDepth(['x.ts', 'src/y.ts']), 1);
  assert.equal(folderDepth(['pkg/src/a/x.ts', 'pkg/src/b/y.ts']), 3);
});

test('the most common keys get their own colour and the rest share "other"', () => {
  const keys = [...Array(12).keys()].flatMap((k) => Array(20 - k).fill(`k${String(k).padStart(2, '0')}`));
  const { slots, legend } = assignColours(keys);
  assert.equal(legend.length, TOP_N + 1);
  assert.equal(legend[0].key, 'k00');
  assert.equal(legend[0].count, 20);
  const other = legend[legend.length - 1];
  assert.equal(other.key, OTHER_KEY);
  assert.equal(other.label, 'other');
  assert.equal(other.count, keys.length - legend.slice(0, TOP_N).reduce((a, e) => a + e.count, 0));
  assert.equal(slots[0], 0);
  assert.equal(slots[keys.length - 1], TOP_N);
});

test('colours do not depend on the order the symbols arrive in', () => {
  const keys = ['b', 'a', 'b', 'c', 'a', 'd'];
  const one = assignColours(keys);
  const two = assignColours([...keys].reverse());
  assert.deepEqual(one.legend, two.legend);
});

test('a legend without leftovers has no "other" row', () => {
  const { legend } = assignColours(['x', 'y', 'x'], (k) => k.toUpperCase());
  assert.deepEqual(
    legend.map((e) => [e.label, e.count]),
    [
      ['X', 2],
      ['Y', 1],
    ],
  );
});

test('clusters get more colours than folders and kinds, all distinct', () => {
  assert.equal(basePalette('cluster').length, TOP_N_CLUSTERS);
  assert.equal(basePalette('kind'), BASE_PALETTE);
  assert.equal(new Set(basePalette('cluster')).size, TOP_N_CLUSTERS);
  assert.ok(!BASE_PALETTE.includes('#9498a0'), 'the grey is kept for "other"');
});

// Lightness is checked with a point or two of slack: formatHex clamps out-of-gamut colours.
test('palettes keep contrast with light and dark backgrounds', () => {
  for (const base of [BASE_PALETTE, basePalette('cluster')]) {
    for (const c of adaptPalette(base, 'light')) assert.ok(hcl(c).l <= 64, `${c} too pale on white`);
    for (const c of adaptPalette(base, 'dark')) assert.ok(hcl(c).l >= 56, `${c} too dark on black`);
    for (const c of adaptPalette(base, 'high-contrast')) assert.ok(hcl(c).l >= 67);
  }
});

test('regions are coloured by the colour the host kept for them, not by size or id; points in no region are "other"', () => {
  // Region 3 is now the largest, region 0 small; region 1 kept colour 7 from the last layout (its id changed).
  const region = (id: number, colour?: number): Cluster => ({ id, label: `r${id}`, size: 1, x: 0, y: 0, level: 0, parent: -1, ...(colour === undefined ? {} : { colour }) });
  const clusters = [region(0, 0), region(1, 7), region(2, 2), region(3)];
  const model = new MapModel();
  model.setMap({ root: '/w', model: { id: 'builtin', dimensions: 2 }, symbols: [], clusters, regions: clusters });
  const keys = ['3', '3', '3', '3', '0', '1', '1', '2', '-1', '-1', '-1', '-1', '-1'];
  const { slots, legend } = assignColours(keys, (k) => `r${k}`, TOP_N_CLUSTERS, (k) => model.clusterColour(Number(k)));
  const other = TOP_N_CLUSTERS;
  assert.deepEqual(Array.from(slots), [3, 3, 3, 3, 0, 7, 7, 2, other, other, other, other, other], 'a map saved before colours were kept colours by id (region 3)');
  assert.deepEqual(
    legend.map((e) => [e.label, e.slot, e.count]),
    [
      ['r3', 3, 4],
      ['r1', 7, 2],
      ['r0', 0, 1],
      ['r2', 2, 1],
      ['other', other, 5],
    ],
  );
});
