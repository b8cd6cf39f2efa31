// A quick first map of many points: UMAP on a sample, every other point
// placed among its nearest sampled points. It is shown while a slower model
// embeds and is refined into that model's map (layout.ts, LayoutPrior), so it
// must put regions where the finished map will have them, not be finished
// itself.
//
// Why hand-written: the search for each point's nearest sampled points is a
// few random-projection trees over the sample (the same splits knn.ts builds
// its forest with), each point routed down to one leaf per tree and compared
// with the sampled points there: a tenth of what the whole neighbour graph
// costs, and nothing on npm does this on typed arrays without a native build.
import { dot } from './knn';
import { computeLayout, SMALL_INPUT, type LayoutOptions } from './layout';
import { seededRandom, randomInt } from './random';

/**
 * Points laid out by UMAP in a preview; the rest are placed. 4,000 points lay
 * out in about a second of CPU and give every region of a 100k-symbol map
 * dozens of sampled points to settle around (measured: see PREVIEW_EPOCHS).
 */
export const PREVIEW_SAMPLE = 4000;
/** Sampled points a placed point is averaged from (placeAmongNeighbours uses as many). */
const PLACE_NEIGHBOURS = 5;
/** Trees over the sample; each gives a point one leaf of candidates. */
const PREVIEW_TREES = 3;
/** Sampled points per leaf. */
const PREVIEW_LEAF = 24;

/**
 * Map positions (n × 2, fitted like computeLayout's) for a first look: up to
 * PREVIEW_SAMPLE points as computeLayout lays them out, every other point at
 * the similarity-weighted mean of its nearest sampled points. Rows must be
 * unit length (embedders give them so).
 */
export function computePreview(vectors: Float32Array, n: number, dims: number, options: LayoutOptions = {}, sampleSize = PREVIEW_SAMPLE): Float32Array {
  if (n <= Math.max(sampleSize, SMALL_INPUT)) return computeLayout(vectors, n, dims, options);
  const seed = options.seed ?? 42;
  const random = seededRandom(seed ^ 0x27d4eb2f);
  const sample = sampleOf(n, sampleSize, random);
  const rows = new Float32Array(sample.length * dims);
  sample.forEach((i, s) => rows.set(vectors.subarray(i * dims, (i + 1) * dims), s * dims));
  const sampled = computeLayout(rows, sample.length, dims, { ...options, prior: undefined });

  const xy = new Float32Array(n * 2);
  const inSample = new Int32Array(n).fill(-1);
  sample.forEach((i, s) => {
    inSample[i] = s;
    xy[i * 2] = sampled[s * 2]!;
    xy[i * 2 + 1] = sampled[s * 2 + 1]!;
  });
  const trees = Array.from({ length: PREVIEW_TREES }, () => sampleTree(rows, sample.length, dims, random));
  const best = new Int32Array(PLACE_NEIGHBOURS);
  const scores = new Float64Array(PLACE_NEIGHBOURS);
  for (let i = 0; i < n; i++) {
    if (inSample[i] >= 0) continue;
    best.fill(-1);
    scores.fill(-Infinity);
    const at = i * dims;
    for (const tree of trees) {
      for (const s of leafOf(tree, vectors, at, dims)) {
        const score = dotAcross(vectors, at, rows, s * dims, dims);
        if (score <= scores[PLACE_NEIGHBOURS - 1]!) continue;
        let seen = false;
        for (let p = 0; p < PLACE_NEIGHBOURS; p++) if (best[p] === s) seen = true;
        if (seen) continue;
        let pos = PLACE_NEIGHBOURS - 1;
        while (pos > 0 && scores[pos - 1]! < score) {
          scores[pos] = scores[pos - 1]!;
          best[pos] = best[pos - 1]!;
          pos--;
        }
        scores[pos] = score;
        best[pos] = s;
      }
    }
    let wx = 0;
    let wy = 0;
    let w = 0;
    for (let p = 0; p < PLACE_NEIGHBOURS; p++) {
      const s = best[p]!;
      if (s < 0) continue;
      const weight = Math.max(scores[p]!, 0) + 1e-3;
      wx += weight * sampled[s * 2]!;
      wy += weight * sampled[s * 2 + 1]!;
      w += weight;
    }
    if (w > 0) {
      xy[i * 2] = wx / w;
      xy[i * 2 + 1] = wy / w;
    }
  }
  return xy;
}

