// The folders one index maps. With one folder, a symbol's file is its path
// relative to that folder, exactly as before multi-root. With several, each
// folder has a name, and a file is named by its workspace path: the folder's
// name, '/', then the path relative to that folder (`api/src/server.ts`), as
// VS Code shows paths in a multi-root workspace. Symbol ids build on the file,
// so they stay unique across folders, and colour by folder sees each folder's
// name as its top level.
import * as path from 'node:path';
import { UserError } from './types';

/** A folder to map, as the caller names it. */
export interface IndexRoot {
  /** Absolute folder. */
  readonly path: string;
  /** Shown before its files when the map has several folders; the folder's base name by default. */
  readonly name?: string;
  /** Globs of this folder alone (VS Code's settings are per folder); the index's own when absent. */
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

/** A folder of an index. */
export interface IndexedRoot {
  readonly path: string;
  /** Unique within the index; '/' and '\' replaced, since it starts paths. */
  readonly name: string;
  /** What starts its files' workspace paths: '' with one folder, else `name/`. */
  readonly prefix: string;
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

/** Names the folders and checks they can share one map: no folder twice, none inside another. */
export function indexedRoots(roots: readonly IndexRoot[]): IndexedRoot[] {
  if (roots.length === 0) throw new UserError('no folder to index');
  const resolved = roots.map((r) => ({ ...r, path: path.resolve(r.path) }));
  for (let i = 0; i < resolved.length; i++) {
    for (let j = 0; j < resolved.length; j++) {
      if (i === j) continue;
      const a = resolved[i]!.path;
      const b = resolved[j]!.path;
      if (a === b && i < j) throw new UserError(`the folder ${a} is given twice`);
      // A folder inside another would map its files twice, under two names.
      if (a !== b && isInside(b, a)) throw new UserError(`the folder ${a} is inside ${b}; give one of them`);
    }
  }
  const single = resolved.length === 1;
  const taken = new Set<string>();
  return resolved.map((r) => {
    const base = (r.name?.trim() || path.basename(r.path) || 'folder').replace(/[/\\]/g, '-');
    // Two folders of one name (`a/src`, `b/src`) get `src` and `src-2`.
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    return { path: r.path, name, prefix: single ? '' : `${name}/`, include: r.include, exclude: r.exclude };
  });
}

/** The folder of a workspace path and the path relative to it; undefined when no folder's prefix starts it. */
export function splitWorkspacePath(roots: readonly IndexedRoot[], file: string): { root: IndexedRoot; relative: string } | undefined {
  for (const root of roots) {
    if (file.startsWith(root.prefix)) return { root, relative: file.slice(root.prefix.length) };
  }
  return undefined;
}

/** The absolute path of a workspace path, only if it lies inside its folder (no `..` out of it). */
export function absoluteOf(roots: readonly IndexedRoot[], file: string): string | undefined {
  const split = splitWorkspacePath(roots, file);
  if (!split || split.relative === '') return undefined;
  const absolute = path.resolve(split.root.path, ...split.relative.split('/'));
  return isInside(split.root.path, absolute) ? absolute : undefined;
}

/** The workspace path ('/' separators) of an absolute path inside one of the folders, else undefined. */
export function workspacePathOf(roots: readonly IndexedRoot[], absolute: string): string | undefined {
  for (const root of roots) {
    if (!isInside(root.path, absolute)) continue;
    return root.prefix + path.relative(root.path, absolute).split(path.sep).join('/');
  }
  return undefined;
}

/** Strictly inside `folder`. */
function isInside(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
