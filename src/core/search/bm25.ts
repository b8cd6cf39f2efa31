// BM25F (field-weighted BM25) over a symbol's words, with postings built once.
// Hand-written rather than taken from a library: the npm BM25 packages
// (wink-bm25-text-search, okapibm25...) either score one flat text or rebuild
// per query, and neither lets the name outweigh the comment the way code needs.
import type { IndexedSymbol } from '../types';
import { commentProse, splitIdentifier, stem, STOP_WORDS, tokenize } from '../text';

/** The fields of a symbol that are matched, each with its own weight and length normalisation. */
export const FIELDS = ['name', 'container', 'params', 'comment'] as const;
export type Field = (typeof FIELDS)[number];

export interface Bm25Options {
  /** Term-frequency saturation; 1.2 is the textbook value (Robertson & Zaragoza 2009). */
  readonly k1: number;
  /** How much a field's word counts against a comment word. */
  readonly weights: Readonly<Record<Field, number>>;
  /** Length normalisation per field (0 none, 1 full). */
  readonly b: Readonly<Record<Field, number>>;
}

/**
 * The name counts most: on code it is the most descriptive text there is.
 * The values were settled on the query sets in eval/ (see eval/RESULTS.md);
 * the ranking is not sensitive to them within about ±50%.
 */
export const DEFAULT_BM25: Bm25Options = {
  k1: 1.2,
  weights: { name: 3, container: 0.5, params: 0.5, comment: 1 },
  // Names are short and of similar length: little to normalise. Comments vary
  // from one line to pages, so the usual 0.75.
  b: { name: 0.3, container: 0.3, params: 0.3, comment: 0.75 },
};

/** Comment words past this many are not indexed: long comments are mostly examples and caveats. */
const MAX_COMMENT_TERMS = 200;

export type DocTerms = Readonly<Record<Field, readonly string[]>>;

// Terms per symbol object: the indexer rebuilds the search index after every
// file change with mostly the same symbol objects, so their terms are reused.
const termCache = new WeakMap<IndexedSymbol, DocTerms>();

export function docTerms(symbol: IndexedSymbol): DocTerms {
  let terms = termCache.get(symbol);
  if (!terms) {
    terms = {
      name: identifierTerms(symbol.name),
      container: symbol.container.split('.').flatMap(identifierTerms),
      params: symbol.params.flatMap(identifierTerms),
      comment: tokenize(commentProse(symbol.comment)).slice(0, MAX_COMMENT_TERMS),
    };
    termCache.set(symbol, terms);
  }
  return terms;
}

function identifierTerms(identifier: string): string[] {
  return splitIdentifier(identifier)
    .filter((w) => !STOP_WORDS.has(w) && (w.length > 1 || /\p{N}/u.test(w)))
    .map(stem);
}

interface Postings {
  readonly docs: Int32Array;
  /** Field-weighted, length-normalised term frequency per doc (BM25F's tf~). */
  readonly tf: Float32Array;
}

export class Bm25Index {
  readonly size: number;
  private readonly postings = new Map<string, Postings>();
  private readonly options: Bm25Options;

  constructor(docs: readonly DocTerms[], options: Bm25Options = DEFAULT_BM25) {
    this.options = options;
    this.size = docs.length;
    const avg = {} as Record<Field, number>;
    for (const f of FIELDS) avg[f] = Math.max(1, docs.reduce((s, d) => s + d[f].length, 0) / Math.max(1, docs.length));

    const building = new Map<string, { docs: number[]; tf: number[] }>();
    const perDoc = new Map<string, number>();
    docs.forEach((doc, i) => {
      perDoc.clear();
      for (const f of FIELDS) {
        const terms = doc[f];
        if (terms.length === 0) continue;
        const norm = options.weights[f] / (1 - options.b[f] + (options.b[f] * terms.length) / avg[f]);
        for (const t of terms) perDoc.set(t, (perDoc.get(t) ?? 0) + norm);
      }
      for (const [t, tf] of perDoc) {
        let p = building.get(t);
        if (!p) building.set(t, (p = { docs: [], tf: [] }));
        p.docs.push(i);
        p.tf.push(tf);
      }
    });
    for (const [t, p] of building) this.postings.set(t, { docs: Int32Array.from(p.docs), tf: Float32Array.from(p.tf) });
  }

  /** Inverse document frequency (the BM25 form, always positive); 0 for unknown terms. */
  idf(term: string): number {
    const df = this.postings.get(term)?.docs.length ?? 0;
    if (df === 0) return 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  /**
   * Scores of every doc for the query terms, each in 0..1: the BM25F sum over
   * the best sum any doc could reach (every known term saturated).
   * `termWeights` lets a caller weigh expanded terms below the typed ones.
   */
  scores(terms: readonly string[], termWeights?: readonly number[]): Float64Array {
    const out = new Float64Array(this.size);
    const { k1 } = this.options;
    let max = 0;
    const seen = new Set<string>();
    terms.forEach((t, qi) => {
      if (seen.has(t)) return;
      seen.add(t);
      const p = this.postings.get(t);
      if (!p) return;
      const w = (termWeights?.[qi] ?? 1) * this.idf(t);
      max += w;
      for (let j = 0; j < p.docs.length; j++) {
        const tf = p.tf[j]!;
        out[p.docs[j]!] += (w * tf) / (tf + k1);
      }
    });
    if (max > 0) for (let i = 0; i < out.length; i++) out[i] /= max;
    return out;
  }
}
