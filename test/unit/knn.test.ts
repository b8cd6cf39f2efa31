import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exactNeighboursOf, nearestNeighbours, normalizeRows } from '../../src/core/project/knn';
import { reduceDimensions } from '../../src/core/project/pca';
import { blobs } from '../support/blobs';

describe('nearestNeighbours', () => {
  it('finds nearly all true neighbours above the exact-search size', () => {
    const n = 4000;
    const dims = 24;
    const unit = normalizeRows(blobs(40, n / 40, dims, 0.6), n, dims);
    const k = 14;
    const graph = nearestNeighbours(unit, n, dims, k, 1);
    const queries = Array.from({ length: 200 }, (_, i) => i * 19);
    const exact = exactNeighboursOf(unit, n, dims, k, queries);
    let found = 0;
    queries.forEach((q, qi) => {
      const approx = new Set(graph.indices.subarray(q * k, (q + 1) * k));
      for (let s = 0; s < k; s++) if (approx.has(exact[qi * k + s])) found++;
    });
    assert.ok(found / (queries.length * k) > 0.9, `recall ${found / (queries.length * k)}`);
  });
});

describe('neighbours of wide vectors through their leading principal axes', () => {
  it('reduceDimensions keeps the distances of points that lie in a few dimensions of many', () => {
    // 300 points in a random 6-dimensional subspace of 96 dimensions.
    const n = 300;
    const dims = 96;
    const low = blobs(5, n / 5, 6, 0.5, 2);
    const mix = blobs(6, 1, dims, 1, 3);
    const x = new Float32Array(n * dims);
    for (let i = 0; i < n; i++) for (let j = 0; j < 6; j++) for (let d = 0; d < dims; d++) x[i * dims + d] += low[i * 6 + j]! * mix[j * dims + d]!;
    const reduced = reduceDimensions(x, n, dims, 8, 1);
    const distance = (v: Float32Array, w: number, a: number, b: number) => {
      let sum = 0;
      for (let d = 0; d < w; d++) sum += (v[a * w + d]! - v[b * w + d]!) ** 2;
      return Math.sqrt(sum);
    };
    for (const [a, b] of [[0, 1], [5, 200], [17, 299], [100, 101]] as const) {
      assert.ok(Math.abs(distance(reduced, 8, a, b) - distance(x, dims, a, b)) < 1e-3 * (1 + distance(x, dims, a, b)), `${a}-${b}`);
    }
  });

  it('a descent on the full vectors started from the reduced graph finds nearly all true neighbours', () => {
    const n = 4000;
    const dims = 384;
    const unit = normalizeRows(blobs(40, n / 40, dims, 0.6), n, dims);
    const k = 14;
    const reduced = normalizeRows(reduceDimensions(unit, n, dims, 64, 1), n, 64);
    const graph = nearestNeighbours(unit, n, dims, k, 1, nearestNeighbours(reduced, n, 64, k, 1));
    const queries = Array.from({ length: 200 }, (_, i) => i * 19);
    const exact = exactNeighboursOf(unit, n, dims, k, queries);
    let found = 0;
    queries.forEach((q, qi) => {
      const approx = new Set(graph.indices.subarray(q * k, (q + 1) * k));
      for (let s = 0; s < k; s++) if (approx.has(exact[qi * k + s])) found++;
    });
    assert.ok(found / (queries.length * k) > 0.9, `recall ${found / (queries.length * k)}`);
  });
});
