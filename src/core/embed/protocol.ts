// Messages between the embedder (embedder.ts, on the caller's thread) and the
// embedding worker (worker.ts). One model per worker; requests are answered in
// the order they are sent.

/** Where the worker finds a model: a folder on disk, or a hub id (downloaded into the cache). */
export type ModelSource =
  | { readonly kind: 'folder'; readonly folder: string }
  | { readonly kind: 'hub'; readonly id: string; readonly cacheDir?: string; readonly allowRemote: boolean };

export type ToEmbedWorker =
  | { readonly type: 'load'; readonly source: ModelSource }
  | { readonly type: 'embed'; readonly id: number; readonly texts: readonly string[] };

export type FromEmbedWorker =
  /** Download progress of one model file, in percent. */
  | { readonly type: 'download'; readonly file: string; readonly percent: number }
  | { readonly type: 'loaded'; readonly dimensions: number; readonly maxTokens: number }
  /** `reason` is one line meant for the user, without the model's name. */
  | { readonly type: 'loadFailed'; readonly reason: string }
  /** texts.length × dimensions values, row by row. */
  | { readonly type: 'embedded'; readonly id: number; readonly vectors: Float32Array }
  | { readonly type: 'embedFailed'; readonly id: number; readonly message: string };
