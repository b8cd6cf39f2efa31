// The data an exported map page carries (src/shared/standalone.ts): the map,
// every symbol's similar symbols exactly as LatentIndex.similar ranks them
// (so the page's tooltips list what the panel's would), and the fields the
// index's word search reads that the map does not hold.
import * as path from 'node:path';
import type { LatentIndex } from '../indexer';
import type { MapPayload } from '../../shared/protocol';
import { FLAG_INTERNAL, FLAG_RETURNS_BOOLEAN, STANDALONE_VERSION, type StandaloneData } from '../../shared/standalone';

export interface StandaloneOptions {
  /** Similar symbols listed per symbol (the map's neighbours setting, 8 by default). */
  readonly neighbours: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
  /** When it was exported (tests fix it). */
  readonly now?: Date;
}

export async function standaloneData(index: LatentIndex, options: StandaloneOptions): Promise<StandaloneData> {
  // Files by workspace path (the folder's name first when there are several), as the panel shows them.
  const json = { ...index.toJson(), symbols: index.mapSymbols() };
  const { symbols, lists } = await index.similarOfAll(options.neighbours, options.signal, options.onProgress);
  // Both are the index's; they differ only if a file changed while exporting.
  if (symbols.length !== json.symbols.length || symbols.some((s, i) => s.id !== json.symbols[i]!.id)) {
    throw new Error('the map changed while it was exported; export it again');
  }
  const position = new Map(symbols.map((s, i) => [s.id, i]));
  // The folder's name, not its path: the file is made to be shared, and the path says whose machine it came from.
  const name = index.roots.length > 1 ? index.roots.map((r) => r.name).join(', ') : path.basename(json.root);
  const map: MapPayload = { root: name, model: json.model, symbols: json.symbols, clusters: json.clusters, regions: json.regions };
  const day = (options.now ?? new Date()).toISOString().slice(0, 10);
  return {
    version: STANDALONE_VERSION,
    map,
    status: `${name} · ${json.model.id} · exported ${day}`,
    neighbours: options.neighbours,
    similar: lists.map((list) => list.map((r) => [position.get(r.id)!, r.score] as const)),
    params: symbols.map((s) => s.params),
    flags: symbols.map((s) => (s.internal ? FLAG_INTERNAL : 0) | (s.returnsBoolean ? FLAG_RETURNS_BOOLEAN : 0)),
  };
}
