// Reading a team store's published map (see schema.ts).
import type { Connection, Table } from '@lancedb/lancedb';
import type { SnapshotFile } from '../cache/snapshot';
import type { ClusterResult } from '../cluster';
import { throwIfAborted, UserError, type Cluster } from '../types';
import { connectStore, describeUri, firstLine, lancedb, normaliseUri, type StoreEnvironment } from './connect';
import { column, packedVectors, storedRows } from './rows';
import { STORE_FORMAT, TABLES, type StoreMeta } from './schema';

/** The published map of a store, in index order. */
export interface StoredMap {
  readonly uri: string;
  readonly meta: StoreMeta;
  /** The store's version: the LanceDB version of its symbols table. */
  readonly version: number;
  /** Files by path, with their symbols (size and mtime unknown: 0). */
  readonly files: readonly SnapshotFile[];
  /** n × dims, in the order of the files' symbols. */
  readonly vectors: Float32Array;
  /** n × 2. */
  readonly xy: Float32Array;
  readonly clusters: ClusterResult;
  /** Content hash of every file of the map, symbols or not. */
  readonly hashes: ReadonlyMap<string, string>;
  /** How long each step of reading took, in ms, in order (LanceDB's load, connect, meta, rows, decoding). */
  readonly timings: readonly (readonly [string, number])[];
}

/** What a reader's model must match (see checkModel). */
export interface ExpectedModel {
  readonly fingerprint: string;
  readonly id: string;
}

export async function readMeta(db: Connection, uri: string): Promise<StoreMeta> {
  const table = await openTable(db, TABLES.meta, uri);
  const rows = await table.query().limit(1).toArray();
  const row = rows[0] as Record<string, unknown> | undefined;
  if (!row) throw new UserError(`the team store ${describeUri(uri)} has no map yet: run latent-map layout --store ${uri}`);
  const number = (key: string): number => Number(row[key] ?? NaN);
  return {
    format: number('format'),
    model: String(row.model ?? ''),
    modelId: String(row.modelId ?? ''),
    dimensions: number('dimensions'),
    symbols: number('symbols'),
    files: number('files'),
    shards: number('shards'),
    symbolsVersion: number('symbolsVersion'),
    regionsVersion: number('regionsVersion'),
    filesVersion: number('filesVersion'),
    writtenAt: String(row.writtenAt ?? ''),
  };
}

/** Refuses a store this version of Latent Map cannot read, or whose vectors another model made. */
export function checkStore(meta: StoreMeta, uri: string, model?: ExpectedModel): void {
  if (meta.format !== STORE_FORMAT) {
    const which = meta.format < STORE_FORMAT ? 'an older' : 'a newer';
    throw new UserError(
      `the team store ${describeUri(uri)} was written by ${which} version of Latent Map (store format ${meta.format}; this one reads ${STORE_FORMAT}): build it again with latent-map index --store`,
    );
  }
  if (model && model.fingerprint !== meta.model) {
    throw new UserError(
      `the team store ${describeUri(uri)} was built with the model ${meta.modelId}, not ${model.id}: its vectors cannot be compared with this model's; use --model ${meta.modelId} (or the setting latentMap.model), or build the store with ${model.id}`,
    );
  }
}

/** Options for opening a store (readStore, StoreSearch.open). */
export interface OpenOptions {
  readonly model?: ExpectedModel;
  readonly signal?: AbortSignal;
  readonly env?: StoreEnvironment;
  readonly cwd?: string;
}

/** A store connected and its meta checked (format, model), with the time each step took so far and a clock for the next. */
export interface OpenedStore {
  readonly uri: string;
  readonly db: Connection;
  readonly meta: StoreMeta;
  /** Milliseconds per step, in order, for the log. */
  readonly timings: [string, number][];
  /** Ends a step: records the time since the last one under `name`. */
  readonly step: (name: string) => void;
}

