import type { ProgressSink } from '../types';

/** The id that names the model shipped inside the package. */
export const BUILTIN_MODEL = 'builtin';

export interface EmbedOptions {
  readonly signal?: AbortSignal;
  /** Called as batches finish: texts embedded so far of the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Where the rows go: texts.length × dimensions values from its start (it
   * may be longer), instead of a new array, so that a caller packing many
   * vectors (an index's, in shared memory) does not hold them twice. The
   * result is then a view of it.
   */
  readonly into?: Float32Array;
  /**
   * Extra workers (a large embed lends one per core) start only once this
   * settles, so that work that must come first, such as a first map, has the
   * other cores meanwhile; the embedder's own worker starts at once.
   */
  readonly extraWorkersAfter?: Promise<unknown>;
}

/** A loaded model in a worker thread. */
export interface Embedder {
  /** `builtin`, a hub id, or an absolute folder path, as loaded. */
  readonly modelId: string;
  /**
   * Names the exact weights: the model id plus a hash of the built-in model's
   * build inputs or of a local folder's files. Key caches by this, not by
   * modelId: `builtin` and a folder path stay the same when the model changes.
   */
  readonly fingerprint: string;
  readonly dimensions: number;
  /** Set when the requested model failed and the built-in one took over: why. */
  readonly fallbackReason?: string;
  /** Vectors for `texts`, packed row by row (texts.length × dimensions), L2-normalised; in `options.into` when given. */
  embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array>;
  dispose(): Promise<void>;
}

export interface EmbedderOptions {
  /** `builtin`, a transformers.js hub id (e.g. Xenova/all-MiniLM-L6-v2) or a local model folder. */
  readonly model: string;
  /** Where downloaded models are kept (transformers.js `env.cacheDir`). */
  readonly modelCacheDir?: string;
  /** When false, hub ids are refused without touching the network. */
  readonly allowRemote?: boolean;
  /** Fall back to the built-in model when `model` cannot be loaded. */
  readonly fallback?: boolean;
  /**
   * Worker threads, each with its own copy of the model, that share a large
   * embed. Default: one per core (at most 4) for a transformer, one for the
   * built-in model.
   */
  readonly workers?: number;
  /** Download and load progress. */
  readonly onProgress?: ProgressSink;
  readonly signal?: AbortSignal;
}
