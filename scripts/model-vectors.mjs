// Vector arithmetic for the built-in model's build. Written by hand because it is
// a few loops over a 100 x 100 matrix; a linear-algebra package would be a large
// dependency for one small eigen-decomposition.

/** Scales `v` (a view into a larger array) to unit length in place; leaves zero vectors alone. */
export function normalizeInPlace(v) {
  let sum = 0;
  for (let k = 0; k < v.length; k++) sum += v[k] * v[k];
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let k = 0; k < v.length; k++) v[k] /= norm;
  return v;
}

/**
 * Mean and the top `count` principal directions of the given rows. Word vectors
 * share a few dominant directions that say little about meaning (frequency,
 * mostly); removing them, "all-but-the-top" (Mu & Viswanath, ICLR 2018), makes
 * averaged vectors of different texts much less alike.
 * @param {Float32Array} vectors rows x dim
 * @param {number[]} rows row indices to use
 */
export function dominantDirections(vectors, dim, rows, count) {
  const mean = new Float64Array(dim);
  for (const r of rows) for (let k = 0; k < dim; k++) mean[k] += vectors[r * dim + k];
  for (let k = 0; k < dim; k++) mean[k] /= rows.length;
  const cov = new Float64Array(dim * dim);
  const x = new Float64Array(dim);
  for (const r of rows) {
    for (let k = 0; k < dim; k++) x[k] = vectors[r * dim + k] - mean[k];
    for (let i = 0; i < dim; i++) for (let j = i; j < dim; j++) cov[i * dim + j] += x[i] * x[j];
  }
  for (let i = 0; i < dim; i++) for (let j = 0; j < i; j++) cov[i * dim + j] = cov[j * dim + i];
  const directions = [];
  for (let c = 0; c < count; c++) {
    // Power iteration from a fixed start, so the build is deterministic; 200
    // rounds are far more than the gap between the top eigenvalues needs.
    let v = new Float64Array(dim).fill(1 / Math.sqrt(dim));
    let lambda = 0;
    for (let round = 0; round < 200; round++) {
      const next = new Float64Array(dim);
      for (let i = 0; i < dim; i++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += cov[i * dim + j] * v[j];
        next[i] = s;
      }
      lambda = Math.sqrt(next.reduce((a, b) => a + b * b, 0));
      v = next.map((value) => value / lambda);
    }
    directions.push(v);
    // Deflate so the next round finds the next direction.
    for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) cov[i * dim + j] -= lambda * v[i] * v[j];
  }
  return { mean, directions };
}

/** Subtracts the mean and the projections on `directions` from `v` in place. */
export function removeDirections(v, mean, directions) {
  for (let k = 0; k < v.length; k++) v[k] -= mean[k];
  for (const d of directions) {
    let dot = 0;
    for (let k = 0; k < v.length; k++) dot += v[k] * d[k];
    for (let k = 0; k < v.length; k++) v[k] -= dot * d[k];
  }
  return v;
}

/**
 * Symmetric int8 quantisation with one scale per row: each row keeps its own
 * range, so rows scaled down by their word weight lose no precision.
 * @param {Float32Array} rows rows x dim
 */
export function quantizeRows(rows, dim) {
  const count = rows.length / dim;
  const table = new Int8Array(rows.length);
  const scales = new Float32Array(count);
  let worst = 0;
  for (let r = 0; r < count; r++) {
    let maxAbs = 0;
    for (let k = 0; k < dim; k++) maxAbs = Math.max(maxAbs, Math.abs(rows[r * dim + k]));
    const scale = maxAbs / 127;
    scales[r] = scale;
    if (scale === 0) continue;
    for (let k = 0; k < dim; k++) {
      const q = Math.round(rows[r * dim + k] / scale);
      table[r * dim + k] = q;
      worst = Math.max(worst, Math.abs(q * scale - rows[r * dim + k]) / maxAbs);
    }
  }
  return { table, scales, worstRelativeError: worst };
}
