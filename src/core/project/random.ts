// A small seeded pseudo-random generator, so the same input and seed always
// give the same map. Math.random cannot be seeded; umap-js accepts any
// `() => number`, and the optimiser here needs a cheap integer stream too.

/** mulberry32: 32-bit state, full period 2^32, good enough for sampling and jitter. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random integer in [0, n) from `random`. */
export function randomInt(random: () => number, n: number): number {
  return Math.floor(random() * n);
}
