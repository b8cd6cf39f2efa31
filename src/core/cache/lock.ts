import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { LOCK_WAIT_MS, makeFolder } from './folder';

// Writers of one cache file take turns under a lock so that each can merge
// what is on disk into what it writes (see vectorCache.ts). The lock is
// proper-lockfile's: a `<file>.lock` folder made with mkdir (atomic on local
// and network file systems) whose mtime its holder refreshes while it lives.
// A holder killed mid-write stops refreshing it, and after LOCK_STALE_MS the
// next writer takes the lock over, so a crash never blocks the cache for
// good. Readers take no lock: every write is a rename of a complete,
// checksummed file, so a reader sees the old file or the new one.

/**
 * A lock this old is a dead holder's. A write holds the lock for a read, a
 * merge and a write of the file (seconds at most, at 100k symbols with a
 * 384-dimension model), and the holder refreshes it every half of this, so
 * only a holder whose event loop stalls this long could lose it; losing it
 * costs a merge, never a damaged file.
 */
const LOCK_STALE_MS = 10_000;
/** First and longest pause between tries while another writer holds the lock: short waits for short writes, few tries for long ones. */
const RETRY_MIN_MS = 20;
const RETRY_MAX_MS = 500;

/**
 * Runs `fn` holding the lock of `file` (which need not exist), making its
 * folder first. Fails with code ELOCKED when another writer holds it for
 * longer than LOCK_WAIT_MS, and at once with the file system's error when the
 * lock cannot be made (read-only, no permission, …).
 */
export async function withFileLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  await makeFolder(path.dirname(file));
  // Loaded on the first write: a reopen that writes nothing never needs it.
  const { lock } = await import('proper-lockfile');
  const deadline = Date.now() + LOCK_WAIT_MS;
  let pause = RETRY_MIN_MS;
  let release: () => Promise<void>;
  for (;;) {
    try {
      release = await lock(file, {
        stale: LOCK_STALE_MS,
        // The file is locked before it exists, by its own path.
        realpath: false,
        // Tried here instead: its own retries retry every error, so a read-only folder would take LOCK_WAIT_MS to report.
        retries: 0,
        // Losing the lock mid-write (a stall past LOCK_STALE_MS) lets another
        // writer in at the same time: the later rename wins and one merge is
        // lost, but each file stays whole. Not worth stopping for; the default
        // throws from a timer and would end the process.
        onCompromised: () => undefined,
      });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() + pause > deadline) throw error;
      await delay(pause * (0.5 + Math.random()));
      pause = Math.min(pause * 2, RETRY_MAX_MS);
    }
  }
  try {
    return await fn();
  } finally {
    // Already released when compromised; nothing more to do then.
    await release().catch(() => undefined);
  }
}
