export { splitIdentifier } from './identifiers';
export { commentProse } from './comment';
export { embeddingText, MAX_EMBEDDING_WORDS } from './embeddingText';
export { tokenize, words, contentWords, stem } from './tokenize';
export { STOP_WORDS } from './stopWords';
