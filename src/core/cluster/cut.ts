// Cutting the Ward tree (ward.ts) into levels of regions.
//
// A node is split top-down, most expensive merge first, and each split that
// adds a region of worthwhile size is recorded with its merge cost. The
// number of regions kept is where that cost drops most from one split to the
// next (the tree's largest relative gap), looked for near a size-dependent
// number: a map of 600 symbols reads well with about a dozen regions, one of
// 100k with a few dozen, so that the labels at Fit can be read. A much larger
// gap below that range wins: a map of three distant islands has three regions.
import { MAX_TOP_REGIONS } from '../../shared/types';
import type { Dendrogram } from './ward';

/** Top level: about √n / 2 regions, at least this many once the map has MIN_POINTS_FOR_FULL_TOP points… */
export const MIN_TOP_REGIONS = 6;
// …and never more than MAX_TOP_REGIONS (src/shared): more regions cannot be told apart by colour at Fit.
const MIN_POINTS_FOR_FULL_TOP = 100;
/** Finer levels split a region into at most this many. */
const MAX_CHILD_REGIONS = 12;
/** A region smaller than this is not split further. */
const MIN_SPLIT_POINTS = 24;
/** Levels of regions, the top one included. */
export const MAX_LEVELS = 3;
/** A region must hold at least this share of an even share (size / k) to count; smaller pieces stay in their parent. */
const MIN_SHARE_OF_EVEN = 0.2;
const MIN_REGION_POINTS = 5;
/** A gap below the preferred range wins when it is at least STRONG_GAP and STRONG_GAP_OVER_RANGE times any inside the range (distant islands, not one blob's parts). */
const STRONG_GAP = 10;
const STRONG_GAP_OVER_RANGE = 3;

export interface CutRegion {
  /** Dendrogram node the region is. */
  readonly node: number;
  readonly level: number;
  /** Index into the list of the enclosing region, -1 at the top level. */
  readonly parent: number;
}

/** Regions at every level, the top level first, then each finer level in order. */
export function cutLevels(tree: Dendrogram, n: number): CutRegion[] {
  const regions: CutRegion[] = [];
  for (const node of splitNode(tree, tree.root, topRange(n))) regions.push({ node, level: 0, parent: -1 });
  let from = 0;
  for (let level = 1; level < MAX_LEVELS; level++) {
    const to = regions.length;
    for (let r = from; r < to; r++) {
      const size = tree.size[regions[r]!.node]!;
      if (size < MIN_SPLIT_POINTS) continue;
      const children = splitNode(tree, regions[r]!.node, childRange(size));
      if (children.length < 2) continue;
      for (const node of children) regions.push({ node, level, parent: r });
    }
    from = to;
  }
  return regions;
}

interface Range {
  readonly min: number;
  readonly max: number;
  readonly preferred: number;
  readonly minSize: number;
}

function topRange(n: number): Range {
  const preferred = clamp(Math.round(Math.sqrt(n) / 2), n >= MIN_POINTS_FOR_FULL_TOP ? MIN_TOP_REGIONS : 2, MAX_TOP_REGIONS);
  const floor = n >= MIN_POINTS_FOR_FULL_TOP ? MIN_TOP_REGIONS : 1;
  return {
    min: Math.max(floor, Math.round(preferred * 0.7)),
    max: Math.min(MAX_TOP_REGIONS, Math.max(floor, Math.round(preferred * 1.4))),
    preferred,
    minSize: Math.max(MIN_REGION_POINTS, Math.round((MIN_SHARE_OF_EVEN * n) / preferred)),
  };
}

function childRange(size: number): Range {
  const preferred = clamp(Math.round(Math.sqrt(size) / 2), 2, MAX_CHILD_REGIONS);
  return {
    min: 2,
    max: Math.min(MAX_CHILD_REGIONS, Math.round(preferred * 1.5)),
    preferred,
    minSize: Math.max(MIN_REGION_POINTS, Math.round((MIN_SHARE_OF_EVEN * size) / preferred)),
  };
}

/**
 * The worthwhile pieces of `root` at the chosen number of regions (their
 * dendrogram nodes, largest first). Pieces below the size floor are left
 * out: their points stay in the enclosing region without a finer one.
 */
