// From embedding vectors to 2-D map positions, synchronously (the worker runs
// this; tests and the benchmark may call it directly).
import { boundsOf } from './bounds';
import { nearestNeighbours, normalizeRows, type NeighbourGraph } from './knn';
import { pca2, reduceDimensions } from './pca';
import { VectorStore } from '../vectors';
import { placeAmongNeighbours, placeThroughGraph } from './place';
import { seededRandom } from './random';
import { defaultEpochs, fuzzyGraph, optimizeLayout, type FuzzyEdges, type Refinement } from './umap';

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
  /** A previous map of (mostly) the same points: refine it instead of laying out anew (see LayoutPrior). */
  readonly prior?: LayoutPrior;
  /**
   * Called once with the finished layout's scale: optimiser units per map
   * unit. Kept with the map, it lets a refinement start at the scale the
   * optimiser left it (LayoutPrior.extent).
   */
  readonly onExtent?: (extent: number) => void;
  /** Other refinement settings than REFINE_* (for measuring them). */
  readonly refine?: Partial<RefineSettings>;
  /** Other than LAYOUT_DIMS (for measuring it); 0 keeps every dimension. */
  readonly layoutDims?: number;
}

export interface RefineSettings {
  readonly epochShare: number;
  readonly learningRate: number;
  readonly pull: number;
}

/**
 * Where points were on the previous map of the same folder, so that the new
 * map keeps its geography: known points start where they were and are
 * anchored there, new ones start among their nearest known neighbours, and
 * the optimisation only refines (REFINE_*). Positions are in the map's frame
 * ([-1, 1]) and the result stays in that frame.
 */
export interface LayoutPrior {
  /** n × 2 previous positions, in this input's order; read only where `known`. */
  readonly xy: Float32Array;
  /** 1 for a point that was on the previous map (same symbol, same text). */
  readonly known: Uint8Array;
  /** The previous map's scale (see LayoutOptions.onExtent); SETTLED_EXTENT when not known. */
  readonly extent?: number;
  /**
   * The previous map was made from the same model's vectors, so a known point
   * means the same as before, and the fewer points changed, the harder known
   * points hold their places (REFINE_HOLD_SHARE). After a model change every
   * point's neighbourhood may differ and the map must be free to adjust.
   */
  readonly sameModel?: boolean;
  /**
   * The previous map is a preview (preview.ts): its regions are where they
   * should be, but most of its points were only placed among sampled ones, so
   * the refinement must be free to arrange every neighbourhood anew
   * (PREVIEW_REFINE) rather than keep points where they were.
   */
  readonly preview?: boolean;
}

/**
 * Below this share of points known, the previous map says too little about the
 * new one (most points would be squeezed among a few) and a fresh layout is
 * made instead, e.g. after switching to an unrelated branch.
 */
export const MIN_KNOWN_SHARE = 0.5;
/**
 * Half-width of a fresh layout before fitUnitBox scales it to 1, when the
 * previous map did not keep its own (LayoutPrior.extent): it starts in a box of
 * INIT_EXTENT and settles wider. A refinement starts the previous map at its
 * settled scale, so the optimiser finds it at rest instead of stretching it
 * (measured: 13.9 on lodash, 13.5 on three's src, 11.8 on this repository's
 * src; starting at 13.7 where 11.8 was right moved every point of the latter
 * 2 % of the width).
 */
