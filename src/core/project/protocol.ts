// Messages between project() (index.ts) and the projection worker (worker.ts).

export interface ProjectJob {
  readonly vectors: Float32Array;
  readonly n: number;
  readonly dims: number;
  readonly seed: number;
  /** Whether the caller wants intermediate layouts (they cost a copy each). */
  readonly wantLayouts: boolean;
}

export type FromProjectWorker =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'layout'; readonly xy: Float32Array }
  | { readonly type: 'done'; readonly xy: Float32Array }
  | { readonly type: 'error'; readonly message: string };
