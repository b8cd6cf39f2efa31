// How well a map keeps neighbourhoods: the share of each point's k nearest
// neighbours in the embedding space that are also among its k nearest on the
// map. Used by the benchmark (stock umap-js against ours) and by tests.
//
// Ties: real code has many symbols with the same embedding text, so a point
// often has more than k neighbours at exactly its k-th distance (often 0), and
// "its k nearest" is then any k of them. A map neighbour counts as kept when
// its embedding distance is within the k-th nearest distance, so no layout
// wins or loses by the order in which tied points happen to be listed.
import { dot, exactNeighboursOf, normalizeRows } from './knn';
import { seededRandom, randomInt } from './random';

/** The exact embedding-space neighbours of a fixed sample of points: computed once, compared with any number of maps. */
export interface PreservationReference {
  readonly n: number;
  readonly k: number;
  readonly queries: readonly number[];
  /** queries.length × k neighbour indices (cosine). */
  readonly neighbours: Int32Array;
  /** Per query, its k-th nearest cosine distance. */
  readonly kthDistance: Float64Array;
  readonly unit: Float32Array;
  readonly dims: number;
}

/**
 * Exact k nearest neighbours (cosine) of up to `sample` points drawn with a
 * fixed seed. Exact neighbours of every point would cost n² × dims; 2,000
 * points give the share to about ±1 %.
 */
export function preservationReference(vectors: Float32Array, n: number, dims: number, k = 10, sample = 2000): PreservationReference {
  const kk = Math.max(0, Math.min(k, n - 1));
  const random = seededRandom(7);
  const queries: number[] = [];
  if (n <= sample) for (let i = 0; i < n; i++) queries.push(i);
  else {
    const chosen = new Set<number>();
    while (chosen.size < sample) chosen.add(randomInt(random, n));
    queries.push(...[...chosen].sort((a, b) => a - b));
  }
  const unit = normalizeRows(vectors, n, dims);
  const neighbours = exactNeighboursOf(unit, n, dims, kk, queries);
  const kthDistance = new Float64Array(queries.length);
  queries.forEach((i, qi) => {
    const last = neighbours[qi * kk + kk - 1];
    kthDistance[qi] = kk > 0 && last >= 0 ? 1 - dot(unit, i * dims, last * dims, dims) : Infinity;
  });
  return { n, k: kk, queries, neighbours, kthDistance, unit, dims };
}

/** Share of the reference neighbours found among the k nearest on the map `xy` (n × 2). */
export function neighbourPreservation(reference: PreservationReference, xy: ArrayLike<number>): number {
  const { n, k, queries, kthDistance, unit, dims } = reference;
  if (k === 0 || queries.length === 0) return 1;
  let kept = 0;
  const bestKey = new Float64Array(k);
  const best = new Int32Array(k);
  queries.forEach((i, qi) => {
    const x = xy[i * 2];
    const y = xy[i * 2 + 1];
    bestKey.fill(Infinity);
    best.fill(-1);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const dx = xy[j * 2] - x;
      const dy = xy[j * 2 + 1] - y;
      const key = dx * dx + dy * dy;
      if (key >= bestKey[k - 1]) continue;
      let pos = k - 1;
      while (pos > 0 && bestKey[pos - 1] > key) {
        bestKey[pos] = bestKey[pos - 1];
        best[pos] = best[pos - 1];
        pos--;
      }
      bestKey[pos] = key;
      best[pos] = j;
    }
    // Float32 dot products round differently in another order: a hair of slack.
    const within = kthDistance[qi] + 1e-6;
    for (let s = 0; s < k; s++) if (best[s] >= 0 && 1 - dot(unit, i * dims, best[s] * dims, dims) <= within) kept++;
  });
  return kept / (queries.length * k);
}