const SETTLED_EXTENT = 13.7;
// The refinement's settings, from a sweep (LayoutOptions.refine) on lodash (1.2k
// symbols), three's src (6.2k) and this repository's src (0.7k), refining a
// map of the same vectors (all points known, and 15 % new): mean move of known
// points / 10-NN preservation against a fresh layout's. Learning rate 0.3 with
// pull 0.05 moved points 3-4 % of the width; 0.1 with 0.3, 0.8 %; 0.05 with 1,
// 0.4 % on lodash and 1.0 % on this repository's src, preservation at or above
// the fresh layout's on all three. A fifth of a fresh layout's epochs moved as
// little but kept slightly fewer neighbourhoods than two fifths.
/** Refinement epochs as a share of a fresh layout's (defaultEpochs). */
export const REFINE_EPOCH_SHARE = 0.4;
/** Starting learning rate of a refinement (a fresh layout's is 1): settles new points without unfolding the map again. */
export const REFINE_LEARNING_RATE = 0.05;
/** How hard a known point is pulled back to where it was, per epoch at full learning rate (see Refinement.pull). */
export const REFINE_PULL = 1;
/**
 * Refinement of a preview (LayoutPrior.preview) into another model's map:
 * measured on the 20k bench corpus (twin of all-MiniLM-L6-v2 refining the
 * built-in model's 4,000-point preview; 10-NN preservation of the twin's
 * vectors over 2,000 sampled points, ±0.01; mean move in map units of the
 * half-width): the refinement settings above kept 0.217 (the preview's piled
 * up points stay piled up); learning rate 0.3 with pull 0.1, 0.328 (move
 * 0.09); 0.5 with 0.05 for 100 epochs, 0.332 (0.10); a fresh layout's rate
 * and no pull for 120 epochs, 0.340 (0.13), where a fresh 200-epoch layout
 * of the same vectors keeps 0.342. The start keeps the regions where the
 * preview showed them; the optimiser settles each neighbourhood.
 */
export const PREVIEW_REFINE: RefineSettings = { epochShare: 0.6, learningRate: 1, pull: 0 };
/** Below this share of new points the pull grows (share / changed), up to REFINE_MAX_HOLD times. */
export const REFINE_HOLD_SHARE = 0.1;
export const REFINE_MAX_HOLD = 5;

/**
 * Dimensions in which the layout's neighbour graph is first found: wider
 * vectors are reduced to their leading principal axes (reduceDimensions), as
 * single-cell tools do before UMAP, the neighbour descent runs there at a
 * fraction of the cost, and a short descent on the full vectors, started from
 * that graph, corrects it (neighbours found on the reduced vectors alone kept
 * 10-NN preservation at 0.29-0.35 where the full search keeps 0.365, on the
 * 20k bench corpus with all-MiniLM-L6-v2's twin). Measured there (CPU time of
 * the whole layout, 2 runs each on a loaded machine): full 14.4-17.1 s, 0.365;
 * 48 axes 13.3-14.2 s, 0.363; 64 axes 13.1 s, 0.371 (±0.01 from the 2,000
 * sampled points). Neighbours and search on the map use the full vectors.
 */
export const LAYOUT_DIMS = 64;
/**
 * Vectors this wide or narrower are laid out as they are: the built-in
 * model's 100 dimensions reduced to 48 or 64 lost 10-NN preservation (0.418
 * to 0.395 and 0.406 at 20k, neighbours on the reduced vectors alone) and took
 * as long.
 */
const REDUCE_ABOVE = 128;

/** Unit rows the layout works on (the vectors', or their leading principal axes', see LAYOUT_DIMS), with their width, and the full unit rows. */
function layoutSpace(
  vectors: Float32Array,
  n: number,
  dims: number,
  seed: number,
  options: LayoutOptions,
): { unit: Float32Array; dims: number; full: Float32Array } {
  // Embedders give unit rows already; a copy of them (154 MB at 100k × 384) is made only when they are not.
  const full = unitRows(vectors, n, dims) ? vectors.subarray(0, n * dims) : normalizeRows(vectors, n, dims);
  const target = options.layoutDims ?? LAYOUT_DIMS;
  if (target <= 0 || dims <= Math.max(target, REDUCE_ABOVE) || n < SMALL_INPUT) return { unit: full, dims, full };
  return { unit: normalizeRows(reduceDimensions(full, n, dims, target, seed), n, target), dims: target, full };
}

/** Whether every row is unit length (or all zeros, which normalizeRows leaves as they are). */
function unitRows(vectors: Float32Array, n: number, dims: number): boolean {
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let d = i * dims; d < (i + 1) * dims; d++) norm += vectors[d]! * vectors[d]!;
    if (norm !== 0 && Math.abs(norm - 1) > 1e-4) return false;
  }
  return true;
}

