import type { ExtractedSymbol } from '../types';
import { commentProse } from './comment';
import { splitIdentifier } from './identifiers';
import { words } from './tokenize';

/**
 * At most this many words are embedded per symbol. The name and container
 * come first (rarely more than 10 words), then the comment's summary. More
 * words only dilute the meaning for a mean-pooled model (the built-in one
 * averages word vectors) and run past the 128 word pieces that
 * sentence-transformers such as all-MiniLM-L6-v2 were trained on (64 words
 * are about 80-100 word pieces).
 */
export const MAX_EMBEDDING_WORDS = 64;

/**
 * Sentences of the comment that are embedded: its summary. Measured on the
 * queries in eval/ with the built-in model, the first two sentences beat the
 * whole comment (embedding-only MRR@10 0.36 against 0.30): parameter and
 * return descriptions ("the array to inspect", "returns the new array")
 * repeat the same words in every symbol and pull all vectors together.
 */
const SUMMARY_SENTENCES = 2;

/**
 * What a symbol means in words, for the embedding model:
 * `parse http response. http client. reads the status line ...`.
 * Identifiers are split into words everywhere (also inside the comment), so a
 * word-level model sees `response`, not `parseHTTPResponse`. Parameter names
 * are left out: `array`, `value`, `callback`, `options` name the same few
 * things everywhere, and on eval/ they lowered embedding-only MRR@10 (0.34
 * against 0.36 even when used only for symbols without a comment). Word
 * search still matches them (src/core/search/bm25.ts).
 */
export function embeddingText(symbol: Pick<ExtractedSymbol, 'name' | 'container' | 'comment'>): string {
  const parts: string[][] = [splitIdentifier(symbol.name)];
  const container = symbol.container.split('.').flatMap(splitIdentifier);
  if (container.length > 0) parts.push(container);
  const summary = words(firstSentences(commentProse(symbol.comment), SUMMARY_SENTENCES));
  if (summary.length > 0) parts.push(summary);

  let budget = MAX_EMBEDDING_WORDS;
  const sentences: string[] = [];
  for (const part of parts) {
    if (budget <= 0) break;
    const taken = part.slice(0, budget);
    budget -= taken.length;
    if (taken.length > 0) sentences.push(taken.join(' '));
  }
  return sentences.join('. ');
}

/** The first `n` sentences of prose: split after `.`, `!` or `?` followed by a space. */
function firstSentences(prose: string, n: number): string {
  return prose.split(/(?<=[.!?])\s+/, n).join(' ');
}
