import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { makeFolder } from './folder';

/** Pieces are joined into writes of about this many characters: few system calls, no long stall. */
const WRITE_CHUNK_CHARS = 1 << 20;

/**
 * Writes a file so that readers see the old content or the new, never half of
 * it: the bytes go to a temporary file in the same folder, are flushed, and the
 * temporary file is renamed over the target (rename is atomic on one volume).
 * `data` is the content, or its pieces in order (strings, or byte chunks made
 * one at a time).
 */
export async function writeFileAtomic(
  file: string,
  data: Uint8Array | string | readonly string[] | AsyncIterable<Uint8Array>,
  options: AtomicWriteOptions = {},
): Promise<void> {
  await makeFolder(path.dirname(file));
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await fs.open(temp, 'w');
  const { head } = options;
  try {
    if (head) await writeAll(handle, new Uint8Array(head.length));
    // Pieces are written one after another: joining a large file's text into one string first would stall the caller.
    if (Array.isArray(data)) {
      let chunk: string[] = [];
      let length = 0;
      for (const piece of data as readonly string[]) {
        chunk.push(piece);
        length += piece.length;
        if (length >= WRITE_CHUNK_CHARS) {
          await handle.write(chunk.join(''));
          chunk = [];
          length = 0;
        }
      }
      if (chunk.length > 0) await handle.write(chunk.join(''));
    } else if (typeof data === 'object' && Symbol.asyncIterator in data) {
      // Chunks made as they are written (a large binary file never held whole); each is written before the next is asked for, so a producer may reuse its buffer.
      for await (const chunk of data) await writeAll(handle, chunk);
    } else await handle.writeFile(data as Uint8Array | string);
    if (head) {
      const bytes = head.make();
      if (bytes.length !== head.length) throw new Error(`writeFileAtomic: a head of ${bytes.length} bytes for ${head.length} left free`);
      await writeAll(handle, bytes, 0);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

export interface AtomicWriteOptions {
  /**
   * Bytes that open the file but can only be made once the rest is written
   * (a digest of it, when the rest is made as it is written): `length` bytes
   * are left at the start, and `make()` fills them at the end.
   */
  readonly head?: { readonly length: number; readonly make: () => Uint8Array };
}

/** Writes all of `bytes` at the file's position, or at `position` (which leaves the file's position alone). */
async function writeAll(handle: fs.FileHandle, bytes: Uint8Array, position?: number): Promise<void> {
  for (let at = 0; at < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, at, bytes.length - at, position === undefined ? null : position + at);
    at += bytesWritten;
  }
}

/** Removes temporary files left by writers that were killed mid-write. */
export async function removeStaleTemporaries(folder: string, olderThanMs = 60_000): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!name.endsWith('.tmp')) continue;
    const file = path.join(folder, name);
    try {
      const stat = await fs.stat(file);
      if (now - stat.mtimeMs > olderThanMs) await fs.rm(file, { force: true });
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

/** Which version of a file is on disk: every write renames a new file in, so a write changes these. */
export interface FileIdentity {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

export function identityOf(stat: FileIdentity): FileIdentity {
  return { ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs };
}

/** The identity of `file` now, or undefined when there is none. */
export async function currentIdentity(file: string): Promise<FileIdentity | undefined> {
  const stat = await fs.stat(file).catch(() => undefined);
  return stat && identityOf(stat);
}

export function sameIdentity(a: FileIdentity | undefined, b: FileIdentity | undefined): boolean {
  return a !== undefined && b !== undefined && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/** Reads a whole file with the identity of the version read. */
export async function readWithIdentity(file: string): Promise<{ bytes: Buffer; identity: FileIdentity }> {
  const handle = await fs.open(file, 'r');
  try {
    const identity = identityOf(await handle.stat());
    return { bytes: await handle.readFile(), identity };
  } finally {
    await handle.close();
  }
}
