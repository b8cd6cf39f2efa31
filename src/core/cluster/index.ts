// Regions of the map at every scale, each named in the code's own words.
//
// Three steps, each in its own file:
// - ward.ts builds a tree over the map positions (Ward agglomeration between
//   neighbours on the map), so regions are compact and in one piece;
// - cut.ts cuts it into a top level of about 6-30 regions and finer levels
//   inside each, where the tree's merge costs show a natural gap;
// - label.ts names each region by the terms that set it apart from its
//   siblings and anchors the name in the region's densest part.
// Points far from every other (an island of one or two) belong to no region.
// Deterministic: the same map gives the same regions. Well under a second of
// CPU at 100k points (bench: `npm run bench`, "regions" row).
import type { Cluster } from '../types';
import { cutLevels, MAX_LEVELS } from './cut';
import { knn2d } from './knn2d';
import { labelRegions } from './label';
import { makeLeaves, wardTree, type Leaves } from './ward';
import { packWords, type WordLists } from './words';

export { followRegions, FOLLOW_MIN_JACCARD, type PreviousRegions } from './follow';
export { carryRegions, CARRY_MIN_SHARE } from './carry';

export interface ClusterInput {
  /** n × 2 map positions. */
  readonly xy: Float32Array;
  readonly n: number;
  /** Identifier words per symbol, in name order: as numbers (words.ts, what the projection worker gets), or plain lists. */
  readonly words: WordLists | readonly (readonly string[])[];
  /** With plain lists: the words of what each symbol is defined in (its container, its file and folder), a weaker source of names. */
  readonly context?: readonly (readonly string[])[];
}

export interface ClusterResult {
  /** Top-level region per point, -1 for none. */
  readonly assignment: Int32Array;
  /** The top level, ids 0..clusters.length-1 in order: largest first, unless followRegions gave regions their previous ids. */
  readonly clusters: Cluster[];
  /** Every level: the top level first (same ids as `clusters`), then each finer level; id = index. */
  readonly regions: Cluster[];
  /** The finest region of each point, -1 for none. */
  readonly leaf: Int32Array;
}

/** Below this many points the map is one region: there is nothing to divide. */
const MIN_POINTS = 12;
/** A point whose 4th-nearest neighbour is this many times farther than usual is an outlier (a stray island). */
const OUTLIER_FACTOR = 8;
const OUTLIER_NEIGHBOUR = 4;
/** …and holds at most this many points: a dense clump far out is a region, not noise. */
const OUTLIER_MAX_POINTS = 3;

export function clusterMap(input: ClusterInput): ClusterResult {
  const { xy, n } = input;
  const words = 'nameOf' in input.words ? input.words : packWords(input.words, input.context);
  if (n === 0) return { assignment: new Int32Array(0), clusters: [], regions: [], leaf: new Int32Array(0) };
  if (n < MIN_POINTS) {
    const labelled = labelRegions([{ level: 0, parent: -1, members: Array.from({ length: n }, (_, i) => i) }], words, xy, n);
    const only = region(0, 0, -1, labelled[0]!.label, n, labelled[0]!.anchor, xy);
    return { assignment: new Int32Array(n), clusters: [only], regions: [only], leaf: new Int32Array(n) };
  }
  const leaves = makeLeaves(xy, n);
  const outlier = outliers(leaves);
  const tree = wardTree(leaves);
  const cut = cutLevels(tree, n);

  // Which region each dendrogram leaf falls in, level by level.
  const leafRegion = Array.from({ length: MAX_LEVELS }, () => new Int32Array(tree.leaves).fill(-1));
  cut.forEach((r, id) => {
    const stack = [r.node];
    const marks = leafRegion[r.level]!;
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node < tree.leaves) marks[node] = id;
      else stack.push(tree.left[node - tree.leaves]!, tree.right[node - tree.leaves]!);
    }
  });
  const assignment = new Int32Array(n).fill(-1);
  const leaf = new Int32Array(n).fill(-1);
  const members: number[][] = cut.map(() => []);
  for (let i = 0; i < n; i++) {
    const l = tree.leafOf[i]!;
    if (outlier[l]) continue;
    const top = leafRegion[0]![l]!;
    if (top < 0) continue;
    assignment[i] = top;
    let finest = top;
    members[top]!.push(i);
    for (let level = 1; level < MAX_LEVELS; level++) {
      const r = leafRegion[level]![l]!;
      // A finer region only inside the coarser one the point is in (pieces too small to count leave a gap).
      if (r < 0 || cut[r]!.parent !== finest) break;
      members[r]!.push(i);
      finest = r;
    }
    leaf[i] = finest;
  }
  const labelled = labelRegions(
    cut.map((r, id) => ({ level: r.level, parent: r.parent, members: members[id]! })),
    words,
    xy,
    n,
  );
  const regions = cut.map((r, id) => region(id, r.level, r.parent, labelled[id]!.label, members[id]!.length, labelled[id]!.anchor, xy));
  return { assignment, clusters: regions.filter((r) => r.level === 0), regions, leaf };
}

function region(id: number, level: number, parent: number, label: string, size: number, anchor: number, xy: ArrayLike<number>): Cluster {
  const at = { id, label, size, x: anchor >= 0 ? xy[anchor * 2]! : 0, y: anchor >= 0 ? xy[anchor * 2 + 1]! : 0, level, parent };
  // A fresh map colours its top level by id; followRegions keeps colours across layouts.
  return level === 0 ? { ...at, colour: id } : at;
}

/**
 * Stray leaves (a point, or a grid cell of a few points): far from their few
 * nearest neighbours compared with the map's usual spacing.
 */
function outliers({ leaves: n, cx, cy, weight }: Leaves): Uint8Array {
  const flags = new Uint8Array(n);
  if (n < 2) return flags;
  const xy = new Float64Array(2 * n);
  for (let l = 0; l < n; l++) {
    xy[2 * l] = cx[l]!;
    xy[2 * l + 1] = cy[l]!;
  }
  const k = Math.min(OUTLIER_NEIGHBOUR, n - 1);
  const nn = knn2d(xy, n, k);
  const far = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = nn[i * k + k - 1]!;
    far[i] = j < 0 ? 0 : Math.hypot(xy[2 * j]! - xy[2 * i]!, xy[2 * j + 1]! - xy[2 * i + 1]!);
  }
  const sorted = Float64Array.from(far).sort();
  const median = sorted[Math.floor(n / 2)]!;
  if (median <= 0) return flags;
  for (let i = 0; i < n; i++) if (far[i]! > OUTLIER_FACTOR * median && weight[i]! <= OUTLIER_MAX_POINTS) flags[i] = 1;
  return flags;
}
