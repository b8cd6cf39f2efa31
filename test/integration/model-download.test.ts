// The download path for real: a model server on 127.0.0.1 lays out the twin
// of all-MiniLM-L6-v2 (2 layers, scripts/twin-model.mjs) the way the Hugging
// Face hub does (<model id>/resolve/main/<file>), LATENT_MAP_MODEL_HOST points
// the product at it, and the embedder and CLI download it as a user's first
// run downloads the default model. The server can also answer 404, cut a file
// off, send a damaged one, go silent, or hold a file half sent while the
// download is cancelled.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createEmbedder } from '../../src/core/embed';
import { packageRoot } from '../../src/core/paths';
import { CancelledError, UserError, type MapJson, type Progress } from '../../src/core/types';
import { twinModel } from '../support/twin';

const CLI = path.join(packageRoot(), 'dist', 'cli.js');
const FIXTURE = path.join(packageRoot(), 'test', 'fixtures', 'repo');
const MODEL_ID = 'latent-map-test/twin-L2';
const ONNX = 'onnx/model_quantized.onnx';
const DIMS = 384;

/** How the server answers a request for `file`; undefined: serve it whole. */
type Answer = (file: string, response: ServerResponse, bytes: Buffer) => boolean | void;

let folder: string;
let server: Server;
let host: string;
let scratch: string;
let answer: Answer | undefined;
/** Files requested since the last reset. */
let requested: string[] = [];
const open = new Set<ServerResponse>();
const saved = { host: process.env.LATENT_MAP_MODEL_HOST, timeout: process.env.LATENT_MAP_DOWNLOAD_TIMEOUT };

before(async () => {
  folder = twinModel(2);
  scratch = mkdtempSync(path.join(tmpdir(), 'latent-map-download-'));
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const prefix = `/${MODEL_ID}/resolve/main/`;
    const url = decodeURIComponent(request.url ?? '');
    if (!url.startsWith(prefix)) return void response.writeHead(404).end('not found');
    const file = url.slice(prefix.length);
    requested.push(file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.join(folder, ...file.split('/')));
    } catch {
      return void response.writeHead(404).end('Entry not found');
    }
    open.add(response);
    response.on('close', () => open.delete(response));
    if (answer?.(file, response, bytes)) return;
    response.writeHead(200, { 'content-length': bytes.length, 'content-type': 'application/octet-stream' }).end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  process.env.LATENT_MAP_MODEL_HOST = host;
});

after(async () => {
  for (const response of open) response.destroy();
  await new Promise((resolve) => server.close(resolve));
  if (saved.host === undefined) delete process.env.LATENT_MAP_MODEL_HOST;
  else process.env.LATENT_MAP_MODEL_HOST = saved.host;
  if (saved.timeout === undefined) delete process.env.LATENT_MAP_DOWNLOAD_TIMEOUT;
  else process.env.LATENT_MAP_DOWNLOAD_TIMEOUT = saved.timeout;
  rmSync(scratch, { recursive: true, force: true });
});

beforeEach(() => {
  answer = undefined;
  requested = [];
  delete process.env.LATENT_MAP_DOWNLOAD_TIMEOUT;
});

let caches = 0;
function freshCacheDir(): string {
  return path.join(scratch, `models-${++caches}`);
}

/** Every file under `dir`, relative, sorted ([] when it does not exist). */
function filesUnder(dir: string): string[] {
  try {
    return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)))
      .sort();
  } catch {
    return [];
  }
}

/** Sends the first half of the ONNX file with its full length announced, then what `then` does. */
function halfOnnx(then: (response: ServerResponse) => void): Answer {
  return (file, response, bytes) => {
    if (file !== ONNX) return false;
    response.writeHead(200, { 'content-length': bytes.length });
    response.write(bytes.subarray(0, bytes.length >> 1), () => then(response));
    return true;
  };
}

const MODEL_FILES = ['config.json', 'onnx/model_quantized.onnx', 'tokenizer.json', 'tokenizer_config.json'];

test('a model id is downloaded from the model host with progress, kept whole in the cache, and embeds', async () => {
  const cacheDir = freshCacheDir();
  const progress: Progress[] = [];
  const embedder = await createEmbedder({ model: MODEL_ID, modelCacheDir: cacheDir, onProgress: (p) => progress.push(p) });
  try {
    assert.equal(embedder.modelId, MODEL_ID);
    assert.equal(embedder.fallbackReason, undefined);
    assert.equal(embedder.dimensions, DIMS);
    assert.equal((await embedder.embed(['parse http response'])).length, DIMS);
  } finally {
    await embedder.dispose();
  }
  const onnx = progress.filter((p) => p.phase === 'download' && p.message === `Downloading ${MODEL_ID} (${ONNX})`);
  assert.ok(onnx.length >= 3, `several progress steps for the ONNX file: ${onnx.map((p) => p.done).join(',')}`);
  assert.ok(onnx.some((p) => p.done! > 0 && p.done! < 100), 'progress between 0 and 100 %');
  assert.equal(onnx.at(-1)!.done, 100);
  assert.deepEqual(requested.sort(), MODEL_FILES);
  assert.deepEqual(filesUnder(cacheDir), MODEL_FILES.map((file) => path.join(MODEL_ID, file)));
  for (const file of MODEL_FILES) {
    assert.ok(readFileSync(path.join(cacheDir, MODEL_ID, file)).equals(readFileSync(path.join(folder, file))), `${file} is cached byte for byte`);
  }

  // A second load reads the cache: nothing reaches the server.
  requested = [];
  const again = await createEmbedder({ model: MODEL_ID, modelCacheDir: cacheDir });
  await again.dispose();
  assert.equal(again.modelId, MODEL_ID);
  assert.deepEqual(requested, []);
});

