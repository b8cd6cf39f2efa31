// A team store opened for its map and searched through its vector index,
// without holding its vectors. At a million symbols the vectors alone are
// 400 MB (100 dimensions) to 1.5 GB (384), more than an editor should hold:
// here only what the map needs is read (ids, names, kinds, files, lines,
// positions, regions), and nearest-neighbour queries go to LanceDB's IVF-PQ
// index in the store, refined on the stored vectors. Rows a working tree
// changed locally are searched exactly beside it and merged in.
import type { Table } from '@lancedb/lancedb';
import { throwIfAborted, UserError, type Cluster } from '../types';
import { VectorStore, type Hit } from '../vectors';
import { connectStore, describeUri, firstLine, lancedb, normaliseUri, sqlString, type StoreEnvironment } from './connect';
import { atVersion, checkStore, readMeta, readRegions, type ExpectedModel } from './read';
import { column } from './rows';
import { TABLES, type StoreMeta } from './schema';

/**
 * Below this many rows `layout` builds no vector index: LanceDB then compares
 * every row, which over 10,000 rows of 100-384 dimensions takes a few
 * milliseconds, and IVF-PQ needs thousands of rows to train on anyway.
 */
export const ANN_MIN_ROWS = 10_000;

/**
 * How a query goes through the IVF-PQ index: the partitions searched and the
 * candidates (k × refineFactor) re-ranked on their stored vectors. Chosen with
 * `npm run bench -- --scale` (bench/scale.ts; figures in README, Team index):
 * the smallest pair that kept recall@10 at or above 0.95 at 1M.
 */
export const ANN_SEARCH = { nprobes: 40, refineFactor: 10 } as const;

/** The IVF-PQ index `layout` builds for `n` rows of `dims`: √n partitions (LanceDB's guidance), sub-vectors of about 4 dimensions. */
export function annIndexConfig(n: number, dims: number): { numPartitions: number; numSubVectors: number } {
  let numSubVectors = Math.max(1, Math.floor(dims / 4));
  // PQ splits a vector into equal parts: the largest count up to dims/4 that divides dims.
  while (dims % numSubVectors !== 0) numSubVectors--;
  return { numPartitions: Math.max(1, Math.round(Math.sqrt(n))), numSubVectors };
}

/** The map's columns, row i one symbol, in the store's row order. */
export interface MapColumns {
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly kinds: readonly string[];
  readonly files: readonly string[];
  readonly lines: Int32Array;
  /** n × 2. */
  readonly xy: Float32Array;
  readonly cluster: Int32Array;
  readonly region: Int32Array;
}

/** Rows searched exactly beside the store's index: a working tree's changed files, which replace those files' stored rows. */
export interface LocalRows {
  /** The local rows' vectors, ids naming them. */
  readonly store: VectorStore;
  /** Files whose stored rows no longer count (changed or removed locally). */
  readonly replaced: ReadonlySet<string>;
}

/** A hit of a store search: a stored row (`row`) or a local one (`local`), with its cosine similarity. */
export interface StoreHit {
  readonly id: string;
  readonly score: number;
  readonly row?: number;
  readonly local?: number;
}

export interface SearchTuning {
  readonly nprobes: number;
  readonly refineFactor: number;
}

export class StoreSearch {
  private readonly rowOfId: Map<string, number>;

  private constructor(
    readonly uri: string,
    readonly meta: StoreMeta,
    private readonly table: Table,
    readonly map: MapColumns,
    readonly regions: readonly Cluster[],
    /** How long each step of opening took (ms), in order. */
    readonly timings: readonly (readonly [string, number])[],
  ) {
    this.rowOfId = new Map(map.ids.map((id, i) => [id, i]));
  }

  /** The store's version: its symbols table's LanceDB version. */
  get version(): number {
    return this.meta.symbolsVersion;
  }

  get size(): number {
    return this.map.ids.length;
  }

