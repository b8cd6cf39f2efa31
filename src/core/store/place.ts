// Placing a very large store's symbols on the map UMAP made of a sample of
// them. Each goes where project/place.ts puts a new symbol, at the weighted
// mean of its most similar sampled symbols; but comparing each of a million
// symbols with every other (placeAmongNeighbours, as layout did until now) is
// 10^12 comparisons of 100-384 numbers: days here. So the sample is split into cells around an even subset of it
// (an inverted file, as LanceDB's IVF index does on disk), and a symbol is
// compared with the cells' centres and then only with the sampled symbols of
// its nearest cells: about 4,000 rows instead of all of them. Written here rather
// than through LanceDB because a query from Node costs more than this whole
// comparison, and a million of them would take hours.
import { PLACEMENT_NEIGHBOURS } from '../project/place';
import { throwIfAborted } from '../types';
import { topK } from '../vectors';

/**
 * Cells searched per symbol. Measured against placing every symbol exactly
 * (placeAmongNeighbours) on 20,000 of bench/scale.ts's symbols, half of them
 * the sample (100 cells): 8 cells moved the placed points by 1.9 % of the
 * map's diagonal on average (p95 7.8 %), 16 by 1.1 % (p95 5.5 %), 32 by
 * 0.46 % (p95 3.5 %), taking 1/21, 1/10 and 1/3.5 of the exact time. At 50,000
 * sampled symbols (224 cells) 16 cells compare a symbol with about 3,800
 * rows, where exact placement compares it with all of them.
 */
export const PLACEMENT_PROBES = 16;

/**
 * Writes the position of every row of `vectors` (n × dims, unit length) not
 * in `sample` into `xy` (n × 2), among its PLACEMENT_NEIGHBOURS most similar
 * sampled rows, whose positions `xy` already holds. `onProgress` gets rows
 * done; `signal` is checked every few thousand rows.
 */
export async function placeAmongSample(
  vectors: Float32Array,
  dims: number,
  xy: Float32Array,
  sample: readonly number[],
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void; probes?: number } = {},
): Promise<void> {
  const n = vectors.length / dims;
  const m = sample.length;
  if (m === 0) return;
  // √m centres, an even subset of the sample; each sampled row joins its nearest centre's cell.
  const cells = Math.max(1, Math.round(Math.sqrt(m)));
  const centres = Array.from({ length: cells }, (_, c) => sample[Math.floor((c * m) / cells)]!);
  const centreVectors = new Float32Array(cells * dims);
  centres.forEach((row, c) => centreVectors.set(vectors.subarray(row * dims, (row + 1) * dims), c * dims));
  const members: number[][] = Array.from({ length: cells }, () => []);
  const centreScores = new Float64Array(cells);
  for (const row of sample) {
    scoreRows(vectors, row * dims, centreVectors, dims, cells, centreScores);
    members[argmax(centreScores)]!.push(row);
  }
  const inSample = new Uint8Array(n);
  for (const row of sample) inSample[row] = 1;
  const probes = Math.min(options.probes ?? PLACEMENT_PROBES, cells);
  const candidates: number[] = [];
  let candidateScores = new Float64Array(0);
  const total = n - m;
  let done = 0;
  for (let i = 0; i < n; i++) {
    if (inSample[i]) continue;
    scoreRows(vectors, i * dims, centreVectors, dims, cells, centreScores);
    candidates.length = 0;
    for (const { index: c } of topK(centreScores, probes)) for (const row of members[c]!) candidates.push(row);
    if (candidateScores.length < candidates.length) candidateScores = new Float64Array(candidates.length * 2);
    const scores = candidateScores.subarray(0, candidates.length);
    for (let j = 0; j < candidates.length; j++) scores[j] = dot(vectors, i * dims, candidates[j]! * dims, dims);
    let wx = 0;
    let wy = 0;
    let w = 0;
    for (const { index: j, score } of topK(scores, PLACEMENT_NEIGHBOURS)) {
      const row = candidates[j]!;
      // As placeAmongNeighbours weighs.
      const weight = Math.max(score, 0) + 1e-3;
      wx += weight * xy[2 * row]!;
      wy += weight * xy[2 * row + 1]!;
      w += weight;
    }
    xy[2 * i] = wx / w;
    xy[2 * i + 1] = wy / w;
    if (++done % 5000 === 0) {
      options.onProgress?.(done, total);
      // A turn for the event loop (progress, Ctrl-C) every few thousand rows.
      await new Promise((resolve) => setImmediate(resolve));
      throwIfAborted(options.signal);
    }
  }
  options.onProgress?.(total, total);
}

function dot(vectors: Float32Array, a: number, b: number, dims: number): number {
  let s = 0;
  for (let d = 0; d < dims; d++) s += vectors[a + d]! * vectors[b + d]!;
  return s;
}

/** Dot products of the row at `offset` of `vectors` with each of `count` packed rows of `rows`. */
function scoreRows(vectors: Float32Array, offset: number, rows: Float32Array, dims: number, count: number, out: Float64Array): void {
  for (let c = 0, off = 0; c < count; c++, off += dims) {
    let s = 0;
    for (let d = 0; d < dims; d++) s += vectors[offset + d]! * rows[off + d]!;
    out[c] = s;
  }
}

function argmax(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
