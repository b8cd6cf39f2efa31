// UMAP's fuzzy neighbour graph and its layout optimisation, on typed arrays.
//
// The maths is umap-js's (itself a port of McInnes et al.'s Python UMAP):
// smooth k-NN distances, membership strengths, fuzzy union, edge sampling by
// weight, attraction along edges and negative-sampled repulsion, learning rate
// decaying linearly. It is re-implemented here rather than driven through
// umap-js because umap-js keeps the graph in a SparseMatrix keyed by
// "row:col" strings and the embedding in number[][]; at 20k points that makes
// its set-up and every epoch several times slower than the same loops over
// typed arrays (see bench/run.ts, which runs both on the same vectors). The
// curve parameters a and b still come from umap-js's own fit.
import { findABParams } from 'umap-js/dist/umap';
import type { NeighbourGraph } from './knn';

/** umap-js defaults (UMAPParameters): spread 1, minDist 0.1, negativeSampleRate 5, learningRate 1, repulsionStrength 1. */
const SPREAD = 1;
const MIN_DIST = 0.1;
const NEGATIVE_SAMPLE_RATE = 5;
const LEARNING_RATE = 1;
const REPULSION = 1;
/** umap-js clips each gradient component to ±4. */
const CLIP = 4;
/** umap-js smoothKNNDistance: 64 bisection steps to 1e-5, sigma floored at 1e-3 × mean distance. */
const SMOOTH_K_ITERATIONS = 64;
const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;

let abCache: { a: number; b: number } | undefined;
function curve(): { a: number; b: number } {
  return (abCache ??= findABParams(SPREAD, MIN_DIST));
}

/** Symmetric fuzzy graph as directed edges (each undirected edge both ways), grouped by head. */
export interface FuzzyEdges {
  readonly head: Int32Array;
  readonly tail: Int32Array;
  readonly weight: Float32Array;
}

/**
 * The fuzzy simplicial set of a k-NN graph (k excludes the point itself, so
 * this matches umap-js with nNeighbors = k + 1), fuzzy union of both
 * directions, edges below max/nEpochs dropped as umap-js does.
 */
export function fuzzyGraph(graph: NeighbourGraph, n: number, nEpochs: number): FuzzyEdges {
  const { k, indices, distances } = graph;
  const strength = new Float32Array(n * k);
  const target = Math.log2(k + 1);
  let globalMean = 0;
  let counted = 0;
  for (let s = 0; s < n * k; s++) {
    if (indices[s] >= 0) {
      globalMean += distances[s];
      counted++;
    }
  }
  globalMean = counted > 0 ? globalMean / counted : 0;

  for (let i = 0; i < n; i++) {
    const base = i * k;
    let rho = 0;
    let rowMean = 0;
    let rowCount = 0;
    for (let s = 0; s < k; s++) {
      if (indices[base + s] < 0) continue;
      const d = distances[base + s];
      rowMean += d;
      rowCount++;
      if (rho === 0 && d > 0) rho = d;
    }
    rowMean = rowCount > 0 ? rowMean / (rowCount + 1) : 0; // + 1: umap-js averages over the self slot too
    let lo = 0;
    let hi = Infinity;
    let mid = 1;
    for (let it = 0; it < SMOOTH_K_ITERATIONS; it++) {
      let psum = 0;
      for (let s = 0; s < k; s++) {
        if (indices[base + s] < 0) continue;
        const d = distances[base + s] - rho;
        psum += d > 0 ? Math.exp(-d / mid) : 1;
      }
      if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
      if (psum > target) {
        hi = mid;
        mid = (lo + hi) / 2;
      } else {
        lo = mid;
        mid = hi === Infinity ? mid * 2 : (lo + hi) / 2;
      }
    }
    const floor = MIN_K_DIST_SCALE * (rho > 0 ? rowMean : globalMean);
    const sigma = Math.max(mid, floor);
    for (let s = 0; s < k; s++) {
      if (indices[base + s] < 0) continue;
      const d = distances[base + s] - rho;
      strength[base + s] = d <= 0 ? 1 : Math.exp(-d / sigma);
    }
  }

  // Fuzzy union w = a + b - ab of i→j and j→i; each undirected edge kept once, then written both ways.
  const pairI: number[] = [];
  const pairJ: number[] = [];
  const pairW: number[] = [];
  let maxW = 0;
  for (let i = 0; i < n; i++) {
    for (let s = 0; s < k; s++) {
      const j = indices[i * k + s];
      if (j < 0 || j === i) continue;
      const wij = strength[i * k + s];
      let wji = 0;
      let reverse = false;
      for (let t = 0; t < k; t++) {
        if (indices[j * k + t] === i) {
          wji = strength[j * k + t];
          reverse = true;
          break;
        }
      }
      if (reverse && j < i) continue;
      const w = wij + wji - wij * wji;
      if (w <= 0) continue;
      pairI.push(i);
      pairJ.push(j);
      pairW.push(w);
      if (w > maxW) maxW = w;
    }
  }

  const threshold = maxW / nEpochs;
  const degree = new Int32Array(n + 1);
  let edges = 0;
  for (let p = 0; p < pairW.length; p++) {
    if (pairW[p] < threshold) continue;
    degree[pairI[p] + 1]++;
    degree[pairJ[p] + 1]++;
    edges += 2;
  }
  for (let i = 0; i < n; i++) degree[i + 1] += degree[i];
  // In shared memory: the optimisation's helper thread (parallel.ts) reads them without a copy.
  const head = new Int32Array(new SharedArrayBuffer(edges * 4));
  const tail = new Int32Array(new SharedArrayBuffer(edges * 4));
  const weight = new Float32Array(new SharedArrayBuffer(edges * 4));
  const cursor = degree.slice(0, n);
  for (let p = 0; p < pairW.length; p++) {
    const w = pairW[p];
    if (w < threshold) continue;
    const i = pairI[p];
    const j = pairJ[p];
    let e = cursor[i]++;
    head[e] = i;
    tail[e] = j;
    weight[e] = w;
    e = cursor[j]++;
    head[e] = j;
    tail[e] = i;
    weight[e] = w;
  }
  return { head, tail, weight };
}

