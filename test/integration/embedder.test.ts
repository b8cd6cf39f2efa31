// The embedder: a model in a worker thread (dist/embed-worker.js), real models
// only. Covers what callers rely on: vector shape and normalisation,
// determinism, clear load failures, fallback, cancellation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BATCH_SIZE, createEmbedder, pendingEmbedder, resolveModel, type Embedder } from '../../src/core/embed';
import { builtinModelDir } from '../../src/core/paths';
import { CancelledError, UserError, type Progress } from '../../src/core/types';

let embedder: Embedder;
let scratch: string;

before(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'latent-map-embed-'));
  embedder = await createEmbedder({ model: 'builtin' });
});

after(async () => {
  await embedder?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

function norm(vectors: Float32Array, dims: number, row: number): number {
  let sum = 0;
  for (let k = 0; k < dims; k++) sum += vectors[row * dims + k]! ** 2;
  return Math.sqrt(sum);
}

const SAMPLE = ['parse http response', 'read json file from disk', 'draw button', 'x', 'clamp value between min and max'];

test('the built-in model gives one unit vector of the declared dimension per text', async () => {
  assert.equal(embedder.modelId, 'builtin');
  assert.equal(embedder.dimensions, 100);
  assert.equal(embedder.fallbackReason, undefined);
  const vectors = await embedder.embed(SAMPLE);
  assert.equal(vectors.length, SAMPLE.length * embedder.dimensions);
  for (let row = 0; row < SAMPLE.length; row++) assert.ok(Math.abs(norm(vectors, embedder.dimensions, row) - 1) < 1e-4);
});

test('embedding is deterministic and does not depend on batching or order', async () => {
  const many = Array.from({ length: BATCH_SIZE * 2 + 5 }, (_, i) => `${SAMPLE[i % SAMPLE.length]} ${'word '.repeat(i % 7)}`);
  const first = await embedder.embed(many);
  const again = await embedder.embed(many);
  assert.deepEqual(again, first);
  const dims = embedder.dimensions;
  const single = await embedder.embed([many[40]!]);
  assert.deepEqual(single, first.slice(40 * dims, 41 * dims));
  const reversed = await embedder.embed([...many].reverse());
  assert.deepEqual(reversed.slice(0, dims), first.slice((many.length - 1) * dims, many.length * dims));
});

test('rows can go into an array the caller gives, from its start, with the same values; one too small is refused', async () => {
  const texts = Array.from({ length: BATCH_SIZE + 9 }, (_, i) => `${SAMPLE[i % SAMPLE.length]} ${i}`);
  const dims = embedder.dimensions;
  const expected = await embedder.embed(texts);
  const into = new Float32Array((texts.length + 2) * dims).fill(7);
  const written = await embedder.embed(texts, { into });
  assert.equal(written.buffer, into.buffer);
  assert.deepEqual(written, expected);
  assert.deepEqual(into.subarray(0, texts.length * dims), expected);
  assert.ok(into.subarray(texts.length * dims).every((v) => v === 7), 'rows past the texts are left as they were');
  await assert.rejects(embedder.embed(texts, { into: new Float32Array(texts.length * dims - 1) }), /cannot hold/);
});

test('no texts give an empty result, and progress counts texts as batches finish', async () => {
  assert.equal((await embedder.embed([])).length, 0);
  const seen: Array<[number, number]> = [];
  await embedder.embed(Array.from({ length: BATCH_SIZE + 3 }, (_, i) => `text ${i}`), { onProgress: (done, total) => seen.push([done, total]) });
  assert.deepEqual(seen, [
    [BATCH_SIZE, BATCH_SIZE + 3],
    [BATCH_SIZE + 3, BATCH_SIZE + 3],
  ]);
});

test('a very long text is truncated, not an error', async () => {
  const vectors = await embedder.embed(['parse '.repeat(50_000)]);
  assert.ok(Math.abs(norm(vectors, embedder.dimensions, 0) - 1) < 1e-4);
});

test('cancelling an embed rejects it with CancelledError and the next embed still works', async () => {
  const controller = new AbortController();
  const texts = Array.from({ length: BATCH_SIZE * 200 }, (_, i) => `function number ${i} reads a file`);
  const running = embedder.embed(texts, {
    signal: controller.signal,
    onProgress: (done) => {
      if (done >= BATCH_SIZE) controller.abort();
    },
  });
  await assert.rejects(running, CancelledError);
  const aborted = AbortSignal.abort();
  await assert.rejects(embedder.embed(['x'], { signal: aborted }), CancelledError);
  const after = await embedder.embed(SAMPLE);
  assert.deepEqual(after, await embedder.embed(SAMPLE));
  assert.ok(Math.abs(norm(after, embedder.dimensions, 0) - 1) < 1e-4);
});

test('a hub model that cannot be reached fails with one clear message naming it', async () => {
  // Offline (or with no such model on the hub) this is the path users hit.
  await assert.rejects(
    createEmbedder({ model: 'latent-map-test/no-such-model', modelCacheDir: scratch }),
    (error: Error) => {
      assert.ok(error instanceof UserError);
      assert.match(error.message, /^Could not load model "latent-map-test\/no-such-model": /);
      assert.match(error.message, /network unreachable|no such model|refused access/);
      assert.doesNotMatch(error.message, /\n/);
      return true;
    },
  );
});

test('with downloads turned off, a model that is not in the cache fails without touching the network', async () => {
  await assert.rejects(
    createEmbedder({ model: 'Xenova/all-MiniLM-L6-v2', allowRemote: false, modelCacheDir: scratch }),
    /^UserError: Could not load model "Xenova\/all-MiniLM-L6-v2": it has not been downloaded .* and downloads are turned off$/,
  );
});

test('a hub model already in the model cache loads from there, with or without downloads allowed', async () => {
  const cacheDir = path.join(scratch, 'model-cache');
  // The cache holds <owner>/<name>/<file> as transformers.js writes it; the built-in model stands in for a download.
  cpSync(builtinModelDir(), path.join(cacheDir, 'latent-map-test', 'cached-model'), { recursive: true, dereference: true });
  for (const allowRemote of [false, true]) {
    const cached = await createEmbedder({ model: 'latent-map-test/cached-model', modelCacheDir: cacheDir, allowRemote });
    try {
      assert.equal(cached.modelId, 'latent-map-test/cached-model');
      assert.equal(cached.fallbackReason, undefined);
      assert.deepEqual(await cached.embed(SAMPLE), await embedder.embed(SAMPLE));
    } finally {
      await cached.dispose();
    }
  }
});

test('with fallback, a model that fails to load is replaced by the built-in one and the reason is given', async () => {
  const progress: Progress[] = [];
  const fallback = await createEmbedder({
    model: 'Xenova/all-MiniLM-L6-v2',
    allowRemote: false,
    modelCacheDir: scratch,
    fallback: true,
    onProgress: (p) => progress.push(p),
  });
  try {
    assert.equal(fallback.modelId, 'builtin');
    assert.equal(fallback.dimensions, 100);
    assert.match(fallback.fallbackReason ?? '', /^Could not load model "Xenova\/all-MiniLM-L6-v2": .*\. Using the built-in model instead\.$/);
    assert.deepEqual(await fallback.embed(SAMPLE), await embedder.embed(SAMPLE));
  } finally {
    await fallback.dispose();
  }
});

test('a model folder with a damaged ONNX file gives a clear error', async () => {
  const damaged = path.join(scratch, 'damaged-model');
  cpSync(builtinModelDir(), damaged, { recursive: true, dereference: true });
  truncateSync(path.join(damaged, 'onnx', 'model_quantized.onnx'), 100_000);
  await assert.rejects(createEmbedder({ model: damaged }), (error: Error) => {
    assert.ok(error instanceof UserError);
    assert.match(error.message, /^Could not load model ".*damaged-model": its ONNX file .* is damaged/);
    return true;
  });
});

test('a model folder with a damaged tokenizer gives a clear error', async () => {
  const damaged = path.join(scratch, 'damaged-tokenizer');
  cpSync(builtinModelDir(), damaged, { recursive: true, dereference: true });
  writeFileSync(path.join(damaged, 'tokenizer.json'), '{"version": "1.0", "model": {');
  await assert.rejects(createEmbedder({ model: damaged }), /^UserError: Could not load model ".*damaged-tokenizer": a model file is damaged/);
});

test('a folder that is not a model, a missing folder and a malformed id are refused with a reason', async () => {
  await assert.rejects(createEmbedder({ model: scratch }), /the folder has no .*, so it is not a transformers.js model folder/);
  await assert.rejects(createEmbedder({ model: path.join(scratch, 'missing') }), /^UserError: Could not load model ".*missing": there is no folder/);
  await assert.rejects(createEmbedder({ model: 'not a model id!' }), /neither a model id .* nor an existing folder/);
});

test('a local model folder loads by path and reports its absolute path as the model id', async () => {
  const copy = path.join(scratch, 'copied-model');
  cpSync(builtinModelDir(), copy, { recursive: true, dereference: true });
  const local = await createEmbedder({ model: copy });
  try {
    assert.equal(local.modelId, copy);
    assert.deepEqual(await local.embed(SAMPLE), await embedder.embed(SAMPLE));
  } finally {
    await local.dispose();
  }
});

test('the fingerprint changes when a model changes under the same id, so caches keyed by it are not reused', () => {
  assert.match(embedder.fingerprint, /^builtin#[0-9a-f]{16}$/);
  const folder = path.join(scratch, 'changing-model');
  cpSync(builtinModelDir(), folder, { recursive: true, dereference: true });
  rmSync(path.join(folder, 'build-stamp.json'));
  const before = resolveModel({ model: folder }).fingerprint;
  assert.equal(resolveModel({ model: folder }).fingerprint, before);
  const config = path.join(folder, 'config.json');
  writeFileSync(config, readFileSync(config, 'utf8').replace('"hidden_size": 100', '"hidden_size": 100 '));
  assert.notEqual(resolveModel({ model: folder }).fingerprint, before);
});

test('loading stops with CancelledError when its signal fires', async () => {
  await assert.rejects(createEmbedder({ model: 'builtin', signal: AbortSignal.abort() }), CancelledError);
  const controller = new AbortController();
  const loading = createEmbedder({ model: 'builtin', signal: controller.signal });
  controller.abort();
  await assert.rejects(loading, CancelledError);
});

test('disposing while an embed runs rejects it with a clear message instead of leaving it pending', async () => {
  const doomed = await createEmbedder({ model: 'builtin' });
  const texts = Array.from({ length: BATCH_SIZE * 100 }, (_, i) => `text number ${i}`);
  const outcome = assert.rejects(doomed.embed(texts), /the embedder was disposed/);
  await doomed.dispose();
  await outcome;
  await assert.rejects(doomed.embed(['x']), /disposed/);
});

test('a model still loading answers once loaded, and refuses when what loaded is not the model the map was made with', async () => {
  const builtin = resolveModel({ model: 'builtin' });
  const same = pendingEmbedder({ id: 'builtin', fingerprint: builtin.fingerprint, dimensions: 100 }, createEmbedder({ model: 'builtin' }));
  assert.equal(same.fingerprint, builtin.fingerprint);
  const vectors = await same.embed(['parse a json file']);
  assert.equal(vectors.length, 100);
  await same.dispose();

  const other = pendingEmbedder({ id: 'Xenova/all-MiniLM-L6-v2', fingerprint: 'Xenova/all-MiniLM-L6-v2', dimensions: 384 }, createEmbedder({ model: 'builtin' }));
  await assert.rejects(other.embed(['parse a json file']), (error: Error) => error instanceof UserError && /re-index/.test(error.message));
  await other.dispose();
});