/** The layout's neighbour graph: found on the reduced rows when there are some, then corrected on the full ones. */
function layoutGraph(space: { unit: Float32Array; dims: number; full: Float32Array }, n: number, dims: number, seed: number): NeighbourGraph {
  const k = Math.min(N_NEIGHBORS - 1, n - 1);
  if (space.unit === space.full) return nearestNeighbours(space.unit, n, dims, k, seed);
  return nearestNeighbours(space.full, n, dims, k, seed, nearestNeighbours(space.unit, n, space.dims, k, seed));
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
  const prior = options.prior && usablePrior(options.prior, n) ? options.prior : undefined;
  if (prior) return refineLayout(vectors, n, dims, seed, prior, options);
  const nEpochs = options.nEpochs ?? defaultEpochs(n);
  const { start, edges } = startAndGraph(vectors, n, dims, seed, nEpochs, options);
  if (!edges) return fitUnitBox(spreadIfFlat(start, n), n);

  const embedding = scaleToBox(start, n, INIT_EXTENT);
  const random = seededRandom(seed);
  for (let s = 0; s < n * 2; s++) embedding[s] += (random() - 0.5) * 2 * INIT_EXTENT * INIT_JITTER;
  (options.optimize ?? optimizeLayout)(embedding, n, edges, nEpochs, seed, (epoch) => options.onEpoch?.(epoch, nEpochs, () => fitUnitBox(embedding, n)));
  const fitted = fitUnitBox(embedding, n);
  options.onExtent?.(extentOf(embedding, fitted, n));
  return fitted;
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
  options: LayoutOptions,
): { start: Float64Array; edges?: FuzzyEdges } {
  const space = layoutSpace(vectors, n, dims, seed, options);
  const start = pca2(space.unit, n, space.dims, seed);
  if (n < SMALL_INPUT) return { start };
  options.onEpoch?.(0, nEpochs, () => fitUnitBox(start, n));
  const graph = layoutGraph(space, n, dims, seed);
  return { start, edges: fuzzyGraph(graph, n, nEpochs) };
}

function usablePrior(prior: LayoutPrior, n: number): boolean {
  if (prior.xy.length < n * 2 || prior.known.length < n) return false;
  let known = 0;
  for (let i = 0; i < n; i++) if (prior.known[i]) known++;
  return known > 0 && known >= MIN_KNOWN_SHARE * n;
}

/**
 * The previous map refined for these vectors: aligned UMAP's idea (each map
 * starts from, and is tied to, its predecessor) with umap's own optimiser:
 * known points start where they were and are pulled back towards it, new
 * ones start among their nearest known neighbours, and a short optimisation
 * at a low learning rate settles the new points and lets the old ones follow
 * changed neighbourhoods. The result is scaled and shifted (no rotation) to
 * best match the known points' previous positions, so an unchanged part of the
 * map stays where it was on screen.
 */
