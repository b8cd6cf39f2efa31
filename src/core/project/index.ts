// 2-D map positions for embedding vectors: UMAP (umap-js's method and
// defaults, on typed arrays, see umap.ts) in a worker thread, seeded,
// cancellable, with intermediate layouts while it refines.
//
// Output: n × 2 positions (x0, y0, x1, y1, …), centred on the origin and
// fitted into [-1, 1] on the longer side, aspect ratio kept; the farthest
// 0.5 % on each side of each axis sit clamped on the edge (see layout.ts,
// OUTLIER_SHARE), so stray points cannot shrink the map. 0 points give an
// empty array, 1 point the origin, fewer than 30 points their two principal
// axes (too few for a neighbour graph), more the UMAP layout.
import { Worker } from 'node:worker_threads';
import { workerScript } from '../paths';
import { CancelledError } from '../types';
import { clusterMap, type ClusterResult } from '../cluster';
import type { WordLists } from '../cluster/words';
import type { LayoutPrior } from './layout';
import type { FromProjectWorker, ProjectJob } from './protocol';

export type { LayoutPrior } from './layout';

export interface ProjectOptions {
  /** Same vectors and seed give the same map. Default 42. */
  readonly seed?: number;
  readonly signal?: AbortSignal;
  /** Optimisation epochs done of the total (0 of total once the neighbour graph is being built). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Intermediate layouts (n × 2, same range as the result), a few per second. */
  readonly onLayout?: (xy: Float32Array) => void;
  /**
   * The previous map of these points: known points keep their places and the
   * map is refined rather than laid out anew (see LayoutPrior in layout.ts;
   * ignored when too few points are known).
   */
  readonly prior?: LayoutPrior;
  /**
   * A quick first look: many points are laid out from a sample, the rest
   * placed among their nearest sampled points (see preview.ts). Its regions are
   * where a full layout puts them; refine it with `prior.preview` set.
   */
  readonly preview?: boolean;
}

export const DEFAULT_SEED = 42;

/** Lays `n` vectors of `dims` values (row by row in `vectors`) out on a 2-D map. */
export async function project(vectors: Float32Array, n: number, dims: number, options: ProjectOptions = {}): Promise<Float32Array> {
  return (await projectMap(vectors, n, dims, undefined, options)).xy;
}

/** What regions are named with: each point's name words and, weaker, its container's and file's words (cluster/words.ts). */
export type RegionWords = WordLists;

export interface ProjectedMap {
  readonly xy: Float32Array;
  /** Present when words were given. */
  readonly clusters?: ClusterResult;
  /** The layout's scale, for refining it later (LayoutPrior.extent); absent for tiny inputs. */
  readonly extent?: number;
}

/**
 * Like project(), and with `words` (identifier words per point) the finished
 * map's clusters too, computed in the same worker so that neither step runs
 * on the caller's thread.
 */
export function projectMap(
  vectors: Float32Array,
  n: number,
  dims: number,
  labels: RegionWords | undefined,
  options: ProjectOptions = {},
): Promise<ProjectedMap> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(new CancelledError());
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(dims) || dims < 0 || vectors.length < n * dims) {
    return Promise.reject(new Error(`Latent Map: cannot project ${n} × ${dims} vectors from ${vectors.length} values`));
  }
  if (labels && labels.nameOf.length !== n) return Promise.reject(new Error(`Latent Map: ${labels.nameOf.length} word lists given for ${n} points`));
  if (n <= 1) {
    const xy = new Float32Array(n * 2);
    return Promise.resolve({ xy, clusters: labels ? clusterMap({ xy, n, words: labels }) : undefined });
  }
  return runWorker(
    {
      kind: 'layout',
      // A view is cloned with its whole buffer: copy out just the rows when the
      // view is part of a larger one. Rows in shared memory are not copied at all.
      vectors: vectors.buffer instanceof SharedArrayBuffer || (vectors.length === n * dims && vectors.byteLength === vectors.buffer.byteLength) ? vectors : vectors.slice(0, n * dims),
      n,
      dims,
      seed: options.seed ?? DEFAULT_SEED,
      prior: options.prior,
      preview: options.preview,
      wantLayouts: options.onLayout !== undefined,
      words: labels,
    },
    options,
  );
}

/** Clusters a map (n × 2 positions) in a worker thread: see cluster/index.ts. */
export async function clusterOffThread(
  xy: Float32Array,
  n: number,
  labels: RegionWords,
  signal?: AbortSignal,
): Promise<ClusterResult> {
  if (signal?.aborted) throw new CancelledError();
  const { clusters } = await runWorker({ kind: 'cluster', xy: xy.slice(0, n * 2), n, words: labels }, { signal });
  return clusters!;
}

function runWorker(job: ProjectJob, options: ProjectOptions): Promise<ProjectedMap> {
  const { signal } = options;
  return new Promise<ProjectedMap>((resolve, reject) => {
    // execArgv []: the worker is a plain bundle; inheriting loader flags (tsx under tests) only slows its start.
    const worker = new Worker(workerScript('project-worker'), { workerData: job, execArgv: [] });
    let settled = false;
    const finish = (error: Error | undefined, result?: ProjectedMap) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (error) reject(error);
      else resolve(result!);
    };
    const onAbort = () => finish(new CancelledError());
    signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: FromProjectWorker) => {
      if (settled) return;
      switch (message.type) {
        case 'progress':
          options.onProgress?.(message.done, message.total);
          break;
        case 'layout':
          options.onLayout?.(message.xy);
          break;
        case 'done':
          finish(undefined, { xy: message.xy, clusters: message.clusters, extent: message.extent });
          break;
        case 'error':
          finish(new Error(`Latent Map: ${job.kind === 'layout' ? 'projection' : 'clustering'} failed: ${message.message}`));
          break;
      }
    });
    worker.on('error', (error) => finish(error));
    worker.on('exit', (code) => finish(new Error(`Latent Map: projection worker exited (code ${code}) before finishing`)));
  });
}
