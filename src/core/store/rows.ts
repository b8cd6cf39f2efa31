// Symbols to and from store columns.
import type * as Arrow from 'apache-arrow';
import type { SnapshotFile } from '../cache/snapshot';
import type { ExtractedSymbol, IndexedSymbol, SymbolKind } from '../types';

/** Columns every symbol row has (see schema.ts symbolColumns), for `symbols` in order, with `ord` counted per file. */
export function symbolColumnValues(symbols: readonly IndexedSymbol[], vectors: Float32Array): Record<string, ArrayLike<unknown>> {
  const n = symbols.length;
  const ord = new Int32Array(n);
  for (let i = 0, k = 0; i < n; i++) {
    k = i > 0 && symbols[i - 1]!.file === symbols[i]!.file ? k + 1 : 0;
    ord[i] = k;
  }
  return {
    file: symbols.map((s) => s.file),
    ord,
    name: symbols.map((s) => s.name),
    kind: symbols.map((s) => s.kind),
    container: symbols.map((s) => s.container),
    params: symbols.map((s) => JSON.stringify(s.params)),
    line: Int32Array.from(symbols, (s) => s.line),
    endLine: Int32Array.from(symbols, (s) => s.endLine),
    comment: symbols.map((s) => s.comment),
    internal: symbols.map((s) => s.internal === true),
    returnsBoolean: symbols.map((s) => s.returnsBoolean === true),
    vector: vectors,
  };
}

/** The rows of `table` in the order of `order` (row indices), as extracted symbols grouped by file, files in path order. */
export interface StoredRows {
  readonly files: SnapshotFile[];
  /** Row index of each symbol, in the order of `files`' symbols. */
  readonly rowOf: Int32Array;
}

/** Reads symbol rows back, sorted by file path then `ord` (the order an index gives them). */
export function storedRows(table: Arrow.Table): StoredRows {
  const n = table.numRows;
  const file = column<string>(table, 'file');
  const ord = column<number>(table, 'ord');
  const order = Array.from({ length: n }, (_, i) => i);
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = compare(file, ord, i - 1, i) < 0;
  if (!sorted) order.sort((a, b) => compare(file, ord, a, b));
  const name = column<string>(table, 'name');
  const kind = column<string>(table, 'kind');
  const container = column<string>(table, 'container');
  const params = column<string>(table, 'params');
  const line = column<number>(table, 'line');
  const endLine = column<number>(table, 'endLine');
  const comment = column<string>(table, 'comment');
  const internal = column<boolean>(table, 'internal');
  const returnsBoolean = column<boolean>(table, 'returnsBoolean');
  const files: SnapshotFile[] = [];
  let current: { path: string; symbols: ExtractedSymbol[] } | undefined;
  for (const i of order) {
    if (!current || current.path !== file[i]) {
      current = { path: file[i]!, symbols: [] };
      files.push({ path: current.path, size: 0, mtimeMs: 0, symbols: current.symbols });
    }
    current.symbols.push({
      name: name[i]!,
      kind: kind[i] as SymbolKind,
      container: container[i]!,
      params: JSON.parse(params[i]!) as string[],
      line: line[i]!,
      endLine: endLine[i]!,
      comment: comment[i]!,
      ...(internal[i] ? { internal: true as const } : {}),
      ...(returnsBoolean[i] ? { returnsBoolean: true as const } : {}),
    });
  }
  return { files, rowOf: Int32Array.from(order) };
}

function compare(file: ArrayLike<string>, ord: ArrayLike<number>, a: number, b: number): number {
  const fa = file[a]!;
  const fb = file[b]!;
  // Code-unit order, as indexSymbols sorts paths.
  return fa < fb ? -1 : fa > fb ? 1 : ord[a]! - ord[b]!;
}

/** A column's values as a plain array (strings, numbers, booleans). */
export function column<T>(table: Arrow.Table, name: string): ArrayLike<T> {
  const child = table.getChild(name);
  if (!child) throw new Error(`the store's table has no column "${name}"`);
  return child.toArray() as ArrayLike<T>;
}

/** The vector column packed n × dims in the order of `rowOf`. */
export function packedVectors(table: Arrow.Table, dims: number, rowOf: Int32Array): Float32Array {
  const child = table.getChild('vector');
  if (!child) throw new Error('the store\'s table has no column "vector"');
  const all = new Float32Array(table.numRows * dims);
  let at = 0;
  for (const data of child.data) {
    const values = data.children[0]!;
    const flat = (values.values as Float32Array).subarray(values.offset + data.offset * dims, values.offset + (data.offset + data.length) * dims);
    all.set(flat, at);
    at += flat.length;
  }
  if (isIdentity(rowOf)) return all;
  const out = new Float32Array(rowOf.length * dims);
  for (let i = 0; i < rowOf.length; i++) out.set(all.subarray(rowOf[i]! * dims, (rowOf[i]! + 1) * dims), i * dims);
  return out;
}

function isIdentity(order: Int32Array): boolean {
  for (let i = 0; i < order.length; i++) if (order[i] !== i) return false;
  return true;
}
