// BM25F (field-weighted BM25) over a symbol's words, with postings built once.
// Hand-written rather than taken from a library: the npm BM25 packages
// (wink-bm25-text-search, okapibm25...) either score one flat text or rebuild
// per query, and none lets the name outweigh the comment the way code needs.
import { mapSliced } from '../slices';
import type { IndexedSymbol } from '../types';
import { commentProse, contentWords, splitIdentifier, stem, words } from '../text';

/** The fields of a symbol that are matched, each with its own weight and length normalisation. */
export const FIELDS = ['name', 'container', 'params', 'comment'] as const;
export type Field = (typeof FIELDS)[number];

export interface Bm25Options {
  /** Term-frequency saturation. */
  readonly k1: number;
  /** How much a word in each field counts against a comment word. */
  readonly weights: Readonly<Record<Field, number>>;
  /** Length normalisation per field (0 none, 1 full). */
  readonly b: Readonly<Record<Field, number>>;
}

/**
 * k1 = 1.2 and b = 0.75 are the textbook values (Robertson & Zaragoza 2009).
 * The name counts twice a comment word: on code it is the most deliberate
 * text there is. Names are normalised for length too, so `uniq` beats
 * `sortedUniq` for "unique values". Measured on the query sets in eval/:
 * name weights 1-3 and name b 0.3-0.9 move MRR@10 by about ±0.01.
 */
export const DEFAULT_BM25: Bm25Options = {
  k1: 1.2,
  weights: { name: 2, container: 0.5, params: 0.5, comment: 1 },
  b: { name: 0.75, container: 0.3, params: 0.3, comment: 0.75 },
};

/** Comment words past this many are not indexed: long comments are mostly examples and caveats. */
const MAX_COMMENT_WORDS = 200;

/** A symbol's stemmed terms per field. */
export type DocTerms = Readonly<Record<Field, readonly string[]>>;

// Terms per symbol object: the indexer rebuilds the search index after every
// file change with mostly the same symbol objects, so their terms are reused.
const termCache = new WeakMap<IndexedSymbol, DocTerms>();

export function docTerms(symbol: IndexedSymbol): DocTerms {
  let terms = termCache.get(symbol);
  if (!terms) {
    const identifier = (id: string) => contentWords(splitIdentifier(id)).map(stem);
    terms = {
      name: identifier(symbol.name),
      container: symbol.container.split('.').flatMap(identifier),
      params: symbol.params.flatMap(identifier),
      comment: contentWords(words(commentProse(symbol.comment))).slice(0, MAX_COMMENT_WORDS).map(stem),
    };
    termCache.set(symbol, terms);
  }
  return terms;
}

// Two passes over flat arrays rather than a growing array per term: at 100k
// symbols the per-term arrays cost more in garbage collection than the
// scoring itself. The flat arrays are typed (4 bytes an entry, grown by
// doubling) rather than JavaScript arrays (8 bytes, and their own doubling):
// at 100k symbols there are over a million entries, built while the map is
// laid out, when the extension host holds the most.
class PostingsBuilder {
  private readonly avg = {} as Record<Field, number>;
  private readonly ids = new Map<string, number>();
  private entries = 0;
  private entryTerm: Int32Array;
  private entryDoc: Int32Array;
  // tf ends up in a Float32Array (Postings.tf): kept as float32 from the start, the values are the same.
  private entryTf: Float32Array;
  private readonly perDoc = new Map<number, number>();

  constructor(
    docs: readonly DocTerms[],
    private readonly options: Bm25Options,
  ) {
    for (const f of FIELDS) this.avg[f] = Math.max(1, docs.reduce((s, d) => s + d[f].length, 0) / Math.max(1, docs.length));
    // About a dozen distinct terms a symbol; the arrays double when that is too few.
    const capacity = Math.max(64, docs.length * 12);
    this.entryTerm = new Int32Array(capacity);
    this.entryDoc = new Int32Array(capacity);
    this.entryTf = new Float32Array(capacity);
  }

  private grow(): void {
    const grown = <T extends Int32Array | Float32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.entryTerm = grown(this.entryTerm);
    this.entryDoc = grown(this.entryDoc);
    this.entryTf = grown(this.entryTf);
  }

