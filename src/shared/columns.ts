// A big map on the wire as columns rather than one object per symbol: typed
// arrays for the numbers (VS Code's webview postMessage passes typed arrays as
// binary buffers, not JSON), each text field as one string with the ends of
// its items, and files and containers (shared by many symbols) as a table of
// distinct strings indexed per symbol. A million symbols as objects is a
// JSON text of some hundreds of megabytes and as many objects for the page
// to check one field at a time; as columns it is a handful of buffers and
// strings, checked in a few linear passes. The page turns it back into the
// same MapSymbol list (fromColumns), so everything after the message is the
// same for a map of either form.
import type { MapColumnsMessage, MapMessage, MapPayload } from './protocol';
import type { MapSymbol, SymbolKind } from './types';

/** Maps above this many symbols go to the page as columns; smaller ones as symbols, as they always did. */
export const COLUMNS_ABOVE = 50_000;

/** The kinds in the order their codes in `MapColumns.kind` index. */
export const KIND_CODES: readonly SymbolKind[] = ['function', 'method', 'class', 'interface', 'enum', 'type', 'struct', 'trait', 'module'];

/** Strings laid end to end: item i is `text.slice(ends[i - 1] ?? 0, ends[i])`. */
export interface TextColumn {
  readonly text: string;
  readonly ends: Uint32Array;
}

/** Every field of MapSymbol, one column each, symbol i at index i. */
export interface MapColumns {
  readonly id: TextColumn;
  readonly name: TextColumn;
  readonly comment: TextColumn;
  /** Index into KIND_CODES. */
  readonly kind: Uint8Array;
  /** Index into `containers` / `files`. */
  readonly container: Uint32Array;
  readonly containers: TextColumn;
  readonly file: Uint32Array;
  readonly files: TextColumn;
  readonly line: Uint32Array;
  readonly endLine: Uint32Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly cluster: Int32Array;
  readonly region: Int32Array;
}

function textColumn(items: readonly string[]): TextColumn {
  const ends = new Uint32Array(items.length);
  let at = 0;
  for (let i = 0; i < items.length; i++) ends[i] = at += items[i]!.length;
  return { text: items.join(''), ends };
}

/** Item i of a text column. */
export function textAt(c: TextColumn, i: number): string {
  return c.text.slice(i === 0 ? 0 : c.ends[i - 1], c.ends[i]);
}

function table(values: readonly string[]): { index: Uint32Array; column: TextColumn } {
  const seen = new Map<string, number>();
  const distinct: string[] = [];
  const index = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let at = seen.get(v);
    if (at === undefined) {
      at = distinct.length;
      seen.set(v, at);
      distinct.push(v);
    }
    index[i] = at;
  }
  return { index, column: textColumn(distinct) };
}

export function toColumns(symbols: readonly MapSymbol[]): MapColumns {
  const n = symbols.length;
  const code = new Map(KIND_CODES.map((k, i) => [k, i]));
  const kind = new Uint8Array(n);
  const line = new Uint32Array(n);
  const endLine = new Uint32Array(n);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const cluster = new Int32Array(n);
  const region = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = symbols[i]!;
    kind[i] = code.get(s.kind) ?? 0;
    line[i] = s.line;
    endLine[i] = s.endLine;
    x[i] = s.x;
    y[i] = s.y;
    cluster[i] = s.cluster;
    region[i] = s.region;
  }
  const containers = table(symbols.map((s) => s.container));
  const files = table(symbols.map((s) => s.file));
  return {
    id: textColumn(symbols.map((s) => s.id)),
    name: textColumn(symbols.map((s) => s.name)),
    comment: textColumn(symbols.map((s) => s.comment)),
    kind,
    container: containers.index,
    containers: containers.column,
    file: files.index,
    files: files.column,
    line,
    endLine,
    x,
    y,
    cluster,
    region,
  };
}

/** The symbols again, in order. The columns must have passed isMapColumns. */
export function fromColumns(c: MapColumns): MapSymbol[] {
  const n = c.kind.length;
  const files = Array.from(c.files.ends, (_, i) => textAt(c.files, i));
  const containers = Array.from(c.containers.ends, (_, i) => textAt(c.containers, i));
  const out = new Array<MapSymbol>(n);
  let id = 0;
  let name = 0;
  let comment = 0;
  for (let i = 0; i < n; i++) {
    out[i] = {
      id: c.id.text.slice(id, (id = c.id.ends[i]!)),
      name: c.name.text.slice(name, (name = c.name.ends[i]!)),
      kind: KIND_CODES[c.kind[i]!]!,
      container: containers[c.container[i]!]!,
      file: files[c.file[i]!]!,
      line: c.line[i]!,
      endLine: c.endLine[i]!,
      comment: c.comment.text.slice(comment, (comment = c.comment.ends[i]!)),
      x: c.x[i]!,
      y: c.y[i]!,
      cluster: c.cluster[i]!,
      region: c.region[i]!,
    };
  }
  return out;
}

/** The message that carries `map` to the page: symbol by symbol, or as columns when it is big. */
export function mapMessageFor(map: MapPayload): MapMessage | MapColumnsMessage {
  if (map.symbols.length <= COLUMNS_ABOVE) return { type: 'map', map };
  const { symbols, ...rest } = map;
  return { type: 'mapColumns', map: { ...rest, columns: toColumns(symbols) } };
}
