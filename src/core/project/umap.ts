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
  const head = new Int32Array(edges);
  const tail = new Int32Array(edges);
  const weight = new Float32Array(edges);
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
 * Optimises `embedding` (n × 2, in place) against the fuzzy graph, as
 * umap-js's optimizeLayoutStep does, one call of `onEpoch` after each epoch.
 */
export function optimizeLayout(
  embedding: Float64Array,
  n: number,
  edges: FuzzyEdges,
  nEpochs: number,
  seed: number,
  onEpoch?: (epoch: number) => void,
): void {
  const { a, b } = curve();
  const { head, tail, weight } = edges;
  const m = weight.length;
  if (m === 0 || n < 2) return;
  let maxW = 0;
  for (let e = 0; e < m; e++) if (weight[e] > maxW) maxW = weight[e];
  const epochsPerSample = new Float64Array(m);
  const epochsPerNegative = new Float64Array(m);
  const nextSample = new Float64Array(m);
  const nextNegative = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    epochsPerSample[e] = maxW / weight[e];
    epochsPerNegative[e] = epochsPerSample[e] / NEGATIVE_SAMPLE_RATE;
    nextSample[e] = epochsPerSample[e];
    nextNegative[e] = epochsPerNegative[e];
  }
  const powB = powTable(b);
  const bits = new Float32Array(1);
  const word = new Uint32Array(bits.buffer);
  // xorshift32 inline: negative sampling draws ~10^8 integers at 20k points,
  // and a closure call per draw is measurable.
  let state = (seed ^ 0x2545f491) | 0 || 1;
  const y = embedding;
  const twoAB = 2 * a * b;
  const twoGammaB = 2 * REPULSION * b;
  const invRange = n / 4294967296;

  for (let epoch = 0; epoch < nEpochs; epoch++) {
    const alpha = LEARNING_RATE * (1 - epoch / nEpochs);
    for (let e = 0; e < m; e++) {
      if (nextSample[e] > epoch) continue;
      const j = head[e] * 2;
      const k = tail[e] * 2;
      let yj0 = y[j];
      let yj1 = y[j + 1];
      let dx = yj0 - y[k];
      let dy = yj1 - y[k + 1];
      let d2 = dx * dx + dy * dy;
      if (d2 > 0) {
        bits[0] = d2;
        const pb = powB[word[0] >>> POW_SHIFT];
        const coeff = (-twoAB * (pb / d2)) / (a * pb + 1);
        let g0 = coeff * dx;
        let g1 = coeff * dy;
        g0 = g0 > CLIP ? CLIP : g0 < -CLIP ? -CLIP : g0;
        g1 = g1 > CLIP ? CLIP : g1 < -CLIP ? -CLIP : g1;
        yj0 += g0 * alpha;
        yj1 += g1 * alpha;
        y[k] -= g0 * alpha;
        y[k + 1] -= g1 * alpha;
      }
      nextSample[e] += epochsPerSample[e];

      const negatives = Math.floor((epoch - nextNegative[e]) / epochsPerNegative[e]);
      for (let p = 0; p < negatives; p++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        const other = Math.floor((state >>> 0) * invRange) * 2;
        dx = yj0 - y[other];
        dy = yj1 - y[other + 1];
        d2 = dx * dx + dy * dy;
        let g0 = CLIP;
        let g1 = CLIP;
        if (d2 > 0) {
          bits[0] = d2;
          const coeff = twoGammaB / ((0.001 + d2) * (a * powB[word[0] >>> POW_SHIFT] + 1));
          g0 = coeff * dx;
          g1 = coeff * dy;
          g0 = g0 > CLIP ? CLIP : g0 < -CLIP ? -CLIP : g0;
          g1 = g1 > CLIP ? CLIP : g1 < -CLIP ? -CLIP : g1;
        } else if (other === j) {
          continue;
        }
        yj0 += g0 * alpha;
        yj1 += g1 * alpha;
      }
      y[j] = yj0;
      y[j + 1] = yj1;
      nextNegative[e] += negatives * epochsPerNegative[e];
    }
    onEpoch?.(epoch + 1);
  }
}
