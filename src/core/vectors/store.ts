// The one owner of an index's vectors: which id each row is, the rows
// themselves, the embedding of free text into the same space, and the
// operations on them (top-k by dot product, projection on a direction, means
// and offsets). Search, Find Similar, placing new points, axes and analogies
// all go through it, so the dot-product loop is written once, here, and how
// rows are stored (one packed Float32Array today) can change behind it.
import { topK, type Hit } from './topK';

/** Embeds texts into the store's space: packed rows, L2-normalised (an Embedder's `embed`). */
export type EmbedTexts = (texts: readonly string[], signal?: AbortSignal) => Promise<Float32Array>;

export class VectorStore {
  private readonly positions: Map<string, number> | undefined;

  private constructor(
    /** Row i's id (a symbol id, a word); empty when the rows are anonymous. */
    readonly ids: readonly string[],
    private readonly data: Float32Array,
    readonly dims: number,
    private readonly embedTexts: EmbedTexts | undefined,
  ) {
    this.positions = ids.length ? new Map(ids.map((id, i) => [id, i])) : undefined;
  }

  /**
   * A store over `vectors`, n rows of `dims` values packed row by row, unit
   * length (the embedders' output). The array is kept, not copied: nothing
   * may write to it afterwards. `ids`, when given, names each row; `embed`
   * makes free text comparable with the rows.
   */
  static fromPacked(vectors: Float32Array, dims: number, ids: readonly string[] = [], embed?: EmbedTexts): VectorStore {
    if (!Number.isInteger(dims) || dims < 0) throw new Error(`VectorStore: ${dims} is not a dimension`);
    const n = dims === 0 ? ids.length : vectors.length / dims;
    if (dims > 0 && !Number.isInteger(n)) throw new Error(`VectorStore: ${vectors.length} values are not rows of ${dims}`);
    if (ids.length && ids.length !== n && dims > 0) throw new Error(`VectorStore: ${ids.length} ids for ${n} rows`);
    return new VectorStore(ids, vectors, dims, embed);
  }

  /** Rows, whether or not any have vectors (a word-only index has ids and dims 0). */
  get size(): number {
    return this.dims === 0 ? this.ids.length : this.data.length / this.dims;
  }

  /** Row of `id`, or -1. */
  indexOf(id: string): number {
    return this.positions?.get(id) ?? -1;
  }

  /** Row i's vector. A view: read it, never write it. */
  row(i: number): Float32Array {
    if (i < 0 || i >= this.size) throw new RangeError(`VectorStore: no row ${i}`);
    return this.data.subarray(i * this.dims, (i + 1) * this.dims);
  }

  /**
   * Every row's dot product with `vector` (cosine similarity when both are
   * unit length). A plain loop over a Float32Array: 20k × 384 takes about
   * 10 ms on one core, and nothing in JavaScript (no WASM SIMD library on
   * npm that is kept up) beats it by enough to pay for itself.
   */
  scores(vector: Float32Array, out: Float64Array = new Float64Array(this.size)): Float64Array {
    const dims = this.dims;
    if (vector.length !== dims) throw new Error(`VectorStore: a vector of ${vector.length} dimensions for a store of ${dims}`);
    const data = this.data;
    const n = this.size;
    for (let i = 0, off = 0; i < n; i++, off += dims) {
      let s = 0;
      for (let d = 0; d < dims; d++) s += data[off + d]! * vector[d]!;
      out[i] = s;
    }
    return out;
  }

  /**
   * The `k` rows with the highest dot product with `vector`, best first (ties
   * to the lower row). `skip` leaves rows out: one row (a symbol's own), or
   * every row it returns true for.
   */
  nearest(vector: Float32Array, k: number, skip?: number | ((i: number) => boolean)): Hit[] {
    if (typeof skip !== 'function') return topK(this.scores(vector), k, skip);
    const scores = this.scores(vector);
    for (let i = 0; i < scores.length; i++) if (skip(i)) scores[i] = Number.NaN;
    return topK(scores, k);
  }

  /**
   * Every row's coordinate along `direction` (`to - from` of two vectors,
   * see direction()): its dot product with the direction scaled to unit
   * length, so coordinates of different axes compare.
   */
  project(direction: Float32Array, out?: Float64Array): Float64Array {
    return this.scores(unit(direction), out);
  }

  /** The mean of rows `rows` (zero for none). */
  mean(rows: Iterable<number>): Float32Array {
    const out = new Float32Array(this.dims);
    let n = 0;
    for (const i of rows) {
      const r = this.row(i);
      for (let d = 0; d < this.dims; d++) out[d] += r[d]!;
      n++;
    }
    if (n > 1) for (let d = 0; d < this.dims; d++) out[d] /= n;
    return out;
  }

  /** True when free text can be embedded into this store's space. */
  get canEmbed(): boolean {
    return this.embedTexts !== undefined;
  }

  /** `texts` embedded into this store's space (packed rows, unit length). */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array> {
    if (!this.embedTexts) return Promise.reject(new Error('VectorStore: this store cannot embed text'));
    return this.embedTexts(texts, signal);
  }

  /** Every row, packed (for exports and the layout, which copy it to a worker). Read it, never write it. */
  packed(): Float32Array {
    return this.data;
  }

  /** A store of other rows in the same space, embedding text the same way (the next version of an index). */
  with(vectors: Float32Array, ids: readonly string[]): VectorStore {
    return VectorStore.fromPacked(vectors, this.dims, ids, this.embedTexts);
  }
}

/** The vector scaled to unit length (a copy); zero stays zero. */
export function unit(vector: Float32Array): Float32Array {
  let s = 0;
  for (let d = 0; d < vector.length; d++) s += vector[d]! * vector[d]!;
  const out = new Float32Array(vector.length);
  if (s === 0) return out;
  const inv = 1 / Math.sqrt(s);
  for (let d = 0; d < vector.length; d++) out[d] = vector[d]! * inv;
  return out;
}
