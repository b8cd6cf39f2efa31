import type { IndexedSymbol, MapSymbol } from './types';

/** A symbol as the map shows it: its place and cluster, and no embedding text. */
export function toMapSymbol(s: IndexedSymbol, x: number, y: number, cluster: number, region: number): MapSymbol {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    container: s.container,
    file: s.file,
    line: s.line,
    endLine: s.endLine,
    comment: s.comment,
    x,
    y,
    cluster,
    region,
  };
}
