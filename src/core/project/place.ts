// Where a point with no position yet goes on an existing map: at the
// similarity-weighted mean of its nearest placed neighbours in the embedding
// space (the same start UMAP's own transform gives new points). Used when a
// saved file adds symbols to an open map, and to start a refined layout from
// the previous one (refine.ts).
import { VectorStore } from '../vectors';
import type { NeighbourGraph } from './knn';

/** Placed neighbours whose positions a new point's start is averaged from. */
export const PLACEMENT_NEIGHBOURS = 5;

/**
 * Puts each point not `placed` among its PLACEMENT_NEIGHBOURS most similar
 * placed points (dot product of the store's unit rows), comparing it with
 * every placed point: exact, and meant for a few points at a time. `xy`
 * (n × 2) is written in place; with nothing placed, the new points go to the
 * origin.
 */
export function placeAmongNeighbours(store: VectorStore, xy: Float32Array | Float64Array, placed: Uint8Array): void {
  const n = placed.length;
  const anyPlaced = placed.includes(1);
  // Decided before any is placed: a point is placed among the points placed before this call, not among new ones.
  const before = placed.slice();
  for (let i = 0; i < n; i++) {
    if (before[i]) continue;
    if (!anyPlaced) {
      xy[2 * i] = 0;
      xy[2 * i + 1] = 0;
      continue;
    }
    let wx = 0;
    let wy = 0;
    let w = 0;
    for (const { index: j, score: s } of store.nearest(store.row(i), PLACEMENT_NEIGHBOURS, (j) => before[j] !== 1)) {
      const weight = Math.max(s, 0) + 1e-3;
      wx += weight * xy[2 * j]!;
      wy += weight * xy[2 * j + 1]!;
      w += weight;
    }
    xy[2 * i] = wx / w;
    xy[2 * i + 1] = wy / w;
  }
}

/**
 * placeAmongNeighbours for many points at once, through the k-NN graph the
 * layout builds anyway: each unplaced point goes to the weighted mean of the
 * placed points in its neighbour list, in rounds (a point placed in one round
 * can place its neighbours in the next), so a new file's symbols, mostly each
 * other's neighbours, still find their place. Points no round reaches (a
 * group of new points that are only each other's neighbours) are compared
 * with every placed point. `placed` is updated.
 */
export function placeThroughGraph(unit: Float32Array, dims: number, graph: NeighbourGraph, xy: Float64Array, placed: Uint8Array): void {
  const n = placed.length;
  const { k, indices, distances } = graph;
  let pending = 0;
  for (let i = 0; i < n; i++) if (!placed[i]) pending++;
  let anyPlaced = pending < n;
  while (pending > 0 && anyPlaced) {
    const round: number[] = [];
    for (let i = 0; i < n; i++) {
      if (placed[i]) continue;
      let wx = 0;
      let wy = 0;
      let w = 0;
      for (let s = 0; s < k; s++) {
        const j = indices[i * k + s]!;
        if (j < 0 || !placed[j]) continue;
        // Euclidean distance between unit vectors to cosine similarity, as placeAmongNeighbours weighs.
        const d = distances[i * k + s]!;
        const weight = Math.max(1 - (d * d) / 2, 0) + 1e-3;
        wx += weight * xy[2 * j]!;
        wy += weight * xy[2 * j + 1]!;
        w += weight;
      }
      if (w === 0) continue;
      xy[2 * i] = wx / w;
      xy[2 * i + 1] = wy / w;
      round.push(i);
    }
    for (const i of round) placed[i] = 1;
    pending -= round.length;
    anyPlaced = round.length > 0;
  }
  if (pending > 0) {
    placeAmongNeighbours(VectorStore.fromPacked(unit, dims), xy, placed);
    placed.fill(1);
  }
}
