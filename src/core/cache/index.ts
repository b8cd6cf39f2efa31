export { VectorCache, textKey, CACHE_FORMAT_VERSION, type CacheLoadResult } from './vectorCache';
export { loadSnapshot, saveSnapshot, mergeSnapshots, SnapshotStore, layoutKey, snapshotFile, SNAPSHOT_VERSION, LAYOUTS_KEPT, type Snapshot, type SnapshotFile, type SnapshotLayout } from './snapshot';
export { writeFileAtomic } from './atomicWrite';
export { CacheFolder, describeFsError, makeFolder } from './folder';
