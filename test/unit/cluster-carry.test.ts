import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { carryRegions, clusterMap, type PreviousRegions } from '../../src/core/cluster';
import type { Cluster } from '../../src/core/types';

/** Points on a ring of clumps far apart, `per` points each (or as many as `sizes` says), with a little seeded jitter. */
function clumps(count: number, per: number, sizes: number[] = [], seed = 1): { xy: number[]; ids: string[]; words: string[][] } {
  let s = seed;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647) - 0.5;
  const xy: number[] = [];
  const ids: string[] = [];
  const words: string[][] = [];
  const topics = ['parse', 'render', 'cache', 'network', 'colour', 'layout', 'search', 'words', 'timer'];
  for (let c = 0; c < count; c++) {
    for (let p = 0; p < (sizes[c] ?? per); p++) {
      xy.push(10 * Math.cos((2 * Math.PI * c) / count) + rand(), 10 * Math.sin((2 * Math.PI * c) / count) + rand());
      ids.push(`${topics[c]}${p}`);
      words.push([topics[c]!, `part${p % 3}`]);
    }
  }
  return { xy, ids, words };
}

function previousOf(ids: string[], xy: number[], words: string[][]): PreviousRegions {
  const result = clusterMap({ xy: Float32Array.from(xy), n: ids.length, words });
  return { ids, assignment: result.assignment, regions: result.regions, leaf: result.leaf };
}

const topLevel = (regions: readonly Cluster[]) => regions.filter((r) => r.level === 0).map((r) => [r.id, r.label, r.colour]);

describe('regions carried over from the previous map', () => {
  it('keeps every region, name and colour when one symbol is added, and puts the new symbol in the region of its neighbours', () => {
    const { xy, ids, words } = clumps(8, 20);
    const previous = previousOf(ids, xy, words);
    assert.ok(previous.regions.filter((r) => r.level === 0).length >= 6, 'the first map has regions to keep');
    // The points moved a little, and a new symbol sits inside the "cache" clump (the third).
    const moved = xy.map((v, i) => v + 0.05 * Math.sin(i));
    const cacheAt = ids.indexOf('cache0');
    const carried = carryRegions([...ids, 'cacheNew'], [...moved, moved[2 * cacheAt]! + 0.1, moved[2 * cacheAt + 1]!], previous)!;
    assert.ok(carried, 'carried over');
    assert.deepEqual(topLevel(carried.regions), topLevel(previous.regions));
    const n = ids.length;
    assert.equal(carried.assignment[n], carried.assignment[cacheAt], 'the new symbol joins the region of its neighbours');
    assert.deepEqual(Array.from(carried.assignment.subarray(0, n)), Array.from(previous.assignment), 'every other symbol stays in its region');
    const grown = carried.clusters.find((c) => c.id === carried.assignment[n])!;
    const before = previous.regions.find((c) => c.id === grown.id)!;
    assert.equal(grown.size, before.size + 1, 'its size counts the new symbol');
  });

  it('keeps each name where it was, even in a region of two equal lobes where a point was added to the other lobe', () => {
    // One region of two clumps of 12 a little apart (Ward keeps them together among far-off clumps), and more regions around.
    const { xy, ids, words } = clumps(8, 24);
    const first = ids.indexOf('cache0');
    for (let p = 12; p < 24; p++) {
      xy[2 * (first + p)] = xy[2 * (first + p)]! + 1.6;
    }
    const previous = previousOf(ids, xy, words);
    const cacheRegion = previous.regions.find((r) => r.level === 0 && r.id === previous.assignment[first])!;
    // The name sits on one lobe; two new symbols join the other, which is now the denser.
    const onFirstLobe = Math.abs(cacheRegion.x - xy[2 * first]!) < 0.8;
    const other = first + (onFirstLobe ? 12 : 0);
    const added = [xy[2 * other]! + 0.01, xy[2 * other + 1]!, xy[2 * other]! - 0.01, xy[2 * other + 1]!];
    const carried = carryRegions([...ids, 'cacheNew1', 'cacheNew2'], [...xy, ...added], previous)!;
    assert.ok(carried, 'carried over');
    for (const region of carried.regions) {
      const before = previous.regions.find((r) => r.label === region.label && r.level === region.level)!;
      assert.ok(Math.hypot(region.x - before.x, region.y - before.y) < 1e-5, `"${region.label}" stays where it was: (${before.x}, ${before.y}) → (${region.x}, ${region.y})`);
    }
  });

  it('drops a region whose symbols all went, renumbering the rest and keeping their colours and names', () => {
    const { xy, ids, words } = clumps(9, 20, [20, 20, 20, 20, 20, 20, 20, 20, 12]);
    const previous = previousOf(ids, xy, words);
    // The smallest top-level region's symbols are gone (a few per cent of the map).
    const tops = previous.regions.filter((r) => r.level === 0);
    const gone = [...tops].sort((a, b) => a.size - b.size)[0]!;
    const keep = ids.map((_, i) => previous.assignment[i] !== gone.id);
    assert.ok(keep.filter(Boolean).length >= 0.9 * ids.length, 'few enough removed to carry over');
    const carried = carryRegions(ids.filter((_, i) => keep[i]), xy.filter((_, j) => keep[j >> 1]), previous)!;
    assert.deepEqual(
      carried.clusters.map((c) => [c.label, c.colour]),
      tops.filter((t) => t !== gone).map((t) => [t.label, t.colour]),
    );
    assert.deepEqual(carried.regions.map((c) => c.id), carried.regions.map((_, i) => i), 'ids at every level are 0..n-1 again');
    assert.ok(carried.regions.length < previous.regions.length, 'the gone region (and any finer one in it) is dropped');
    for (const r of carried.regions) assert.ok(r.parent < 0 || carried.regions[r.parent]!.level === r.level - 1, 'parents point at the level above');
  });

  it('gives up when more than a tenth of the symbols are new, so the map is clustered afresh', () => {
    const { xy, ids, words } = clumps(8, 20);
    const previous = previousOf(ids, xy, words);
    const renamed = ids.map((id, i) => (i % 8 === 0 ? `${id}-new` : id));
    assert.equal(carryRegions(renamed, xy, previous), undefined);
  });
});
