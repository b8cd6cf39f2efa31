// A deterministic share of a folder's files: file f belongs to shard i of N
// when the hash of its path, modulo N, is i. The same file lands in the same
// shard on every machine and every run, whatever else the folder holds, so
// N CI jobs given the same N split the work without talking to each other.
import { createHash } from 'node:crypto';
import { UserError } from '../types';

export interface Shard {
  /** 0-based. */
  readonly index: number;
  readonly count: number;
}

/** The whole folder as one shard. */
export const WHOLE: Shard = { index: 0, count: 1 };

/** Parses `i/N` (0 ≤ i < N). */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index >= count) {
    throw new UserError(`--shard must be i/N with 0 ≤ i < N (e.g. 0/4), got "${text}"`);
  }
  return { index, count };
}

/** Whether the file at `path` (relative, `/` separators) is in `shard`. */
export function inShard(path: string, shard: Shard): boolean {
  if (shard.count === 1) return true;
  // The first 6 bytes of SHA-256 as a number: uniform, and exact in a double.
  const head = createHash('sha256').update(path).digest().readUIntBE(0, 6);
  return head % shard.count === shard.index;
}
