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
import { describeUri, firstLine } from './connect';
import { atVersion, openChecked, readRegions, type OpenOptions } from './read';
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
 * `npm run bench -- --scale 1m` (bench/scale.ts; figures in README, "A
 * million symbols"): of the pairs tried (nprobes 20-160, refine 10-40) on
 * 1,000 partitions, 80 and 40 is the first whose recall@10 against exact
 * search reaches 0.95 for neighbours counted strictly (similar 0.943; both
 * 0.99 counting ties with the 10th answer), at a p95 of 21-30 ms on the
 * shared machine; 40 and 10, about twice as fast, stays at 0.92 strictly.
 */
export const ANN_SEARCH = { nprobes: 80, refineFactor: 40 } as const;

/** The IVF-PQ index `layout` builds for `n` rows of `dims`: √n partitions (LanceDB's guidance), sub-vectors of about 4 dimensions. */
export function annIndexConfig(n: number, dims: number): { numPartitions: number; numSubVectors: number } {
  let numSubVectors = Math.max(1, Math.floor(dims / 4));
  // PQ splits a vector into equal parts: the largest count up to dims/4 that divides dims.
  while (dims % numSubVectors !== 0) numSubVectors--;
  return { numPartitions: Math.max(1, Math.round(Math.sqrt(n))), numSubVectors };
}

/**
 * The map's columns, row i one symbol, in the store's row order. Numbers as
 * typed arrays; text stays in the store's Arrow buffers and is decoded when a
 * row is asked for (decoding a million ids, names and paths into strings took
 * most of a minute here, and held them twice).
 */
export interface MapColumns {
  readonly size: number;
  id(row: number): string;
  name(row: number): string;
  kind(row: number): string;
  file(row: number): string;
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
  private constructor(
    readonly uri: string,
    readonly meta: StoreMeta,
    private readonly table: Table,
    readonly map: MapColumns,
    /** LanceDB's row id of each row, ascending in row order (see rowOfRowId). */
    private readonly rowIds: Float64Array,
    readonly regions: readonly Cluster[],
    /** How long each step of opening took (ms), in order. */
    readonly timings: readonly (readonly [string, number])[],
  ) {}

  /** The store's version: its symbols table's LanceDB version. */
  get version(): number {
    return this.meta.symbolsVersion;
  }

  get size(): number {
    return this.map.size;
  }

  /** Opens the store at `uri` for its map, after checking its format and model; no vector is read. */
  static async open(uriText: string, options: OpenOptions = {}): Promise<StoreSearch> {
    const { uri, db, meta, timings, step } = await openChecked(uriText, options);
    const [symbols, regionTable] = await Promise.all([
      atVersion(db, TABLES.symbols, meta.symbolsVersion, uri),
      atVersion(db, TABLES.regions, meta.regionsVersion, uri),
    ]);
    const [rows, regionRows] = await Promise.all([
      symbols.query().select(['id', 'name', 'kind', 'file', 'line', 'x', 'y', 'cluster', 'region']).withRowId().toArrow(),
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
    const text = (name: string): ((row: number) => string) => {
      const child = rows.getChild(name);
      if (!child) throw new UserError(`the team store ${describeUri(uri)} has no column "${name}"`);
      return (row) => child.get(row) as string;
    };
    const map: MapColumns = {
      size: n,
      id: text('id'),
      name: text('name'),
      kind: text('kind'),
      file: text('file'),
      lines: Int32Array.from(column<number>(rows, 'line')),
      xy,
      cluster: Int32Array.from(column<number>(rows, 'cluster')),
      region: Int32Array.from(column<number>(rows, 'region')),
    };
    // Row ids are (fragment << 32) + offset in it: below 2^53, exact as doubles.
    const rowIds = Float64Array.from(column<bigint>(rows, '_rowid'), Number);
    for (let i = 1; i < n; i++) {
      if (!(rowIds[i]! > rowIds[i - 1]!)) throw new UserError(`the team store ${describeUri(uri)} was read out of order: open it again`);
    }
    const regions = readRegions(regionRows);
    step('decoding');
    return new StoreSearch(uri, meta, symbols, map, rowIds, regions, timings);
  }

  /** The row of LanceDB's row id `rowId`, or -1 (a binary search: row ids ascend in row order). */
  private rowOfRowId(rowId: number): number {
    let lo = 0;
    let hi = this.rowIds.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = this.rowIds[mid]!;
      if (at === rowId) return mid;
      if (at < rowId) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The stored vector of row `row`. */
  async vector(row: number): Promise<Float32Array> {
    if (!(row >= 0 && row < this.size)) throw new RangeError(`StoreSearch: no row ${row}`);
    const found = await this.table.takeOffsets([row]).select(['vector']).toArrow();
    const data = found.getChild('vector')?.data[0];
    if (!data || found.numRows === 0) throw new UserError(`the team store ${describeUri(this.uri)} has no vector for ${this.map.id(row)}`);
    const dims = this.meta.dimensions;
    const values = data.children[0]!;
    const start = values.offset + data.offset * dims;
    return Float32Array.from((values.values as Float32Array).subarray(start, start + dims));
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
    const dropped = (row: number) => (local?.replaced.has(this.map.file(row)) ?? false) || (skip?.has(this.map.id(row)) ?? false);
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
        .select([])
        .withRowId()
        .limit(want)
        .toArray();
      stored = [];
      for (const hit of found as { _rowid: number | bigint; _distance: number }[]) {
        const row = this.rowOfRowId(Number(hit._rowid));
        if (row < 0 || dropped(row)) continue;
        stored.push({ id: this.map.id(row), row, score: 1 - hit._distance });
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
