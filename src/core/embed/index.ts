export { createEmbedder, BATCH_SIZE, TRANSFORMER_BATCH_SIZE } from './embedder';
export { resolveModel, type ResolvedModel } from './modelSource';
export { BUILTIN_MODEL, type EmbedOptions, type Embedder, type EmbedderOptions } from './types';
export { pendingEmbedder } from './pending';
