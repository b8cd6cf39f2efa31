export { SearchIndex, DEFAULT_SEARCH, isEntrySymbol, isPrivateSymbol, type SearchOptions, type Fusion } from './searchIndex';
export { DEFAULT_BM25, type Bm25Options } from './bm25';
export { topK, type Hit } from '../vectors';
export { parseArithmetic, type Arithmetic } from './arithmetic';
