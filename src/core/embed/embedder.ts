// createEmbedder: a model loaded in a worker thread (worker.ts), used through
// the Embedder interface (types.ts). Loading resolves the model setting
// (modelSource.ts), reports download progress, and turns every failure into
// one line a user can act on; with `fallback` the built-in model takes over and
// `fallbackReason` says why.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerScript } from '../paths';
import { CancelledError, throwIfAborted, UserError } from '../types';
import { resolveModel, type ResolvedModel } from './modelSource';
import type { FromEmbedWorker, ModelSource, ToEmbedWorker } from './protocol';
import { BUILTIN_MODEL, type EmbedOptions, type Embedder, type EmbedderOptions } from './types';

// Texts per message for the built-in model. It does ~0.1 ms of work per text,
// so a batch only amortises the message; 32 keeps cancellation and progress
// prompt (also what the embedder tests count in).
export const BATCH_SIZE = 32;
// Texts per batch for a transformer such as all-MiniLM-L6-v2: 8-16 ran fastest
// (issue 18, one onnxruntime session per core), and with batches cut from
// texts sorted by their token counts padding is under 1 % (it was 22-26 % with
// 32 texts sorted by characters), so larger batches gain nothing.
export const TRANSFORMER_BATCH_SIZE = 16;
// Texts per token-count message: the counting costs ~50 µs a text, so this is
// a fraction of a second of work, shared between workers like batches are.
const COUNT_CHUNK = 2048;
// Sessions that embed at once. onnxruntime-node 1.14 runs a session on one
// core whatever intraOpNumThreads says, so a second worker with its own
// session is how a second core helps (1.6-1.9x on two cores, issue 18); more
// than four gains little on a laptop and each holds the model (~100 MB for
// all-MiniLM-L6-v2 int8).
const MAX_WORKERS = 4;
// Extra workers are started only for this many batches or more: loading the
// model again takes about a second, which a small embed (a query, a saved
// file) would only wait for.
const MIN_BATCHES_FOR_EXTRA_WORKERS = 8;

/** A load failure, with the user-facing reason (without the model's name). */
class LoadError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'LoadError';
  }
}

