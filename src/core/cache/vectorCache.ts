import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { currentIdentity, identityOf, removeStaleTemporaries, sameIdentity, writeFileAtomic, type FileIdentity } from './atomicWrite';
import { withFileLock } from './lock';

// File layout (little-endian), one file per model:
//   magic "LMVC" | u32 format version | u32 dimensions | u32 count |
//   u32 model-id byte length | model id (UTF-8) | count × (16-byte key, dims × f32) |
//   32-byte SHA-256 of everything before it.
// The trailing digest catches truncation and flipped bytes; the header catches a
// changed format, model or dimension. Anything that fails is discarded whole.
//
// Several processes share one file (two VS Code windows, the CLI beside the
// editor). A save therefore takes the file's lock, reads what is on disk if
// another writer replaced it since this one last read or wrote it, adds the
// entries it lacks, and writes the union: nobody's vectors are dropped. This
// was chosen over one file per writer merged on read (reads would grow with
// the writers, and a reopen must stay fast) and over append-only segments
// (they need the same lock to compact, plus a second format). Reads take no
// lock: the file is only ever replaced whole by a rename.
const MAGIC = 0x43564d4c; // "LMVC"
export const CACHE_FORMAT_VERSION = 1;
const KEY_BYTES = 16;
const DIGEST_BYTES = 32;
/** Bytes written at a time by a save: few system calls, and a few milliseconds of copying between turns of the event loop. */
const WRITE_CHUNK_BYTES = 1 << 20;
/**
 * Entries kept beyond those used by the latest run, so switching branches
 * back and forth stays warm. Entries merged in from other writers count as
 * spare, and the most recently added spares are the ones kept, so they go
 * only when more than this many are unused by this writer.
 */
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
  /** The version of the file whose entries this cache holds all of (read or written last), to skip re-reading it on save. */
  private onDisk: FileIdentity | undefined;
  /** Saves of this cache run one after another: each takes the lock and merges. */
  private saving: Promise<void> = Promise.resolve();
  /** Why the file on disk was discarded, when it was. */
  discardReason: string | undefined;
  /** The one block the file's vectors were read into at open (decode), while entries still view it. */
  private block: ArrayBufferLike | undefined;

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
   * never trusted (the next save replaces it). Without `dimensions` (the model
   * is not loaded yet) the file's are taken, and nothing can be added to an
   * empty cache. A missing or unreadable file is an empty cache.
   */
  static async open(cacheDir: string, modelId: string, dimensions?: number): Promise<VectorCache> {
    const cache = new VectorCache(VectorCache.fileFor(cacheDir, modelId), modelId, dimensions);
    await removeStaleTemporaries(cacheDir);
    const read = await readCacheFile(cache.file, modelId, dimensions, (key, vector) => {
      cache.entries.set(key, vector);
      cache.block ??= vector.buffer;
    });
    if (!read) {
      // Unreadable part-way: nothing of it is kept.
      cache.entries.clear();
      cache.block = undefined;
      return cache;
    }
    const decoded = read.decoded;
    if (typeof decoded === 'string') {
      cache.entries.clear();
      cache.block = undefined;
      cache.discardReason = decoded;
      cache.dirty = true;
      // Removed so that it is reported once, but only the version found
      // damaged: another writer may have renamed a good file in since. Where
      // it cannot be removed (read-only folder) it is discarded again next time.
      await withFileLock(cache.file, async () => {
        if (sameIdentity(await currentIdentity(cache.file), read.identity)) await fs.rm(cache.file, { force: true });
      }).catch(() => undefined);
      return cache;
    }
    cache.dims = decoded;
    cache.onDisk = read.identity;
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

  /**
   * Points `key`'s entry at `vector`, a copy of the same values held
   * elsewhere (a row of a vector store), so the values are held once. The
   * caller must never write to `vector`. Not a change: nothing to save.
   */
  share(key: string, vector: Float32Array): void {
    if (vector.length === this.dims && this.entries.has(key)) this.entries.set(key, vector);
  }

  /**
   * Once the vectors in use are shared with a store (share()), the block
   * read at open holds only second copies of them, and is kept alive by the
   * entries nobody uses now (other branches' vectors): those are copied out
   * of it, so that it can be freed. Costs a copy of the unused entries, once.
   */
  releaseBlock(): void {
    const block = this.block;
    if (!block) return;
    this.block = undefined;
    for (const [key, vector] of this.entries) if (vector.buffer === block) this.entries.set(key, vector.slice());
  }

  /**
   * Writes the cache atomically when anything changed, merged with what other
   * writers saved meanwhile. Fails with the file system's error when the
   * folder cannot be written (the caller decides what that means).
   */
  save(): Promise<void> {
    const run = this.saving.then(() => this.saveNow());
    this.saving = run.catch(() => undefined);
    return run;
  }

  private async saveNow(): Promise<void> {
    // Without a dimension (opened before the model, and no file) it holds nothing to write.
    if (!this.dirty || this.dims === undefined) return;
    // Cleared first: a vector added while this write is under way marks the cache dirty again.
    this.dirty = false;
    try {
      await withFileLock(this.file, async () => {
        await this.mergeFromDisk();
        await writeFileAtomic(this.file, this.serialise(this.keysToKeep()));
        // Under the lock nobody else has replaced it since the rename.
        this.onDisk = await currentIdentity(this.file);
      });
    } catch (error) {
      this.dirty = true;
      throw error;
    }
  }

  /** Adds the entries of the file on disk this cache lacks, unless it is the version this cache read or wrote last. */
  private async mergeFromDisk(): Promise<void> {
    // Entries of a file that turns out damaged part-way are dropped with it: this write replaces it.
    const merged = new Map<string, Float32Array>();
    const read = await readCacheFile(this.file, this.modelId, this.dims, (key, vector) => void merged.set(key, vector), {
      wanted: (key) => !this.entries.has(key),
      unless: (identity) => sameIdentity(identity, this.onDisk),
    });
    // None yet (or unreadable, and about to be replaced), the version this cache holds, or damaged.
    if (!read || typeof read.decoded === 'string') return;
    for (const [key, vector] of merged) this.entries.set(key, vector);
  }

  private keysToKeep(): string[] {
    const keys = [...this.entries.keys()];
    if (keys.length <= this.used.size + SPARE_ENTRIES) return keys;
    const spare = keys.filter((k) => !this.used.has(k)).slice(-SPARE_ENTRIES);
    return [...this.used, ...spare];
  }

  /**
   * The file's bytes for `keys`, a chunk at a time: at 100k vectors of 384
   * dimensions the whole file is 155 MB, which would otherwise be held at
   * once beside the vectors it copies. Each chunk's buffer is reused for the
   * next, so it must be written before the next is asked for.
   */
  private async *serialise(keys: readonly string[]): AsyncGenerator<Uint8Array> {
    const id = Buffer.from(this.modelId, 'utf8');
    const entryBytes = KEY_BYTES + 4 * this.dimensions;
    const hash = createHash('sha256');
    const header = Buffer.alloc(20 + id.length);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(CACHE_FORMAT_VERSION, 4);
    header.writeUInt32LE(this.dimensions, 8);
    header.writeUInt32LE(keys.length, 12);
    header.writeUInt32LE(id.length, 16);
    id.copy(header, 20);
    hash.update(header);
    yield header;
    const perChunk = Math.max(1, Math.floor(WRITE_CHUNK_BYTES / entryBytes));
    const chunk = Buffer.alloc(Math.min(keys.length, perChunk) * entryBytes);
    for (let start = 0; start < keys.length; start += perChunk) {
      const end = Math.min(keys.length, start + perChunk);
      for (let i = start, offset = 0; i < end; i++, offset += entryBytes) {
        const key = keys[i]!;
        chunk.write(key, offset, KEY_BYTES, 'hex');
        const vector = this.entries.get(key)!;
        chunk.set(new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength), offset + KEY_BYTES);
      }
      const bytes = chunk.subarray(0, (end - start) * entryBytes);
      hash.update(bytes);
      yield bytes;
    }
    yield hash.digest();
  }
}

