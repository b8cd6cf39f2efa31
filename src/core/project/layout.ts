// From embedding vectors to 2-D map positions, synchronously (the worker runs
// this; tests and the benchmark may call it directly).
import { nearestNeighbours, normalizeRows } from './knn';
import { pca2 } from './pca';
import { seededRandom } from './random';
import { defaultEpochs, fuzzyGraph, optimizeLayout } from './umap';

/** umap-js's default nNeighbors (15, counting the point itself). */
export const N_NEIGHBORS = 15;
/**
 * Below this many points there is no neighbourhood worth a graph: the two
 * principal axes are the layout. 2 × nNeighbors, so UMAP always has a graph
 * where each point's neighbours are a minority of all points.
 */
export const SMALL_INPUT = 2 * N_NEIGHBORS;
/** umap-js starts from uniform noise in [-10, 10]; the PCA start is scaled to the same box so the learning rate means the same. */
const INIT_EXTENT = 10;
/** Jitter (share of the box) that separates identical vectors, which the optimiser cannot pull apart from exactly the same spot. */
const INIT_JITTER = 1e-4;

export interface LayoutOptions {
  readonly seed?: number;
  readonly nEpochs?: number;
  /** Called after each epoch with the epochs done and the total. */
  readonly onEpoch?: (done: number, total: number, embedding: Float64Array) => void;
}

/**
 * Map positions (n × 2) for `vectors` (n × dims), fitted into [-1, 1] on the
 * longer side and centred on the origin (aspect ratio kept).
 */
export function computeLayout(vectors: Float32Array, n: number, dims: number, options: LayoutOptions = {}): Float32Array {
  if (vectors.length < n * dims) throw new Error(`Latent Map: ${vectors.length} values given for ${n} × ${dims} vectors`);
  const seed = options.seed ?? 42;
  if (n === 0) return new Float32Array(0);
  if (n === 1) return new Float32Array(2);
  const unit = normalizeRows(vectors, n, dims);
  const start = pca2(unit, n, dims, seed);
  if (n < SMALL_INPUT) return fitUnitBox(spreadIfFlat(start, n), n);

  const nEpochs = options.nEpochs ?? defaultEpochs(n);
  options.onEpoch?.(0, nEpochs, start);
  const graph = nearestNeighbours(unit, n, dims, Math.min(N_NEIGHBORS - 1, n - 1), seed);
  const edges = fuzzyGraph(graph, n, nEpochs);

  const embedding = scaleToBox(start, n, INIT_EXTENT);
  const random = seededRandom(seed);
  for (let s = 0; s < n * 2; s++) embedding[s] += (random() - 0.5) * 2 * INIT_EXTENT * INIT_JITTER;
  optimizeLayout(embedding, n, edges, nEpochs, seed, (epoch) => options.onEpoch?.(epoch, nEpochs, embedding));
  return fitUnitBox(embedding, n);
}

/** Scales `xy` so its larger half-extent is `extent`, centred on the origin (a copy). */
function scaleToBox(xy: Float64Array, n: number, extent: number): Float64Array {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = xy[i * 2];
    const y = xy[i * 2 + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const half = Math.max(maxX - minX, maxY - minY) / 2;
  const scale = half > 0 && Number.isFinite(half) ? extent / half : 1;
  const out = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    out[i * 2] = (xy[i * 2] - cx) * scale;
    out[i * 2 + 1] = (xy[i * 2 + 1] - cy) * scale;
  }
  return out;
}

/** Map positions in [-1, 1], as Float32Array. */
export function fitUnitBox(xy: Float64Array, n: number): Float32Array {
  return Float32Array.from(scaleToBox(xy, n, 1));
}

/** When every vector is the same there is nothing to project: a circle keeps each point visible and clickable. */
function spreadIfFlat(xy: Float64Array, n: number): Float64Array {
  for (let s = 0; s < n * 2; s++) if (Math.abs(xy[s]) > 1e-9) return xy;
  const out = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    out[i * 2] = Math.cos((2 * Math.PI * i) / n);
    out[i * 2 + 1] = Math.sin((2 * Math.PI * i) / n);
  }
  return out;
}
