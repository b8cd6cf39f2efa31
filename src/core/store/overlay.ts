// A working tree over a team store's map: files whose content differs from
// what the store indexed (or that it does not have) are indexed locally and
// replace their stored rows; files the store has and the tree does not are
// dropped. Everything else is answered from the store as it is.
import { discover } from '../discover';
import { discoverOptions, type IndexOptions, type LatentIndex } from '../indexer';
import { fileHashes } from './hash';
import type { StoredMap } from './read';

export interface Overlay {
  /** Files indexed locally over the store (changed or new), relative paths. */
  readonly changed: readonly string[];
  /** Files of the store missing from the working tree. */
  readonly removed: readonly string[];
}

/** Finds the working tree's changes against `stored` and applies them to `index` (made by LatentIndex.fromStore). */
export async function overlayLocalChanges(index: LatentIndex, stored: StoredMap, options: IndexOptions): Promise<Overlay> {
  const { signal } = options;
  const found = await discover({ ...discoverOptions(options, index.roots[0]!), maxFiles: options.maxFiles, signal });
  const local = found.files.map((f) => f.path);
  const hashes = await fileHashes(index.root, local, signal);
  const changed = local.filter((file) => {
    const hash = hashes.get(file);
    return hash === undefined || stored.hashes.get(file) !== hash;
  });
  const present = new Set(local);
  const removed = [...stored.hashes.keys()].filter((file) => !present.has(file));
  if (changed.length > 0 || removed.length > 0) await index.updateFiles(changed, removed, signal);
  return { changed, removed };
}
