import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exactNeighboursOf, nearestNeighbours, normalizeRows } from '../../src/core/project/knn';
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
