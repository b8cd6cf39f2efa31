// k nearest neighbours of every point, on unit vectors (cosine similarity is a
// dot product), in typed arrays.
//
// Why hand-written: umap-js does the same search (random-projection trees, then
// nearest-neighbour descent) on number[][] with boxed heaps, which is most of
// its set-up time at 20k points; the approximate-neighbour packages on npm are
// native builds (hnswlib-node, faiss-node: a compiler at install time and a
// .node binary per platform inside a VS Code extension) or add a WASM heap
// copy of every vector. The algorithm is the standard one (Dong et al. 2011,
// "Efficient k-nearest neighbor graph construction"), seeded by RP trees as
// UMAP does; it is small and checked against the exact answer in the tests.
import { seededRandom, randomInt } from './random';

export interface NeighbourGraph {
  readonly k: number;
  /** n × k neighbour indices, nearest first, the point itself excluded; -1 where fewer exist. */
  readonly indices: Int32Array;
  /** n × k Euclidean distances between the unit vectors, matching `indices`. */
  readonly distances: Float32Array;
}

/** Below this many points every pair is compared: exact and still cheaper than building trees. */
const EXACT_LIMIT = 2500;
/** Leaf size of a random-projection tree: every pair inside a leaf is compared. 2k to 3k balances recall against cost (measured on code embeddings). */
const LEAF_FACTOR = 2;
/** Trees in the forest; with descent after them more trees add cost, not recall (measured). */
const TREES = 4;
/**
 * Most neighbours a point keeps at (float32 rounding of) distance 0: symbols
 * with the same embedding text, a third to a half of real packages. Without
 * a quota a group of 15 or more copies links only to itself, and UMAP throws
 * it far from the map as an island; with it every copy also links to its
 * nearest distinct vectors, and the group sits among them. 8 of 14 kept
 * 10-NN preservation highest on monaco-editor's symbols (4: lower, none:
 * islands).
 */
const COPY_QUOTA = 8;
const COPY_DISTANCE = 1e-6;
/** Descent stops when fewer than this share of neighbour slots changed in a round (pynndescent's default delta). */
const DESCENT_DELTA = 0.001;
const DESCENT_MAX_ROUNDS = 12;

/** Copies the rows of `x` scaled to unit length (zero rows stay zero). */
export function normalizeRows(x: Float32Array, n: number, dims: number): Float32Array {
  const out = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) {
    const base = i * dims;
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += x[base + d] * x[base + d];
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    for (let d = 0; d < dims; d++) out[base + d] = x[base + d] / norm;
  }
  return out;
}

export function dot(x: Float32Array, a: number, b: number, dims: number): number {
  // Four accumulators let V8 overlap the multiplies; measurably faster than one.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d = 0;
  const end = dims - 3;
  for (; d < end; d += 4) {
    s0 += x[a + d] * x[b + d];
    s1 += x[a + d + 1] * x[b + d + 1];
    s2 += x[a + d + 2] * x[b + d + 2];
    s3 += x[a + d + 3] * x[b + d + 3];
  }
  for (; d < dims; d++) s0 += x[a + d] * x[b + d];
  return s0 + s1 + s2 + s3;
}

/** Fixed-size sorted neighbour lists, one per point, with a "new" flag per slot for descent. */
class NeighbourLists {
  readonly indices: Int32Array;
  readonly keys: Float32Array;
  readonly fresh: Uint8Array;

  constructor(
    readonly n: number,
    readonly k: number,
  ) {
    this.indices = new Int32Array(n * k).fill(-1);
    this.keys = new Float32Array(n * k).fill(Infinity);
    this.fresh = new Uint8Array(n * k);
  }

  /** Offers `j` at distance `key` to point `i`'s list; true when the list changed. */
  push(i: number, j: number, distance: number): boolean {
    const { k, indices, keys, fresh } = this;
    // Compare as stored: a float64 key just under its own float32 rounding
    // would otherwise evict an equal neighbour, which then evicts it back, forever.
    const key = Math.fround(distance);
    const base = i * k;
    if (key >= keys[base + k - 1]) return false;
    // Copies sort first: a full quota of them leaves room for the nearest distinct vectors.
    if (key <= COPY_DISTANCE && k > COPY_QUOTA && keys[base + COPY_QUOTA - 1] <= COPY_DISTANCE) return false;
    for (let s = 0; s < k; s++) if (indices[base + s] === j) return false;
    let pos = base + k - 1;
    while (pos > base && keys[pos - 1] > key) {
      indices[pos] = indices[pos - 1];
      keys[pos] = keys[pos - 1];
      fresh[pos] = fresh[pos - 1];
      pos--;
    }
    indices[pos] = j;
    keys[pos] = key;
    fresh[pos] = 1;
    return true;
  }
}

