import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hcl } from 'd3';
import {
  adaptPalette,
  assignColours,
  BASE_PALETTE,
  basePalette,
  clusterSlot,
  colourKey,
  folderAt,
  folderDepth,
  OTHER_KEY,
  TOP_N,
  TOP_N_CLUSTERS,
} from '../../webview/colour';

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

test('regions are coloured by id, so a region that kept its id keeps its colour when it grows past others; points in no region are "other"', () => {
  // Region 3 is now the largest, region 0 small: slots still follow the ids.
  const keys = ['3', '3', '3', '3', '0', '1', '1', '2', '-1', '-1', '-1', '-1', '-1'];
  const { slots, legend } = assignColours(keys, (k) => `r${k}`, TOP_N_CLUSTERS, clusterSlot);
  assert.deepEqual(Array.from(slots), [3, 3, 3, 3, 0, 1, 1, 2, TOP_N_CLUSTERS, TOP_N_CLUSTERS, TOP_N_CLUSTERS, TOP_N_CLUSTERS, TOP_N_CLUSTERS]);
  assert.deepEqual(
    legend.map((e) => [e.label, e.slot, e.count]),
    [
      ['r3', 3, 4],
      ['r1', 1, 2],
      ['r0', 0, 1],
      ['r2', 2, 1],
      ['other', TOP_N_CLUSTERS, 5],
    ],
  );
});
