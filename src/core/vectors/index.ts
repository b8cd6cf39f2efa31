export { VectorStore, unit, type EmbedTexts } from './store';
export { topK, type Hit } from './topK';
export { arithmeticHits, axisCoordinates, DEFAULT_ARITHMETIC, type ArithmeticMethod, type ArithmeticOptions } from './directions';
export { principalDirections } from './principal';
