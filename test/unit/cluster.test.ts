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

/** Points in a blob at (x, y) of the given radius, each named from `names` in turn. */
function blob(x: number, y: number, radius: number, count: number, names: readonly string[], random: () => number) {
  const xy: number[] = [];
  const words: string[][] = [];
  for (let i = 0; i < count; i++) {
    const a = random() * 2 * Math.PI;
    const r = radius * Math.sqrt(random());
    xy.push(x + r * Math.cos(a), y + r * Math.sin(a));
    words.push(splitIdentifier(names[i % names.length]!));
  }
  return { xy, words };
}

/** One continuous blob of 600 points whose parts are about different things: a map with no gaps, as most workspaces get. */
function oneBlob() {
  const random = seededRandom(11);
  const topics = [
    ['deepClone', 'cloneDeepWith', 'deepCloneArray'],
    ['dayOfWeek', 'getDayOfWeek', 'startOfWeek'],
    ['parseJson', 'parseJsonValue', 'readJson'],
    ['debounceCall', 'throttleCall', 'debounceLeading'],
    ['drawCanvas', 'drawLine', 'canvasContext'],
    ['httpRequest', 'sendRequest', 'requestHeaders'],
    ['sortBy', 'sortedIndex', 'sortNumbers'],
    ['readFile', 'writeFile', 'fileExists'],
    ['uniqueValues', 'uniqBy', 'removeDuplicates'],
  ];
  const xy: number[] = [];
  const words: string[][] = [];
  const topic: number[] = [];
  topics.forEach((names, t) => {
    // Centres on a 3 × 3 grid 1 apart, each blob radius 0.75: neighbours overlap, so the whole is one blob.
    const part = blob((t % 3) * 1, Math.floor(t / 3) * 1, 0.75, 66, names, random);
    xy.push(...part.xy);
    words.push(...part.words);
    for (let i = 0; i < 66; i++) topic.push(t);
  });
  return { xy: Float32Array.from(xy), n: topic.length, words, topic };
}

describe('regions at every scale', () => {
  it('divides one continuous blob of 600 symbols into 6-30 named top-level regions, no two named alike', () => {
    const input = oneBlob();
    const { clusters, assignment } = clusterMap(input);
    assert.ok(clusters.length >= 6 && clusters.length <= 30, `${clusters.length} top-level regions`);
    const labels = clusters.map((c) => c.label);
    assert.ok(labels.every((l) => l !== ''), `every region is named: ${JSON.stringify(labels)}`);
    assert.equal(new Set(labels).size, labels.length, `labels are distinct: ${JSON.stringify(labels)}`);
    assert.ok(Array.from(assignment).filter((a) => a >= 0).length > 0.95 * input.n, 'nearly every point is in a region');
  });

  it('names a region by the phrase its members share ("day of week", "deep clone") rather than a bag of words', () => {
    const input = oneBlob();
    const { clusters } = clusterMap(input);
    const labels = clusters.map((c) => c.label).join(' | ');
    assert.match(labels, /day of week|deep clone|parse json/, labels);
  });

  it('nests finer regions inside each top-level region, every point of a finer region in its parent', () => {
    const input = oneBlob();
    const { regions, leaf, assignment } = clusterMap(input);
    const finer = regions.filter((r) => r.level > 0);
    assert.ok(finer.length > regions.filter((r) => r.level === 0).length, `${finer.length} finer regions`);
    regions.forEach((r, id) => {
      assert.equal(r.id, id);
      if (r.level === 0) assert.equal(r.parent, -1);
      else assert.equal(regions[r.parent]!.level, r.level - 1);
    });
    for (let i = 0; i < input.n; i++) {
      let r = leaf[i]!;
      if (r < 0) {
        assert.equal(assignment[i], -1);
        continue;
      }
      while (regions[r]!.parent >= 0) r = regions[r]!.parent;
      assert.equal(r, assignment[i], `point ${i}'s finest region lies inside its top-level region`);
    }
    for (const level of [1, 2]) {
      const labels = regions.filter((r) => r.level === level && r.label).map((r) => r.label);
      assert.equal(new Set(labels).size, labels.length, `level ${level} labels are distinct`);
    }
  });

  it('gives the same regions for the same map', () => {
    const a = clusterMap(oneBlob());
    const b = clusterMap(oneBlob());
    assert.deepEqual(a.regions, b.regions);
    assert.deepEqual(Array.from(a.leaf), Array.from(b.leaf));
  });
});

describe('region names', () => {
  it('never pair two spellings of one word ("geometry, geometries", "light, lighting", "web gl, webgl")', () => {
    const random = seededRandom(3);
    const xy: number[] = [];
    const words: string[][] = [];
    const topics = [
      ['Geometry', 'Geometries', 'BoxGeometry', 'PlaneGeometries'],
      ['Light', 'Lighting', 'PointLight', 'LightingModel'],
      ['WebGL', 'WebGl', 'WebGLRenderer', 'WebGlState'],
      ['parseJson', 'readJson', 'writeJson'],
      ['drawCanvas', 'canvasContext', 'drawLine'],
      ['sortBy', 'sortedIndex', 'sortNumbers'],
    ];
    topics.forEach((names, t) => {
      const part = blob((t % 3) * 3, Math.floor(t / 3) * 3, 0.6, 40, names, random);
      xy.push(...part.xy);
      words.push(...part.words);
    });
    const { regions } = clusterMap({ xy: Float32Array.from(xy), n: words.length, words });
    for (const r of regions) {
      const parts = r.label.split(', ');
      if (parts.length < 2) continue;
      const [a, b] = parts.map((p) => p.replace(/ /g, ''));
      assert.ok(!(a!.startsWith(b!.slice(0, 5)) || b!.startsWith(a!.slice(0, 5))), `"${r.label}" pairs one word with itself`);
    }
  });
});
