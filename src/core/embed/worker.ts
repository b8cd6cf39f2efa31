// The embedding worker (bundled to dist/embed-worker.js): loads one model with
// transformers.js and turns batches of texts into mean-pooled, normalised
// vectors, off the caller's event loop. Messages: protocol.ts.
import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { env, pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import { DEFAULT_MODEL_HOST, DownloadCancelled, DownloadStalled, StagedModelCache, stalledFetch } from './download';
import type { FromEmbedWorker, ModelSource, ToEmbedWorker } from './protocol';

// Texts are bounded by the caller (src/core/text); this only keeps a stray huge
// text from costing seconds of tokenisation. 512 tokens of English are about
// 2,500 characters; four times that leaves room for long identifiers split into
// short tokens while staying cheap to tokenise.
const MAX_TEXT_CHARS = 10_000;
// BERT-style models embed positions up to 512; tokenizer configs that leave
// model_max_length unset (or at the 1e30 sentinel) would let longer inputs crash
// the model, so the tokenizer is capped at this.
const DEFAULT_MAX_TOKENS = 512;

// How long a download may receive nothing before it fails, unless the source says.
const DEFAULT_STALL_SECONDS = 60;

const port = parentPort;
if (!port) throw new Error('embed-worker must run in a worker thread');

/** The load whose files may be downloading now: its id, its cancel switch, its stall limit. */
let downloading: { id: number; controller: AbortController; stallSeconds: number } | undefined;
globalThis.fetch = stalledFetch(
  globalThis.fetch,
  () => downloading?.stallSeconds ?? DEFAULT_STALL_SECONDS,
  () => downloading?.controller.signal,
);

let extractor: FeatureExtractionPipeline | undefined;
// Messages are handled one at a time, in order, so an embed sent right after a
// load waits for the model, and two batches never run on one session at once.
let queue: Promise<void> = Promise.resolve();

function post(message: FromEmbedWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

port.on('message', (message: ToEmbedWorker) => {
  if (message.type === 'cancel') {
    // Not queued: the load it stops is what the queue is waiting for.
    if (downloading?.id === message.id) downloading.controller.abort();
    return;
  }
  queue = queue.then(() => {
    switch (message.type) {
      case 'load':
        return load(message.id, message.source);
      case 'embed':
        return embed(message.id, message.texts);
      case 'count':
        return count(message.id, message.texts);
      case 'unload':
        return unload();
    }
  });
});

/** Drops the model. Never throws: a rejected queue would stop every later message. */
async function unload(): Promise<void> {
  const loaded = extractor;
  extractor = undefined;
  await loaded?.dispose().catch(() => undefined);
}

/** Sets transformers.js' global environment for one source; the worker holds one model at a time. */
function configure(source: ModelSource): { name: string; staged?: StagedModelCache } {
  if (source.kind === 'folder') {
    // A folder is loaded as a "local model" named by its base name under its parent.
    env.allowLocalModels = true;
    env.localModelPath = path.dirname(source.folder);
    env.allowRemoteModels = false;
    // The download cache is keyed by model name: a cached hub model with the
    // folder's base name must not stand in for the folder.
    env.useFSCache = false;
    env.useCustomCache = false;
    return { name: path.basename(source.folder) };
  }
  if (!source.allowRemote) {
    // Downloads off: the cache folder (laid out <id>/<file>, like a model
    // folder) is the only place to look.
    env.allowLocalModels = true;
    env.localModelPath = source.cacheDir ?? env.cacheDir;
    env.allowRemoteModels = false;
    env.useFSCache = false;
    env.useCustomCache = false;
    return { name: source.id };
  }
  // Downloads on: files already cached are read from the cache folder, new
  // ones are written there only once the model has loaded (download.ts).
  env.allowLocalModels = false;
  env.allowRemoteModels = true;
  env.remoteHost = source.host ?? DEFAULT_MODEL_HOST;
  env.remotePathTemplate = '{model}/resolve/{revision}/';
  if (source.cacheDir) env.cacheDir = source.cacheDir;
  const staged = new StagedModelCache(source.cacheDir ?? env.cacheDir, source.id, env.remoteHost);
  env.useFSCache = false;
  env.useCustomCache = true;
  env.customCache = staged;
  return { name: source.id, staged };
}

async function load(id: number, source: ModelSource): Promise<void> {
  await unload();
  // transformers.js reports load problems on the console (and retries a broken
  // ONNX file on its wasm backend, which is not shipped); keep those lines as
  // the detail of one clear message instead of letting them reach the terminal.
  const logged: string[] = [];
  const { warn, error } = console;
  console.warn = console.error = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
  const lastPercent = new Map<string, number>();
  downloading = {
    id,
    controller: new AbortController(),
    stallSeconds: (source.kind === 'hub' ? source.stallSeconds : undefined) ?? DEFAULT_STALL_SECONDS,
  };
  try {
    const { name, staged } = configure(source);
    const loaded = await pipeline('feature-extraction', name, {
      quantized: true,
      progress_callback: (data: { status: string; file?: string; progress?: number }) => {
        if (data.status !== 'progress' || data.file === undefined || data.progress === undefined) return;
        const percent = Math.floor(data.progress);
        if (lastPercent.get(data.file) === percent) return;
        lastPercent.set(data.file, percent);
        post({ type: 'download', id, file: data.file, percent });
      },
    });
    const tokenizer = loaded.tokenizer as { model_max_length?: number };
    const declared = tokenizer.model_max_length;
    if (declared === undefined || !Number.isFinite(declared) || declared > 100_000) tokenizer.model_max_length = DEFAULT_MAX_TOKENS;
    extractor = loaded;
    // One text through the whole path: proves the model runs and gives its width.
    const probe = await meanPooledNormalized(loaded, ['probe']);
    const dimensions = probe.length;
    if (!(dimensions > 0) || !probe.every(Number.isFinite)) throw new Error('the model does not produce usable vectors');
    // Only a model that loaded and ran is kept: a broken or partial download never reaches the cache.
    if (downloading.controller.signal.aborted) throw new DownloadCancelled();
    await staged?.commit();
    post({ type: 'loaded', id, dimensions });
  } catch (caught) {
    await unload();
    post({ type: 'loadFailed', id, reason: describeLoadError(caught, source, logged) });
  } finally {
    downloading = undefined;
    console.warn = warn;
    console.error = error;
  }
}

function bounded(text: string): string {
  return text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
}

async function embed(id: number, texts: readonly string[]): Promise<void> {
  try {
    if (!extractor) throw new Error('no model is loaded');
    const vectors = await meanPooledNormalized(extractor, texts.map(bounded));
    post({ type: 'embedded', id, vectors }, [vectors.buffer as ArrayBuffer]);
  } catch (caught) {
    post({ type: 'embedFailed', id, message: oneLine(caught instanceof Error ? caught.message : String(caught)) });
  }
}

/** Token counts, for the caller to batch texts of equal length together (a transformer pads every text of a batch to the longest). */
async function count(id: number, texts: readonly string[]): Promise<void> {
  try {
    if (!extractor) throw new Error('no model is loaded');
    const tokenizer = extractor.tokenizer;
    const counts = Int32Array.from(texts, (text) => tokenizer.encode(bounded(text)).length);
    post({ type: 'counted', id, counts }, [counts.buffer as ArrayBuffer]);
  } catch (caught) {
    post({ type: 'embedFailed', id, message: oneLine(caught instanceof Error ? caught.message : String(caught)) });
  }
}

interface TensorLike {
  readonly data: ArrayLike<number | bigint>;
  readonly dims: readonly number[];
}

/**
 * What `extractor(texts, { pooling: 'mean', normalize: true })` computes, step
 * for step (FeatureExtractionPipeline._call in transformers.js 2.17.2:
 * tokenise with padding and truncation, run the model, average the token
 * states the attention mask keeps, scale to unit length), with the pooling
 * written here: transformers.js' mean_pooling converts the int64 mask from
 * BigInt once per value and dimension, which made it 80% of the time a
 * static model takes (1.3 s of 1.6 s for 2,000 texts).
 */
async function meanPooledNormalized(pipe: FeatureExtractionPipeline, texts: string[]): Promise<Float32Array> {
  const inputs = pipe.tokenizer(texts, { padding: true, truncation: true }) as { attention_mask: TensorLike };
  const outputs = (await pipe.model(inputs)) as Record<string, TensorLike | undefined>;
  const hidden = outputs.last_hidden_state ?? outputs.logits ?? outputs.token_embeddings;
  if (!hidden || hidden.dims.length !== 3) throw new Error('the model has no last_hidden_state output of shape [batch, tokens, dims]');
  const [batch, tokens, dims] = hidden.dims as [number, number, number];
  const states = hidden.data as ArrayLike<number>;
  const mask = Float32Array.from(inputs.attention_mask.data, Number);
  // A copy the worker owns, so its buffer can be transferred rather than cloned.
  const vectors = new Float32Array(batch * dims);
  for (let b = 0; b < batch; b++) {
    const row = vectors.subarray(b * dims, (b + 1) * dims);
    let count = 0;
    for (let t = 0; t < tokens; t++) {
      const weight = mask[b * tokens + t]!;
      if (weight === 0) continue;
      count += weight;
      const offset = (b * tokens + t) * dims;
      for (let k = 0; k < dims; k++) row[k]! += states[offset + k]! * weight;
    }
    let norm = 0;
    for (let k = 0; k < dims; k++) norm += row[k]! * row[k]!;
    norm = Math.sqrt(norm);
    // A text a model maps to no tokens at all (or to zero vectors only) has no
    // direction; an all-zero row is the honest answer (similar to nothing) and
    // keeps NaN out of the maps. Dividing by count first is skipped: it does
    // not change the direction.
    if (count === 0 || !(norm > 0) || !Number.isFinite(norm)) row.fill(0);
    else for (let k = 0; k < dims; k++) row[k]! /= norm;
  }
  return vectors;
}

const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Why a model failed to load, in words a user can act on (without the model's name). */
function describeLoadError(caught: unknown, source: ModelSource, logged: readonly string[]): string {
  const error = caught instanceof Error ? caught : new Error(String(caught));
  if (error instanceof DownloadStalled) return `the download stalled: ${error.message}; check the connection and try again`;
  if (error instanceof DownloadCancelled) return error.message;
  const message = oneLine(error.message);
  // Node's fetch ends a body the server cut off short with 'terminated'.
  if (message === 'terminated') return `the download was cut off before the file was complete (${oneLine((error as { cause?: Error }).cause?.message ?? message)}); try again`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code && NETWORK_CODES.has(cause.code)) return `network unreachable (${oneLine(cause.message ?? cause.code)})`;
  if (message === 'fetch failed') return `network unreachable (${oneLine(cause?.message ?? message)})`;
  const missing = /not found locally at "([^"]+)"/.exec(message);
  if (missing) {
    const file = missing[1]!;
    if (source.kind === 'folder') return `the folder has no ${path.relative(source.folder, file) || file}, so it is not a transformers.js model folder`;
    return `it has not been downloaded (no ${file}) and downloads are turned off`;
  }
  if (/Could not locate file/.test(message)) return `the model hub has no such model, or it has no ONNX weights (${message})`;
  if (/Unauthorized access/.test(message)) return `the model hub refused access; the model may be private or gated (${message})`;
  if (error instanceof SyntaxError || /JSON/.test(message)) return `a model file is damaged: ${message}`;
  const runtime = logged.find((line) => /protobuf|onnx|model/i.test(line));
  if (/create a session/i.test(message) || runtime) {
    return `its ONNX file (onnx/model_quantized.onnx) is damaged or not a model this runtime can run (${oneLine(runtime ?? message)})`;
  }
  return message;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  // One line means one line: long library messages are cut, not wrapped.
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