test('with downloads off (latentMap.allowDownload: false) no request reaches the server: a cached model loads, an uncached one is refused clearly', async () => {
  const cached = freshCacheDir();
  await (await createEmbedder({ model: MODEL_ID, modelCacheDir: cached })).dispose();
  requested = [];
  const offline = await createEmbedder({ model: MODEL_ID, modelCacheDir: cached, allowRemote: false });
  await offline.dispose();
  assert.equal(offline.modelId, MODEL_ID);

  const empty = freshCacheDir();
  await assert.rejects(
    createEmbedder({ model: MODEL_ID, modelCacheDir: empty, allowRemote: false }),
    (error: Error) => error instanceof UserError && /has not been downloaded .* downloads are turned off/.test(error.message),
  );
  const fallen = await createEmbedder({ model: MODEL_ID, modelCacheDir: empty, allowRemote: false, fallback: true });
  await fallen.dispose();
  assert.equal(fallen.modelId, 'builtin');
  assert.deepEqual(requested, [], 'the server saw no request');
  assert.deepEqual(filesUnder(empty), []);
});

/** Loads with fallback from a fresh cache while the server misbehaves; checks the built-in model took over, the reason, and that nothing was cached. */
async function fallsBack(misbehave: Answer, reason: RegExp): Promise<string> {
  const cacheDir = freshCacheDir();
  answer = misbehave;
  const embedder = await createEmbedder({ model: MODEL_ID, modelCacheDir: cacheDir, fallback: true });
  try {
    assert.equal(embedder.modelId, 'builtin');
    assert.match(embedder.fallbackReason ?? '', new RegExp(`^Could not load model "${MODEL_ID}": `));
    assert.match(embedder.fallbackReason!, reason);
    assert.match(embedder.fallbackReason!, /Using the built-in model instead\.$/);
    assert.equal((await embedder.embed(['parse http response'])).length, embedder.dimensions, 'the built-in model embeds');
  } finally {
    await embedder.dispose();
  }
  assert.deepEqual(filesUnder(cacheDir), [], 'nothing of the failed download is cached');
  // Nothing lost: once the server behaves, the same cache folder gets the model whole.
  answer = undefined;
  const good = await createEmbedder({ model: MODEL_ID, modelCacheDir: cacheDir });
  await good.dispose();
  assert.equal(good.modelId, MODEL_ID);
  assert.deepEqual(filesUnder(cacheDir), MODEL_FILES.map((file) => path.join(MODEL_ID, file)));
  return embedder.fallbackReason!;
}

test('a 404 for the ONNX file falls back to the built-in model and says the hub has no such model', async () => {
  await fallsBack((file, response) => {
    if (file !== ONNX) return false;
    response.writeHead(404).end('Entry not found');
    return true;
  }, /no such model, or it has no ONNX weights .*404|Could not locate file/);
});

test('an ONNX file cut off mid-download falls back and says the download was cut off', async () => {
  await fallsBack(halfOnnx((response) => response.destroy()), /download was cut off/);
});

test('a damaged ONNX file (whole, but not a model) falls back, says it is damaged, and is not cached', async () => {
  await fallsBack((file, response, bytes) => {
    if (file !== ONNX) return false;
    const damaged = Buffer.from(bytes);
    damaged.fill(0x5a, 0, 4096);
    response.writeHead(200, { 'content-length': damaged.length }).end(damaged);
    return true;
  }, /damaged/);
});

test('a damaged config.json falls back and says a model file is damaged', async () => {
  await fallsBack((file, response) => {
    if (file !== 'config.json') return false;
    const damaged = '{"model_type": "be';
    response.writeHead(200, { 'content-length': Buffer.byteLength(damaged) }).end(damaged);
    return true;
  }, /damaged/);
});

test('a server that accepts and never answers fails after LATENT_MAP_DOWNLOAD_TIMEOUT seconds with a clear message, and falls back', async () => {
  process.env.LATENT_MAP_DOWNLOAD_TIMEOUT = '1';
  await fallsBack((file) => file === ONNX, /download stalled: the model host sent nothing for 1 s while downloading http:\/\/127\.0\.0\.1:\d+\/latent-map-test\/twin-L2\/resolve\/main\/onnx\/model_quantized\.onnx/);
});

