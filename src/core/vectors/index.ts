export { VectorStore, unit, type EmbedTexts } from './store';
export { topK, type Hit } from './topK';
