// How well a map keeps neighbourhoods: the share of each point's k nearest
// neighbours in the embedding space that are also among its k nearest on the
// map. Used by the benchmark (stock umap-js against ours) and by tests.
import { exactNeighboursOf, normalizeRows } from './knn';
import { seededRandom, randomInt } from './random';

/** The exact embedding-space neighbours of a fixed sample of points: computed once, compared with any number of maps. */
export interface PreservationReference {
  readonly n: number;
  readonly k: number;
  readonly queries: readonly number[];
  /** queries.length × k neighbour indices (cosine). */
  readonly neighbours: Int32Array;
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
  return { n, k: kk, queries, neighbours: exactNeighboursOf(normalizeRows(vectors, n, dims), n, dims, kk, queries) };
}

/** Share of the reference neighbours found among the k nearest on the map `xy` (n × 2). */
export function neighbourPreservation(reference: PreservationReference, xy: ArrayLike<number>): number {
  const { n, k, queries, neighbours } = reference;
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
    const low = new Set(best);
    for (let s = 0; s < k; s++) if (low.has(neighbours[qi * k + s])) kept++;
  });
  return kept / (queries.length * k);
}
