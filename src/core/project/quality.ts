// How well a map keeps neighbourhoods: the share of each point's k nearest
// neighbours in the embedding space that are also among its k nearest on the
// map. Used by the benchmark (stock umap-js against ours) and by tests.
import { exactNeighboursOf, normalizeRows } from './knn';
import { seededRandom, randomInt } from './random';

/**
 * k-NN preservation of `xy` (n × 2) for `vectors` (n × dims, cosine), measured
 * on up to `sample` points drawn with a fixed seed (exact neighbours of every
 * point would cost n² × dims; 2,000 points give the share to about ±1 %).
 */
export function neighbourPreservation(
  vectors: Float32Array,
  n: number,
  dims: number,
  xy: ArrayLike<number>,
  k = 10,
  sample = 2000,
): number {
  if (n <= k) return 1;
  const random = seededRandom(7);
  const queries: number[] = [];
  if (n <= sample) for (let i = 0; i < n; i++) queries.push(i);
  else {
    const chosen = new Set<number>();
    while (chosen.size < sample) chosen.add(randomInt(random, n));
    queries.push(...chosen);
  }
  const high = exactNeighboursOf(normalizeRows(vectors, n, dims), n, dims, k, queries);
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
    for (let s = 0; s < k; s++) if (low.has(high[qi * k + s])) kept++;
  });
  return kept / (queries.length * k);
}
