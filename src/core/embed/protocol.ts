// Messages between the embedder (embedder.ts, on the caller's thread) and the
// embedding worker (worker.ts). A worker holds at most one model; it handles
// messages one at a time, in the order they are sent, and answers every
// `load`, `embed` and `count` with a message carrying the request's id.

/** Where the worker finds a model: a folder on disk, or a hub id (downloaded into the cache). */
export type ModelSource =
  | { readonly kind: 'folder'; readonly folder: string }
  | {
      readonly kind: 'hub';
      readonly id: string;
      readonly cacheDir?: string;
      readonly allowRemote: boolean;
      /** Where to download from (transformers.js `env.remoteHost`, ending in `/`); the Hugging Face hub unless LATENT_MAP_MODEL_HOST says otherwise. */
      readonly host?: string;
      /** Seconds a download may receive nothing before it fails. */
      readonly stallSeconds?: number;
    };

export type ToEmbedWorker =
  | { readonly type: 'load'; readonly id: number; readonly source: ModelSource }
  | { readonly type: 'embed'; readonly id: number; readonly texts: readonly string[] }
  /** How many tokens the model's tokenizer makes of each text (special tokens included, before truncation). */
  | { readonly type: 'count'; readonly id: number; readonly texts: readonly string[] }
  /** Stops the download of the `load` with this id, at once (not queued): that load then fails and writes nothing. */
  | { readonly type: 'cancel'; readonly id: number }
  /** Drops the loaded model; the worker waits for the next `load`. */
  | { readonly type: 'unload' };

export type FromEmbedWorker =
  /** Download progress of one model file, in percent. */
  | { readonly type: 'download'; readonly id: number; readonly file: string; readonly percent: number }
  | { readonly type: 'loaded'; readonly id: number; readonly dimensions: number }
  /** `reason` is one line meant for the user, without the model's name. */
  | { readonly type: 'loadFailed'; readonly id: number; readonly reason: string }
  /** texts.length × dimensions values, row by row. */
  | { readonly type: 'embedded'; readonly id: number; readonly vectors: Float32Array }
  | { readonly type: 'embedFailed'; readonly id: number; readonly message: string }
  /** One token count per text of a `count`. */
  | { readonly type: 'counted'; readonly id: number; readonly counts: Int32Array };
