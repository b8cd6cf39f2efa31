// The default model's path, with a real transformer: the twin of
// all-MiniLM-L6-v2 (scripts/twin-model.mjs, 2 layers here) is a BERT graph
// with attention, position and token-type embeddings and int8 weights, loaded
// from a model folder through the same embedder, worker and CLI as any
// user's model. Its weights are random, so these tests check what the path
// must get right for every transformer (masking, pooling, width, determinism),
// not what texts mean.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { env, pipeline } from '@xenova/transformers';
import { createEmbedder, type Embedder } from '../../src/core/embed';
import { LatentIndex, type FirstMap } from '../../src/core/indexer';
import { packageRoot } from '../../src/core/paths';
import type { MapJson } from '../../src/core/types';
import { twinModel } from '../support/twin';

const CLI = path.join(packageRoot(), 'dist', 'cli.js');
const FIXTURE = path.join(packageRoot(), 'test', 'fixtures', 'repo');
const DIMS = 384;

let folder: string;
let embedder: Embedder;
let scratch: string;

before(async () => {
  folder = twinModel(2);
  scratch = mkdtempSync(path.join(tmpdir(), 'latent-map-twin-'));
  embedder = await createEmbedder({ model: folder });
});

after(async () => {
  await embedder?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

function cosine(a: Float32Array, i: number, b: Float32Array, j: number): number {
  let sum = 0;
  for (let k = 0; k < DIMS; k++) sum += a[i * DIMS + k]! * b[j * DIMS + k]!;
  return sum;
}

const SHORT = 'parse http response';
const LONG = 'read the whole configuration file from disk, merge it with the defaults and validate every field before the server starts';

test('the twin loads from its folder like a user model and gives one 384-dimension unit vector per text', async () => {
  assert.equal(embedder.modelId, folder);
  assert.equal(embedder.fallbackReason, undefined);
  assert.equal(embedder.dimensions, DIMS);
  const vectors = await embedder.embed([SHORT, LONG, 'x', '']);
  assert.equal(vectors.length, 4 * DIMS);
  for (let row = 0; row < 4; row++) assert.ok(Math.abs(cosine(vectors, row, vectors, row) - 1) < 1e-4, `row ${row} is a unit vector`);
});

test('a text gets the same vector alone and padded in a batch beside a longer text', async () => {
  // Without the attention mask the padded text attends to [PAD] states and
  // moves to about 0.989; int8 activations are quantized per batch, which
  // alone moves it by about 1e-5.
  const alone = await embedder.embed([SHORT]);
  const padded = await embedder.embed([LONG, SHORT, `${LONG} ${LONG}`]);
  const similarity = cosine(alone, 0, padded, 1);
  assert.ok(similarity > 0.9999, `cosine ${similarity}`);
});

test('the same text gives the same vector every time, and different texts differ', async () => {
  const first = await embedder.embed([SHORT, LONG]);
  const again = await embedder.embed([SHORT, LONG]);
  assert.deepEqual(again, first);
  assert.ok(cosine(first, 0, first, 1) < 0.99, 'two unrelated texts are different points');
});

test('the int8 model agrees with the fp32 one it was quantized from', async () => {
  env.allowRemoteModels = false;
  env.useFSCache = false;
  env.localModelPath = path.dirname(folder);
  const texts = [SHORT, LONG, 'x'];
  const vectors = [];
  for (const quantized of [true, false]) {
    const extractor = await pipeline('feature-extraction', path.basename(folder), { quantized });
    vectors.push((await extractor(texts, { pooling: 'mean', normalize: true })).data as Float32Array);
    await extractor.dispose();
  }
  for (let row = 0; row < texts.length; row++) {
    const similarity = cosine(vectors[0]!, row, vectors[1]!, row);
    assert.ok(similarity > 0.999, `${texts[row]}: cosine ${similarity}`);
  }
});

test('the generator is deterministic: the same seed writes the same model bytes', () => {
  const copy = path.join(scratch, 'twin-again');
  const run = spawnSync(process.execPath, [path.join(packageRoot(), 'scripts', 'twin-model.mjs'), '--layers', '2', '--out', copy], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  for (const file of ['onnx/model_quantized.onnx', 'onnx/model.onnx', 'tokenizer.json', 'config.json']) {
    assert.ok(readFileSync(path.join(copy, file)).equals(readFileSync(path.join(folder, file))), `${file} is identical`);
  }
});

test('latent-map index maps a folder with the twin, and a second run embeds nothing', () => {
  const cacheDir = path.join(scratch, 'cache');
  const out = path.join(scratch, 'map.json');
  const index = () => {
    const run = spawnSync(process.execPath, [CLI, 'index', FIXTURE, '--model', folder, '--cache-dir', cacheDir, '--out', out], { encoding: 'utf8', timeout: 300_000 });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(readFileSync(out, 'utf8')) as MapJson;
  };
  const map = index();
  assert.deepEqual(map.model, { id: folder, dimensions: DIMS });
  assert.ok(map.symbols.length > 10);
  assert.equal(map.stats.embedded, map.symbols.length);
  for (const symbol of map.symbols) assert.ok(Number.isFinite(symbol.x) && Number.isFinite(symbol.y), `${symbol.name} is placed`);
  assert.equal(index().stats.embedded, 0);
});

test('with a model other than the built-in one, a first map from the built-in model comes first and the model map starts from it', async () => {
  const cacheDir = path.join(scratch, 'first-map-cache');
  const seen: FirstMap[] = [];
  const order: string[] = [];
  const index = await LatentIndex.build({
    root: FIXTURE,
    model: folder,
    cacheDir,
    allowRemote: false,
    onFirstMap: (first) => {
      seen.push(first);
      order.push('first map');
    },
    onSymbols: () => order.push('model layout'),
  });
  try {
    assert.equal(seen.length, 1);
    const first = seen[0]!;
    assert.equal(first.modelId, 'builtin');
    assert.deepEqual(order, ['first map', 'model layout']);
    assert.equal(index.modelId, folder);
    assert.deepEqual(first.symbols.map((s) => s.id), index.symbols.map((s) => s.id));
    assert.equal(first.xy.length, index.symbols.length * 2);
    assert.equal(index.stats.layout, 'refined');
    assert.ok(index.stats.ms.firstMap !== undefined && index.stats.ms.firstMap <= index.stats.ms.total);
    // Regions stay where they were seen: the model's map moves points little from the first map.
    const final = index.toJson().symbols;
    let moved = 0;
    final.forEach((s, i) => (moved += Math.hypot(s.x - first.xy[i * 2]!, s.y - first.xy[i * 2 + 1]!)));
    assert.ok(moved / final.length < 0.15, `mean move ${(moved / final.length).toFixed(3)} of a map 2 wide`);
  } finally {
    await index.dispose();
  }
  // The next build of the folder refines the model's own map: no first map again.
  const again = await LatentIndex.build({ root: FIXTURE, model: folder, cacheDir, allowRemote: false, onFirstMap: (first) => seen.push(first) });
  await again.dispose();
  assert.equal(seen.length, 1);
});