  add(doc: DocTerms, i: number): void {
    const { ids, perDoc, options, avg } = this;
    perDoc.clear();
    for (const f of FIELDS) {
      const terms = doc[f];
      if (terms.length === 0) continue;
      const norm = options.weights[f] / (1 - options.b[f] + (options.b[f] * terms.length) / avg[f]);
      for (const t of terms) {
        let id = ids.get(t);
        if (id === undefined) ids.set(t, (id = ids.size));
        perDoc.set(id, (perDoc.get(id) ?? 0) + norm);
      }
    }
    for (const [id, tf] of perDoc) {
      if (this.entries === this.entryTerm.length) this.grow();
      const e = this.entries++;
      this.entryTerm[e] = id;
      this.entryDoc[e] = i;
      this.entryTf[e] = tf;
    }
  }

  finish(): Map<string, Postings> {
    const { ids, entryTerm, entryDoc, entryTf, entries } = this;
    const counts = new Int32Array(ids.size);
    for (let e = 0; e < entries; e++) counts[entryTerm[e]!]!++;
    const lists = Array.from(counts, (c) => ({ docs: new Int32Array(c), tf: new Float32Array(c) }));
    const fill = new Int32Array(ids.size);
    for (let e = 0; e < entries; e++) {
      const id = entryTerm[e]!;
      const j = fill[id]!++;
      lists[id]!.docs[j] = entryDoc[e]!;
      lists[id]!.tf[j] = entryTf[e]!;
    }
    const postings = new Map<string, Postings>();
    for (const [t, id] of ids) postings.set(t, lists[id]!);
    return postings;
  }
}

interface Postings {
  readonly docs: Int32Array;
  /** Field-weighted, length-normalised term frequency per doc (BM25F's tf~). */
  readonly tf: Float32Array;
}

export class Bm25Index {
  readonly size: number;
  private readonly postings: Map<string, Postings>;
  private readonly options: Bm25Options;

  constructor(docs: readonly DocTerms[], options: Bm25Options = DEFAULT_BM25, postings?: Map<string, Postings>) {
    this.options = options;
    this.size = docs.length;
    if (postings) this.postings = postings;
    else {
      const builder = new PostingsBuilder(docs, options);
      docs.forEach((doc, i) => builder.add(doc, i));
      this.postings = builder.finish();
    }
  }

  /** Like the constructor, giving the event loop a turn every few milliseconds (see slices.ts). */
  static async create(docs: readonly DocTerms[], options: Bm25Options = DEFAULT_BM25, signal?: AbortSignal): Promise<Bm25Index> {
    const builder = new PostingsBuilder(docs, options);
    await mapSliced(docs, (doc, i) => builder.add(doc, i), signal);
    return new Bm25Index(docs, options, builder.finish());
  }

  /** Every term some doc holds, in a fixed order. */
  terms(): string[] {
    return [...this.postings.keys()];
  }

  /** Inverse document frequency (the BM25 form, always positive); 0 for unknown terms. */
  idf(term: string): number {
    const df = this.postings.get(term)?.docs.length ?? 0;
    if (df === 0) return 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /**
   * Scores of every doc for the query terms, each in 0..1: the BM25F sum over
   * the best sum any doc could reach (every known term saturated). `weights`
   * (one per term, default 1) let related words count less than the words
   * typed; a term given more than once counts once, at its largest weight,
   * so the order of the terms never matters.
   */
  scores(terms: readonly string[], weights?: readonly number[]): Float64Array {
    const out = new Float64Array(this.size);
    const { k1 } = this.options;
    const weightOf = new Map<string, number>();
    terms.forEach((t, q) => weightOf.set(t, Math.max(weights?.[q] ?? 1, weightOf.get(t) ?? 0)));
    let max = 0;
    for (const [t, weight] of weightOf) {
      const p = this.postings.get(t);
      if (!p) continue;
      const w = this.idf(t) * weight;
      max += w;
      for (let j = 0; j < p.docs.length; j++) {
        const tf = p.tf[j]!;
        out[p.docs[j]!] += (w * tf) / (tf + k1);
      }
    }
    if (max > 0) for (let i = 0; i < out.length; i++) out[i] /= max;
    return out;
  }
}
