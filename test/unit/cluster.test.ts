import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterMap } from '../../src/core/cluster';
import { seededRandom } from '../../src/core/project/random';
import { splitIdentifier } from '../../src/core/text/identifiers';

interface Region {
  readonly x: number;
  readonly y: number;
  readonly names: readonly string[];
}

/** Points scattered around each region's centre on the map, named round-robin from its names. */
function map(regions: readonly Region[], perRegion: number) {
  const random = seededRandom(5);
  const xy: number[] = [];
  const words: string[][] = [];
  const region: number[] = [];
  regions.forEach((r, ri) => {
    for (let i = 0; i < perRegion; i++) {
      xy.push(r.x + (random() - 0.5) * 0.3, r.y + (random() - 0.5) * 0.3);
      words.push(splitIdentifier(r.names[i % r.names.length]));
      region.push(ri);
    }
  });
  return { xy: Float32Array.from(xy), n: region.length, words, region };
}

const REGIONS: Region[] = [
  { x: -0.7, y: -0.6, names: ['readFile', 'readFileSync', 'loadFile', 'getFileContents', 'readLines', 'getFileSize'] },
  { x: 0.7, y: -0.6, names: ['drawButton', 'drawCanvas', 'getCanvasContext', 'drawLine', 'renderButton'] },
  { x: 0, y: 0.7, names: ['parseJson', 'parseJsonValue', 'getJsonToken', 'parseNumber', 'stringifyJson'] },
];

describe('clusterMap', () => {
  it('finds one cluster per separate region of the map, each region wholly in its cluster', () => {
    const input = map(REGIONS, 120);
    const { assignment, clusters } = clusterMap(input);
    assert.equal(clusters.length, 3);
    for (let r = 0; r < REGIONS.length; r++) {
      const ids = new Set(input.region.flatMap((rr, i) => (rr === r ? [assignment[i]] : [])));
      assert.equal(ids.size, 1, `region ${r} falls in one cluster`);
    }
    assert.deepEqual(
      clusters.map((c) => c.id),
      [0, 1, 2],
    );
    assert.equal(
      clusters.reduce((s, c) => s + c.size, 0),
      input.n,
    );
  });

  it('labels each cluster with the words that set it apart, not the words every region uses', () => {
    const input = map(REGIONS, 120);
    const { assignment, clusters } = clusterMap(input);
    const labelOf = (region: number) => clusters[assignment[input.region.indexOf(region)]].label.split(' ');
    assert.ok(labelOf(0).includes('file'), `file region labelled "${labelOf(0).join(' ')}"`);
    assert.ok(labelOf(1).includes('draw') || labelOf(1).includes('canvas'), `drawing region labelled "${labelOf(1).join(' ')}"`);
    assert.ok(labelOf(2).includes('json'), `JSON region labelled "${labelOf(2).join(' ')}"`);
    for (const c of clusters) {
      const words = c.label.split(' ');
      assert.ok(words.length >= 1 && words.length <= 3, `"${c.label}" has one to three words`);
      assert.ok(!words.includes('get'), `"${c.label}" leaves out the generic "get"`);
    }
  });

  it('places each label on a member of its cluster', () => {
    const input = map(REGIONS, 120);
    const { assignment, clusters } = clusterMap(input);
    for (const c of clusters) {
      const member = Array.from({ length: input.n }, (_, i) => i).some(
        (i) => assignment[i] === c.id && input.xy[i * 2] === c.x && input.xy[i * 2 + 1] === c.y,
      );
      assert.ok(member, `cluster ${c.id}'s centre is one of its points`);
    }
  });

  it('leaves a lone outlier far from every region out of all clusters', () => {
    const input = map(REGIONS, 120);
    const xy = Float32Array.from([...input.xy, 5, 5]);
    const { assignment } = clusterMap({ xy, n: input.n + 1, words: [...input.words, ['stray']] });
    assert.equal(assignment[input.n], -1);
  });

  it('handles empty and tiny maps', () => {
    assert.deepEqual(clusterMap({ xy: new Float32Array(0), n: 0, words: [] }).clusters, []);
    const tiny = clusterMap({ xy: Float32Array.from([0, 0, 1, 1, 0.5, 0.2]), n: 3, words: [['read', 'file'], ['read'], ['write']] });
    assert.equal(tiny.clusters.length, 1);
    assert.deepEqual(Array.from(tiny.assignment), [0, 0, 0]);
    assert.equal(tiny.clusters[0].size, 3);
  });
});