function splitNode(tree: Dendrogram, root: number, range: Range): number[] {
  const { leaves, left, right, height, size } = tree;
  const isMerge = (node: number) => node >= leaves;
  const cost = (node: number) => (isMerge(node) ? height[node - leaves]! : -1);
  // Replay log: which node was split at each step, and how many worthwhile regions there were after it.
  const splits: number[] = [];
  const countAfter: number[] = [];
  const costOf: number[] = [];
  const frontier = new MaxHeap();
  let worthwhile = size[root]! >= range.minSize ? 1 : 0;
  if (isMerge(root)) frontier.push(cost(root), root);
  while (frontier.size > 0 && worthwhile < range.max) {
    const node = frontier.pop();
    if (size[node]! < range.minSize * 2 && worthwhile >= 1) {
      // Cannot yield two worthwhile pieces; splitting it would only shed outliers.
      continue;
    }
    const a = left[node - leaves]!;
    const b = right[node - leaves]!;
    const was = size[node]! >= range.minSize ? 1 : 0;
    worthwhile += (size[a]! >= range.minSize ? 1 : 0) + (size[b]! >= range.minSize ? 1 : 0) - was;
    splits.push(node);
    countAfter.push(worthwhile);
    costOf.push(cost(node));
    if (isMerge(a)) frontier.push(cost(a), a);
    if (isMerge(b)) frontier.push(cost(b), b);
  }
  // h[k]: cost of the split that first reached k worthwhile regions.
  const firstReach = new Map<number, number>();
  countAfter.forEach((k, step) => {
    if (!firstReach.has(k)) firstReach.set(k, step);
  });
  const reachable = [...firstReach.keys()].sort((x, y) => x - y);
  if (reachable.length === 0) return [root];
  const gapAt = (k: number): number => {
    // How much cheaper the next split is than the one that made k: large when k is a natural count.
    const here = costOf[firstReach.get(k)!]!;
    const nextK = reachable.find((x) => x > k);
    const after = nextK === undefined ? 0 : costOf[firstReach.get(nextK)!]!;
    return after > 0 ? here / after : nextK === undefined ? 1 : Infinity;
  };
  let chosen = -1;
  let bestGap = -Infinity;
  for (const k of reachable) {
    if (k < range.min || k > range.max) continue;
    // Ties and near-ties go to the count nearer the preferred one.
    const g = gapAt(k) / (1 + 0.02 * Math.abs(k - range.preferred));
    if (g > bestGap) {
      bestGap = g;
      chosen = k;
    }
  }
  for (const k of reachable) {
    if (k >= range.min || k < 2) continue;
    const g = gapAt(k);
    if (g >= STRONG_GAP && (chosen < 0 || g > STRONG_GAP_OVER_RANGE * gapAt(chosen))) {
      chosen = k;
      bestGap = g;
    }
  }
  if (chosen < 0) chosen = reachable[reachable.length - 1]!;
  // Replay the splits up to the one that first reached the chosen count.
  const cut = new Set<number>([root]);
  const last = firstReach.get(chosen)!;
  for (let step = 0; step <= last; step++) {
    const node = splits[step]!;
    cut.delete(node);
    cut.add(left[node - leaves]!);
    cut.add(right[node - leaves]!);
  }
  return [...cut].filter((node) => size[node]! >= range.minSize).sort((x, y) => size[y]! - size[x]! || x - y);
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}

/** A max-heap of nodes by cost, ties by the larger node id (the later merge) first. */
class MaxHeap {
  private items: { cost: number; node: number }[] = [];

  get size(): number {
    return this.items.length;
  }

  push(cost: number, node: number): void {
    const items = this.items;
    items.push({ cost, node });
    let i = items.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.above(items[i]!, items[p]!)) break;
      [items[i], items[p]] = [items[p]!, items[i]!];
      i = p;
    }
  }

  pop(): number {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.above(items[l]!, items[m]!)) m = l;
        if (r < items.length && this.above(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top.node;
  }

  private above(a: { cost: number; node: number }, b: { cost: number; node: number }): boolean {
    return a.cost > b.cost || (a.cost === b.cost && a.node > b.node);
  }
}
