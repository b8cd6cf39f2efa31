// The tables of a team store and their columns. A store is a LanceDB
// database holding:
//
//   staged        symbol rows as the shards wrote them (shard i of N each)
//   staged_files  every file a shard read, with the hash of its content
//   symbols       the laid-out map: the staged rows in index order, with
//                 x, y and regions (written by `layout`)
//   regions       every level of regions of that map
//   files         the files of that map with their content hashes
//   meta          one row: format, model, and the versions of the three
//                 tables above that belong together (written last, so a
//                 reader sees a whole layout or the previous one)
//
// Columns are added freely; a change a reader of the previous format cannot
// read raises STORE_FORMAT, and a store of another format is refused.
import type * as Arrow from 'apache-arrow';

/** Raised when a reader of the previous format could not read what is written. */
export const STORE_FORMAT = 1;

export const TABLES = {
  staged: 'staged',
  stagedFiles: 'staged_files',
  symbols: 'symbols',
  regions: 'regions',
  files: 'files',
  meta: 'meta',
} as const;

export type ArrowModule = typeof Arrow;

/** A column: its name, type and whether it may hold nulls. */
type Column = readonly [string, Arrow.DataType, boolean?];

function schemaOf(arrow: ArrowModule, columns: readonly Column[]): Arrow.Schema {
  return new arrow.Schema(columns.map(([name, type, nullable]) => new arrow.Field(name, type, nullable ?? false)));
}

function symbolColumns(arrow: ArrowModule, dims: number): Column[] {
  return [
    ['file', new arrow.Utf8()],
    // Position of the symbol among its file's symbols, as the extractor found them.
    ['ord', new arrow.Int32()],
    ['name', new arrow.Utf8()],
    ['kind', new arrow.Utf8()],
    ['container', new arrow.Utf8()],
    // Parameter names as a JSON array (a list column buys nothing here: they are only read whole).
    ['params', new arrow.Utf8()],
    ['line', new arrow.Int32()],
    ['endLine', new arrow.Int32()],
    ['comment', new arrow.Utf8()],
    ['internal', new arrow.Bool()],
    ['returnsBoolean', new arrow.Bool()],
    ['vector', vectorType(arrow, dims)],
  ];
}

export function vectorType(arrow: ArrowModule, dims: number): Arrow.FixedSizeList<Arrow.Float32> {
  return new arrow.FixedSizeList(dims, new arrow.Field('item', new arrow.Float32(), true));
}

const shardColumns = (arrow: ArrowModule): Column[] => [
  ['shard', new arrow.Int32()],
  ['shards', new arrow.Int32()],
];

export function stagedSchema(arrow: ArrowModule, dims: number): Arrow.Schema {
  return schemaOf(arrow, [...shardColumns(arrow), ['model', new arrow.Utf8()], ['modelId', new arrow.Utf8()], ...symbolColumns(arrow, dims)]);
}

export function stagedFilesSchema(arrow: ArrowModule): Arrow.Schema {
  return schemaOf(arrow, [...shardColumns(arrow), ['path', new arrow.Utf8()], ['hash', new arrow.Utf8()]]);
}

export function symbolsSchema(arrow: ArrowModule, dims: number): Arrow.Schema {
  return schemaOf(arrow, [
    ['id', new arrow.Utf8()],
    ...symbolColumns(arrow, dims),
    ['x', new arrow.Float32()],
    ['y', new arrow.Float32()],
    ['cluster', new arrow.Int32()],
    ['region', new arrow.Int32()],
  ]);
}

export function filesSchema(arrow: ArrowModule): Arrow.Schema {
  return schemaOf(arrow, [
    ['path', new arrow.Utf8()],
    ['hash', new arrow.Utf8()],
  ]);
}

export function regionsSchema(arrow: ArrowModule): Arrow.Schema {
  return schemaOf(arrow, [
    ['id', new arrow.Int32()],
    ['label', new arrow.Utf8()],
    ['size', new arrow.Int32()],
    ['x', new arrow.Float32()],
    ['y', new arrow.Float32()],
    ['level', new arrow.Int32()],
    ['parent', new arrow.Int32()],
  ]);
}

export function metaSchema(arrow: ArrowModule): Arrow.Schema {
  return schemaOf(arrow, [
    ['format', new arrow.Int32()],
    ['model', new arrow.Utf8()],
    ['modelId', new arrow.Utf8()],
    ['dimensions', new arrow.Int32()],
    ['symbols', new arrow.Int32()],
    ['files', new arrow.Int32()],
    ['shards', new arrow.Int32()],
    ['symbolsVersion', new arrow.Int32()],
    ['regionsVersion', new arrow.Int32()],
    ['filesVersion', new arrow.Int32()],
    ['writtenAt', new arrow.Utf8()],
  ]);
}

/** The store's description, as its meta row holds it. */
export interface StoreMeta {
  readonly format: number;
  /** The model's fingerprint (what the vector cache is keyed by). */
  readonly model: string;
  /** The model as a user names it (`builtin`, a hub id, a folder). */
  readonly modelId: string;
  readonly dimensions: number;
  readonly symbols: number;
  readonly files: number;
  readonly shards: number;
  readonly symbolsVersion: number;
  readonly regionsVersion: number;
  readonly filesVersion: number;
  readonly writtenAt: string;
}

/**
 * An Arrow table of `schema` from whole columns: strings and numbers as
 * arrays, vectors as one packed Float32Array (n × dims). Built by column
 * rather than from row objects: a million rows of objects would cost
 * gigabytes, and LanceDB would infer types from them instead of these.
 */
export function tableOf(arrow: ArrowModule, schema: Arrow.Schema, n: number, columns: Record<string, ArrayLike<unknown>>): Arrow.Table {
  const children = schema.fields.map((field) => {
    const values = columns[field.name];
    if (!values) throw new Error(`Latent Map store: no values for column ${field.name}`);
    const type = field.type as Arrow.DataType;
    if (arrow.DataType.isFixedSizeList(type)) {
      const dims = (type as Arrow.FixedSizeList).listSize;
      const flat = values as Float32Array;
      if (flat.length !== n * dims) throw new Error(`Latent Map store: ${flat.length} vector values for ${n} rows of ${dims}`);
      const child = arrow.makeData({ type: new arrow.Float32(), length: n * dims, nullCount: 0, data: flat });
      return arrow.makeData({ type, length: n, nullCount: 0, child });
    }
    if (values.length !== n) throw new Error(`Latent Map store: ${values.length} values of ${field.name} for ${n} rows`);
    return arrow.vectorFromArray(Array.from(values), type).data[0]!;
  });
  const struct = arrow.makeData({ type: new arrow.Struct(schema.fields), length: n, nullCount: 0, children });
  return new arrow.Table(schema, [new arrow.RecordBatch(schema, struct)]);
}
