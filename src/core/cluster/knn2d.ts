// The k nearest neighbours of every point of a 2-D map, from a bucket grid.
//
// Hand-written: the layout's own neighbour search (project/knn.ts) is built
// for hundreds of dimensions (random-projection trees and descent, approximate),
// and d3-quadtree answers one nearest point per query, not k. In two
// dimensions a grid of buckets with about two points each answers k-NN
// exactly by searching rings of buckets outward until the ring is farther
// than the k-th best found.

import { boundsOf } from '../project/bounds';

/** Buckets sized for about this many points each: fewer rings to search, few points per bucket. */
const POINTS_PER_BUCKET = 2;

/**
 * Neighbours of each of `n` points (x,y interleaved in `xy`), `k` per point
 * (fewer when n ≤ k), nearest first, as a flat n × k array (-1 pads).
 * Ties are broken by index, so the answer never depends on timing.
 */
export function knn2d(xy: ArrayLike<number>, n: number, k: number): Int32Array {
  const out = new Int32Array(n * k).fill(-1);
  if (n <= 1 || k <= 0) return out;
  const { minX, maxX, minY, maxY } = boundsOf(xy, n);
  const extent = Math.max(maxX - minX, maxY - minY) || 1;
  const side = Math.max(1, Math.min(2048, Math.ceil(Math.sqrt(n / POINTS_PER_BUCKET))));
  const cell = extent / side;
  // Counting sort of points into buckets: start offsets, then members.
  const bucketOf = new Int32Array(n);
  const start = new Int32Array(side * side + 1);
  for (let i = 0; i < n; i++) {
    const gx = Math.min(side - 1, Math.floor((xy[2 * i]! - minX) / cell));
    const gy = Math.min(side - 1, Math.floor((xy[2 * i + 1]! - minY) / cell));
    bucketOf[i] = gy * side + gx;
    start[bucketOf[i]! + 1]!++;
  }
  for (let b = 0; b < side * side; b++) start[b + 1]! += start[b]!;
  const members = new Int32Array(n);
  const fill = start.slice(0, side * side);
  for (let i = 0; i < n; i++) members[fill[bucketOf[i]!]!++] = i;

  const want = Math.min(k, n - 1);
  const bestD = new Float64Array(want);
  const bestJ = new Int32Array(want);
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i]!;
    const y = xy[2 * i + 1]!;
    const gx = bucketOf[i]! % side;
    const gy = (bucketOf[i]! - gx) / side;
    let found = 0;
    for (let ring = 0; ring < side; ring++) {
      // k exact copies of this point found: nothing can be nearer (a package's esm and cjs builds give many).
      if (found === want && bestD[want - 1] === 0) break;
      // Every point in this ring is at least (ring - 1) cells away: stop once that beats the k-th best.
      if (found === want && (ring - 1) * cell > 0 && ((ring - 1) * cell) ** 2 > bestD[want - 1]!) break;
      const y0 = gy - ring;
      const y1 = gy + ring;
      for (let by = Math.max(0, y0); by <= Math.min(side - 1, y1); by++) {
        const edgeRow = by === y0 || by === y1;
        const step = edgeRow ? 1 : 2 * ring;
        for (let bx = gx - ring; bx <= gx + ring; bx += step || 1) {
          if (bx < 0 || bx >= side) continue;
          const b = by * side + bx;
          for (let m = start[b]!; m < start[b + 1]!; m++) {
            const j = members[m]!;
            if (j === i) continue;
            const dx = xy[2 * j]! - x;
            const dy = xy[2 * j + 1]! - y;
            const d = dx * dx + dy * dy;
            if (found === want && (d > bestD[want - 1]! || (d === bestD[want - 1]! && j > bestJ[want - 1]!))) continue;
            // Insertion into the sorted short list.
            let p = found < want ? found++ : want - 1;
            while (p > 0 && (bestD[p - 1]! > d || (bestD[p - 1]! === d && bestJ[p - 1]! > j))) {
              bestD[p] = bestD[p - 1]!;
              bestJ[p] = bestJ[p - 1]!;
              p--;
            }
            bestD[p] = d;
            bestJ[p] = j;
          }
          if (ring === 0) break;
        }
      }
    }
    for (let p = 0; p < found; p++) out[i * k + p] = bestJ[p]!;
  }
  return out;
}
