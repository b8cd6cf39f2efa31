// The layout's optimisation on two threads: this one (the projection worker)
// takes part 0 and a helper thread part 1 (see PARTS in umap.ts), meeting at a
// barrier twice an epoch: once after `prev` is refreshed, once when both parts
// are done. Positions live in shared memory. The result is the same map
// optimizeLayout() makes on one thread, in about half the time on two cores.
//
// Hand-written on Atomics rather than a worker-pool package: the work is one
// tight loop per epoch with two synchronisation points, and a pool's message
// per task (200 epochs × 2) would cost more than the barrier.
import { Worker } from 'node:worker_threads';
import { workerScript } from '../paths';
import { optimizeLayout, partRanges, PartOptimizer, PARTS, type FuzzyEdges, type PartRange, type Refinement } from './umap';

const COUNT = 0;
const GENERATION = 1;
const FAILED = 2;
/** A helper that has not reached the barrier in this long is taken for dead: a bundle loads in well under a second. */
const BARRIER_TIMEOUT_MS = 60_000;

/** What the helper thread gets (workerData of project-worker.js with kind 'optimize-part'). */
export interface OptimizePartJob {
  readonly kind: 'optimize-part';
  readonly y: SharedArrayBuffer;
  readonly prev: SharedArrayBuffer;
  readonly sync: SharedArrayBuffer;
  readonly n: number;
  readonly edges: FuzzyEdges;
  readonly range: PartRange;
  readonly nEpochs: number;
  readonly seed: number;
  readonly part: number;
  /** Its anchors in shared memory (see Refinement). */
  readonly refinement?: Refinement;
}

/** Waits until both threads arrive; throws when the other thread failed or went silent. */
export function barrier(sync: Int32Array): void {
  const generation = Atomics.load(sync, GENERATION);
  if (Atomics.add(sync, COUNT, 1) === PARTS - 1) {
    Atomics.store(sync, COUNT, 0);
    Atomics.add(sync, GENERATION, 1);
    Atomics.notify(sync, GENERATION);
    return;
  }
  const deadline = Date.now() + BARRIER_TIMEOUT_MS;
  while (Atomics.load(sync, GENERATION) === generation) {
    if (Atomics.load(sync, FAILED)) throw new Error('the other projection thread failed');
    if (Date.now() > deadline) throw new Error('the other projection thread stopped responding');
    Atomics.wait(sync, GENERATION, generation, 100);
  }
}

/** Tells the other thread to stop waiting: this one failed. */
export function fail(sync: Int32Array): void {
  Atomics.store(sync, FAILED, 1);
  Atomics.notify(sync, GENERATION);
}

/** The helper thread's side: part `job.part`, epoch by epoch in step with the caller. */
export function runOptimizePart(job: OptimizePartJob): void {
  const sync = new Int32Array(job.sync);
  try {
    const part = new PartOptimizer(new Float64Array(job.y), new Float64Array(job.prev), job.n, job.edges, job.range, job.nEpochs, job.seed, job.part, job.refinement);
    for (let epoch = 0; epoch < job.nEpochs; epoch++) {
      barrier(sync);
      part.epoch(epoch);
      barrier(sync);
    }
  } catch (error) {
    fail(sync);
    throw error;
  }
}

/**
 * optimizeLayout() with part 1 on a helper thread. Must run off the main
 * thread (it blocks in Atomics.wait); falls back to one thread when no helper
 * can be started.
 */
export function optimizeParallel(
  embedding: Float64Array,
  n: number,
  edges: FuzzyEdges,
  nEpochs: number,
  seed: number,
  onEpoch?: (epoch: number) => void,
  refinement?: Refinement,
): void {
  if (edges.weight.length === 0 || n < 2 || PARTS !== 2) {
    optimizeLayout(embedding, n, edges, nEpochs, seed, onEpoch, refinement);
    return;
  }
  // The helper reads the anchors without a copy.
  if (refinement && !(refinement.anchors.buffer instanceof SharedArrayBuffer)) {
    const shared = new Float64Array(new SharedArrayBuffer(refinement.anchors.byteLength));
    shared.set(refinement.anchors);
    refinement = { ...refinement, anchors: shared };
  }
  const ySab = new SharedArrayBuffer(n * 2 * 8);
  const prevSab = new SharedArrayBuffer(n * 2 * 8);
  const syncSab = new SharedArrayBuffer(4 * 4);
  const y = new Float64Array(ySab);
  const prev = new Float64Array(prevSab);
  const sync = new Int32Array(syncSab);
  y.set(embedding);
  const ranges = partRanges(n, edges);
  const job: OptimizePartJob = { kind: 'optimize-part', y: ySab, prev: prevSab, sync: syncSab, n, edges, range: ranges[1]!, nEpochs, seed, part: 1, refinement };
  let helper: Worker;
  try {
    helper = new Worker(workerScript('project-worker'), { workerData: job, execArgv: [] });
  } catch {
    optimizeLayout(embedding, n, edges, nEpochs, seed, onEpoch, refinement);
    return;
  }
  // A failure there reaches this thread through FAILED at the next barrier.
  helper.on('error', () => undefined);
  const part = new PartOptimizer(y, prev, n, edges, ranges[0]!, nEpochs, seed, 0, refinement);
  try {
    for (let epoch = 0; epoch < nEpochs; epoch++) {
      prev.set(y);
      barrier(sync);
      part.epoch(epoch);
      barrier(sync);
      // Between epochs the helper waits at the barrier: `y` is still.
      embedding.set(y);
      onEpoch?.(epoch + 1);
    }
  } catch (error) {
    fail(sync);
    void helper.terminate();
    throw error;
  }
  embedding.set(y);
}
