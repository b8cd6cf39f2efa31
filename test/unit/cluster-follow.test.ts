import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { followRegions, type ClusterResult, type PreviousRegions } from '../../src/core/cluster';
import type { Cluster } from '../../src/core/types';

/** A region at the origin (positions do not matter to the matching). */
function region(id: number, label: string, size: number, level = 0, parent = -1): Cluster {
  return { id, label, size, x: 0, y: 0, level, parent };
}

/** Regions of points `ids`, from the finest region of each point (-1 none); the top level is read through parents. */
function result(regions: Cluster[], leaf: number[]): ClusterResult {
  const topOf = (r: number): number => (r < 0 ? -1 : regions[r]!.parent < 0 ? r : topOf(regions[r]!.parent));
  return {
    assignment: Int32Array.from(leaf, topOf),
    clusters: regions.filter((r) => r.level === 0),
    regions,
    leaf: Int32Array.from(leaf),
  };
}

function previous(ids: string[], clusters: ClusterResult): PreviousRegions {
  return { ids, assignment: clusters.assignment, regions: clusters.regions, leaf: clusters.leaf };
}

const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe('regions that follow the previous map', () => {
  it('gives a region holding the same symbols its old id and name, even when it grew past another', () => {
    // Before: "parse" (6 points) is region 0, "render" (4) region 1.
    const oldIds = [...ids('p', 6), ...ids('r', 4)];
    const old = result([region(0, 'parse', 6), region(1, 'render', 4)], [0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    // After: render gained 4 symbols and is now the larger, so clustering numbered it 0 and named it anew.
    const newIds = [...ids('r', 4), ...ids('r-new', 4), ...ids('p', 6)];
    const next = result([region(0, 'draw', 8), region(1, 'tokens', 6)], [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    const followed = followRegions(next, newIds, previous(oldIds, old));
    // render: 4 shared of 8 ∪ 4 = Jaccard 0.5, enough; parse: all 6 shared.
    assert.deepEqual(
      followed.clusters.map((c) => [c.id, c.label, c.size]),
      [
        [0, 'parse', 6],
        [1, 'render', 8],
      ],
    );
    assert.deepEqual(Array.from(followed.assignment), [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(Array.from(followed.leaf), Array.from(followed.assignment));
  });

  it('lets a region that shares too little with any old one keep its new name and take a free id', () => {
    const oldIds = [...ids('a', 5), ...ids('b', 5)];
    const old = result([region(0, 'alpha', 5), region(1, 'beta', 5)], [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    // b's symbols were mostly replaced: 2 of 5 kept among 6 (Jaccard 2/9).
    const newIds = [...ids('c', 4), ...ids('b', 2), ...ids('a', 5)];
    const next = result([region(0, 'gamma', 6), region(1, 'apples', 5)], [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    const followed = followRegions(next, newIds, previous(oldIds, old));
    assert.deepEqual(
      followed.clusters.map((c) => [c.id, c.label]),
      [
        [0, 'alpha'],
        [1, 'gamma'],
      ],
    );
  });

  it('never gives two regions of a level one name: the one that would reuse a name taken anew keeps its new name', () => {
    const oldIds = [...ids('a', 5), ...ids('b', 5)];
    const old = result([region(0, 'files', 5), region(1, 'beta', 5)], [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    // a's region is kept; a new region (of new symbols) happens to be named "files" now.
    const newIds = [...ids('a', 5), ...ids('n', 5)];
    const next = result([region(0, 'reading', 5), region(1, 'files', 5)], [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    const followed = followRegions(next, newIds, previous(oldIds, old));
    const labels = followed.clusters.map((c) => c.label);
    assert.equal(new Set(labels).size, labels.length);
    assert.deepEqual(labels, ['reading', 'files']);
    assert.equal(followed.clusters[0]!.id, 0, 'the kept region keeps its id (and colour) even so');
  });

  it('keeps the names of finer regions that hold the same symbols, and their parents point at the renumbered top level', () => {
    const oldIds = [...ids('p', 6), ...ids('r', 8)];
    // Top: parse (0), render (1); render splits into shading (2) and meshes (3).
    const old = result(
      [region(0, 'render', 8), region(1, 'parse', 6), region(2, 'shading', 4, 1, 0), region(3, 'meshes', 4, 1, 0)],
      [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3],
    );
    const newIds = [...ids('p', 6), ...ids('r', 8)];
    // The same regions, numbered and named anew.
    const next = result(
      [region(0, 'text', 6), region(1, 'scene', 8), region(2, 'light', 4, 1, 1), region(3, 'geometry', 4, 1, 1)],
      [0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 3, 3, 3, 3],
    );
    const followed = followRegions(next, newIds, previous(oldIds, old));
    assert.deepEqual(
      followed.regions.map((c) => [c.id, c.label, c.level, c.parent]),
      [
        [0, 'render', 0, -1],
        [1, 'parse', 0, -1],
        [2, 'shading', 1, 0],
        [3, 'meshes', 1, 0],
      ],
    );
    assert.deepEqual(Array.from(followed.assignment), [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(Array.from(followed.leaf), [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
  });

  it('keeps the colour of a region whose old id the shrunk top level cannot hold, and gives a new region a colour no old region had', () => {
    // Before: four regions of 3 points, coloured as numbered (0-3).
    const names = ['alpha', 'beta', 'gamma', 'delta'];
    const oldIds = names.flatMap((name) => ids(name, 3));
    const old = result(
      names.map((name, i) => ({ ...region(i, name, 3), colour: i })),
      names.flatMap((_, i) => [i, i, i]),
    );
    // After: alpha, beta and gamma are gone; delta (old id and colour 3) is still there, and new code makes a second region.
    const newIds = [...ids('delta', 3), ...ids('fresh', 3)];
    const next = result([region(0, 'delta', 3), region(1, 'fresh', 3)], [0, 0, 0, 1, 1, 1]);
    const followed = followRegions(next, newIds, previous(oldIds, old));
    assert.deepEqual(
      followed.clusters.map((c) => [c.id, c.label, c.colour]),
      [
        [0, 'delta', 3],
        [1, 'fresh', 4],
      ],
      'delta keeps colour 3 (its id cannot be 3 with two regions); the new region does not take a colour alpha, beta or gamma had',
    );
  });

  it('leaves the regions as they are when there was no previous map', () => {
    const next = result([region(0, 'only', 3)], [0, 0, 0]);
    assert.equal(followRegions(next, ids('x', 3), { ids: [], assignment: [], regions: [], leaf: [] }), next);
  });
});