/**
 * The k nearest neighbours of each row of `unit` (rows already unit length),
 * exact for small n, approximate (recall ≈ 0.95+ at 20k) above. `initial`
 * (a graph of the same points, e.g. found on cheaper reduced vectors) replaces
 * the random-projection forest as the descent's start.
 */
export function nearestNeighbours(unit: Float32Array, n: number, dims: number, k: number, seed: number, initial?: NeighbourGraph): NeighbourGraph {
  const kk = Math.max(0, Math.min(k, n - 1));
  const lists = new NeighbourLists(n, kk);
  if (kk > 0) {
    if (n <= EXACT_LIMIT) allPairs(unit, n, dims, lists);
    else {
      const random = seededRandom(seed ^ 0x5bd1e995);
      if (initial) {
        for (let i = 0; i < n; i++) {
          for (let s = 0; s < initial.k; s++) {
            const j = initial.indices[i * initial.k + s]!;
            if (j >= 0) lists.push(i, j, 1 - dot(unit, i * dims, j * dims, dims));
          }
        }
      } else for (let t = 0; t < TREES; t++) forestTree(unit, n, dims, lists, Math.max(16, LEAF_FACTOR * kk), random);
      descend(unit, n, dims, lists, random);
    }
  }
  const distances = new Float32Array(n * kk);
  // Cosine distance 1 - dot → Euclidean distance between unit vectors, the metric stock umap-js uses.
  for (let s = 0; s < n * kk; s++) distances[s] = lists.indices[s] < 0 ? Infinity : Math.sqrt(Math.max(0, 2 * lists.keys[s]));
  return { k: kk, indices: lists.indices, distances };
}

function allPairs(unit: Float32Array, n: number, dims: number, lists: NeighbourLists): void {
  for (let i = 0; i < n; i++) {
    const a = i * dims;
    for (let j = i + 1; j < n; j++) {
      const key = 1 - dot(unit, a, j * dims, dims);
      lists.push(i, j, key);
      lists.push(j, i, key);
    }
  }
}

/** One random-projection tree: split by the hyperplane between two random points until leaves are small, then compare within leaves. */
function forestTree(unit: Float32Array, n: number, dims: number, lists: NeighbourLists, leafSize: number, random: () => number): void {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const side = new Float32Array(n);
  const stack: number[] = [0, n];
  while (stack.length > 0) {
    const end = stack.pop()!;
    const start = stack.pop()!;
    const size = end - start;
    if (size <= leafSize) {
      for (let p = start; p < end; p++) {
        const i = order[p];
        for (let q = p + 1; q < end; q++) {
          const j = order[q];
          const key = 1 - dot(unit, i * dims, j * dims, dims);
          lists.push(i, j, key);
          lists.push(j, i, key);
        }
      }
      continue;
    }
    const ia = randomInt(random, size);
    let ib = randomInt(random, size - 1);
    if (ib >= ia) ib++;
    const a = order[start + ia] * dims;
    const b = order[start + ib] * dims;
    // The plane through the midpoint of a and b, normal a - b: sign of <x, a-b> - (|a|²-|b|²)/2.
    const offset = (dot(unit, a, a, dims) - dot(unit, b, b, dims)) / 2;
    let left = 0;
    for (let p = start; p < end; p++) {
      const base = order[p] * dims;
      const value = dot(unit, base, a, dims) - dot(unit, base, b, dims) - offset;
      side[p] = value;
      if (value < 0) left++;
    }
    let mid: number;
    if (left === 0 || left === size) {
      // Identical points cannot be split by any plane: cut the range in half.
      mid = start + (size >> 1);
    } else {
      // Partition in place: negatives first.
      let lo = start;
      let hi = end - 1;
      while (lo <= hi) {
        if (side[lo] < 0) lo++;
        else {
          const ti = order[lo];
          order[lo] = order[hi];
          order[hi] = ti;
          const ts = side[lo];
          side[lo] = side[hi];
          side[hi] = ts;
          hi--;
        }
      }
      mid = lo;
    }
    stack.push(start, mid, mid, end);
  }
}