/**
 * umap-js's epoch count for its default settings (UMAP.getNEpochs); kept, as
 * fewer epochs measurably lose neighbourhood preservation on code embeddings.
 */
export function defaultEpochs(n: number): number {
  if (n <= 2500) return 500;
  if (n <= 5000) return 400;
  if (n <= 7500) return 300;
  return 200;
}

/**
 * x^b as a table indexed by the top 16 bits of x as float32 (exponent and 8
 * mantissa bits), each entry the value at its bucket's middle: at most 0.2 %
 * off, far below the noise of a stochastic gradient step. Math.pow costs about
 * 55 ns here against 3 ns for the lookup, and the optimiser calls it ~10^8
 * times at 20k points: most of umap-js's epoch time.
 */
const POW_MANTISSA_BITS = 8;
const POW_SHIFT = 23 - POW_MANTISSA_BITS;
let powCache: { b: number; table: Float64Array } | undefined;
function powTable(b: number): Float64Array {
  if (powCache?.b === b) return powCache.table;
  const table = new Float64Array(1 << (8 + POW_MANTISSA_BITS));
  const bits = new Float32Array(1);
  const word = new Uint32Array(bits.buffer);
  for (let i = 0; i < table.length; i++) {
    word[0] = (i << POW_SHIFT) | (1 << (POW_SHIFT - 1));
    table[i] = Math.pow(bits[0], b);
  }
  powCache = { b, table };
  return table;
}

/**
 * The layout is optimised in PARTS parts, each owning a contiguous range of
 * points and the edges that start at them, so that two threads can each take
 * one (optimizeParallel in parallel.ts) and still give the same map as one
 * thread taking both in turn (optimizeLayout). A part moves only its own
 * points, reads them live, and reads every other point as it stood when the
 * epoch began (`prev`): nothing depends on how the threads interleave. This is
 * umap-js's step with one change forced by it: an edge moves its head only
 * (umap-js moves both ends; every edge is stored both ways, so each end is
 * still pulled by its own copy). Measured on monaco-editor's 20k symbols
 * (seeds 42 and 7), 10-NN preservation rose from 0.404 and 0.399 (both ends
 * moved, one part) to 0.416 and 0.410; one part instead of two gave 0.419, so
 * reading other parts' points an epoch late costs next to nothing. Pulling
 * the head twice as hard, to make up for the end no longer moved, lowered it
 * to 0.38.
 */
