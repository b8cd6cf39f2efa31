// Writing a team store: each shard stages its rows, then `layout` lays the
// whole table out and publishes it (see schema.ts for the tables).
import type { Connection, Table } from '@lancedb/lancedb';
import { regionWords } from '../cluster/words';
import type { ClusterResult } from '../cluster';
import { indexSymbols } from '../indexer';
import { clusterOffThread, projectMap } from '../project';
import { throwIfAborted, UserError, type Cluster, type IndexedSymbol, type ProgressSink } from '../types';
import { connectStore, describeUri, firstLine, lancedb, sqlString } from './connect';
import { placeAmongSample } from './place';
import { readMeta } from './read';
import { ANN_MIN_ROWS, annIndexConfig } from './search';
import { column, packedVectors, storedRows, symbolColumnValues } from './rows';
import {
  filesSchema,
  metaSchema,
  regionsSchema,
  stagedFilesSchema,
  stagedSchema,
  STORE_FORMAT,
  symbolsSchema,
  tableOf,
  TABLES,
  type ArrowModule,
} from './schema';
import type { Shard } from './shard';

export interface ModelDescription {
  /** The fingerprint the vector cache is keyed by: what makes two stores' vectors comparable. */
  readonly fingerprint: string;
  readonly id: string;
  readonly dimensions: number;
}

export interface ShardRows {
  readonly shard: Shard;
  readonly model: ModelDescription;
  /** In index order (files by path). */
  readonly symbols: readonly IndexedSymbol[];
  readonly vectors: Float32Array;
  /** Every file the shard read (symbols or not) with its content hash. */
  readonly files: readonly { readonly path: string; readonly hash: string }[];
}

/**
 * Arrow, loaded on first use, by require: LanceDB requires Arrow's CommonJS
 * build, and a dynamic import would load its ES module build instead (under
 * tsx), two copies whose tables LanceDB refuses.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const arrowModule = async (): Promise<ArrowModule> => require('apache-arrow') as ArrowModule;

/**
 * Writes one shard's rows into the store's staging tables, replacing what
 * an earlier run of the same shard wrote (so a re-run CI job duplicates
 * nothing) and anything staged for another shard count.
 */
export async function stageShard(uri: string, rows: ShardRows): Promise<void> {
  const arrow = await arrowModule();
  const db = await connectStore(uri);
  await refuseOtherFormat(db, uri);
  const { shard, model } = rows;
  const staged = await openOrCreate(db, TABLES.staged, stagedSchema(arrow, model.dimensions), uri);
  const stagedDims = await vectorDimensions(staged);
  if (stagedDims !== model.dimensions) {
    throw new UserError(`the team store ${describeUri(uri)} holds ${stagedDims}-dimensional vectors, but ${model.id} gives ${model.dimensions}: write to a new store, or use the store's model`);
  }
  const others = await staged.query().where(`shards = ${shard.count} AND shard <> ${shard.index} AND model <> ${sqlString(model.fingerprint)}`).select(['modelId']).limit(1).toArray();
  if (others.length > 0) {
    throw new UserError(`other shards of the team store ${describeUri(uri)} were written with the model ${String(others[0].modelId)}; this run uses ${model.id}`);
  }
  const n = rows.symbols.length;
  const replace = `shard = ${shard.index} OR shards <> ${shard.count}`;
  await staged.delete(replace);
  if (n > 0) {
    await staged.add(
      tableOf(arrow, stagedSchema(arrow, model.dimensions), n, {
        shard: new Int32Array(n).fill(shard.index),
        shards: new Int32Array(n).fill(shard.count),
        model: new Array<string>(n).fill(model.fingerprint),
        modelId: new Array<string>(n).fill(model.id),
        ...symbolColumnValues(rows.symbols, rows.vectors),
      }),
    );
  }
  // The files, and one row with an empty path saying the shard is complete
  // (a shard may hold no files at all): `layout` waits for all N.
  const files = [...rows.files, { path: '', hash: '' }];
  const stagedFiles = await openOrCreate(db, TABLES.stagedFiles, stagedFilesSchema(arrow), uri);
  await stagedFiles.delete(replace);
  await stagedFiles.add(
    tableOf(arrow, stagedFilesSchema(arrow), files.length, {
      shard: new Int32Array(files.length).fill(shard.index),
      shards: new Int32Array(files.length).fill(shard.count),
      path: files.map((f) => f.path),
      hash: files.map((f) => f.hash),
    }),
  );
}

export interface LayoutOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressSink;
  /** Above this many symbols UMAP lays out an even sample and the rest are placed among their neighbours. */
  readonly sampleSize?: number;
}

/**
 * Above this many symbols the layout is UMAP on a sample. Measured on this
 * machine (ENVIRONMENT.md): stock umap-js takes 91 s for 20,000 points; the
 * project's own layout is faster, and 50,000 keeps a CI layout job within a
 * few minutes while holding enough points to give every region its shape.
 */