type Request =
  | { readonly kind: 'load'; resolve(dimensions: number): void; reject(error: Error): void; onDownload?: (file: string, percent: number) => void }
  | { readonly kind: 'embed'; resolve(vectors: Float32Array): void; reject(error: Error): void }
  | { readonly kind: 'count'; resolve(counts: Int32Array): void; reject(error: Error): void };

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

  /** `signal` stops a download in progress (the worker then writes nothing of it). */
  load(source: ModelSource, onDownload?: (file: string, percent: number) => void, signal?: AbortSignal): Promise<number> {
    if (this.stopped) return Promise.reject(new LoadError(`the embedding worker stopped: ${this.stopped}`));
    const id = this.nextId++;
    const onAbort = () => {
      if (!this.stopped) this.worker.postMessage({ type: 'cancel', id } satisfies ToEmbedWorker);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const loading = new Promise<number>((resolve, reject) => {
      this.requests.set(id, { kind: 'load', resolve, reject, onDownload });
      this.send({ type: 'load', id, source });
    });
    const forget = () => signal?.removeEventListener('abort', onAbort);
    loading.then(forget, forget);
    return loading;
  }

  embed(texts: readonly string[]): Promise<Float32Array> {
    if (this.stopped) return Promise.reject(new Error(`Latent Map: the embedding worker stopped: ${this.stopped}`));
    const id = this.nextId++;
    return new Promise<Float32Array>((resolve, reject) => {
      this.requests.set(id, { kind: 'embed', resolve, reject });
      this.send({ type: 'embed', id, texts });
    });
  }

  count(texts: readonly string[]): Promise<Int32Array> {
    if (this.stopped) return Promise.reject(new Error(`Latent Map: the embedding worker stopped: ${this.stopped}`));
    const id = this.nextId++;
    return new Promise<Int32Array>((resolve, reject) => {
      this.requests.set(id, { kind: 'count', resolve, reject });
      this.send({ type: 'count', id, texts });
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
    } else if (message.type === 'embedFailed') request.reject(new Error(`Latent Map: embedding failed: ${message.message}`));
    else if (request.kind === 'embed' && message.type === 'embedded') request.resolve(message.vectors);
    else if (request.kind === 'count' && message.type === 'counted') request.resolve(message.counts);
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

function noop(): void {}

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

/** A worker that embeds for one embed() call: `ready` says whether its model loaded. */
interface Slot {
  worker: ModelWorker;
  readonly ready: Promise<boolean>;
  /** The embedder's own worker (restarted if it died), not a lent one. */
  readonly own?: boolean;
}

/** How many workers embed a big job for `modelId` when the caller does not say. */
function defaultWorkerCount(modelId: string): number {
  // The built-in model is a table lookup: tokenising is most of its work, the
  // caller's thread already keeps up with one worker, and a second one measured no faster (bench).
  if (modelId === BUILTIN_MODEL) return 1;
  return Math.max(1, Math.min(MAX_WORKERS, availableParallelism()));
}

class WorkerEmbedder implements Embedder {
  private disposed = false;
  /** Workers lent to embed() calls in flight, released when the call ends (or on dispose). */
  private readonly lent = new Set<ModelWorker>();
  private readonly workerCount: number;

  constructor(
    private worker: ModelWorker,
    private readonly model: ResolvedModel,
    readonly dimensions: number,
    readonly fallbackReason?: string,
    workers?: number,
  ) {
    this.workerCount = Math.max(1, Math.floor(workers ?? defaultWorkerCount(model.id)));
  }

  get modelId(): string {
    return this.model.id;
  }

  get fingerprint(): string {
    return this.model.fingerprint;
  }

  /** A transformer pads each batch to its longest text: batching by token count pays for counting. A lookup table does not care. */
  private get padsBatches(): boolean {
    return this.model.id !== BUILTIN_MODEL;
  }

  async embed(texts: readonly string[], options: EmbedOptions = {}): Promise<Float32Array> {
    const { signal, onProgress, extraWorkersAfter } = options;
    throwIfAborted(signal);
    this.throwIfDisposed();
    const dims = this.dimensions;
    if (options.into && options.into.length < texts.length * dims) {
      throw new Error(`Latent Map: ${options.into.length} values cannot hold ${texts.length} vectors of ${dims} dimensions`);
    }
    const out = options.into ? options.into.subarray(0, texts.length * dims) : new Float32Array(texts.length * dims);
    const batchSize = this.padsBatches ? TRANSFORMER_BATCH_SIZE : BATCH_SIZE;
    const primary: Slot = { worker: this.worker, ready: Promise.resolve(true), own: true };
    const slots = [primary];
    if (texts.length >= batchSize * MIN_BATCHES_FOR_EXTRA_WORKERS) {
      for (let i = 1; i < this.workerCount; i++) slots.push(this.lendWorker(extraWorkersAfter));
    }
    try {
      // Batches hold texts of about the same length (in tokens for a
      // transformer, else in characters), so little is padded. Longest
      // first: the last batches handed out are the quickest, so the workers
      // finish together.
      const lengths = this.padsBatches ? await this.tokenCounts(texts, slots, signal) : Int32Array.from(texts, (text) => text.length);
      const order = texts.map((_, i) => i).sort((a, b) => lengths[b]! - lengths[a]! || a - b);
      const batches: number[][] = [];
      for (let start = 0; start < order.length; start += batchSize) batches.push(order.slice(start, start + batchSize));
      let done = 0;
      await this.share(batches, slots, signal, async (worker, batch) => {
        const vectors = await abortable(worker.embed(batch.map((i) => texts[i]!)), signal);
        if (vectors.length !== batch.length * dims) {
          throw new Error(`Latent Map: the model returned ${vectors.length} values for ${batch.length} texts of ${dims} dimensions`);
        }
        batch.forEach((i, row) => out.set(vectors.subarray(row * dims, (row + 1) * dims), i * dims));
        done += batch.length;
        onProgress?.(done, texts.length);
      });
      return out;
    } finally {
      for (const slot of slots) if (slot !== primary) this.returnWorker(slot.worker);
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const worker of [...this.lent]) this.returnWorker(worker);
    releaseWorker(this.worker, 'the embedder was disposed');
  }

  private throwIfDisposed(): void {
    if (this.disposed) throw new Error('Latent Map: the embedder was disposed');
  }

  /** One more worker with this model, loading in the background once `after` settles; a failed load just leaves it out. */
  private lendWorker(after?: Promise<unknown>): Slot {
    const worker = acquireWorker();
    this.lent.add(worker);
    const start = after ? after.then(noop, noop) : Promise.resolve();
    // Checked once `after` settles: the embed may have finished (and returned the worker) meanwhile.
    return { worker, ready: start.then(() => (this.lent.has(worker) ? worker.load(this.model.source).then(() => true, () => false) : false)) };
  }

  private returnWorker(worker: ModelWorker): void {
    if (this.lent.delete(worker)) releaseWorker(worker, 'the embed finished');
  }

  /** Each text's token count, counted by the workers in chunks. */
  private async tokenCounts(texts: readonly string[], slots: readonly Slot[], signal: AbortSignal | undefined): Promise<Int32Array> {
    const counts = new Int32Array(texts.length);
    const chunks: number[] = [];
    for (let start = 0; start < texts.length; start += COUNT_CHUNK) chunks.push(start);
    await this.share(chunks, slots, signal, async (worker, start) => {
      const chunk = await abortable(worker.count(texts.slice(start, start + COUNT_CHUNK)), signal);
      if (chunk.length !== Math.min(COUNT_CHUNK, texts.length - start)) throw new Error('Latent Map: the model counted tokens for the wrong number of texts');
      counts.set(chunk, start);
    });
    return counts;
  }

  /**
   * Runs `jobs` in order on whichever worker is free (each takes the next job
   * when it finishes one; a worker still loading joins when it is ready).
   * Resolves when every job is done, rejects on the first failure; workers
   * then stop taking jobs.
   */
  private share<T>(
    jobs: readonly T[],
    slots: readonly Slot[],
    signal: AbortSignal | undefined,
    run: (worker: ModelWorker, job: T) => Promise<void>,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let next = 0;
      let finished = 0;
      let failed = false;
      if (jobs.length === 0) return resolve();
      const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      const work = async (slot: Slot) => {
        if (!(await slot.ready)) return;
        while (!failed && next < jobs.length) {
          throwIfAborted(signal);
          const job = jobs[next++]!;
          if (slot.own) slot.worker = await this.liveWorker();
          // Checked after every wait: a disposed embedder's worker may already serve another.
          this.throwIfDisposed();
          await run(slot.worker, job);
          this.throwIfDisposed();
          if (++finished === jobs.length) resolve();
        }
      };
      for (const slot of slots) work(slot).catch(fail);
    });
  }

  /** The embedder's own worker, replaced by a fresh one with the same model if the old one died. */
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
        const dimensions = await abortable(worker.load(model.source, onDownload, signal), signal);
        handedOver = true;
        return new WorkerEmbedder(worker, model, dimensions, undefined, options.workers);
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
      return new WorkerEmbedder(worker, builtin, dimensions, `${failure}. Using the built-in model instead.`, options.workers);
    } catch (error) {
      if (!(error instanceof LoadError)) throw error;
      throw new UserError(`${failure}; the built-in model failed to load too: ${error.reason}`);
    }
  } finally {
    // A cancelled load finishes in the worker; the unload queued behind it frees the thread.
    if (!handedOver) releaseWorker(worker, 'loading was cancelled');
  }
}