function refineLayout(vectors: Float32Array, n: number, dims: number, seed: number, prior: LayoutPrior, options: LayoutOptions): Float32Array {
  const start = new Float64Array(n * 2);
  const placed = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (!prior.known[i]) continue;
    start[i * 2] = prior.xy[i * 2]!;
    start[i * 2 + 1] = prior.xy[i * 2 + 1]!;
    placed[i] = 1;
  }
  const known = placed.slice();
  const space = layoutSpace(vectors, n, dims, seed, options);
  if (n < SMALL_INPUT) {
    // No graph to refine against: keep the known points, place the rest.
    placeAmongNeighbours(VectorStore.fromPacked(space.full.subarray(0, n * dims), dims), start, placed);
    return clampToBox(start, n);
  }
  const base: RefineSettings = prior.preview ? PREVIEW_REFINE : { epochShare: REFINE_EPOCH_SHARE, learningRate: REFINE_LEARNING_RATE, pull: REFINE_PULL };
  const settings: RefineSettings = { ...base, ...options.refine };
  const nEpochs = options.nEpochs ?? Math.max(1, Math.round(defaultEpochs(n) * settings.epochShare));
  options.onEpoch?.(0, nEpochs, () => clampToBox(start, n));
  const graph = layoutGraph(space, n, dims, seed);
  placeThroughGraph(space.full, dims, graph, start, placed);
  const edges = fuzzyGraph(graph, n, nEpochs);

  // The map's frame at the scale a layout settles at (see SETTLED_EXTENT), so the learning rate means the same.
  const extent = prior.extent !== undefined && prior.extent > 0 && Number.isFinite(prior.extent) ? prior.extent : SETTLED_EXTENT;
  const embedding = new Float64Array(n * 2);
  const anchors = new Float64Array(new SharedArrayBuffer(n * 2 * 8)).fill(Number.NaN);
  const random = seededRandom(seed);
  for (let s = 0; s < n * 2; s++) {
    embedding[s] = start[s]! * extent + (random() - 0.5) * 2 * extent * INIT_JITTER;
    if (known[s >> 1]) anchors[s] = start[s]! * extent;
  }
  // The less changed, the harder known points hold their place: new points
  // settle among them, and the rest of the map has no reason to move.
  let knownCount = 0;
  for (let i = 0; i < n; i++) knownCount += known[i]!;
  const changed = 1 - knownCount / n;
  const hold = prior.sameModel ? Math.min(REFINE_MAX_HOLD, Math.max(1, REFINE_HOLD_SHARE / Math.max(changed, 1e-9))) : 1;
  const pull = options.refine?.pull ?? settings.pull * hold;
  const refinement: Refinement = { learningRate: settings.learningRate, anchors, pull };
  const backToFrame = () => clampToBox(alignTo(embedding, start, known, n), n);
  (options.optimize ?? optimizeLayout)(embedding, n, edges, nEpochs, seed, (epoch) => options.onEpoch?.(epoch, nEpochs, backToFrame), refinement);
  const fitted = backToFrame();
  options.onExtent?.(extentOf(embedding, fitted, n));
  return fitted;
}

/** Optimiser units per map unit: mean |raw| over mean |fitted| of the centred coordinates (outliers clamped in `fitted` hardly count). */
function extentOf(raw: Float64Array, fitted: Float32Array, n: number): number {
  let mr = 0;
  let mf = 0;
  for (let s = 0; s < n * 2; s += 2) {
    mr += raw[s]!;
    mf += fitted[s]!;
  }
  mr /= n;
  mf /= n;
  let a = 0;
  let b = 0;
  for (let s = 0; s < n * 2; s += 2) {
    a += Math.abs(raw[s]! - mr);
    b += Math.abs(fitted[s]! - mf);
  }
  return a > 0 && b > 0 ? a / b : SETTLED_EXTENT;
}

/**
 * `xy` scaled and shifted (one scale for both axes) to best match, in least
 * squares, `target` at the points marked in `mask` (a copy).
 */
export function alignTo(xy: Float64Array, target: Float64Array, mask: Uint8Array, n: number): Float64Array {
  let count = 0;
  let mx = 0;
  let my = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < n; i++) {
    if (!mask[i]) continue;
    count++;
    mx += xy[i * 2]!;
    my += xy[i * 2 + 1]!;
    tx += target[i * 2]!;
    ty += target[i * 2 + 1]!;
  }
  const out = new Float64Array(n * 2);
  if (count === 0) return out;
  mx /= count;
  my /= count;
  tx /= count;
  ty /= count;
  let cross = 0;
  let spread = 0;
  for (let i = 0; i < n; i++) {
    if (!mask[i]) continue;
    const dx = xy[i * 2]! - mx;
    const dy = xy[i * 2 + 1]! - my;
    cross += dx * (target[i * 2]! - tx) + dy * (target[i * 2 + 1]! - ty);
    spread += dx * dx + dy * dy;
  }
  const scale = spread > 0 && cross > 0 ? cross / spread : 1;
  for (let i = 0; i < n; i++) {
    out[i * 2] = (xy[i * 2]! - mx) * scale + tx;
    out[i * 2 + 1] = (xy[i * 2 + 1]! - my) * scale + ty;
  }
  return out;
}

/** Positions as Float32Array, each kept inside [-1, 1] (a new point far out sits on the edge, as fitUnitBox's outliers do). */
function clampToBox(xy: Float64Array, n: number): Float32Array {
  const out = new Float32Array(n * 2);
  for (let s = 0; s < n * 2; s++) out[s] = Math.max(-1, Math.min(1, xy[s]!));
  return out;
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
