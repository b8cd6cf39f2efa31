/** A scored position in a list of symbols. */
export interface Hit {
  readonly index: number;
  readonly score: number;
}

/**
 * The `k` best-scoring items, best first, ties broken by lower index so results
 * are stable. A bounded min-heap: O(n log k), no sort of all n scores.
 */
export function topK(scores: Float32Array | Float64Array, k: number, exclude = -1): Hit[] {
  const n = scores.length;
  if (k <= 0 || n === 0) return [];
  const heapIndex = new Int32Array(Math.min(k, n));
  const heapScore = new Float64Array(Math.min(k, n));
  let size = 0;
  // "a is worse than b": lower score, or equal score and higher index.
  const worse = (sa: number, ia: number, sb: number, ib: number) => sa < sb || (sa === sb && ia > ib);
  for (let i = 0; i < n; i++) {
    if (i === exclude) continue;
    const s = scores[i]!;
    if (Number.isNaN(s)) continue;
    if (size < heapIndex.length) {
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(s, i, heapScore[p]!, heapIndex[p]!)) break;
        heapScore[c] = heapScore[p]!;
        heapIndex[c] = heapIndex[p]!;
        c = p;
      }
      heapScore[c] = s;
      heapIndex[c] = i;
    } else if (worse(heapScore[0]!, heapIndex[0]!, s, i)) {
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        if (l >= size) break;
        const r = l + 1;
        const m = r < size && worse(heapScore[r]!, heapIndex[r]!, heapScore[l]!, heapIndex[l]!) ? r : l;
        if (!worse(heapScore[m]!, heapIndex[m]!, s, i)) break;
        heapScore[c] = heapScore[m]!;
        heapIndex[c] = heapIndex[m]!;
        c = m;
      }
      heapScore[c] = s;
      heapIndex[c] = i;
    }
  }
  const hits: Hit[] = [];
  for (let j = 0; j < size; j++) hits.push({ index: heapIndex[j]!, score: heapScore[j]! });
  return hits.sort((a, b) => b.score - a.score || a.index - b.index);
}
