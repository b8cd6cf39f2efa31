// From embedding vectors to 2-D map positions, synchronously (the worker runs
// this; tests and the benchmark may call it directly).
import { boundsOf } from './bounds';
import { nearestNeighbours, normalizeRows } from './knn';
import { pca2 } from './pca';
import { seededRandom } from './random';
import { defaultEpochs, fuzzyGraph, optimizeLayout, type FuzzyEdges } from './umap';

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
/** Jitter (share of the box) for points whose PCA starts coincide: the optimiser cannot pull apart two points at exactly the same spot. */
const INIT_JITTER = 1e-4;

export interface LayoutOptions {
  readonly seed?: number;
  readonly nEpochs?: number;
  /**
   * Called after each epoch with the epochs done and the total; `layout()`
   * gives the map as it stands (n × 2, fitted like the result), computed only
   * when called.
   */
  readonly onEpoch?: (done: number, total: number, layout: () => Float32Array) => void;
  /** The optimiser: optimizeLayout (one thread, the default) or optimizeParallel (two, off the main thread only); both give the same map. */
  readonly optimize?: typeof optimizeLayout;
}

/**
 * Map positions (n × 2) for `vectors` (n × dims), fitted into [-1, 1] on the
 * longer side and centred on the origin (aspect ratio kept; see fitUnitBox).
 */
export function computeLayout(vectors: Float32Array, n: number, dims: number, options: LayoutOptions = {}): Float32Array {
  if (vectors.length < n * dims) throw new Error(`Latent Map: ${vectors.length} values given for ${n} × ${dims} vectors`);
  const seed = options.seed ?? 42;
  if (n === 0) return new Float32Array(0);
  if (n === 1) return new Float32Array(2);
  const nEpochs = options.nEpochs ?? defaultEpochs(n);
  const { start, edges } = startAndGraph(vectors, n, dims, seed, nEpochs, options.onEpoch);
  if (!edges) return fitUnitBox(spreadIfFlat(start, n), n);

  const embedding = scaleToBox(start, n, INIT_EXTENT);
  const random = seededRandom(seed);
  for (let s = 0; s < n * 2; s++) embedding[s] += (random() - 0.5) * 2 * INIT_EXTENT * INIT_JITTER;
  (options.optimize ?? optimizeLayout)(embedding, n, edges, nEpochs, seed, (epoch) => options.onEpoch?.(epoch, nEpochs, () => fitUnitBox(embedding, n)));
  return fitUnitBox(embedding, n);
}

/**
 * The starting positions (the two principal axes) and, from SMALL_INPUT
 * points on, the fuzzy neighbour graph. A function of its own so that the
 * unit vectors and the k-NN lists (tens of MB at 100k points) can be freed
 * before the long optimisation.
 */
function startAndGraph(
  vectors: Float32Array,
  n: number,
  dims: number,
  seed: number,
  nEpochs: number,
  onEpoch: LayoutOptions['onEpoch'],
): { start: Float64Array; edges?: FuzzyEdges } {
  const unit = normalizeRows(vectors, n, dims);
  const start = pca2(unit, n, dims, seed);
  if (n < SMALL_INPUT) return { start };
  onEpoch?.(0, nEpochs, () => fitUnitBox(start, n));
  const graph = nearestNeighbours(unit, n, dims, Math.min(N_NEIGHBORS - 1, n - 1), seed);
  return { start, edges: fuzzyGraph(graph, n, nEpochs) };
}

/** Scales `xy` so its larger half-extent is `extent`, centred on the origin (a copy). */
function scaleToBox(xy: Float64Array, n: number, extent: number): Float64Array {
  const { minX, maxX, minY, maxY } = boundsOf(xy, n);
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

/**
 * Share of points at each end of each axis left out when fitting the map into
 * [-1, 1]; they are clamped to its edge. UMAP throws small disconnected groups
 * and lone points far from the rest (on monaco-editor's 20k symbols, 1 % of
 * points widened the box 2.5×), which would otherwise shrink the map a user
 * came to see to a small blot in the middle.
 */
const OUTLIER_SHARE = 0.005;

/** Map positions in [-1, 1] (see OUTLIER_SHARE), centred, aspect ratio kept, as Float32Array. */
export function fitUnitBox(xy: Float64Array, n: number): Float32Array {
  const out = new Float32Array(n * 2);
  if (n === 0) return out;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = xy[i * 2];
    ys[i] = xy[i * 2 + 1];
  }
  xs.sort();
  ys.sort();
  const lo = Math.floor(OUTLIER_SHARE * (n - 1));
  const hi = n - 1 - lo;
  const cx = (xs[lo] + xs[hi]) / 2;
  const cy = (ys[lo] + ys[hi]) / 2;
  const half = Math.max(xs[hi] - xs[lo], ys[hi] - ys[lo]) / 2;
  const scale = half > 0 && Number.isFinite(half) ? 1 / half : 1;
  for (let i = 0; i < n; i++) {
    out[i * 2] = Math.max(-1, Math.min(1, (xy[i * 2] - cx) * scale));
    out[i * 2 + 1] = Math.max(-1, Math.min(1, (xy[i * 2 + 1] - cy) * scale));
  }
  return out;
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
