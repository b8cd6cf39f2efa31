// The built-in model (models/builtin, made by scripts/build-model.mjs): it is a
// real transformers.js model folder, small enough to ship, its tokenizer knows
// programming words, and averaged vectors put related phrases together.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import { createEmbedder, type Embedder } from '../../src/core/embed';
import { builtinModelDir, packageRoot } from '../../src/core/paths';

const modelDir = builtinModelDir();
let extractor: FeatureExtractionPipeline;
let embedder: Embedder;

before(async () => {
  env.allowRemoteModels = false;
  env.useFSCache = false;
  env.localModelPath = path.dirname(modelDir);
  extractor = await pipeline('feature-extraction', path.basename(modelDir), { quantized: true });
  embedder = await createEmbedder({ model: 'builtin' });
});

after(async () => {
  await extractor?.dispose();
  await embedder?.dispose();
});

/** The tokens the built-in tokenizer makes of a text, special tokens left out. */
function tokens(text: string): string[] {
  const ids = extractor.tokenizer.encode(text, null, { add_special_tokens: false });
  return extractor.tokenizer.model.convert_ids_to_tokens(ids);
}

function cosine(vectors: Float32Array, dims: number, a: number, b: number): number {
  let sum = 0;
  for (let k = 0; k < dims; k++) sum += vectors[a * dims + k]! * vectors[b * dims + k]!;
  return sum;
}

function folderSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, entry) => sum + (entry.isDirectory() ? folderSize(path.join(dir, entry.name)) : statSync(path.join(dir, entry.name)).size),
    0,
  );
}

test('the built-in model loads through the transformers.js feature-extraction pipeline and gives unit vectors', async () => {
  const output = await extractor(['read file contents', 'draw a button'], { pooling: 'mean', normalize: true });
  assert.deepEqual(output.dims, [2, 100]);
  for (let row = 0; row < 2; row++) {
    assert.ok(Math.abs(cosine(output.data as Float32Array, 100, row, row) - 1) < 1e-5);
  }
});

test('the built-in model folder stays within 8 MB on disk', () => {
  const bytes = folderSize(modelDir);
  assert.ok(bytes <= 8 * 1024 * 1024, `models/builtin is ${(bytes / 1024 / 1024).toFixed(2)} MB`);
});

test('programming words GloVe lacks are whole tokens with vectors, not [UNK]', () => {
  const words = [
    'async', 'await', 'regex', 'mutex', 'tokenizer', 'serializer', 'deserialize', 'hashmap', 'argv', 'stdin',
    'stdout', 'stderr', 'utf8', 'dedupe', 'debounce', 'middleware', 'kwargs', 'readonly', 'typeof', 'nullable',
    'stringify', 'getattr', 'isinstance', 'mkdir', 'symlink', 'webpack', 'graphql', 'redis', 'uuid', 'enum',
    'struct', 'ctx', 'cfg', 'init', 'impl', 'params', 'coroutine', 'memoize', 'subprocess', 'changelog',
  ];
  for (const word of words) assert.deepEqual(tokens(word), [word], `${word} is one token`);
});

test('inflected programming words share their stem token', () => {
  for (const word of ['tokenizers', 'deserializing', 'deserialized', 'regexes', 'mutexes', 'debounced', 'memoizes']) {
    const pieces = tokens(word);
    assert.equal(pieces.length, 1, `${word} -> ${pieces.join(' ')}`);
    assert.notEqual(pieces[0], '[UNK]');
  }
});

test('unknown compounds split into word pieces rather than [UNK]', () => {
  assert.deepEqual(tokens('readfile'), ['read', '##file']);
  assert.deepEqual(tokens('getuser'), ['get', '##user']);
  for (const word of ['qzxvwk', 'foobarbaz', 'x9y8z7', 'parsexmlstream']) {
    assert.ok(!tokens(word).includes('[UNK]'), `${word} -> ${tokens(word).join(' ')}`);
  }
});

test('a text of only digits or symbols still gets a unit vector, not NaN', async () => {
  const vectors = await embedder.embed(['', '42', '!?', '日本語']);
  for (let row = 0; row < 4; row++) {
    assert.ok(Math.abs(cosine(vectors, embedder.dimensions, row, row) - 1) < 1e-4, `row ${row}`);
  }
});

// Each triple: the first phrase must be nearer the second than the third.
const TRIPLES: ReadonlyArray<readonly [string, string, string]> = [
  ['read file contents', 'load data from disk', 'draw a button on screen'],
  ['parse json string', 'deserialize text', 'render svg chart'],
  ['async', 'asynchronous', 'button'],
  ['hashmap', 'dictionary', 'button'],
  ['hashmap', 'map', 'button'],
  ['mutex lock', 'synchronize threads', 'format date string'],
  ['regex match', 'regular expression pattern', 'database connection'],
  ['argv', 'command line arguments', 'color'],
  ['send http request', 'fetch url from server', 'sort array of numbers'],
  ['delete directory', 'remove folder recursively', 'encrypt password'],
  ['debounce', 'delay function call', 'parse xml document'],
  ['tokenizer', 'split text into words', 'draw circle'],
];

test('related phrases, code words included, are nearer each other than unrelated ones', async () => {
  const texts = [...new Set(TRIPLES.flat())];
  const vectors = await embedder.embed(texts);
  const at = (text: string) => texts.indexOf(text);
  for (const [anchor, related, unrelated] of TRIPLES) {
    const near = cosine(vectors, embedder.dimensions, at(anchor), at(related));
    const far = cosine(vectors, embedder.dimensions, at(anchor), at(unrelated));
    assert.ok(near > far, `"${anchor}": "${related}" ${near.toFixed(3)} should beat "${unrelated}" ${far.toFixed(3)}`);
  }
});

test('the model build does nothing when its output is up to date', () => {
  const before = readFileSync(path.join(modelDir, 'build-stamp.json'), 'utf8');
  const output = execFileSync(process.execPath, [path.join(packageRoot(), 'scripts', 'build-model.mjs')], { encoding: 'utf8' });
  assert.match(output, /up to date/);
  assert.equal(readFileSync(path.join(modelDir, 'build-stamp.json'), 'utf8'), before);
});
