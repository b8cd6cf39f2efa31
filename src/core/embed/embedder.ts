// createEmbedder: a model loaded in a worker thread (worker.ts), used through
// the Embedder interface (types.ts). Loading resolves the model setting
// (modelSource.ts), reports download progress, and turns every failure into
// one line a user can act on; with `fallback` the built-in model takes over and
// `fallbackReason` says why.
import { Worker } from 'node:worker_threads';
import { workerScript } from '../paths';
import { CancelledError, throwIfAborted, UserError } from '../types';
import { resolveModel, type ResolvedModel } from './modelSource';
import type { FromEmbedWorker, ModelSource, ToEmbedWorker } from './protocol';
import { BUILTIN_MODEL, type EmbedOptions, type Embedder, type EmbedderOptions } from './types';

// Texts per message to the worker. 32 short texts take a transformer such as
// all-MiniLM-L6-v2 roughly 0.1 s on two cores, which keeps cancellation and
// progress prompt; batching more gains little because texts are sorted by
// length (so padding is small) and the per-message cost is already amortised.
// The built-in model does ~0.1 ms of work per text, so it is indifferent.
export const BATCH_SIZE = 32;

/** A load failure, with the user-facing reason (without the model's name). */
class LoadError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'LoadError';
  }
}

type Request =
  | { readonly kind: 'load'; resolve(dimensions: number): void; reject(error: Error): void; onDownload?: (file: string, percent: number) => void }
  | { readonly kind: 'embed'; resolve(vectors: Float32Array): void; reject(error: Error): void };

/**
 * One worker thread, holding at most one model. Requests are answered in order;
 * an answer nobody waits for any more (cancelled, or sent before a release) is
 * dropped.
 */
class ModelWorker {
  private readonly worker: Worker;
  private readonly requests = new Map<number, Request>();
  private nextId = 1;
  /** Set once the thread is gone: why. */
  stopped: string | undefined;

  constructor() {
    // execArgv []: the worker is a plain bundle; inheriting loader flags (tsx under tests) only slows its start.
    this.worker = new Worker(workerScript('embed-worker'), { execArgv: [] });
    this.worker.on('message', (message: FromEmbedWorker) => this.onMessage(message));
    this.worker.on('error', (error) => this.stop(`it crashed: ${error.message}`));
    this.worker.on('exit', (code) => this.stop(`it exited with code ${code}`));
    this.updateRef();
  }

  load(source: ModelSource, onDownload?: (file: string, percent: number) => void): Promise<number> {
    if (this.stopped) return Promise.reject(new LoadError(`the embedding worker stopped: ${this.stopped}`));
    const id = this.nextId++;
    return new Promise<number>((resolve, reject) => {
      this.requests.set(id, { kind: 'load', resolve, reject, onDownload });
      this.send({ type: 'load', id, source });
    });
  }

  embed(texts: readonly string[]): Promise<Float32Array> {
    if (this.stopped) return Promise.reject(new Error(`Latent Map: the embedding worker stopped: ${this.stopped}`));
    const id = this.nextId++;
    return new Promise<Float32Array>((resolve, reject) => {
      this.requests.set(id, { kind: 'embed', resolve, reject });
      this.send({ type: 'embed', id, texts });
    });
  }

  /** Fails whatever is waiting, drops the model, and leaves the thread idle for the next user. */
  release(reason: string): void {
    this.failAll(reason);
    if (!this.stopped) this.send({ type: 'unload' });
  }

  private send(message: ToEmbedWorker): void {
    this.worker.postMessage(message);
    this.updateRef();
  }

  private onMessage(message: FromEmbedWorker): void {
    const request = this.requests.get(message.id);
    if (message.type === 'download') {
      if (request?.kind === 'load') request.onDownload?.(message.file, message.percent);
      return;
    }
    this.requests.delete(message.id);
    this.updateRef();
    if (!request) return;
    if (request.kind === 'load') {
      if (message.type === 'loaded') request.resolve(message.dimensions);
      else if (message.type === 'loadFailed') request.reject(new LoadError(message.reason));
    } else if (message.type === 'embedded') request.resolve(message.vectors);
    else if (message.type === 'embedFailed') request.reject(new Error(`Latent Map: embedding failed: ${message.message}`));
  }

  private stop(reason: string): void {
    if (this.stopped) return;
    this.stopped = reason;
    this.failAll(`the embedding worker stopped: ${reason}`);
  }

  private failAll(reason: string): void {
    for (const request of this.requests.values()) {
      request.reject(request.kind === 'load' ? new LoadError(reason) : new Error(`Latent Map: ${reason}`));
    }
    this.requests.clear();
    this.updateRef();
  }

  /** An idle worker does not keep the process alive; one with work in flight does. */
  private updateRef(): void {
    if (this.stopped) return;
    if (this.requests.size > 0) this.worker.ref();
    else this.worker.unref();
  }
}

// Worker threads are kept for the life of the process and reused, never
// terminated. onnxruntime-node 1.14's native binding does not survive threads
// that loaded it going away: once the last one has exited a new thread cannot
// load it ("Module did not self-register"), and while another still holds it a
// new one corrupts the heap ("double free or corruption"), both seen here when
// one embedder was disposed and the next created. Idle threads hold no model
// and are unref'd, so they cost a little memory and never keep the process up.
const idleWorkers: ModelWorker[] = [];

