import type { ExtractedSymbol } from '../types';
import { commentProse } from './comment';
import { splitIdentifier } from './identifiers';
import { words } from './tokenize';

/**
 * At most this many words are embedded per symbol. The name, container and
 * parameters come first (rarely more than 15 words), then the comment, whose
 * first sentence or two is its summary. More words only dilute the meaning
 * for a mean-pooled model (the built-in one averages word vectors) and run
 * past the 128 word pieces sentence-transformers like all-MiniLM-L6-v2 were
 * trained on (64 words are about 80-100 word pieces).
 */
export const MAX_EMBEDDING_WORDS = 64;

/** At most this many parameters are named: past that they are option bags, not meaning. */
const MAX_PARAMS = 6;

/**
 * What a symbol means in words, for the embedding model:
 * `parse http response. in http client. raw options. Parses the raw ...`.
 * Identifiers are split into words everywhere (also inside the comment), so a
 * word-level model sees `response`, not `parseHTTPResponse`.
 */
export function embeddingText(symbol: Pick<ExtractedSymbol, 'name' | 'container' | 'params' | 'comment'>): string {
  const parts: string[][] = [];
  parts.push(splitIdentifier(symbol.name));
  const container = symbol.container.split('.').flatMap(splitIdentifier);
  if (container.length > 0) parts.push(container);
  const params = symbol.params.slice(0, MAX_PARAMS).flatMap(splitIdentifier);
  if (params.length > 0) parts.push(params);
  const prose = commentProse(symbol.comment);
  if (prose) parts.push(words(prose));

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
