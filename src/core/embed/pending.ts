// An Embedder for a model that is still loading. A reopened index whose
// vectors are all in the cache needs the model only for the next query, so the
// map need not wait the second or so a worker takes to load it: the index
// knows the model by its fingerprint (which names the cache) and its
// dimensions (which the cache records), and the first embed() waits for it.
import { UserError } from '../types';
import { abortable } from './embedder';
import type { EmbedOptions, Embedder } from './types';

export function pendingEmbedder(
  expected: { readonly id: string; readonly fingerprint: string; readonly dimensions: number },
  loading: Promise<Embedder>,
): Embedder {
  let loaded: Embedder | undefined;
  loading.then(
    (embedder) => (loaded = embedder),
    () => undefined,
  );
  const ready = async (signal: AbortSignal | undefined): Promise<Embedder> => {
    const embedder = await abortable(loading, signal);
    if (embedder.fingerprint !== expected.fingerprint || embedder.dimensions !== expected.dimensions) {
      const why = embedder.fallbackReason ?? `the model loaded as ${embedder.fingerprint} (${embedder.dimensions} dimensions)`;
      throw new UserError(`${why} The map was made with "${expected.id}"; re-index to use the model now loaded.`);
    }
    return embedder;
  };
  return {
    modelId: expected.id,
    fingerprint: expected.fingerprint,
    dimensions: expected.dimensions,
    get fallbackReason() {
      return loaded?.fallbackReason;
    },
    async embed(texts: readonly string[], options: EmbedOptions = {}): Promise<Float32Array> {
      return (await ready(options.signal)).embed(texts, options);
    },
    async dispose(): Promise<void> {
      await (await loading.catch(() => undefined))?.dispose();
    },
  };
}
