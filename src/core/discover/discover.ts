import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { throwIfAborted, type SkipReason } from '../types';
import { DEFAULT_MAX_FILES, DEFAULT_MAX_FILE_SIZE, EXCLUDED_FOLDERS, GENERATED_FILE_PATTERNS } from './defaults';

export interface DiscoverOptions {
  /** Absolute folder to walk. */
  readonly root: string;
  /** Which files are source the extractor can read (by path). */
  readonly isSource: (relativePath: string) => boolean;
  /** When given, only files matching one of these gitignore-style globs are read. */
  readonly include?: readonly string[];
  /** Gitignore-style globs left out, on top of .gitignore and the defaults. */
  readonly exclude?: readonly string[];
  readonly maxFiles?: number;
  readonly maxFileSize?: number;
  readonly signal?: AbortSignal;
}

export interface DiscoveredFile {
  /** Relative to the root, `/` separators. */
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface DiscoverResult {
  /** In a stable order (sorted walk), so the same folder gives the same index. */
  readonly files: DiscoveredFile[];
  /** Files (and pruned folders, one each) left out, by reason. */
  readonly skipped: Partial<Record<SkipReason, number>>;
  /** True when the file cap was hit and later files were left out. */
  readonly capped: boolean;
}

interface IgnoreScope {
  /** Relative folder the rules belong to ('' for the root). */
  readonly base: string;
  readonly rules: Ignore;
}

/** Walks `root` and returns the source files worth reading, and every skip counted by reason. */
export async function discover(options: DiscoverOptions): Promise<DiscoverResult> {
  const maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const matchers = userMatchers(options);
  const { userExclude } = matchers;
  const files: DiscoveredFile[] = [];
  const skipped: Partial<Record<SkipReason, number>> = {};
  const skip = (reason: SkipReason): void => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  let capped = false;

  const rootStat = await fs.stat(options.root);
  if (!rootStat.isDirectory()) throw new Error(`${options.root} is not a folder`);

  // Returns the folder's candidate files in walk order (sorted names, depth
  // first). Sub-folders are read concurrently, and their lists spliced in
  // place, so the order (and with it which files a cap keeps) stays the same.
  const walk = async (relDir: string, scopes: readonly IgnoreScope[]): Promise<string[]> => {
    throwIfAborted(options.signal);
    const absDir = path.join(options.root, relDir);
    let entries;
    try {
      entries = await fs.readdir(absDir, { withFileTypes: true });
    } catch {
      skip('unreadable');
      return [];
    }
    const parts: (string | Promise<string[]>)[] = [];
    const gitignore = entries.find((e) => e.name === '.gitignore' && e.isFile());
    if (gitignore) {
      try {
        const text = await fs.readFile(path.join(absDir, '.gitignore'), 'utf8');
        scopes = [...scopes, { base: relDir, rules: ignore().add(text) }];
      } catch {
        skip('unreadable');
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) {
        // Links are not followed: they can loop, or lead outside the folder.
        skip('symlink');
        continue;
      }
      const isDir = entry.isDirectory();
      if (!isDir && !entry.isFile()) continue;
      if (isIgnored(scopes, rel, isDir)) {
        skip('ignored');
        continue;
      }
      if (isDir) {
        if (EXCLUDED_FOLDERS.has(entry.name) || userExclude?.ignores(`${rel}/`)) skip('excluded');
        else parts.push(walk(rel, scopes));
        continue;
      }
      const reason = fileSkipReason(rel, entry.name, options, matchers);
      if (reason) {
        skip(reason);
        continue;
      }
      parts.push(rel);
    }
    const out: string[] = [];
    for (const part of await Promise.all(parts)) {
      if (typeof part === 'string') out.push(part);
      else for (const rel of part) out.push(rel);
    }
    return out;
  };
  const candidates = await walk('', []);

  // Sizes and times, many requests at once: one stat at a time costs a round
  // trip to libuv's thread pool per file (4 s for 15k files on this machine).
  // Files are taken in walk order, so the cap keeps the same ones either way.
  for (let start = 0; start < candidates.length; start += STAT_BATCH) {
    const batch = candidates.slice(start, start + STAT_BATCH);
    if (files.length >= maxFiles) {
      capped = true;
      for (let i = 0; i < batch.length; i++) skip('fileCap');
      continue;
    }
    throwIfAborted(options.signal);
    const stats = await Promise.all(batch.map((rel) => fs.stat(path.join(options.root, rel)).catch(() => undefined)));
    batch.forEach((rel, i) => {
      const stat = stats[i];
      if (!stat) skip('unreadable');
      else if (stat.size > maxFileSize) skip('tooLarge');
      else if (files.length >= maxFiles) {
        capped = true;
        skip('fileCap');
      } else files.push({ path: rel, size: stat.size, mtimeMs: stat.mtimeMs });
    });
  }
  return { files, skipped, capped };
}

/** Files stat'ed at once: enough to keep libuv's 4 threads busy, few enough to hold little memory. */
const STAT_BATCH = 256;

interface UserMatchers {
  readonly userExclude: Ignore | undefined;
  readonly userInclude: Ignore | undefined;
}

function userMatchers(options: Pick<DiscoverOptions, 'include' | 'exclude'>): UserMatchers {
  return {
    userExclude: options.exclude?.length ? ignore().add([...options.exclude]) : undefined,
    userInclude: options.include?.length ? ignore().add([...options.include]) : undefined,
  };
}

/** Why a file (not a folder) that no .gitignore leaves out is still not read, or undefined. */
function fileSkipReason(rel: string, name: string, options: Pick<DiscoverOptions, 'isSource'>, matchers: UserMatchers): SkipReason | undefined {
  if (matchers.userExclude?.ignores(rel) || (matchers.userInclude && !matchers.userInclude.ignores(rel))) return 'excluded';
  if (!options.isSource(rel)) return 'unsupported';
  if (GENERATED_FILE_PATTERNS.some((re) => re.test(name))) return /\.min\.|bundle/i.test(name) ? 'minified' : 'generated';
  return undefined;
}

/**
 * Whether a full walk would read one file, for updates after a file changes:
 * the same .gitignore files, default and user excludes, source test and size
 * cap, without walking the tree. Returns why not, or undefined to read it.
 */
export async function admitFile(
  options: Omit<DiscoverOptions, 'signal' | 'maxFiles'>,
  rel: string,
): Promise<SkipReason | undefined> {
  const matchers = userMatchers(options);
  const parts = rel.split('/');
  const scopes: IgnoreScope[] = [];
  for (let depth = 0; depth < parts.length; depth++) {
    const dir = parts.slice(0, depth).join('/');
    const name = parts[depth]!;
    try {
      const text = await fs.readFile(path.join(options.root, dir, '.gitignore'), 'utf8');
      scopes.push({ base: dir, rules: ignore().add(text) });
    } catch {
      // No .gitignore in this folder.
    }
    const here = dir ? `${dir}/${name}` : name;
    const isDir = depth < parts.length - 1;
    if (isIgnored(scopes, here, isDir)) return 'ignored';
    if (isDir && (EXCLUDED_FOLDERS.has(name) || matchers.userExclude?.ignores(`${here}/`))) return 'excluded';
  }
  const reason = fileSkipReason(rel, parts[parts.length - 1]!, options, matchers);
  if (reason) return reason;
  const stat = await fs.lstat(path.join(options.root, rel)).catch(() => undefined);
  if (!stat) return 'unreadable';
  if (stat.isSymbolicLink()) return 'symlink';
  if (stat.size > (options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE)) return 'tooLarge';
  return undefined;
}

function isIgnored(scopes: readonly IgnoreScope[], rel: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    const local = scope.base ? rel.slice(scope.base.length + 1) : rel;
    if (scope.rules.ignores(isDir ? `${local}/` : local)) return true;
  }
  return false;
}
