import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { forEachSliced } from '../slices';
import { removeStaleTemporaries, writeFileAtomic } from './atomicWrite';

// File layout (little-endian), one file per model:
//   magic "LMVC" | u32 format version | u32 dimensions | u32 count |
//   u32 model-id byte length | model id (UTF-8) | count × (16-byte key, dims × f32) |
//   32-byte SHA-256 of everything before it.
// The trailing digest catches truncation and flipped bytes; the header catches a
// changed format, model or dimension. Anything that fails is discarded whole.
const MAGIC = 0x43564d4c; // "LMVC"
export const CACHE_FORMAT_VERSION = 1;
const KEY_BYTES = 16;
const DIGEST_BYTES = 32;
/** Entries kept beyond those used by the latest run, so switching branches back and forth stays warm. */
const SPARE_ENTRIES = 200_000;

export type CacheLoadResult = 'loaded' | 'missing' | 'discarded';

/** Key of an embedding text: SHA-256 truncated to 128 bits, as hex. */
export function textKey(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, KEY_BYTES * 2);
}

/**
 * Vectors keyed by the hash of the text they embed, for one model. Unchanged
 * symbols are never embedded twice, across runs and branches.
 */
export class VectorCache {
  private readonly entries = new Map<string, Float32Array>();
  private readonly used = new Set<string>();
  private dirty = false;
  /** Why the file on disk was discarded, when it was. */
  discardReason: string | undefined;

  private constructor(
    readonly file: string,
    readonly modelId: string,
    private dims: number | undefined,
  ) {}

  /** The vectors' length: the model's, or when opened without it the file's (0 when there was no file). */
  get dimensions(): number {
    return this.dims ?? 0;
  }

  static fileFor(cacheDir: string, modelId: string): string {
    const safe = modelId.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-60);
    const digest = createHash('sha256').update(modelId).digest('hex').slice(0, 8);
    return path.join(cacheDir, `vectors-${safe}-${digest}.bin`);
  }

  /**
   * Opens the cache of `modelId`; a damaged or mismatched file is discarded,
   * never trusted. Without `dimensions` (the model is not loaded yet) the
   * file's are taken, and nothing can be added to an empty cache.
   */
  static async open(cacheDir: string, modelId: string, dimensions?: number): Promise<VectorCache> {
    const cache = new VectorCache(VectorCache.fileFor(cacheDir, modelId), modelId, dimensions);
    await removeStaleTemporaries(cacheDir);
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(cache.file);
    } catch {
      return cache;
    }
    const problem = await cache.parse(bytes);
    if (problem) {
      cache.entries.clear();
      cache.discardReason = problem;
      cache.dirty = true;
      await fs.rm(cache.file, { force: true });
    }
    return cache;
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): Float32Array | undefined {
    const vector = this.entries.get(key);
    if (vector) this.used.add(key);
    return vector;
  }

  set(key: string, vector: Float32Array): void {
    if (vector.length !== this.dims) throw new Error(`Vector of ${vector.length} dimensions for a ${this.dimensions}-dimension cache`);
    this.entries.set(key, vector);
    this.used.add(key);
    this.dirty = true;
  }

  /** Writes the cache atomically when anything changed. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    const keys = [...this.entries.keys()];
    let kept = keys;
    if (keys.length > this.used.size + SPARE_ENTRIES) {
      const spare = keys.filter((k) => !this.used.has(k)).slice(-SPARE_ENTRIES);
      kept = [...this.used, ...spare];
    }
    // Cleared first: a vector added while this write is under way marks the cache dirty again.
    this.dirty = false;
    try {
      await writeFileAtomic(this.file, await this.serialise(kept));
    } catch (error) {
      this.dirty = true;
      throw error;
    }
  }

  private async serialise(keys: readonly string[]): Promise<Uint8Array> {
    const id = Buffer.from(this.modelId, 'utf8');
    const entryBytes = KEY_BYTES + 4 * this.dimensions;
    const headerBytes = 20 + id.length;
    const buffer = Buffer.alloc(headerBytes + keys.length * entryBytes + DIGEST_BYTES);
    buffer.writeUInt32LE(MAGIC, 0);
    buffer.writeUInt32LE(CACHE_FORMAT_VERSION, 4);
    buffer.writeUInt32LE(this.dimensions, 8);
    buffer.writeUInt32LE(keys.length, 12);
    buffer.writeUInt32LE(id.length, 16);
    id.copy(buffer, 20);
    let offset = headerBytes;
    await forEachSliced(keys.length, (i) => {
      const key = keys[i]!;
      buffer.write(key, offset, KEY_BYTES, 'hex');
      const vector = this.entries.get(key)!;
      Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).copy(buffer, offset + KEY_BYTES);
      offset += entryBytes;
    });
    createHash('sha256').update(buffer.subarray(0, offset)).digest().copy(buffer, offset);
    return buffer;
  }

  /** Fills the entries from `bytes`; returns why the file cannot be trusted, or undefined. */
  private async parse(bytes: Buffer): Promise<string | undefined> {
    if (bytes.length < 20 + DIGEST_BYTES) return 'the cache file is truncated';
    if (bytes.readUInt32LE(0) !== MAGIC) return 'the cache file is not a Latent Map vector cache';
    const version = bytes.readUInt32LE(4);
    if (version !== CACHE_FORMAT_VERSION) return `the cache format is version ${version}, expected ${CACHE_FORMAT_VERSION}`;
    const dimensions = bytes.readUInt32LE(8);
    if (this.dims === undefined && dimensions > 0) this.dims = dimensions;
    if (dimensions !== this.dims) return `the cache holds ${dimensions}-dimension vectors, the model makes ${this.dimensions}`;
    const count = bytes.readUInt32LE(12);
    const idLength = bytes.readUInt32LE(16);
    const entryBytes = KEY_BYTES + 4 * dimensions;
    const body = 20 + idLength + count * entryBytes;
    if (bytes.length !== body + DIGEST_BYTES) return 'the cache file is truncated or has extra bytes';
    const digest = createHash('sha256').update(bytes.subarray(0, body)).digest();
    if (!digest.equals(bytes.subarray(body))) return 'the cache file is damaged (checksum mismatch)';
    const id = bytes.toString('utf8', 20, 20 + idLength);
    if (id !== this.modelId) return `the cache belongs to model "${id}"`;
    // One aligned copy of all vectors; each entry is a view into it.
    const all = new Float32Array(count * dimensions);
    const start = 20 + idLength;
    const valid = await forEachSliced(count, (i) => {
      const offset = start + i * entryBytes;
      const view = all.subarray(i * dimensions, (i + 1) * dimensions);
      new Uint8Array(view.buffer, view.byteOffset, view.byteLength).set(bytes.subarray(offset + KEY_BYTES, offset + entryBytes));
      for (let d = 0; d < dimensions; d++) if (!Number.isFinite(view[d]!)) return false;
      this.entries.set(bytes.toString('hex', offset, offset + KEY_BYTES), view);
    });
    return valid ? undefined : 'the cache holds invalid numbers';
  }
}