/** Bytes read at a time when opening: the file is never held whole (155 MB at 100k vectors of 384 dimensions) beside the vectors decoded from it. */
const READ_CHUNK_BYTES = 1 << 20;

/**
 * Reads the cache file `file` a chunk at a time, checking it and passing its
 * vectors to `add` (those whose key `wanted` accepts, or all). Gives the
 * version read and its vectors' dimension or why the file cannot be trusted
 * (the vectors already passed to `add` must then be dropped); undefined when
 * there is no readable file, or when `unless` turns down the version found
 * before anything is read. `dimensions` undefined takes the file's.
 */
async function readCacheFile(
  file: string,
  modelId: string,
  dimensions: number | undefined,
  add: (key: string, vector: Float32Array) => void,
  options: { wanted?: (key: string) => boolean; unless?: (identity: FileIdentity) => boolean } = {},
): Promise<{ identity: FileIdentity; decoded: number | string } | undefined> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const identity = identityOf(await handle.stat());
    if (options.unless?.(identity)) return undefined;
    return { identity, decoded: await decode(handle, identity.size, modelId, dimensions, add, options.wanted) };
  } catch {
    return undefined; // Unreadable part-way: as good as missing, and replaced by the next save.
  } finally {
    await handle.close();
  }
}

/** Reads exactly `length` bytes at `position` into the start of `into`; false when the file ends first. */
async function readFully(handle: fs.FileHandle, into: Buffer, length: number, position: number): Promise<boolean> {
  for (let at = 0; at < length; ) {
    const { bytesRead } = await handle.read(into, at, length - at, position + at);
    if (bytesRead === 0) return false;
    at += bytesRead;
  }
  return true;
}

