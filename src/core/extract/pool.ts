// Extraction on worker threads: parsing is CPU-bound (tree-sitter's WASM
// parses about 3-5 MB of source a second per core), so a pool keeps the
// caller's event loop free (the extension host stays responsive) and uses
// every core. Results equal extractSymbols' in the caller's thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerScript } from '../paths';
import { CancelledError, type ExtractedSymbol, type SkipReason } from '../types';
import { languageForFile } from './languages';
import type { ExtractRequest, ExtractResponse } from './protocol';

export interface ExtractorPoolOptions {
  /** Worker threads; default: one per core, at most MAX_DEFAULT_WORKERS. */
  readonly size?: number;
}

/**
 * Workers by default at most. Each holds its own WASM heap with the grammars
 * it has met (up to ~100 MB with all eleven), and beyond 4 threads the
 * embedding and projection workers compete for the same cores anyway.
 */
const MAX_DEFAULT_WORKERS = 4;
/**
 * Files sent to one worker before earlier ones return: two keep it busy while
 * a result travels back, more would only delay other workers' share.
 */
const IN_FLIGHT_PER_WORKER = 2;

/** A file's symbols, or why it was skipped (binary, minified...: see readSource). */
export type ExtractResult = { readonly symbols: ExtractedSymbol[] } | { readonly skip: SkipReason };

interface Job {
  readonly request: ExtractRequest;
  readonly resolve: (result: ExtractResult) => void;
  readonly reject: (error: Error) => void;
  readonly signal?: AbortSignal;
  readonly onAbort?: () => void;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly inFlight: Map<number, Job>;
}

export class ExtractorPool {
  private readonly size: number;
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private disposed = false;

  constructor(options: ExtractorPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? Math.min(MAX_DEFAULT_WORKERS, availableParallelism())));
  }

  /** The symbols of one file, as extractSymbols gives them, computed on a worker thread. */
  async extract(file: string, source: string, signal?: AbortSignal): Promise<ExtractedSymbol[]> {
    const result = await this.submit({ id: this.nextId++, file, source }, signal);
    return 'symbols' in result ? result.symbols : [];
  }

  /**
   * Reads `path` (absolute) on a worker thread, checks it as readSource does,
   * and gives its symbols (`file` is the path they are reported under) or why
   * it was skipped. The caller's thread never holds the text.
   */
  extractFile(file: string, path: string, maxFileSize: number, signal?: AbortSignal): Promise<ExtractResult> {
    return this.submit({ id: this.nextId++, file, path, maxFileSize }, signal);
  }

  private submit(request: ExtractRequest, signal?: AbortSignal): Promise<ExtractResult> {
    if (this.disposed) return Promise.reject(new Error('Latent Map: the extractor pool was disposed'));
    if (signal?.aborted) return Promise.reject(new CancelledError());
    if (!languageForFile(request.file)) return Promise.resolve({ symbols: [] });
    return new Promise<ExtractResult>((resolve, reject) => {
      let job: Job;
      const onAbort = () => this.cancel(job);
      job = { request, resolve, reject, signal, onAbort };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  /**
   * Ends the workers that have nothing to do, freeing their WASM heaps (tens
   * of MB each); the next extraction starts a worker again. For after a full
   * extraction, when the next file to parse may be minutes away.
   */
  async releaseIdle(): Promise<void> {
    const idle = this.workers.filter((w) => w.inFlight.size === 0);
    for (const w of idle) this.workers.splice(this.workers.indexOf(w), 1);
    await Promise.all(idle.map((w) => w.worker.terminate()));
  }

  /** Ends the workers; pending extractions reject. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const error = new Error('Latent Map: the extractor pool was disposed');
    for (const job of this.queue.splice(0)) this.settle(job, error);
    const workers = this.workers.splice(0);
    for (const w of workers) for (const job of w.inFlight.values()) this.settle(job, error);
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let target: PoolWorker | undefined;
      try {
        target = this.pickWorker();
      } catch (error) {
        // No worker can start (dist/extract-worker.js missing): every waiting file fails the same way.
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const job of this.queue.splice(0)) this.settle(job, failure);
        return;
      }
      if (!target) return;
      const job = this.queue.shift()!;
      target.inFlight.set(job.request.id, job);
      target.worker.ref();
      target.worker.postMessage(job.request);
    }
  }

  /** The least busy worker with room, starting one while the pool is not full. */
  private pickWorker(): PoolWorker | undefined {
    let best: PoolWorker | undefined;
    for (const w of this.workers) if (!best || w.inFlight.size < best.inFlight.size) best = w;
    if ((!best || best.inFlight.size > 0) && this.workers.length < this.size) return this.spawn();
    return best && best.inFlight.size < IN_FLIGHT_PER_WORKER ? best : undefined;
  }

  private spawn(): PoolWorker {
    // execArgv []: the worker is a plain bundle; inheriting loader flags (tsx under tests) only slows its start.
    const worker = new Worker(workerScript('extract-worker'), { execArgv: [] });
    const entry: PoolWorker = { worker, inFlight: new Map() };
    worker.on('message', (response: ExtractResponse) => {
      const job = entry.inFlight.get(response.id);
      entry.inFlight.delete(response.id);
      // An idle worker must not keep the process alive (a CLI run that forgot dispose() still ends).
      if (entry.inFlight.size === 0) worker.unref();
      if (job) {
        if ('error' in response) this.settle(job, new Error(response.error));
        else this.settle(job, undefined, 'skip' in response ? { skip: response.skip } : { symbols: response.symbols });
      }
      this.pump();
    });
    const fail = (error: Error) => {
      const index = this.workers.indexOf(entry);
      if (index >= 0) this.workers.splice(index, 1);
      for (const job of entry.inFlight.values()) this.settle(job, error);
      entry.inFlight.clear();
      this.pump();
    };
    worker.on('error', (error) => fail(new Error(`Latent Map: an extraction worker failed: ${error.message}`)));
    worker.on('exit', (code) => {
      if (!this.disposed) fail(new Error(`Latent Map: an extraction worker stopped (exit code ${code})`));
    });
    this.workers.push(entry);
    return entry;
  }

  private cancel(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    // A file already on a worker finishes there; its result is dropped.
    this.settle(job, new CancelledError());
  }

  private settled = new WeakSet<Job>();

  private settle(job: Job, error: Error | undefined, result?: ExtractResult): void {
    if (this.settled.has(job)) return;
    this.settled.add(job);
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    if (error) job.reject(error);
    else job.resolve(result!);
  }
}
