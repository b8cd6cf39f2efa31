/**
 * Dot products of one vector with every row of a packed matrix (n × dims).
 * The rows are L2-normalised, so these are cosine similarities. A plain loop
 * over a Float32Array: 20k × 384 takes about 10 ms on one core, and nothing
 * in JavaScript (no WASM SIMD library on npm that is kept up) beats it by enough to pay for itself.
 */
export function cosineAll(matrix: Float32Array, dims: number, vector: Float32Array, out = new Float64Array(matrix.length / dims)): Float64Array {
  const n = out.length;
  for (let i = 0, off = 0; i < n; i++, off += dims) {
    let s = 0;
    for (let d = 0; d < dims; d++) s += matrix[off + d]! * vector[d]!;
    out[i] = s;
  }
  return out;
}

/** The vector scaled to unit length (a copy); zero stays zero. */
export function normalised(vector: Float32Array): Float32Array {
  let s = 0;
  for (let d = 0; d < vector.length; d++) s += vector[d]! * vector[d]!;
  const out = new Float32Array(vector.length);
  if (s === 0) return out;
  const inv = 1 / Math.sqrt(s);
  for (let d = 0; d < vector.length; d++) out[d] = vector[d]! * inv;
  return out;
}
