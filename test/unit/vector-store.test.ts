import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeAmongNeighbours } from '../../src/core/project/place';
import { unit, VectorStore } from '../../src/core/vectors';

/** Unit rows from plain arrays. */
function rows(...vs: number[][]): Float32Array {
  return Float32Array.from(vs.flatMap((v) => [...unit(Float32Array.from(v))]));
}

describe('VectorStore', () => {
  const store = VectorStore.fromPacked(rows([1, 0, 0], [0.9, 0.1, 0], [0, 1, 0], [0, 0, 1]), 3, ['a', 'b', 'c', 'd']);

  it('finds rows by id and gives -1 for an unknown one', () => {
    assert.equal(store.size, 4);
    assert.equal(store.indexOf('c'), 2);
    assert.equal(store.indexOf('nope'), -1);
  });

  it('ranks rows by similarity, best first, leaving out a row or every row a test rejects', () => {
    const q = unit(Float32Array.of(1, 0.05, 0));
    assert.deepEqual(store.nearest(q, 2).map((h) => h.index), [0, 1]);
    assert.deepEqual(store.nearest(q, 2, 0).map((h) => h.index), [1, 2]);
    assert.deepEqual(store.nearest(q, 2, (i) => i < 2).map((h) => h.index), [2, 3]);
  });

  it('projects every row on a direction scaled to unit length', () => {
    const along = store.project(Float32Array.of(0, 0, 5));
    assert.deepEqual([...along].map((v) => Math.round(v * 100) / 100), [0, 0, 0, 1]);
  });

  it('averages rows and refuses a vector of another width', () => {
    assert.deepEqual([...store.mean([2, 3])], [0, 0.5, 0.5]);
    assert.throws(() => store.scores(Float32Array.of(1, 0)), /2 dimensions for a store of 3/);
    assert.throws(() => VectorStore.fromPacked(new Float32Array(5), 3), /not rows of 3/);
  });

  it('embeds free text only when given a way to', async () => {
    await assert.rejects(store.embed(['x']), /cannot embed/);
    const embedding = store.with(store.packed(), store.ids);
    assert.equal(embedding.canEmbed, false);
    const withText = VectorStore.fromPacked(store.packed(), 3, store.ids, async () => Float32Array.of(1, 0, 0));
    assert.deepEqual([...(await withText.embed(['x']))], [1, 0, 0]);
  });
});

describe('placeAmongNeighbours', () => {
  it('puts a new point among its most similar placed points, never among other new ones', () => {
    const vectors = rows([1, 0], [0.99, 0.01], [0, 1], [0.98, 0.02]);
    const xy = Float32Array.of(10, 10, 0, 0, -10, -10, 0, 0);
    const placed = Uint8Array.of(1, 0, 1, 0);
    placeAmongNeighbours(VectorStore.fromPacked(vectors, 2), xy, placed);
    // Both new points go near (10, 10), pulled a little towards (-10, -10).
    assert.ok(xy[2]! > 5 && xy[3]! > 5, `${xy[2]}, ${xy[3]}`);
    assert.ok(xy[6]! > 5 && xy[7]! > 5, `${xy[6]}, ${xy[7]}`);
  });
});