/** The first steps of opening a store, the same for reading its whole map and for searching it: load LanceDB, connect, read and check the meta. */
export async function openChecked(uriText: string, options: OpenOptions): Promise<OpenedStore> {
  const uri = normaliseUri(uriText, options.cwd);
  const timings: [string, number][] = [];
  let at = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    timings.push([name, Math.round(now - at)]);
    at = now;
  };
  await lancedb();
  step('LanceDB load');
  const db = await connectStore(uri, options.env);
  step('connect');
  const meta = await readMeta(db, uri);
  checkStore(meta, uri, options.model);
  step('meta');
  return { uri, db, meta, timings, step };
}

/** Opens the store at `uri` and reads its whole map, after checking its format and model. */
export async function readStore(uriText: string, options: OpenOptions = {}): Promise<StoredMap> {
  const { uri, db, meta, timings, step } = await openChecked(uriText, options);
  const [symbols, regions, files] = await Promise.all([
    atVersion(db, TABLES.symbols, meta.symbolsVersion, uri),
    atVersion(db, TABLES.regions, meta.regionsVersion, uri),
    atVersion(db, TABLES.files, meta.filesVersion, uri),
  ]);
  const [symbolRows, regionRows, fileRows] = await Promise.all([symbols.query().toArrow(), regions.query().toArrow(), files.query().toArrow()]).catch(
    (error: unknown) => {
      throw new UserError(`cannot read the team store ${describeUri(uri)}: ${firstLine(error)}`);
    },
  );
  throwIfAborted(options.signal);
  step('rows');
  const { files: stored, rowOf } = storedRows(symbolRows);
  const n = rowOf.length;
  const xs = column<number>(symbolRows, 'x');
  const ys = column<number>(symbolRows, 'y');
  const cluster = column<number>(symbolRows, 'cluster');
  const region = column<number>(symbolRows, 'region');
  const xy = new Float32Array(n * 2);
  const assignment = new Int32Array(n);
  const leaf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = rowOf[i]!;
    xy[2 * i] = xs[r]!;
    xy[2 * i + 1] = ys[r]!;
    assignment[i] = cluster[r]!;
    leaf[i] = region[r]!;
  }
  const regionList = readRegions(regionRows);
  const paths = column<string>(fileRows, 'path');
  const hashes = column<string>(fileRows, 'hash');
  const vectors = packedVectors(symbolRows, meta.dimensions, rowOf);
  step('decoding');
  return {
    uri,
    meta,
    version: meta.symbolsVersion,
    files: stored,
    vectors,
    xy,
    clusters: { assignment, leaf, regions: regionList, clusters: regionList.filter((r) => r.level === 0) },
    hashes: new Map(Array.from({ length: fileRows.numRows }, (_, i) => [paths[i]!, hashes[i]!])),
    timings,
  };
}

/** The regions table's rows, by id. */
export function readRegions(table: import('apache-arrow').Table): Cluster[] {
  const id = column<number>(table, 'id');
  const label = column<string>(table, 'label');
  const size = column<number>(table, 'size');
  const x = column<number>(table, 'x');
  const y = column<number>(table, 'y');
  const level = column<number>(table, 'level');
  const parent = column<number>(table, 'parent');
  const list: Cluster[] = Array.from({ length: table.numRows }, (_, i) => ({
    id: id[i]!,
    label: label[i]!,
    size: size[i]!,
    x: x[i]!,
    y: y[i]!,
    level: level[i]!,
    parent: parent[i]!,
  }));
  return list.sort((a, b) => a.id - b.id);
}

/** The table `name` as it was at `version` (a version the meta row names). */
export async function atVersion(db: Connection, name: string, version: number, uri: string): Promise<Table> {
  const table = await openTable(db, name, uri);
  try {
    await table.checkout(version);
  } catch (error) {
    throw new UserError(`the team store ${describeUri(uri)} lacks version ${version} of its ${name} table (${firstLine(error)}): run latent-map layout --store again`);
  }
  return table;
}

async function openTable(db: Connection, name: string, uri: string): Promise<Table> {
  try {
    return await db.openTable(name);
  } catch (error) {
    const why = firstLine(error);
    if (/not found|does not exist|no such/i.test(why)) {
      throw new UserError(`no team index at ${describeUri(uri)}: build it with latent-map index <folder> --store ${uri}`);
    }
    throw new UserError(`cannot reach the team store ${describeUri(uri)}: ${why}`);
  }
}
