// Regions carried over from the previous map when little changed.
//
// Clustering a refined layout afresh (index.ts) and matching the result with
// the previous regions (follow.ts) keeps the regions that come out the same,
// but the top level's cut is chosen where the tree's merge costs jump, and a
// map where one file was added can jump elsewhere: measured on this
// repository's src/ (813 symbols), one added file turned 15 top-level regions
// into 13 and renamed 7 of them, while the points moved 1 % of the map's width.
// A user sees the same map with different names. So when nearly every symbol
// is still there, the previous regions are kept as they were: each symbol
// stays in its region, a new symbol joins the region most of its nearest
// neighbours on the map are in, and only sizes are updated. A name stays on
// the member nearest where it was: finding each region's densest part anew
// could move a name to the other lobe of a two-lobed region after one point
// was added.
// Regions are computed afresh (then followed) once enough has changed, and on
// a new layout.
import type { Cluster } from '../types';
import { knn2d } from './knn2d';
import { nearestMember } from './label';
import type { ClusterResult } from './index';
import type { PreviousRegions } from './follow';

/** Regions are carried over while at least this share of the symbols, of the new map and of the old, are the same. */
export const CARRY_MIN_SHARE = 0.9;
/** Neighbours on the map a new symbol's region is voted from. */
const VOTERS = 8;
/** Rounds of voting: a new symbol among new ones waits for its neighbours' votes. */
const ROUNDS = 3;

/**
 * The previous regions for the map of `ids` at `xy`, or undefined when too
 * much changed for them to describe it (then cluster afresh and follow).
 */
export function carryRegions(ids: readonly string[], xy: ArrayLike<number>, previous: PreviousRegions): ClusterResult | undefined {
  const n = ids.length;
  const old = previous.regions;
  if (n === 0 || old.length === 0) return undefined;
  const oldIndex = new Map<string, number>();
  previous.ids.forEach((id, i) => oldIndex.set(id, i));
  // -2: a symbol the previous map did not have (its region is voted below); -1: in no region.
  const leaf = new Int32Array(n).fill(-2);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const j = oldIndex.get(ids[i]!);
    if (j === undefined) continue;
    const r = previous.leaf[j]!;
    leaf[i] = r >= 0 && r < old.length ? r : -1;
    kept++;
  }
  if (kept < CARRY_MIN_SHARE * n || kept < CARRY_MIN_SHARE * previous.ids.length) return undefined;

  if (kept < n) {
    const k = Math.min(VOTERS, n - 1);
    const near = knn2d(xy, n, k);
    for (let round = 0; round < ROUNDS; round++) {
      let waiting = 0;
      const votes = new Map<number, number>();
      const decided: [number, number][] = [];
      for (let i = 0; i < n; i++) {
        if (leaf[i] !== -2) continue;
        votes.clear();
        let best = -1;
        let bestVotes = 0;
        for (let c = 0; c < k; c++) {
          const j = near[i * k + c]!;
          const r = j < 0 ? -2 : leaf[j]!;
          if (r < 0) continue;
          const v = (votes.get(r) ?? 0) + 1;
          votes.set(r, v);
          // Nearest first, so a tie goes to the region of the nearer neighbour.
          if (v > bestVotes) {
            bestVotes = v;
            best = r;
          }
        }
        if (best >= 0) decided.push([i, best]);
        else waiting++;
      }
      for (const [i, r] of decided) leaf[i] = r;
      if (waiting === 0) break;
    }
    for (let i = 0; i < n; i++) if (leaf[i] === -2) leaf[i] = -1;
  }

  // Members of every region (a point belongs to its finest region and all its ancestors).
  const members: number[][] = old.map(() => []);
  for (let i = 0; i < n; i++) for (let r = leaf[i]!; r >= 0; r = old[r]!.parent) members[r]!.push(i);
  // Regions left empty go; the rest keep their order (top level first, parents before children) with ids renumbered.
  const newId = new Int32Array(old.length).fill(-1);
  let next = 0;
  old.forEach((_, r) => {
    if (members[r]!.length > 0) newId[r] = next++;
  });
  const regions: Cluster[] = [];
  old.forEach((region, r) => {
    if (newId[r]! < 0) return;
    const anchor = nearestMember(members[r]!, xy, region.x, region.y);
    regions.push({
      ...region,
      id: newId[r]!,
      parent: region.parent >= 0 ? newId[region.parent]! : -1,
      size: members[r]!.length,
      x: xy[2 * anchor]!,
      y: xy[2 * anchor + 1]!,
      ...(region.level === 0 ? { colour: region.colour ?? region.id } : {}),
    });
  });
  const finest = leaf.map((r) => (r >= 0 ? newId[r]! : -1));
  const topOf = (r: number): number => {
    while (r >= 0 && regions[r]!.parent >= 0) r = regions[r]!.parent;
    return r;
  };
  return {
    assignment: finest.map(topOf),
    clusters: regions.filter((r) => r.level === 0),
    regions,
    leaf: finest,
  };
}