/** `size` distinct indices of [0, n), in increasing order (a partial Fisher-Yates shuffle). */
function sampleOf(n: number, size: number, random: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let s = 0; s < size; s++) {
    const j = s + randomInt(random, n - s);
    const t = order[s]!;
    order[s] = order[j]!;
    order[j] = t;
  }
  return order.slice(0, size).sort();
}

/** A random-projection tree over sampled rows: inner nodes hold a hyperplane, leaves the sampled rows in them. */
interface SampleTree {
  /** Per node: index into `normals` (inner) or -1 (leaf). */
  readonly split: number[];
  readonly left: number[];
  readonly right: number[];
  readonly offset: number[];
  readonly normals: Float32Array[];
  readonly leaves: Int32Array[];
  /** Per node: index into `leaves` for a leaf. */
  readonly leaf: number[];
}

function sampleTree(rows: Float32Array, m: number, dims: number, random: () => number): SampleTree {
  const tree: SampleTree = { split: [], left: [], right: [], offset: [], normals: [], leaves: [], leaf: [] };
  const build = (members: Int32Array): number => {
    const node = tree.split.length;
    tree.split.push(-1);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.offset.push(0);
    tree.leaf.push(-1);
    if (members.length <= PREVIEW_LEAF) {
      tree.leaf[node] = tree.leaves.push(members) - 1;
      return node;
    }
    // The plane halfway between two random members, as knn.ts's forest splits.
    const ia = randomInt(random, members.length);
    let ib = randomInt(random, members.length - 1);
    if (ib >= ia) ib++;
    const a = members[ia]! * dims;
    const b = members[ib]! * dims;
    const normal = new Float32Array(dims);
    for (let d = 0; d < dims; d++) normal[d] = rows[a + d]! - rows[b + d]!;
    const offset = (dot(rows, a, a, dims) - dot(rows, b, b, dims)) / 2;
    const sides = members.map((i) => (dotAcross(rows, i * dims, normal, 0, dims) - offset < 0 ? 0 : 1));
    let lo = sides.filter((s) => s === 0).length;
    let leftMembers: Int32Array;
    let rightMembers: Int32Array;
    if (lo === 0 || lo === members.length) {
      // Identical rows cannot be split by any plane: cut the list in half, routing by the plane anyway.
      lo = members.length >> 1;
      leftMembers = members.slice(0, lo);
      rightMembers = members.slice(lo);
    } else {
      leftMembers = members.filter((_, p) => sides[p] === 0);
      rightMembers = members.filter((_, p) => sides[p] === 1);
    }
    tree.split[node] = tree.normals.push(normal) - 1;
    tree.offset[node] = offset;
    const left = build(leftMembers);
    const right = build(rightMembers);
    tree.left[node] = left;
    tree.right[node] = right;
    return node;
  };
  build(Int32Array.from({ length: m }, (_, i) => i));
  return tree;
}

/** The sampled rows in the leaf that row `at` of `x` falls in. */
function leafOf(tree: SampleTree, x: Float32Array, at: number, dims: number): Int32Array {
  let node = 0;
  while (tree.split[node]! >= 0) {
    const side = dotAcross(x, at, tree.normals[tree.split[node]!]!, 0, dims) - tree.offset[node]!;
    node = side < 0 ? tree.left[node]! : tree.right[node]!;
  }
  return tree.leaves[tree.leaf[node]!]!;
}

/** Dot product of `dims` values of `a` from `ai` and of `b` from `bi`. */
function dotAcross(a: Float32Array, ai: number, b: Float32Array, bi: number, dims: number): number {
  let s0 = 0;
  let s1 = 0;
  let d = 0;
  for (; d < dims - 1; d += 2) {
    s0 += a[ai + d]! * b[bi + d]!;
    s1 += a[ai + d + 1]! * b[bi + d + 1]!;
  }
  for (; d < dims; d++) s0 += a[ai + d]! * b[bi + d]!;
  return s0 + s1;
}
