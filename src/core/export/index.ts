// Exports of a built index, shared by `latent-map export` and the "Export
// Map…" command: the index JSON, TensorFlow Embedding Projector files, and a
// self-contained HTML page.
import * as path from 'node:path';
import { makeFolder, writeFileAtomic } from '../cache';
import type { LatentIndex } from '../indexer';
import { UserError } from '../types';
import { readPageAssets, renderStandaloneHtml } from './html';
import { projectorFiles } from './projector';
import { standaloneData } from './standalone';

export { projectorFiles, tsvField, PROJECTOR_COLUMNS } from './projector';
export { renderStandaloneHtml, readPageAssets, jsonForScriptElement, STANDALONE_BUNDLE, type PageAssets } from './html';
export { standaloneData } from './standalone';

export const EXPORT_FORMATS = ['json', 'projector', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(x: string): x is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(x);
}

/** The map's default neighbours setting (latentMap.neighbours): what an exported page lists per symbol. */
export const DEFAULT_EXPORT_NEIGHBOURS = 8;

export interface ExportOptions {
  readonly format: ExportFormat;
  /** A file (json, html) or a folder (projector), made if missing. */
  readonly out: string;
  /** Where dist/ and media/ are (html only). */
  readonly assetRoot: string;
  /** Similar symbols per symbol in an html page. */
  readonly neighbours?: number;
  readonly signal?: AbortSignal;
  /** Symbols done while an html page's similar lists are computed. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Writes the export; resolves to the files written. */
export async function exportIndex(index: LatentIndex, options: ExportOptions): Promise<string[]> {
  const out = path.resolve(options.out);
  switch (options.format) {
    case 'json':
      await writeFileAtomic(out, JSON.stringify(index.toJson()));
      return [out];
    case 'projector': {
      // Files by workspace path, as the map shows them (one column names the file).
      const json = { ...index.toJson(), symbols: index.mapSymbols() };
      const { symbols, vectors, dimensions } = await index.embedding();
      if (symbols.length !== json.symbols.length || symbols.some((s, i) => s.id !== json.symbols[i]!.id)) {
        throw new Error('the map changed while it was exported; export it again');
      }
      await makeFolder(out).catch((error: NodeJS.ErrnoException) => {
        throw new UserError(`cannot make the folder ${options.out} (${error.code ?? error.message})`);
      });
      const files = projectorFiles(json.symbols, json.clusters, vectors, dimensions);
      const written = [path.join(out, 'vectors.tsv'), path.join(out, 'metadata.tsv')];
      await writeFileAtomic(written[0]!, files.vectors);
      await writeFileAtomic(written[1]!, files.metadata);
      return written;
    }
    case 'html': {
      const assets = await readPageAssets(options.assetRoot);
      const data = await standaloneData(index, {
        neighbours: options.neighbours ?? DEFAULT_EXPORT_NEIGHBOURS,
        signal: options.signal,
        onProgress: options.onProgress,
      });
      await writeFileAtomic(out, renderStandaloneHtml(data, assets));
      return [out];
    }
  }
}
