// The projection as callers get it: project() on its worker (dist/project-worker.js),
// checked against the same layout computed in this thread.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { project } from '../../src/core/project';
import { computeLayout } from '../../src/core/project/layout';
import { CancelledError } from '../../src/core/types';
import { blobs } from '../support/blobs';

function assertInUnitBox(xy: Float32Array): void {
  for (const v of xy) {
    assert.ok(Number.isFinite(v), `position ${v} is finite`);
    assert.ok(v >= -1.0001 && v <= 1.0001, `position ${v} lies in [-1, 1]`);
  }
}

describe('project', () => {
  it('makes the same map on two threads (the worker) as on one (in this thread)', async () => {
    const n = 3000;
    const vectors = blobs(12, n / 12, 24);
    const twoThreads = await project(vectors, n, 24, { seed: 5 });
    const oneThread = computeLayout(vectors, n, 24, { seed: 5 });
    assert.equal(twoThreads.length, n * 2);
    assert.deepEqual(twoThreads, oneThread);
  });

  it('gives the same map for the same vectors and seed, and another map for another seed', async () => {
    const vectors = blobs(3, 40, 20);
    const first = await project(vectors, 120, 20, { seed: 7 });
    const second = await project(vectors, 120, 20, { seed: 7 });
    const other = await project(vectors, 120, 20, { seed: 8 });
    assert.deepEqual(second, first);
    assert.notDeepEqual(other, first);
  });

  it('maps no symbols to nothing, one symbol to the origin and two different symbols to two separate points', async () => {
    assert.equal((await project(new Float32Array(0), 0, 5)).length, 0);
    assert.deepEqual(await project(Float32Array.from([1, 2, 3]), 1, 3), new Float32Array(2));
    const two = await project(Float32Array.from([1, 0, 0, 0, 1, 0]), 2, 3);
    assert.equal(two.length, 4);
    assertInUnitBox(two);
    assert.ok(Math.hypot(two[0] - two[2], two[1] - two[3]) > 1, 'the two points lie apart');
  });

  it('places a handful of symbols, too few for a neighbour graph, at distinct positions', async () => {
    for (const n of [3, 5, 12, 29, 31]) {
      const xy = await project(blobs(2, Math.ceil(n / 2), 8).subarray(0, n * 8), n, 8);
      assert.equal(xy.length, n * 2);
      assertInUnitBox(xy);
      const distinct = new Set(Array.from({ length: n }, (_, i) => `${xy[i * 2].toFixed(5)},${xy[i * 2 + 1].toFixed(5)}`));
      assert.equal(distinct.size, n, `${n} symbols get ${n} positions`);
    }
  });

  it('still gives every symbol a place when all vectors are identical', async () => {
    const n = 40;
    const xy = await project(new Float32Array(n * 4).fill(0.5), n, 4);
    assert.equal(xy.length, n * 2);
    assertInUnitBox(xy);
  });

  it('keeps well-separated groups of vectors apart on the map', async () => {
    const groups = 4;
    const n = groups * 150;
    const xy = await project(blobs(groups, 150, 32), n, 32, { seed: 3 });
    assertInUnitBox(xy);
    // Each point's nearest point on the map belongs to its own group.
    let same = 0;
    for (let i = 0; i < n; i++) {
      let best = -1;
      let bestD = Infinity;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const d = (xy[i * 2] - xy[j * 2]) ** 2 + (xy[i * 2 + 1] - xy[j * 2 + 1]) ** 2;
        if (d < bestD) {
          bestD = d;
          best = j;
        }
      }
      if (best % groups === i % groups) same++;
    }
    assert.ok(same / n > 0.99, `${same} of ${n} nearest map neighbours share the group`);
    // And the groups' centres lie further apart than the groups are wide.
    const centre = (g: number) => {
      let x = 0;
      let y = 0;
      for (let i = g; i < n; i += groups) {
        x += xy[i * 2];
        y += xy[i * 2 + 1];
      }
      return [x / (n / groups), y / (n / groups)];
    };
    const radius = (g: number) => {
      const [cx, cy] = centre(g);
      let r = 0;
      for (let i = g; i < n; i += groups) r = Math.max(r, Math.hypot(xy[i * 2] - cx, xy[i * 2 + 1] - cy));
      return r;
    };
    for (let a = 0; a < groups; a++) {
      for (let b = a + 1; b < groups; b++) {
        const [ax, ay] = centre(a);
        const [bx, by] = centre(b);
        assert.ok(Math.hypot(ax - bx, ay - by) > Math.max(radius(a), radius(b)), `groups ${a} and ${b} do not overlap`);
      }
    }
  });

  it('reports progress and intermediate layouts, and stops with CancelledError when aborted', async () => {
    const n = 3000;
    const dims = 16;
    const controller = new AbortController();
    const seen: number[] = [];
    const layouts: Float32Array[] = [];
    const run = project(blobs(10, n / 10, dims), n, dims, {
      signal: controller.signal,
      onProgress: (done, total) => {
        seen.push(done);
        assert.ok(done <= total);
        // Abort once the optimisation is well under way, after a layout has come.
        if (layouts.length > 0) controller.abort();
      },
      onLayout: (xy) => layouts.push(xy),
    });
    await assert.rejects(run, CancelledError);
    assert.ok(seen.length > 0, 'progress was reported');
    assert.ok(layouts.length > 0, 'an intermediate layout was reported');
    assert.equal(layouts[0].length, n * 2);
    assertInUnitBox(layouts[0]);
  });

  it('rejects at once with CancelledError when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(project(blobs(2, 50, 4), 100, 4, { signal: controller.signal }), CancelledError);
  });
});
