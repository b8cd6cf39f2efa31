import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeRows } from '../../src/core/project/knn';
import { computeLayout } from '../../src/core/project/layout';
import { computePreview } from '../../src/core/project/preview';
import { neighbourPreservation, preservationReference } from '../../src/core/project/quality';
import { seededRandom } from '../../src/core/project/random';

const DIMS = 16;
const GROUPS = 12;
const n = 3000;
// A sample far smaller than the input, so most points are placed, as at 100k symbols.
const SAMPLE = 400;
const vectors = clustered(5);

/** Unit vectors around GROUPS random centres (point i in group i % GROUPS), as embedders give unit rows. */
function clustered(seed: number): Float32Array {
  const random = seededRandom(seed);
  const centres = Array.from({ length: GROUPS }, () => Array.from({ length: DIMS }, () => random() * 2 - 1));
  const out = new Float32Array(n * DIMS);
  for (let i = 0; i < n; i++) for (let d = 0; d < DIMS; d++) out[i * DIMS + d] = centres[i % GROUPS]![d]! + (random() - 0.5) * 0.8;
  return normalizeRows(out, n, DIMS);
}

/** The share of points nearer (on the map) to their own group's centre than to any other group's. */
function groupsKept(xy: Float32Array): number {
  const cx = new Float64Array(GROUPS);
  const cy = new Float64Array(GROUPS);
  const count = new Float64Array(GROUPS);
  for (let i = 0; i < n; i++) {
    cx[i % GROUPS] += xy[2 * i]!;
    cy[i % GROUPS] += xy[2 * i + 1]!;
    count[i % GROUPS]++;
  }
  let kept = 0;
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestDistance = Infinity;
    for (let g = 0; g < GROUPS; g++) {
      const d = Math.hypot(xy[2 * i]! - cx[g]! / count[g]!, xy[2 * i + 1]! - cy[g]! / count[g]!);
      if (d < bestDistance) [best, bestDistance] = [g, d];
    }
    if (best === i % GROUPS) kept++;
  }
  return kept / n;
}

describe('a preview of many points (a sample laid out, the rest placed)', () => {
  const preview = computePreview(vectors, n, DIMS, { seed: 42 }, SAMPLE);

  it('puts every point on the map, inside [-1, 1]', () => {
    assert.equal(preview.length, n * 2);
    assert.ok(preview.every((v) => Number.isFinite(v) && v >= -1 && v <= 1));
  });

  it('is the same map for the same vectors and seed', () => {
    assert.deepEqual(computePreview(vectors, n, DIMS, { seed: 42 }, SAMPLE), preview);
  });

  it('puts the points that were only placed in their group, as a full layout does', () => {
    const full = computeLayout(vectors, n, DIMS, { seed: 42 });
    const kept = groupsKept(preview);
    assert.ok(kept >= 0.95, `${(kept * 100).toFixed(1)} % of points nearest their own group's centre (full layout: ${(groupsKept(full) * 100).toFixed(1)} %)`);
  });

  it('refined as a preview, keeps neighbourhoods as well as a fresh layout (within 0.03) and its groups where they were', () => {
    let extent: number | undefined;
    const start = computePreview(vectors, n, DIMS, { seed: 42, onExtent: (e) => (extent = e) }, SAMPLE);
    const refined = computeLayout(vectors, n, DIMS, { seed: 42, prior: { xy: start, known: new Uint8Array(n).fill(1), extent, preview: true } });
    const reference = preservationReference(vectors, n, DIMS);
    const fresh = neighbourPreservation(reference, computeLayout(vectors, n, DIMS, { seed: 42 }));
    const kept = neighbourPreservation(reference, refined);
    assert.ok(kept >= fresh - 0.03, `10-NN preservation ${kept.toFixed(3)} refined from the preview, ${fresh.toFixed(3)} fresh`);
    // Each group's centre stays near where the preview showed it (maps are 2 wide).
    let moved = 0;
    for (let g = 0; g < GROUPS; g++) {
      let ax = 0;
      let ay = 0;
      let bx = 0;
      let by = 0;
      let c = 0;
      for (let i = g; i < n; i += GROUPS) {
        ax += start[2 * i]!;
        ay += start[2 * i + 1]!;
        bx += refined[2 * i]!;
        by += refined[2 * i + 1]!;
        c++;
      }
      moved += Math.hypot(ax / c - bx / c, ay / c - by / c) / GROUPS;
    }
    assert.ok(moved < 0.15, `group centres moved ${moved.toFixed(3)} on average`);
  });
});
