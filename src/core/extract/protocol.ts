// Messages between ExtractorPool (pool.ts) and its workers (worker.ts).
import type { ExtractedSymbol, SkipReason } from '../types';

/** A file's text, or where to read it (the worker reads and checks it: see readSource). */
export type ExtractRequest =
  | { readonly id: number; readonly file: string; readonly source: string }
  | { readonly id: number; readonly file: string; readonly path: string; readonly maxFileSize: number };

export type ExtractResponse =
  | { readonly id: number; readonly symbols: ExtractedSymbol[] }
  | { readonly id: number; readonly skip: SkipReason }
  | { readonly id: number; readonly error: string };