  /** Opens the store at `uri` for its map, after checking its format and model; no vector is read. */
  static async open(
    uriText: string,
    options: { model?: ExpectedModel; signal?: AbortSignal; env?: StoreEnvironment; cwd?: string } = {},
  ): Promise<StoreSearch> {
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
    const [symbols, regionTable] = await Promise.all([
      atVersion(db, TABLES.symbols, meta.symbolsVersion, uri),
      atVersion(db, TABLES.regions, meta.regionsVersion, uri),
    ]);
    const [rows, regionRows] = await Promise.all([
      symbols.query().select(['id', 'name', 'kind', 'file', 'line', 'x', 'y', 'cluster', 'region']).toArrow(),
      regionTable.query().toArrow(),
    ]).catch((error: unknown) => {
      throw new UserError(`cannot read the team store ${describeUri(uri)}: ${firstLine(error)}`);
    });
    throwIfAborted(options.signal);
    step('rows');
    const n = rows.numRows;
    const xs = column<number>(rows, 'x');
    const ys = column<number>(rows, 'y');
    const xy = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      xy[2 * i] = xs[i]!;
      xy[2 * i + 1] = ys[i]!;
    }
    const map: MapColumns = {
      ids: Array.from(column<string>(rows, 'id')),
      names: Array.from(column<string>(rows, 'name')),
      kinds: Array.from(column<string>(rows, 'kind')),
      files: Array.from(column<string>(rows, 'file')),
      lines: Int32Array.from(column<number>(rows, 'line')),
      xy,
      cluster: Int32Array.from(column<number>(rows, 'cluster')),
      region: Int32Array.from(column<number>(rows, 'region')),
    };
    const regions = readRegions(regionRows);
    step('decoding');
    const opened = new StoreSearch(uri, meta, symbols, map, regions, timings);
    step('ids');
    return opened;
  }

  /** Row of symbol `id`, or -1. */
  rowOf(id: string): number {
    return this.rowOfId.get(id) ?? -1;
  }

  /** The stored vector of row `row` (one query: a scalar index on id finds it). */
  async vector(row: number): Promise<Float32Array> {
    const id = this.map.ids[row];
    if (id === undefined) throw new RangeError(`StoreSearch: no row ${row}`);
    const found = await this.table.query().where(`id = ${sqlString(id)}`).select(['vector']).limit(1).toArrow();
    const child = found.getChild('vector');
    const data = child?.data[0];
    if (!data || found.numRows === 0) throw new UserError(`the team store ${describeUri(this.uri)} has no vector for ${id}`);
    const dims = this.meta.dimensions;
    const values = data.children[0]!;
    const flat = values.values as Float32Array;
    const start = values.offset + data.offset * dims;
    return Float32Array.from(flat.subarray(start, start + dims));
  }

  /**
   * The `k` symbols nearest `vector` (unit length) by cosine similarity, best
   * first: the store's rows through its vector index, except those of files
   * `local` replaced, merged with `local`'s rows searched exactly. `skip`
   * leaves out ids (a symbol's own).
   */
  async nearest(
    vector: Float32Array,
    k: number,
    options: { local?: LocalRows; skip?: ReadonlySet<string>; tuning?: SearchTuning } = {},
  ): Promise<StoreHit[]> {
    if (k <= 0) return [];
    const { local, skip } = options;
    const tuning = options.tuning ?? ANN_SEARCH;
    const dropped = (row: number) => (local?.replaced.has(this.map.files[row]!) ?? false) || (skip?.has(this.map.ids[row]!) ?? false);
    // Rows of replaced files and skipped ids are dropped after the query, so
    // ask for enough more; a query that still comes back short asks again
    // for twice as many (only when most of the nearest rows changed locally).
    let want = k + (skip?.size ?? 0) + Math.min(local?.replaced.size ?? 0, k);
    let stored: StoreHit[] = [];
    for (;;) {
      const found = await this.table
        .vectorSearch(vector)
        .distanceType('cosine')
        .nprobes(tuning.nprobes)
        .refineFactor(tuning.refineFactor)
        .select(['id'])
        .limit(want)
        .toArray();
      stored = [];
      for (const hit of found as { id: string; _distance: number }[]) {
        const row = this.rowOfId.get(hit.id);
        if (row === undefined || dropped(row)) continue;
        stored.push({ id: hit.id, row, score: 1 - hit._distance });
      }
      if (stored.length >= k || found.length < want || want >= this.size) break;
      want *= 2;
    }
    const exact: StoreHit[] = local
      ? local.store
          .nearest(vector, k + (skip?.size ?? 0))
          .map((h: Hit) => ({ id: local.store.ids[h.index]!, local: h.index, score: h.score }))
          .filter((h) => !skip?.has(h.id))
      : [];
    return [...stored, ...exact].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, k);
  }
}
