// Clustered test vectors shared by the projection tests.
import { seededRandom } from '../../src/core/project/random';

/** `groups` well-separated blobs of `perGroup` unit-ish vectors each, in `dims` dimensions; row i belongs to group i % groups. */
export function blobs(groups: number, perGroup: number, dims: number, spread = 0.3, seed = 1): Float32Array {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const centres = Array.from({ length: groups }, () => Array.from({ length: dims }, gauss));
  const n = groups * perGroup;
  const out = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) for (let d = 0; d < dims; d++) out[i * dims + d] = centres[i % groups][d] + spread * gauss();
  return out;
}
