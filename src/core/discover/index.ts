export { admitFile, discover, type DiscoverOptions, type DiscoverResult, type DiscoveredFile } from './discover';
export { readSource, decode, type ReadResult } from './readSource';
export { DEFAULT_MAX_FILES, DEFAULT_MAX_FILE_SIZE } from './defaults';