/** Nearest-neighbour descent: a neighbour of a neighbour is likely a neighbour; compare them pairwise around each point. */
function descend(unit: Float32Array, n: number, dims: number, lists: NeighbourLists, random: () => number): void {
  const { k, indices, fresh } = lists;
  const cap = k;
  const newC = new Int32Array(n * cap);
  const oldC = new Int32Array(n * cap);
  const newCount = new Int32Array(n);
  const oldCount = new Int32Array(n);
  const newSeen = new Int32Array(n);
  const oldSeen = new Int32Array(n);

  // Reservoir sampling keeps each list to `cap` while every candidate has the same chance.
  const add = (c: Int32Array, count: Int32Array, seen: Int32Array, i: number, j: number) => {
    const base = i * cap;
    const cnt = count[i];
    for (let s = 0; s < cnt; s++) if (c[base + s] === j) return;
    const t = seen[i]++;
    if (cnt < cap) {
      c[base + cnt] = j;
      count[i] = cnt + 1;
    } else {
      const r = randomInt(random, t + 1);
      if (r < cap) c[base + r] = j;
    }
  };

  for (let round = 0; round < DESCENT_MAX_ROUNDS; round++) {
    newCount.fill(0);
    oldCount.fill(0);
    newSeen.fill(0);
    oldSeen.fill(0);
    for (let i = 0; i < n; i++) {
      for (let s = 0; s < k; s++) {
        const j = indices[i * k + s];
        if (j < 0) continue;
        if (fresh[i * k + s]) {
          add(newC, newCount, newSeen, i, j);
          add(newC, newCount, newSeen, j, i);
        } else {
          add(oldC, oldCount, oldSeen, i, j);
          add(oldC, oldCount, oldSeen, j, i);
        }
      }
    }
    // Slots whose point made it into the sample have now been explored.
    for (let i = 0; i < n; i++) {
      const base = i * cap;
      for (let s = 0; s < k; s++) {
        if (!fresh[i * k + s]) continue;
        const j = indices[i * k + s];
        for (let c = 0; c < newCount[i]; c++) {
          if (newC[base + c] === j) {
            fresh[i * k + s] = 0;
            break;
          }
        }
      }
    }
    let changes = 0;
    for (let i = 0; i < n; i++) {
      const nb = i * cap;
      const nn = newCount[i];
      const no = oldCount[i];
      for (let x = 0; x < nn; x++) {
        const p = newC[nb + x];
        const pa = p * dims;
        for (let y = x + 1; y < nn; y++) {
          const q = newC[nb + y];
          if (p === q) continue;
          const key = 1 - dot(unit, pa, q * dims, dims);
          if (lists.push(p, q, key)) changes++;
          if (lists.push(q, p, key)) changes++;
        }
        for (let y = 0; y < no; y++) {
          const q = oldC[nb + y];
          if (p === q) continue;
          const key = 1 - dot(unit, pa, q * dims, dims);
          if (lists.push(p, q, key)) changes++;
          if (lists.push(q, p, key)) changes++;
        }
      }
    }
    if (changes <= DESCENT_DELTA * n * k) break;
  }
}

/** Exact k nearest neighbours of the `queries` rows among all n (for measuring quality, not for layouts). */
export function exactNeighboursOf(unit: Float32Array, n: number, dims: number, k: number, queries: readonly number[]): Int32Array {
  const out = new Int32Array(queries.length * k).fill(-1);
  const keys = new Float64Array(k);
  queries.forEach((i, qi) => {
    keys.fill(Infinity);
    const base = qi * k;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const key = 1 - dot(unit, i * dims, j * dims, dims);
      if (key >= keys[k - 1]) continue;
      let pos = k - 1;
      while (pos > 0 && keys[pos - 1] > key) {
        keys[pos] = keys[pos - 1];
        out[base + pos] = out[base + pos - 1];
        pos--;
      }
      keys[pos] = key;
      out[base + pos] = j;
    }
  });
  return out;
}
