// Messages between ExtractorPool (pool.ts) and its workers (worker.ts).
import type { ExtractedSymbol } from '../types';

export interface ExtractRequest {
  readonly id: number;
  readonly file: string;
  readonly source: string;
}

export type ExtractResponse =
  | { readonly id: number; readonly symbols: ExtractedSymbol[] }
  | { readonly id: number; readonly error: string };