/**
 * Checks an open cache file of `size` bytes and passes its vectors to `add`
 * (see readCacheFile); returns the vectors' dimension, or why the file cannot
 * be trusted. The checks come in the order of a whole-file check: size, then
 * checksum, then model and numbers, so a damaged file says it is damaged.
 */
async function decode(
  handle: fs.FileHandle,
  size: number,
  modelId: string,
  dimensions: number | undefined,
  add: (key: string, vector: Float32Array) => void,
  wanted?: (key: string) => boolean,
): Promise<number | string> {
  if (size < 20 + DIGEST_BYTES) return 'the cache file is truncated';
  const head = Buffer.alloc(20);
  if (!(await readFully(handle, head, 20, 0))) return 'the cache file is truncated';
  if (head.readUInt32LE(0) !== MAGIC) return 'the cache file is not a Latent Map vector cache';
  const version = head.readUInt32LE(4);
  if (version !== CACHE_FORMAT_VERSION) return `the cache format is version ${version}, expected ${CACHE_FORMAT_VERSION}`;
  const dims = head.readUInt32LE(8);
  const expected = dimensions ?? (dims > 0 ? dims : undefined);
  if (dims !== expected) return `the cache holds ${dims}-dimension vectors, the model makes ${expected ?? 0}`;
  const count = head.readUInt32LE(12);
  const idLength = head.readUInt32LE(16);
  const entryBytes = KEY_BYTES + 4 * dims;
  const start = 20 + idLength;
  const body = start + count * entryBytes;
  if (size !== body + DIGEST_BYTES) return 'the cache file is truncated or has extra bytes';
  const hash = createHash('sha256').update(head);
  const idBytes = Buffer.alloc(idLength);
  if (!(await readFully(handle, idBytes, idLength, 20))) return 'the cache file is truncated';
  hash.update(idBytes);
  // Opening reads every vector: one aligned copy of them all, each entry a
  // view into it. A merge reads only the few it lacks, each copied on its own
  // so that the rest of the file is not kept alive by them.
  const all = wanted ? undefined : new Float32Array(count * dims);
  const perChunk = Math.max(1, Math.floor(READ_CHUNK_BYTES / entryBytes));
  const chunk = Buffer.alloc(Math.min(count, perChunk) * entryBytes);
  let finite = true;
  for (let first = 0; first < count; first += perChunk) {
    const n = Math.min(perChunk, count - first);
    if (!(await readFully(handle, chunk, n * entryBytes, start + first * entryBytes))) return 'the cache file is truncated';
    const bytes = chunk.subarray(0, n * entryBytes);
    hash.update(bytes);
    for (let j = 0; j < n; j++) {
      const offset = j * entryBytes;
      const key = bytes.toString('hex', offset, offset + KEY_BYTES);
      if (wanted && !wanted(key)) continue;
      const i = first + j;
      const view = all ? all.subarray(i * dims, (i + 1) * dims) : new Float32Array(dims);
      new Uint8Array(view.buffer, view.byteOffset, view.byteLength).set(bytes.subarray(offset + KEY_BYTES, offset + entryBytes));
      for (let d = 0; d < dims; d++) if (!Number.isFinite(view[d]!)) finite = false;
      add(key, view);
    }
  }
  const digest = Buffer.alloc(DIGEST_BYTES);
  if (!(await readFully(handle, digest, DIGEST_BYTES, body))) return 'the cache file is truncated';
  if (!hash.digest().equals(digest)) return 'the cache file is damaged (checksum mismatch)';
  const id = idBytes.toString('utf8');
  if (id !== modelId) return `the cache belongs to model "${id}"`;
  return finite ? dims : 'the cache holds invalid numbers';
}
