export { splitIdentifier } from './identifiers';
export { commentProse } from './comment';
export { embeddingText, MAX_EMBEDDING_WORDS } from './embeddingText';
export { tokenize, words, contentWords, stem, surfaceOf } from './tokenize';
export { STOP_WORDS, VAGUE_WORDS } from './stopWords';
