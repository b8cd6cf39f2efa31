export { VectorCache, textKey, CACHE_FORMAT_VERSION, type CacheLoadResult } from './vectorCache';
export { loadSnapshot, saveSnapshot, layoutKey, snapshotFile, SNAPSHOT_VERSION, type Snapshot, type SnapshotFile } from './snapshot';
export { writeFileAtomic } from './atomicWrite';
