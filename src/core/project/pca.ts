// The two principal axes of a point cloud. Used to seed the UMAP layout (a
// start that already shows the global shape converges faster and keeps far
// apart groups far apart, where umap-js starts from uniform noise) and as the
// whole layout for inputs too small for a neighbour graph.
import { seededRandom, randomInt } from './random';

/** Points used to estimate the covariance; beyond this the estimate hardly changes and the cost (sample × dims²) would grow for nothing. */
const COVARIANCE_SAMPLE = 8000;
/** Power-iteration rounds; the dims×dims matrix is tiny, so this costs nothing and converges far past what a layout needs. */
const POWER_ITERATIONS = 100;

/**
 * Projects the rows of `x` (n × dims) on their two principal axes, centred,
 * as n × 2 values. Axes with no variance give zeros.
 */
export function pca2(x: Float32Array, n: number, dims: number, seed: number): Float64Array {
  const out = new Float64Array(n * 2);
  if (n === 0 || dims === 0) return out;
  const random = seededRandom(seed ^ 0x9e3779b9);

  const mean = new Float64Array(dims);
  for (let i = 0; i < n; i++) for (let d = 0; d < dims; d++) mean[d] += x[i * dims + d];
  for (let d = 0; d < dims; d++) mean[d] /= n;

  const rows: number[] = [];
  if (n <= COVARIANCE_SAMPLE) for (let i = 0; i < n; i++) rows.push(i);
  else for (let s = 0; s < COVARIANCE_SAMPLE; s++) rows.push(randomInt(random, n));

  const cov = new Float64Array(dims * dims);
  const centred = new Float64Array(dims);
  for (const i of rows) {
    for (let d = 0; d < dims; d++) centred[d] = x[i * dims + d] - mean[d];
    for (let a = 0; a < dims; a++) {
      const ca = centred[a];
      if (ca === 0) continue;
      const rowA = a * dims;
      for (let b = a; b < dims; b++) cov[rowA + b] += ca * centred[b];
    }
  }
  for (let a = 0; a < dims; a++) for (let b = a; b < dims; b++) cov[b * dims + a] = cov[a * dims + b];

  const axes: Float64Array[] = [];
  for (let component = 0; component < 2; component++) {
    let v = new Float64Array(dims);
    for (let d = 0; d < dims; d++) v[d] = random() - 0.5;
    let eigen = 0;
    for (let it = 0; it < POWER_ITERATIONS; it++) {
      const next = new Float64Array(dims);
      for (let a = 0; a < dims; a++) {
        let sum = 0;
        const rowA = a * dims;
        for (let b = 0; b < dims; b++) sum += cov[rowA + b] * v[b];
        next[a] = sum;
      }
      // Deflate: keep the second axis orthogonal to the first.
      for (const axis of axes) {
        let dot = 0;
        for (let d = 0; d < dims; d++) dot += next[d] * axis[d];
        for (let d = 0; d < dims; d++) next[d] -= dot * axis[d];
      }
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += next[d] * next[d];
      norm = Math.sqrt(norm);
      eigen = norm;
      if (norm < 1e-12) break;
      for (let d = 0; d < dims; d++) next[d] /= norm;
      v = next;
    }
    axes.push(eigen < 1e-12 ? new Float64Array(dims) : v);
  }

  for (let i = 0; i < n; i++) {
    let p0 = 0;
    let p1 = 0;
    const base = i * dims;
    for (let d = 0; d < dims; d++) {
      const c = x[base + d] - mean[d];
      p0 += c * axes[0][d];
      p1 += c * axes[1][d];
    }
    out[i * 2] = p0;
    out[i * 2 + 1] = p1;
  }
  return out;
}

/** Points used to estimate the covariance for reduceDimensions: the top few dozen axes of a few hundred dimensions settle with far fewer points than 8,000, and the cost is sample × dims². */
const SUBSPACE_SAMPLE = 4000;
/** Orthogonal-iteration rounds: each costs dims² × k (a few ms); the subspace of the leading axes settles in a few dozen, and a layout needs only its neighbourhoods, not exact axes. */
const SUBSPACE_ITERATIONS = 30;

/**
 * The rows of `x` (n × dims), centred and projected on their `k` leading
 * principal axes: n × k values. Distances between the results approximate
 * the distances between the rows at a fraction of the cost, which is what
 * single-cell tools do before UMAP. Any orthonormal basis of the leading
 * subspace gives the same distances, so the basis comes from orthogonal
 * (block power) iteration with Gram-Schmidt, not from a full eigensolver.
 */
export function reduceDimensions(x: Float32Array, n: number, dims: number, k: number, seed: number): Float32Array {
  const out = new Float32Array(n * k);
  if (n === 0 || k === 0) return out;
  const random = seededRandom(seed ^ 0x85ebca6b);
  const mean = new Float64Array(dims);
  for (let i = 0; i < n; i++) for (let d = 0; d < dims; d++) mean[d] += x[i * dims + d];
  for (let d = 0; d < dims; d++) mean[d] /= n;

  const cov = new Float64Array(dims * dims);
  const centred = new Float64Array(dims);
  const rows = n <= SUBSPACE_SAMPLE ? n : SUBSPACE_SAMPLE;
  for (let s = 0; s < rows; s++) {
    const i = n <= SUBSPACE_SAMPLE ? s : randomInt(random, n);
    for (let d = 0; d < dims; d++) centred[d] = x[i * dims + d] - mean[d];
    for (let a = 0; a < dims; a++) {
      const ca = centred[a];
      if (ca === 0) continue;
      const rowA = a * dims;
      for (let b = a; b < dims; b++) cov[rowA + b] += ca * centred[b];
    }
  }
  for (let a = 0; a < dims; a++) for (let b = a + 1; b < dims; b++) cov[b * dims + a] = cov[a * dims + b];

  // basis: k rows of dims values, kept orthonormal.
  let basis = new Float64Array(k * dims);
  for (let j = 0; j < k * dims; j++) basis[j] = random() - 0.5;
  orthonormalise(basis, k, dims);
  for (let it = 0; it < SUBSPACE_ITERATIONS; it++) {
    const next = new Float64Array(k * dims);
    for (let j = 0; j < k; j++) {
      const v = j * dims;
      for (let a = 0; a < dims; a++) {
        const rowA = a * dims;
        let sum = 0;
        for (let b = 0; b < dims; b++) sum += cov[rowA + b] * basis[v + b];
        next[v + a] = sum;
      }
    }
    orthonormalise(next, k, dims);
    basis = next;
  }

  for (let i = 0; i < n; i++) {
    const base = i * dims;
    for (let d = 0; d < dims; d++) centred[d] = x[base + d] - mean[d];
    for (let j = 0; j < k; j++) {
      const v = j * dims;
      let sum = 0;
      for (let d = 0; d < dims; d++) sum += centred[d] * basis[v + d];
      out[i * k + j] = sum;
    }
  }
  return out;
}

/** Modified Gram-Schmidt on `k` rows of `dims` values, in place; a row with nothing left becomes zero. */
function orthonormalise(rows: Float64Array, k: number, dims: number): void {
  for (let j = 0; j < k; j++) {
    const v = j * dims;
    for (let p = 0; p < j; p++) {
      const u = p * dims;
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += rows[v + d] * rows[u + d];
      for (let d = 0; d < dims; d++) rows[v + d] -= dot * rows[u + d];
    }
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += rows[v + d] * rows[v + d];
    norm = Math.sqrt(norm);
    for (let d = 0; d < dims; d++) rows[v + d] = norm > 1e-12 ? rows[v + d] / norm : 0;
  }
}