function acquireWorker(): ModelWorker {
  for (let worker = idleWorkers.pop(); worker; worker = idleWorkers.pop()) {
    if (!worker.stopped) return worker;
  }
  return new ModelWorker();
}

function releaseWorker(worker: ModelWorker, reason: string): void {
  worker.release(reason);
  if (!worker.stopped) idleWorkers.push(worker);
}

/** Rejects with CancelledError as soon as `signal` fires, whatever `promise` does. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new CancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

class WorkerEmbedder implements Embedder {
  private disposed = false;

  constructor(
    private worker: ModelWorker,
    private readonly model: ResolvedModel,
    readonly dimensions: number,
    readonly fallbackReason?: string,
  ) {}

  get modelId(): string {
    return this.model.id;
  }

  get fingerprint(): string {
    return this.model.fingerprint;
  }

  async embed(texts: readonly string[], options: EmbedOptions = {}): Promise<Float32Array> {
    const { signal, onProgress } = options;
    throwIfAborted(signal);
    if (this.disposed) throw new Error('Latent Map: the embedder was disposed');
    const dims = this.dimensions;
    const out = new Float32Array(texts.length * dims);
    // Shortest first: a batch of similar lengths pads little in a transformer.
    const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length || a - b);
    for (let start = 0; start < order.length; start += BATCH_SIZE) {
      throwIfAborted(signal);
      const batch = order.slice(start, start + BATCH_SIZE);
      const worker = await this.liveWorker();
      // Checked after every wait: a disposed embedder's worker may already serve another.
      if (this.disposed) throw new Error('Latent Map: the embedder was disposed');
      const vectors = await abortable(worker.embed(batch.map((i) => texts[i]!)), signal);
      if (this.disposed) throw new Error('Latent Map: the embedder was disposed');
      if (vectors.length !== batch.length * dims) {
        throw new Error(`Latent Map: the model returned ${vectors.length} values for ${batch.length} texts of ${dims} dimensions`);
      }
      batch.forEach((i, row) => out.set(vectors.subarray(row * dims, (row + 1) * dims), i * dims));
      onProgress?.(Math.min(start + BATCH_SIZE, order.length), order.length);
    }
    return out;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    releaseWorker(this.worker, 'the embedder was disposed');
  }

  /** The worker, replaced by a fresh one with the same model if the old one died. */
  private async liveWorker(): Promise<ModelWorker> {
    if (!this.worker.stopped) return this.worker;
    const reason = this.worker.stopped;
    const worker = acquireWorker();
    try {
      await worker.load(this.model.source);
    } catch (error) {
      releaseWorker(worker, 'restart failed');
      const why = error instanceof LoadError ? error.reason : String(error);
      throw new Error(`Latent Map: the embedding worker stopped (${reason}) and could not be restarted: ${why}`);
    }
    this.worker = worker;
    return worker;
  }
}

/**
 * Loads `options.model` in a worker thread. Rejects with a UserError naming
 * the model and the reason when it cannot be loaded, unless `options.fallback`
 * is set, in which case the built-in model is loaded and `fallbackReason` says
 * why; with CancelledError when `options.signal` fires first.
 */
export async function createEmbedder(options: EmbedderOptions): Promise<Embedder> {
  const { signal, onProgress } = options;
  throwIfAborted(signal);
  let failure: string | undefined;
  let requested: ResolvedModel | undefined;
  try {
    requested = resolveModel(options);
  } catch (error) {
    if (!(error instanceof UserError) || !options.fallback || options.model.trim() === BUILTIN_MODEL) throw error;
    failure = error.message;
  }

  const worker = acquireWorker();
  let handedOver = false;
  try {
    if (requested) {
      const model = requested;
      // transformers.js reports progress for files read from disk too: only a hub model is downloaded.
      const verb = model.source.kind === 'hub' ? 'Downloading' : 'Loading';
      const onDownload = (file: string, percent: number) =>
        onProgress?.({ phase: 'download', message: `${verb} ${model.id} (${file})`, done: percent, total: 100 });
      try {
        const dimensions = await abortable(worker.load(model.source, onDownload), signal);
        handedOver = true;
        return new WorkerEmbedder(worker, model, dimensions);
      } catch (error) {
        if (!(error instanceof LoadError)) throw error;
        failure = `Could not load model "${options.model}": ${error.reason}`;
        if (!options.fallback || model.id === BUILTIN_MODEL) throw new UserError(failure);
      }
    }
    const builtin = resolveModel({ model: BUILTIN_MODEL });
    try {
      const dimensions = await abortable(worker.load(builtin.source), signal);
      handedOver = true;
      return new WorkerEmbedder(worker, builtin, dimensions, `${failure}. Using the built-in model instead.`);
    } catch (error) {
      if (!(error instanceof LoadError)) throw error;
      throw new UserError(`${failure}; the built-in model failed to load too: ${error.reason}`);
    }
  } finally {
    // A cancelled load finishes in the worker; the unload queued behind it frees the thread.
    if (!handedOver) releaseWorker(worker, 'loading was cancelled');
  }
}
