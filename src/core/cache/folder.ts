import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CancelledError } from '../types';

/**
 * Creates `dir` and any missing parents, one level at a time.
 *
 * Not `mkdir(dir, { recursive: true })`: Node's recursive mkdir spins forever
 * on a path such as `/proc/x` (mkdir there fails with ENOENT although the
 * parent exists, and it retries the parent in a loop), and on a read-only file
 * system it reports ENOENT instead of the real cause. Here every level is
 * tried once, so the walk ends, and the error names the level that failed.
 */
export async function makeFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = path.resolve(dir);
  // Up to the nearest level that exists; the walk ends at the root at the latest.
  for (;;) {
    const stat = await fs.stat(at).catch((error: NodeJS.ErrnoException) => error);
    if (!(stat instanceof Error)) {
      if (stat.isDirectory()) break;
      throw folderError('ENOTDIR', at, `${at} is a file, not a folder`);
    }
    // ENOTDIR: a level above is a file; the walk finds which.
    if (stat.code !== 'ENOENT' && stat.code !== 'ENOTDIR') throw stat;
    const parent = path.dirname(at);
    if (parent === at) throw stat;
    missing.push(at);
    at = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      await fs.mkdir(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && (await fs.stat(folder).catch(() => undefined))?.isDirectory()) continue; // Another process made it meanwhile.
      // The parent exists (made or found just now), so ENOENT means this file system takes no new folders (/proc, /sys).
      if (code === 'ENOENT') throw folderError('ENOENT', folder, `no folder can be created in ${path.dirname(folder)}`);
      throw error;
    }
  }
}

function folderError(code: string, file: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code, path: file });
}

/** The cause of a failed file-system call in words a user can act on. */
export function describeFsError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code, path: file } = error as NodeJS.ErrnoException;
  switch (code) {
    case 'EROFS':
      return 'the file system is read-only';
    case 'EACCES':
    case 'EPERM':
      return `permission denied${file ? ` (${file})` : ''}`;
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'ELOCKED':
      return `another Latent Map process held the cache lock for over ${Math.round(LOCK_WAIT_MS / 1000)} s`;
    case 'ENOTDIR':
    case 'ENOENT':
      // makeFolder's own errors already say which level is a file or refuses folders.
      return error.message.replace(/^E[A-Z]+: /, '');
    default:
      return error.message.split('\n')[0]!;
  }
}

/** How long a writer waits for the lock before giving up this write (see lock.ts). */
export const LOCK_WAIT_MS = 30_000;

/**
 * The cache folder of one index, with what went wrong writing it. Caching is
 * a convenience: a folder that cannot be created or written (read-only, no
 * permission, full disk, a path under a file) turns caching off for this
 * index instead of stopping it, and the user is told once, naming the folder
 * and the cause. Reads need no such guard: a missing or unreadable cache is
 * simply empty.
 */
export class CacheFolder {
  private problemText: string | undefined;

  constructor(
    readonly dir: string,
    private readonly onProblem?: (message: string) => void,
  ) {}

  /** Why caching is off, or undefined while it works. */
  get problem(): string | undefined {
    return this.problemText;
  }

  /** Runs a write unless caching is off; a file-system failure turns it off. Other errors (bugs, cancellation) pass. */
  async write(run: () => Promise<void>): Promise<void> {
    if (this.problemText) return;
    try {
      await run();
    } catch (error) {
      if (error instanceof CancelledError || typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
      if (this.problemText) return;
      this.problemText =
        `Cannot write the cache folder ${this.dir}: ${describeFsError(error)}. ` +
        'The map is built without caching, so unchanged code is embedded again next time.';
      this.onProblem?.(this.problemText);
    }
  }
}
