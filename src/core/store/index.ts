export { connectStore, describeUri, isRemoteUri, normaliseUri, storageOptions, type StoreEnvironment } from './connect';
export { fileHash, fileHashes } from './hash';
export { checkStore, readMeta, readStore, type ExpectedModel, type StoredMap } from './read';
export { STORE_FORMAT, TABLES, type StoreMeta } from './schema';
export { inShard, parseShard, WHOLE, type Shard } from './shard';
export { LAYOUT_SAMPLE, layoutStore, stageShard, type LayoutResult, type ModelDescription, type ShardRows } from './write';
export { overlayLocalChanges, type Overlay } from './overlay';
export { ANN_MIN_ROWS, ANN_SEARCH, annIndexConfig, StoreSearch, type LocalRows, type MapColumns, type SearchTuning, type StoreHit } from './search';