export const LAYOUT_SAMPLE = 50_000;

export interface LayoutResult {
  readonly symbols: number;
  readonly files: number;
  readonly shards: number;
  readonly version: number;
  readonly sampled: boolean;
}

/** Lays out every staged row of the store and publishes the map (symbols, regions, files, then meta). */
export async function layoutStore(uri: string, options: LayoutOptions = {}): Promise<LayoutResult> {
  const { signal, onProgress } = options;
  const arrow = await arrowModule();
  const db = await connectStore(uri);
  await refuseOtherFormat(db, uri);
  const staged = await openExisting(db, TABLES.staged, uri);
  const stagedFiles = await openExisting(db, TABLES.stagedFiles, uri);
  const fileRows = await stagedFiles.query().toArrow();
  const shards = completeShards(column<number>(fileRows, 'shard'), column<number>(fileRows, 'shards'), column<string>(fileRows, 'path'), uri);
  const rows = await staged.query().where(`shards = ${shards}`).toArrow();
  const models = new Set(Array.from(column<string>(rows, 'model')));
  if (models.size > 1) throw new UserError(`the shards of the team store ${describeUri(uri)} were written with different models (${[...models].join(', ')}): write them again with one model`);
  const dims = await vectorDimensions(staged);
  const model: ModelDescription = rows.numRows > 0
    ? { fingerprint: column<string>(rows, 'model')[0]!, id: column<string>(rows, 'modelId')[0]!, dimensions: dims }
    : { fingerprint: '', id: '', dimensions: dims };
  throwIfAborted(signal);

  const { files, rowOf } = storedRows(rows);
  const symbols = await indexSymbols(new Map(files.map((f) => [f.path, f])), signal);
  const vectors = packedVectors(rows, dims, rowOf);
  const n = symbols.length;
  const sampleSize = options.sampleSize ?? LAYOUT_SAMPLE;
  onProgress?.({ phase: 'project', message: 'Laying out', done: 0, total: 1 });
  const words = await regionWords(symbols, signal);
  let xy: Float32Array;
  let clusters: ClusterResult;
  const sampled = n > sampleSize;
  if (!sampled) {
    const map = await projectMap(vectors, n, dims, words, { signal, onProgress: (d, t) => onProgress?.({ phase: 'project', message: 'Laying out', done: d, total: t }) });
    xy = map.xy;
    clusters = map.clusters!;
  } else {
    // An even sample (every k-th symbol in path order, so every part of the code is in it) is laid out by UMAP...
    const step = n / sampleSize;
    const sample = Array.from({ length: sampleSize }, (_, s) => Math.floor(s * step));
    const sampleVectors = new Float32Array(sample.length * dims);
    sample.forEach((i, s) => sampleVectors.set(vectors.subarray(i * dims, (i + 1) * dims), s * dims));
    const map = await projectMap(sampleVectors, sample.length, dims, undefined, { signal, onProgress: (d, t) => onProgress?.({ phase: 'project', message: 'Laying out a sample', done: d, total: t }) });
    xy = new Float32Array(n * 2);
    sample.forEach((i, s) => {
      xy[2 * i] = map.xy[2 * s]!;
      xy[2 * i + 1] = map.xy[2 * s + 1]!;
    });
    // ...and every other symbol goes among its nearest sampled neighbours, as a saved file's new symbols do.
    await placeAmongSample(vectors, dims, xy, sample, { signal, onProgress: (d, t) => onProgress?.({ phase: 'project', message: 'Placing the rest', done: d, total: t }) });
    onProgress?.({ phase: 'cluster', message: 'Finding regions' });
    clusters = await clusterOffThread(xy, n, words, signal);
  }
  throwIfAborted(signal);

  const hashes = new Map<string, string>();
  const paths = column<string>(fileRows, 'path');
  const hashColumn = column<string>(fileRows, 'hash');
  const countColumn = column<number>(fileRows, 'shards');
  for (let i = 0; i < fileRows.numRows; i++) if (countColumn[i] === shards && paths[i] !== '') hashes.set(paths[i]!, hashColumn[i]!);
  const filePaths = [...hashes.keys()].sort();

  const symbolsTable = await db.createTable(
    TABLES.symbols,
    tableOf(arrow, symbolsSchema(arrow, dims), n, {
      id: symbols.map((s) => s.id),
      ...symbolColumnValues(symbols, vectors),
      x: Float32Array.from({ length: n }, (_, i) => xy[2 * i]!),
      y: Float32Array.from({ length: n }, (_, i) => xy[2 * i + 1]!),
      cluster: clusters.assignment,
      region: clusters.leaf,
    }),
    { mode: 'overwrite' },
  );
  const regionsTable = await db.createTable(TABLES.regions, regionTable(arrow, clusters.regions), { mode: 'overwrite' });
  const filesTable = await db.createTable(
    TABLES.files,
    tableOf(arrow, filesSchema(arrow), filePaths.length, { path: filePaths, hash: filePaths.map((p) => hashes.get(p)!) }),
    { mode: 'overwrite' },
  );
  onProgress?.({ phase: 'project', message: 'Indexing the vectors' });
  await indexSymbolsTable(symbolsTable, n, dims);
  const version = await symbolsTable.version();
  await db.createTable(
    TABLES.meta,
    tableOf(arrow, metaSchema(arrow), 1, {
      format: [STORE_FORMAT],
      model: [model.fingerprint],
      modelId: [model.id],
      dimensions: [dims],
      symbols: [n],
      files: [filePaths.length],
      shards: [shards],
      symbolsVersion: [version],
      regionsVersion: [await regionsTable.version()],
      filesVersion: [await filesTable.version()],
      writtenAt: [new Date().toISOString()],
    }),
    { mode: 'overwrite' },
  );
  return { symbols: n, files: filePaths.length, shards, version, sampled };
}

