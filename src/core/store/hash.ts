import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

/** What tells a stored file from an edited one: the SHA-256 of its bytes (truncated to 128 bits, as hex). */
export async function fileHash(root: string, file: string): Promise<string | undefined> {
  try {
    return createHash('sha256').update(await readFile(path.join(root, file))).digest('hex').slice(0, 32);
  } catch {
    return undefined; // gone or unreadable: the caller counts it as changed.
  }
}

/** Hashes of `files`, a few read at a time. */
export async function fileHashes(root: string, files: readonly string[], signal?: AbortSignal): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  let next = 0;
  const work = async (): Promise<void> => {
    for (let i = next++; i < files.length; i = next++) {
      if (signal?.aborted) return;
      out.set(files[i]!, await fileHash(root, files[i]!));
    }
  };
  // Enough reads in flight to keep a disk busy, few enough to hold little memory.
  await Promise.all(Array.from({ length: 16 }, work));
  return out;
}