test('a server that goes silent mid-file fails the same way', async () => {
  process.env.LATENT_MAP_DOWNLOAD_TIMEOUT = '1';
  await fallsBack(halfOnnx(() => undefined), /download stalled/);
});

test('a download cancelled halfway writes nothing, and a later run downloads cleanly', async () => {
  const cacheDir = freshCacheDir();
  const controller = new AbortController();
  answer = halfOnnx(() => controller.abort());
  await assert.rejects(createEmbedder({ model: MODEL_ID, modelCacheDir: cacheDir, signal: controller.signal }), CancelledError);
  assert.deepEqual(filesUnder(cacheDir), []);
  answer = undefined;
  requested = [];
  // The worker stops the cancelled download at once, so this load is not stuck behind the held response.
  const embedder = await createEmbedder({ model: MODEL_ID, modelCacheDir: cacheDir });
  await embedder.dispose();
  assert.equal(embedder.modelId, MODEL_ID);
  assert.ok(requested.includes(ONNX));
  assert.deepEqual(filesUnder(cacheDir), MODEL_FILES.map((file) => path.join(MODEL_ID, file)));
});

/** Runs the CLI without blocking this process: the model server runs here. */
function cli(args: string[], extraEnv: Record<string, string> = {}, onStart?: (child: ChildProcess) => void): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, LATENT_MAP_MODEL_HOST: host, ...extraEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  onStart?.(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stderr })));
}

// The CLI draws progress only on a terminal; the embedder test above checks the download progress it draws.
test('latent-map index --model <id> downloads the model into <cache-dir>/models and maps with it', async () => {
  const cacheDir = path.join(scratch, 'cli-ok');
  const out = path.join(scratch, 'cli-ok.json');
  const run = await cli(['index', FIXTURE, '--model', MODEL_ID, '--cache-dir', cacheDir, '--out', out]);
  assert.equal(run.status, 0, run.stderr);
  const map = JSON.parse(readFileSync(out, 'utf8')) as MapJson;
  assert.deepEqual(map.model, { id: MODEL_ID, dimensions: DIMS });
  assert.ok(map.symbols.length > 10);
  assert.deepEqual(filesUnder(path.join(cacheDir, 'models')), MODEL_FILES.map((file) => path.join(MODEL_ID, file)));
});

test('latent-map index --fallback: a stalled server gives one clear line and a map from the built-in model; without --fallback, exit 1 with the reason', async () => {
  answer = (file) => file === ONNX;
  const cacheDir = path.join(scratch, 'cli-stall');
  const out = path.join(scratch, 'cli-stall.json');
  const env = { LATENT_MAP_DOWNLOAD_TIMEOUT: '1' };
  const fallen = await cli(['index', FIXTURE, '--model', MODEL_ID, '--cache-dir', cacheDir, '--out', out, '--fallback'], env);
  assert.equal(fallen.status, 0, fallen.stderr);
  assert.match(fallen.stderr, /latent-map: Could not load model "latent-map-test\/twin-L2": the download stalled: .* Using the built-in model instead\./);
  const map = JSON.parse(readFileSync(out, 'utf8')) as MapJson;
  assert.equal(map.model.id, 'builtin');
  assert.ok(map.symbols.length > 10);

  const failed = await cli(['index', FIXTURE, '--model', MODEL_ID, '--cache-dir', cacheDir, '--out', path.join(scratch, 'cli-none.json')], env);
  assert.equal(failed.status, 1);
  assert.match(failed.stderr, /latent-map: Could not load model "latent-map-test\/twin-L2": the download stalled/);
  assert.deepEqual(filesUnder(path.join(cacheDir, 'models')), []);
});

test('Ctrl-C during the CLI download exits as cancelled with nothing written to the model cache; the next run downloads cleanly', async () => {
  const cacheDir = path.join(scratch, 'cli-cancel');
  const out = path.join(scratch, 'cli-cancel.json');
  let child: ChildProcess | undefined;
  answer = halfOnnx(() => child?.kill('SIGINT'));
  const { status, stderr } = await cli(['index', FIXTURE, '--model', MODEL_ID, '--cache-dir', cacheDir, '--out', out], {}, (started) => (child = started));
  assert.equal(status, 130, stderr);
  assert.match(stderr, /latent-map: cancelled/);
  assert.deepEqual(filesUnder(path.join(cacheDir, 'models')), []);
  answer = undefined;
  const again = await cli(['index', FIXTURE, '--model', MODEL_ID, '--cache-dir', cacheDir, '--out', out]);
  assert.equal(again.status, 0, again.stderr);
  assert.equal((JSON.parse(readFileSync(out, 'utf8')) as MapJson).model.id, MODEL_ID);
});