/**
 * The index a reader searches the symbols table through (store/search.ts):
 * IVF-PQ on the vectors, from ANN_MIN_ROWS rows (below, a query compares
 * every row, which is fast enough).
 */
export async function indexSymbolsTable(table: Table, n: number, dims: number): Promise<void> {
  const { Index } = await lancedb();
  if (n >= ANN_MIN_ROWS) await table.createIndex('vector', { config: Index.ivfPq({ ...annIndexConfig(n, dims), distanceType: 'cosine' }) });
}

function regionTable(arrow: ArrowModule, regions: readonly Cluster[]) {
  return tableOf(arrow, regionsSchema(arrow), regions.length, {
    id: regions.map((r) => r.id),
    label: regions.map((r) => r.label),
    size: regions.map((r) => r.size),
    x: regions.map((r) => r.x),
    y: regions.map((r) => r.y),
    level: regions.map((r) => r.level),
    parent: regions.map((r) => r.parent),
  });
}

/** The shard count whose every shard is staged; a clear error naming the missing ones otherwise. */
function completeShards(shard: ArrayLike<number>, count: ArrayLike<number>, path: ArrayLike<string>, uri: string): number {
  const done = new Map<number, Set<number>>();
  for (let i = 0; i < path.length; i++) {
    if (path[i] !== '') continue;
    let set = done.get(count[i]!);
    if (!set) done.set(count[i]!, (set = new Set()));
    set.add(shard[i]!);
  }
  if (done.size === 0) throw new UserError(`nothing is staged in the team store ${describeUri(uri)}: run latent-map index <folder> --store ${uri} first`);
  // Shards replace rows of another count, so normally one count is staged; with several, the latest writes win.
  const [counts, set] = [...done.entries()].sort((a, b) => b[1].size / b[0] - a[1].size / a[0])[0]!;
  const missing = Array.from({ length: counts }, (_, i) => i).filter((i) => !set.has(i));
  if (missing.length > 0) {
    throw new UserError(`the team store ${describeUri(uri)} lacks shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${counts}`).join(', ')}: run latent-map index --shard for ${missing.length > 1 ? 'them' : 'it'} first`);
  }
  return counts;
}

async function refuseOtherFormat(db: Connection, uri: string): Promise<void> {
  const meta = await readMeta(db, uri).catch(() => undefined);
  if (meta && meta.format !== STORE_FORMAT) {
    throw new UserError(`the team store ${describeUri(uri)} was written in store format ${meta.format}; this Latent Map writes format ${STORE_FORMAT}: write to a new store, or delete this one first`);
  }
}

async function openOrCreate(db: Connection, name: string, schema: import('apache-arrow').Schema, uri: string): Promise<Table> {
  try {
    return await db.createEmptyTable(name, schema, { mode: 'create', existOk: true });
  } catch (error) {
    throw new UserError(`cannot write the team store ${describeUri(uri)}: ${firstLine(error)}`);
  }
}

async function openExisting(db: Connection, name: string, uri: string): Promise<Table> {
  try {
    return await db.openTable(name);
  } catch (error) {
    if (/not found|does not exist|was not found/i.test(firstLine(error))) {
      throw new UserError(`nothing is staged in the team store ${describeUri(uri)}: run latent-map index <folder> --store ${uri} first`);
    }
    throw new UserError(`cannot read the team store ${describeUri(uri)}: ${firstLine(error)}`);
  }
}

export async function vectorDimensions(table: Table): Promise<number> {
  const { DataType } = await lancedb().then(() => arrowModule());
  const field = (await table.schema()).fields.find((f) => f.name === 'vector');
  if (!field || !DataType.isFixedSizeList(field.type)) throw new Error('the store has no vector column');
  return (field.type as import('apache-arrow').FixedSizeList).listSize;
}
