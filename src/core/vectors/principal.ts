// The strongest directions of a store's rows: its principal components, found
// by power iteration with deflation on a sample's covariance (the same
// approach as project/pca.ts, for any number of components and through the
// store). Used to offer axes that the workspace itself spreads along.
import type { VectorStore } from './store';

/** Rows sampled for the covariance: beyond this the directions hardly move (as in project/pca.ts). */
const SAMPLE = 4000;
/** Power-iteration rounds per component: the matrix is dims × dims, so rounds are cheap. */
const ROUNDS = 60;

/** The `count` principal directions of the store's rows (unit vectors), strongest first. */
export function principalDirections(store: VectorStore, count: number): Float32Array[] {
  const n = store.size;
  const dims = store.dims;
  if (n < 2 || dims === 0 || count <= 0) return [];
  // An even spread of rows, not random ones: the same index gives the same directions.
  const step = Math.max(1, n / SAMPLE);
  const rows: number[] = [];
  for (let r = 0; r < n && rows.length < SAMPLE; r += step) rows.push(Math.floor(r));
  const mean = store.mean(rows);
  const cov = new Float64Array(dims * dims);
  const c = new Float64Array(dims);
  for (const i of rows) {
    const v = store.row(i);
    for (let d = 0; d < dims; d++) c[d] = v[d]! - mean[d]!;
    for (let a = 0; a < dims; a++) {
      const ca = c[a]!;
      if (ca === 0) continue;
      const base = a * dims;
      for (let b = 0; b < dims; b++) cov[base + b] += ca * c[b]!;
    }
  }
  const out: Float32Array[] = [];
  for (let k = 0; k < Math.min(count, dims); k++) {
    let v = new Float64Array(dims);
    // A fixed start with every component non-zero, so that no direction is missed by being orthogonal to it.
    for (let d = 0; d < dims; d++) v[d] = 1 + ((d * 7919) % 13) / 13;
    for (let round = 0; round < ROUNDS; round++) {
      const next = new Float64Array(dims);
      for (let a = 0; a < dims; a++) {
        let s = 0;
        const base = a * dims;
        for (let b = 0; b < dims; b++) s += cov[base + b]! * v[b]!;
        next[a] = s;
      }
      // Keep it orthogonal to the directions already found.
      for (const u of out) {
        let dot = 0;
        for (let d = 0; d < dims; d++) dot += next[d]! * u[d]!;
        for (let d = 0; d < dims; d++) next[d] -= dot * u[d]!;
      }
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += next[d]! * next[d]!;
      norm = Math.sqrt(norm);
      if (norm === 0) break;
      for (let d = 0; d < dims; d++) next[d] /= norm;
      v = next;
    }
    out.push(Float32Array.from(v));
  }
  return out;
}