export const PARTS = 2;

/**
 * A gentle optimisation from a previous map (see refine.ts): a lower starting
 * learning rate, and each point with an anchor pulled back towards it a
 * little every epoch, as aligned UMAP ties each map to its predecessor.
 */
export interface Refinement {
  /** Replaces LEARNING_RATE (still decaying linearly to 0). */
  readonly learningRate: number;
  /** n × 2 positions to pull towards; NaN where a point has no anchor. In shared memory, read by both threads. */
  readonly anchors: Float64Array;
  /** Share of the way to its anchor a point moves per epoch, scaled by the epoch's learning rate. */
  readonly pull: number;
}

/** A point range, and the range of edges (grouped by head) that start in it. */
export interface PartRange {
  readonly lo: number;
  readonly hi: number;
  readonly edgeLo: number;
  readonly edgeHi: number;
}

/** Splits points (and their edges) into PARTS ranges of about equal edge counts: edges are the work. */
export function partRanges(n: number, edges: FuzzyEdges): PartRange[] {
  const { head } = edges;
  const m = head.length;
  const out: PartRange[] = [];
  let lo = 0;
  let edgeLo = 0;
  for (let p = 0; p < PARTS; p++) {
    let hi = n;
    if (p < PARTS - 1) {
      // First point whose edges start at or after the p+1'th share of all edges.
      const target = Math.floor((m * (p + 1)) / PARTS);
      hi = target < m ? Math.max(lo, head[target]!) : n;
    }
    let edgeHi = edgeLo;
    while (edgeHi < m && head[edgeHi]! < hi) edgeHi++;
    out.push({ lo, hi, edgeLo, edgeHi });
    lo = hi;
    edgeLo = edgeHi;
  }
  return out;
}

/**
 * One part's optimisation, an epoch per call to `epoch()`: its edges'
 * sampling schedules and its own random stream (xorshift32 inline: negative
 * sampling draws ~10^8 integers at 20k points, and a closure call per draw is
 * measurable).
 */
export class PartOptimizer {
  private readonly epochsPerSample: Float64Array;
  private readonly epochsPerNegative: Float64Array;
  private readonly nextSample: Float64Array;
  private readonly nextNegative: Float64Array;
  private state: number;
  private readonly a: number;
  private readonly b: number;
  private readonly powB: Float64Array;

  constructor(
    private readonly y: Float64Array,
    private readonly prev: Float64Array,
    private readonly n: number,
    private readonly edges: FuzzyEdges,
    private readonly range: PartRange,
    private readonly nEpochs: number,
    seed: number,
    part: number,
    private readonly refinement?: Refinement,
  ) {
    ({ a: this.a, b: this.b } = curve());
    this.powB = powTable(this.b);
    const { weight } = edges;
    let maxW = 0;
    for (let e = 0; e < weight.length; e++) if (weight[e]! > maxW) maxW = weight[e]!;
    const count = range.edgeHi - range.edgeLo;
    this.epochsPerSample = new Float64Array(count);
    this.epochsPerNegative = new Float64Array(count);
    this.nextSample = new Float64Array(count);
    this.nextNegative = new Float64Array(count);
    for (let s = 0; s < count; s++) {
      this.epochsPerSample[s] = maxW / weight[range.edgeLo + s]!;
      this.epochsPerNegative[s] = this.epochsPerSample[s]! / NEGATIVE_SAMPLE_RATE;
      this.nextSample[s] = this.epochsPerSample[s]!;
      this.nextNegative[s] = this.epochsPerNegative[s]!;
    }
    this.state = (seed ^ 0x2545f491 ^ Math.imul(part + 1, 0x9e3779b9)) | 0 || 1;
  }

