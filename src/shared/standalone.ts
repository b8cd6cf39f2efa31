// What an exported map page (`latent-map export --format html`) carries
// instead of an extension host: the map, each symbol's similar symbols as the
// index ranked them, and what the index's word search needs. Written by
// src/core/export/standalone.ts, read by webview/standalone.ts, which checks
// it with isStandaloneData before use: the file may have been edited.
import { isToWebviewMessage } from './guards';
import type { MapPayload } from './protocol';

export const STANDALONE_VERSION = 1;

/** The id of the JSON script element holding the data in the page. */
export const STANDALONE_DATA_ID = 'latent-map-data';

export interface StandaloneData {
  readonly version: typeof STANDALONE_VERSION;
  /** The map as the panel sends it; `root` is the folder's name only, never a path of the exporting machine. */
  readonly map: MapPayload;
  /** What the status bar says: the folder, the model and when it was exported. */
  readonly status: string;
  /** How many similar symbols each symbol lists (the tooltip's neighbours). */
  readonly neighbours: number;
  /** Per symbol, in map order: its similar symbols as positions in the map and scores, best first (LatentIndex.similar). */
  readonly similar: readonly (readonly (readonly [number, number])[])[];
  /** Per symbol, in map order: its parameter names (words the search matches). */
  readonly params: readonly (readonly string[])[];
  /** Per symbol, in map order: 1 private (ExtractedSymbol.internal), 2 answers yes or no (returnsBoolean); the search's priors read them. */
  readonly flags: readonly number[];
}

export const FLAG_INTERNAL = 1;
export const FLAG_RETURNS_BOOLEAN = 2;

function isPositions(x: unknown, n: number): boolean {
  return (
    Array.isArray(x) &&
    x.every(
      (pair) =>
        Array.isArray(pair) &&
        pair.length === 2 &&
        Number.isInteger(pair[0]) &&
        pair[0] >= 0 &&
        pair[0] < n &&
        typeof pair[1] === 'number' &&
        Number.isFinite(pair[1]),
    )
  );
}

/** The whole shape, every list as long as the map. */
export function isStandaloneData(x: unknown): x is StandaloneData {
  if (typeof x !== 'object' || x === null) return false;
  const d = x as Record<string, unknown>;
  if (d.version !== STANDALONE_VERSION || typeof d.status !== 'string' || !Number.isInteger(d.neighbours)) return false;
  if (!isToWebviewMessage({ type: 'map', map: d.map })) return false;
  const n = (d.map as MapPayload).symbols.length;
  const { similar, params, flags } = d;
  return (
    Array.isArray(similar) &&
    similar.length === n &&
    similar.every((list) => isPositions(list, n)) &&
    Array.isArray(params) &&
    params.length === n &&
    params.every((list) => Array.isArray(list) && list.every((p) => typeof p === 'string')) &&
    Array.isArray(flags) &&
    flags.length === n &&
    flags.every((f) => Number.isInteger(f))
  );
}
