// Directions in the latent space: concept arithmetic ("a is to b as c is to
// ?", `parseJson - json + yaml`) and semantic axes (symbols ordered by their
// projection on the direction from one pole to another).
import type { VectorStore } from './store';
import { topK, type Hit } from './topK';

/** How the arithmetic ranks candidates (eval/ANALOGIES.md compares them). */
export type ArithmeticMethod = 'offset' | '3cosmul';

export interface ArithmeticOptions {
  readonly method: ArithmeticMethod;
  /**
   * A candidate this similar (cosine) to any term's own vector is a copy of
   * that term (a re-export, an overload, the same text in another file), not
   * an answer, and is left out.
   */
  readonly nearCopy: number;
}

/**
 * 3CosMul (Levy & Goldberg, "Linguistic Regularities in Sparse and Explicit
 * Word Representations", CoNLL 2014): it multiplies the candidate's
 * similarities to the terms added and divides by those to the terms taken
 * away, each shifted to 0..1, so no single large similarity dominates the way
 * it does in the plain offset. Chosen over the offset on eval/ANALOGIES.md.
 */
export const DEFAULT_ARITHMETIC: ArithmeticOptions = { method: '3cosmul', nearCopy: 0.98 };

/** Keeps a zero denominator finite (Levy & Goldberg use 0.001). */
const EPSILON = 1e-3;

/**
 * The rows that best complete `plus - minus` (each a unit vector: a symbol's
 * row or embedded free text), best first. `skip` leaves rows out (the
 * terms' own symbols). Scores are the ones ranked by: cosine with the
 * normalised sum for 'offset', the 3CosMul product for '3cosmul'.
 */
export function arithmeticHits(
  store: VectorStore,
  plus: readonly Float32Array[],
  minus: readonly Float32Array[],
  k: number,
  skip: (i: number) => boolean = () => false,
  options: ArithmeticOptions = DEFAULT_ARITHMETIC,
): Hit[] {
  const n = store.size;
  if (k <= 0 || n === 0 || plus.length === 0) return [];
  const termScores = [...plus, ...minus].map((v) => store.scores(v));
  const out = new Float64Array(n);
  if (options.method === 'offset') {
    const target = new Float32Array(store.dims);
    for (const v of plus) for (let d = 0; d < target.length; d++) target[d] += v[d]!;
    for (const v of minus) for (let d = 0; d < target.length; d++) target[d] -= v[d]!;
    store.project(target, out);
  } else {
    const p = plus.length;
    for (let i = 0; i < n; i++) {
      let num = 1;
      let den = 1;
      for (let t = 0; t < termScores.length; t++) {
        const shifted = (termScores[t]![i]! + 1) / 2;
        if (t < p) num *= shifted;
        else den *= shifted;
      }
      out[i] = num / (den + EPSILON);
    }
  }
  for (let i = 0; i < n; i++) {
    if (skip(i)) out[i] = Number.NaN;
    else for (const s of termScores) if (s[i]! >= options.nearCopy) out[i] = Number.NaN;
  }
  return topK(out, k);
}

/**
 * Every row's coordinate on the axis from `from` to `to` (unit vectors): its
 * projection on `to - from` scaled to unit length, so one axis's scores
 * compare with another's. The midpoint of the poles sits at 0.
 */
export function axisCoordinates(store: VectorStore, from: Float32Array, to: Float32Array): Float64Array {
  const direction = new Float32Array(store.dims);
  for (let d = 0; d < direction.length; d++) direction[d] = to[d]! - from[d]!;
  const out = store.project(direction);
  // The midpoint's own projection, so that 0 is halfway between the poles.
  let mid = 0;
  let norm = 0;
  for (let d = 0; d < direction.length; d++) {
    mid += ((to[d]! + from[d]!) / 2) * direction[d]!;
    norm += direction[d]! * direction[d]!;
  }
  const shift = norm > 0 ? mid / Math.sqrt(norm) : 0;
  for (let i = 0; i < out.length; i++) out[i] = out[i]! - shift;
  return out;
}
