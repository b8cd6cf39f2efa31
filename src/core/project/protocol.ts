// Messages between project() / clusterOffThread() (index.ts) and the
// projection worker (worker.ts).
import type { WordLists } from '../cluster/words';
import type { Cluster } from '../types';
import type { LayoutPrior } from './layout';

export type ProjectJob =
  | {
      readonly kind: 'layout';
      readonly vectors: Float32Array;
      readonly n: number;
      readonly dims: number;
      readonly seed: number;
      /** The previous map of these points, to refine rather than lay out anew (see LayoutPrior). */
      readonly prior?: LayoutPrior;
      /** A quick first look instead of the full layout (see preview.ts); ignored with a prior. */
      readonly preview?: boolean;
      /** Whether the caller wants intermediate layouts (they cost a copy each). */
      readonly wantLayouts: boolean;
      /** Each point's name and context words (cluster/words.ts): when given, the finished map is clustered in the worker too. */
      readonly words?: WordLists;
    }
  | {
      /** Clusters an existing map (after an incremental update placed new points). */
      readonly kind: 'cluster';
      readonly xy: Float32Array;
      readonly n: number;
      readonly words: WordLists;
    };

export interface ClustersMessage {
  readonly assignment: Int32Array;
  readonly clusters: Cluster[];
  readonly regions: Cluster[];
  readonly leaf: Int32Array;
}

export type FromProjectWorker =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'layout'; readonly xy: Float32Array }
  | { readonly type: 'done'; readonly xy: Float32Array; readonly clusters?: ClustersMessage; readonly extent?: number }
  | { readonly type: 'error'; readonly message: string };
