// TensorFlow's Embedding Projector (projector.tensorflow.org) loads a
// vectors file (one row per point, tab-separated numbers) and a metadata file
// (a header row when there is more than one column, then one row per point in
// the same order). It splits rows on tabs and newlines and unescapes nothing,
// so a field's own tabs and line breaks are written as `\t`, `\n`, `\r` (and a
// backslash as `\\`) to keep every symbol on its row.
import type { Cluster, MapSymbol } from '../types';

/** Metadata columns, `name` first: the Projector labels points by the first column. */
export const PROJECTOR_COLUMNS = ['name', 'kind', 'file', 'line', 'cluster'] as const;

/** Decimals kept per vector component: normalised vectors need no more, and the file stays a third of full precision. */
const DECIMALS = 6;

export interface ProjectorFiles {
  /** vectors.tsv */
  readonly vectors: string;
  /** metadata.tsv */
  readonly metadata: string;
}

/** A field on one row: tabs, line breaks and backslashes escaped. */
export function tsvField(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/**
 * The two files for `symbols` (map order) and their vectors (packed, same
 * order, `dimensions` each). `cluster` is the top-level region's label,
 * which the Projector can colour by.
 */
export function projectorFiles(symbols: readonly MapSymbol[], clusters: readonly Cluster[], vectors: Float32Array, dimensions: number): ProjectorFiles {
  if (dimensions <= 0 || vectors.length !== symbols.length * dimensions) {
    throw new Error(`projector export: ${symbols.length} symbols need ${symbols.length * dimensions} vector values, got ${vectors.length}`);
  }
  const label = new Map(clusters.map((c) => [c.id, c.label]));
  const scale = 10 ** DECIMALS;
  const rows: string[] = new Array(symbols.length);
  const meta: string[] = [PROJECTOR_COLUMNS.join('\t')];
  for (let i = 0; i < symbols.length; i++) {
    const row: string[] = new Array(dimensions);
    // `|| 0` writes -0 as 0.
    for (let d = 0; d < dimensions; d++) row[d] = String(Math.round(vectors[i * dimensions + d]! * scale) / scale || 0);
    rows[i] = row.join('\t');
    const s = symbols[i]!;
    meta.push([s.name, s.kind, s.file, String(s.line), label.get(s.cluster) ?? ''].map(tsvField).join('\t'));
  }
  return { vectors: `${rows.join('\n')}\n`, metadata: `${meta.join('\n')}\n` };
}
