// The projection worker (bundled to dist/project-worker.js): runs the whole
// layout synchronously off the caller's thread, posting throttled progress and
// intermediate layouts, and clusters the finished map when asked, so that none
// of this CPU work lands on the extension host's event loop. Cancellation is
// the caller terminating this thread.
import { parentPort, workerData } from 'node:worker_threads';
import { clusterMap } from '../cluster';
import type { WordLists } from '../cluster/words';
import { computeLayout } from './layout';
import { computePreview } from './preview';
import { optimizeParallel, runOptimizePart, type OptimizePartJob } from './parallel';
import type { ClustersMessage, FromProjectWorker, ProjectJob } from './protocol';

/** Intermediate layouts at most this often: about 4 redraws a second keep the map alive without copying n × 2 values every epoch. */
const LAYOUT_INTERVAL_MS = 250;
/** Progress at most this often; a message per epoch would be 500 messages for a few seconds of work. */
const PROGRESS_INTERVAL_MS = 100;

function post(message: FromProjectWorker, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(message, transfer);
}

function clusters(xy: Float32Array, n: number, words: WordLists): ClustersMessage {
  return clusterMap({ xy, n, words });
}

const job = workerData as ProjectJob | OptimizePartJob;
try {
  if (job.kind === 'optimize-part') {
    // A helper thread of another projection worker (parallel.ts): it reports through shared memory, not messages.
    runOptimizePart(job);
  } else if (job.kind === 'cluster') {
    const result = clusters(job.xy, job.n, job.words);
    post({ type: 'done', xy: job.xy, clusters: result }, [job.xy.buffer as ArrayBuffer, result.assignment.buffer as ArrayBuffer, result.leaf.buffer as ArrayBuffer]);
  } else {
    let lastLayout = Date.now();
    let lastProgress = 0;
    let extent: number | undefined;
    const xy = (job.preview && !job.prior ? computePreview : computeLayout)(job.vectors, job.n, job.dims, {
      seed: job.seed,
      prior: job.prior,
      onExtent: (value) => (extent = value),
      optimize: optimizeParallel,
      onEpoch: (done, total, layout) => {
        const now = Date.now();
        if (done === total || now - lastProgress >= PROGRESS_INTERVAL_MS) {
          lastProgress = now;
          post({ type: 'progress', done, total });
        }
        // A preview's epochs lay out its sample only: nothing to show until it is done.
        if (job.wantLayouts && !job.preview && done > 0 && done < total && now - lastLayout >= LAYOUT_INTERVAL_MS) {
          lastLayout = now;
          const xy = layout();
          post({ type: 'layout', xy }, [xy.buffer as ArrayBuffer]);
        }
      },
    });
    const result = job.words ? clusters(xy, job.n, job.words) : undefined;
    post({ type: 'done', xy, clusters: result, extent }, [xy.buffer as ArrayBuffer, ...(result ? [result.assignment.buffer as ArrayBuffer, result.leaf.buffer as ArrayBuffer] : [])]);
  }
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