  epoch(epoch: number): void {
    const { y, prev, n, a, b, powB, epochsPerSample, epochsPerNegative, nextSample, nextNegative } = this;
    const { head, tail } = this.edges;
    const { lo, hi, edgeLo, edgeHi } = this.range;
    const bits = new Float32Array(1);
    const word = new Uint32Array(bits.buffer);
    const twoAB = 2 * a * b;
    const twoGammaB = 2 * REPULSION * b;
    const invRange = n / 4294967296;
    const alpha = (this.refinement?.learningRate ?? LEARNING_RATE) * (1 - epoch / this.nEpochs);
    let state = this.state;
    for (let e = edgeLo; e < edgeHi; e++) {
      const s = e - edgeLo;
      if (nextSample[s]! > epoch) continue;
      const j = head[e]! * 2;
      const t = tail[e]!;
      const other0 = t >= lo && t < hi ? y : prev;
      let yj0 = y[j]!;
      let yj1 = y[j + 1]!;
      let dx = yj0 - other0[t * 2]!;
      let dy = yj1 - other0[t * 2 + 1]!;
      let d2 = dx * dx + dy * dy;
      if (d2 > 0) {
        bits[0] = d2;
        const pb = powB[word[0]! >>> POW_SHIFT]!;
        const coeff = (-twoAB * (pb / d2)) / (a * pb + 1);
        let g0 = coeff * dx;
        let g1 = coeff * dy;
        g0 = g0 > CLIP ? CLIP : g0 < -CLIP ? -CLIP : g0;
        g1 = g1 > CLIP ? CLIP : g1 < -CLIP ? -CLIP : g1;
        yj0 += g0 * alpha;
        yj1 += g1 * alpha;
      }
      nextSample[s] += epochsPerSample[s]!;

      const negatives = Math.floor((epoch - nextNegative[s]!) / epochsPerNegative[s]!);
      for (let q = 0; q < negatives; q++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        const o = Math.floor((state >>> 0) * invRange);
        const other = o >= lo && o < hi ? y : prev;
        dx = yj0 - other[o * 2]!;
        dy = yj1 - other[o * 2 + 1]!;
        d2 = dx * dx + dy * dy;
        let g0 = CLIP;
        let g1 = CLIP;
        if (d2 > 0) {
          bits[0] = d2;
          const coeff = twoGammaB / ((0.001 + d2) * (a * powB[word[0]! >>> POW_SHIFT]! + 1));
          g0 = coeff * dx;
          g1 = coeff * dy;
          g0 = g0 > CLIP ? CLIP : g0 < -CLIP ? -CLIP : g0;
          g1 = g1 > CLIP ? CLIP : g1 < -CLIP ? -CLIP : g1;
        } else if (o * 2 === j) {
          continue;
        }
        yj0 += g0 * alpha;
        yj1 += g1 * alpha;
      }
      y[j] = yj0;
      y[j + 1] = yj1;
      nextNegative[s] += negatives * epochsPerNegative[s]!;
    }
    this.state = state;
    if (this.refinement) {
      // After the edges: the pull acts on where this epoch's forces left the point.
      const { anchors, pull } = this.refinement;
      const step = Math.min(1, pull * alpha);
      for (let i = lo; i < hi; i++) {
        const ax = anchors[i * 2]!;
        if (Number.isNaN(ax)) continue;
        y[i * 2] += (ax - y[i * 2]!) * step;
        y[i * 2 + 1] += (anchors[i * 2 + 1]! - y[i * 2 + 1]!) * step;
      }
    }
  }
}

/**
 * Optimises `embedding` (n × 2, in place) against the fuzzy graph, one call
 * of `onEpoch` after each epoch, taking the parts in turn on this thread
 * (see PARTS; optimizeParallel gives the same result on two).
 */
export function optimizeLayout(
  embedding: Float64Array,
  n: number,
  edges: FuzzyEdges,
  nEpochs: number,
  seed: number,
  onEpoch?: (epoch: number) => void,
  refinement?: Refinement,
): void {
  if (edges.weight.length === 0 || n < 2) return;
  const prev = new Float64Array(n * 2);
  const parts = partRanges(n, edges).map((range, p) => new PartOptimizer(embedding, prev, n, edges, range, nEpochs, seed, p, refinement));
  for (let epoch = 0; epoch < nEpochs; epoch++) {
    prev.set(embedding);
    for (const part of parts) part.epoch(epoch);
    onEpoch?.(epoch + 1);
  }
}
