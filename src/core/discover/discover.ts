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
  const userExclude = options.exclude?.length ? ignore().add([...options.exclude]) : undefined;
  const userInclude = options.include?.length ? ignore().add([...options.include]) : undefined;
  const files: DiscoveredFile[] = [];
  const skipped: Partial<Record<SkipReason, number>> = {};
  const skip = (reason: SkipReason): void => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  let capped = false;

  const rootStat = await fs.stat(options.root);
  if (!rootStat.isDirectory()) throw new Error(`${options.root} is not a folder`);

  const walk = async (relDir: string, scopes: readonly IgnoreScope[]): Promise<void> => {
    throwIfAborted(options.signal);
    const absDir = path.join(options.root, relDir);
    let entries;
    try {
      entries = await fs.readdir(absDir, { withFileTypes: true });
    } catch {
      skip('unreadable');
      return;
    }
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
        else await walk(rel, scopes);
        continue;
      }
      if (userExclude?.ignores(rel) || (userInclude && !userInclude.ignores(rel))) {
        skip('excluded');
        continue;
      }
      if (!options.isSource(rel)) {
        skip('unsupported');
        continue;
      }
      if (GENERATED_FILE_PATTERNS.some((re) => re.test(entry.name))) {
        skip(/\.min\.|bundle/i.test(entry.name) ? 'minified' : 'generated');
        continue;
      }
      if (files.length >= maxFiles) {
        capped = true;
        skip('fileCap');
        continue;
      }
      let stat;
      try {
        stat = await fs.stat(path.join(options.root, rel));
      } catch {
        skip('unreadable');
        continue;
      }
      if (stat.size > maxFileSize) {
        skip('tooLarge');
        continue;
      }
      files.push({ path: rel, size: stat.size, mtimeMs: stat.mtimeMs });
    }
  };

  await walk('', []);
  return { files, skipped, capped };
}

function isIgnored(scopes: readonly IgnoreScope[], rel: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    const local = scope.base ? rel.slice(scope.base.length + 1) : rel;
    if (scope.rules.ignores(isDir ? `${local}/` : local)) return true;
  }
  return false;
}
