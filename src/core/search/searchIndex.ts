import { mapSliced } from '../slices';
import type { IndexedSymbol, RankedSymbol } from '../types';
import { contentWords, splitIdentifier, stem, surfaceOf, VAGUE_WORDS, words } from '../text';
import { Bm25Index, DEFAULT_BM25, docTerms, type Bm25Options } from './bm25';
import { topK, unit, VectorStore, type Hit } from '../vectors';
import { asksYesOrNo, isPredicateSymbol } from './intent';

/** How word and meaning rankings are combined (see eval/RESULTS.md for the comparison). */
export type Fusion = 'blend' | 'rrf';

export interface SearchOptions {
  readonly bm25: Bm25Options;
  readonly fusion: Fusion;
  /** In 'blend': the word score's share; the rest is the meaning score. */
  readonly lexicalWeight: number;
  /** The same share for similar(), whose words are a symbol's own comment. */
  readonly similarLexicalWeight: number;
  /** In 'rrf': the rank constant (Cormack, Clarke & Büttcher 2009 use 60). */
  readonly rrfK: number;
  /** How many of each ranking's best are fused: past this, neither ranking is evidence. */
  readonly depth: number;
  /** A query word no symbol uses is widened to at most this many of the index's words nearest it in meaning... */
  readonly expandTop: number;
  /** ...whose word vectors are at least this similar to it... */
  readonly expandMinSimilarity: number;
  /** ...each counting similarity^power of a typed word. */
  readonly expandPower: number;
  /**
   * In 'blend': cosines are rescaled from the depth-th best up to a perfect
   * match ('perfect', 1) or up to the best one there is ('best').
   */
  readonly meaningScale: 'perfect' | 'best';
  /**
   * In a file named after one of its symbols (its entry symbol, see
   * isEntrySymbol), the file's other top-level symbols, its helpers, have
   * their fused score divided by 1 + this; 0 turns it off.
   */
  readonly entryPrior: number;
  /** A private symbol (see isPrivateSymbol) has its fused score lowered by this share; 0 turns it off. */
  readonly privatePenalty: number;
  /**
   * For a query put as a yes-or-no question (asksYesOrNo: "is the date
   * today", "check whether two objects are equal"), symbols that do not
   * answer yes or no (isPredicateSymbol) have their fused score divided by
   * 1 + this; 0 turns it off.
   */
  readonly questionPrior: number;
}

/**
 * Measured on eval/ with the built-in model (eval/RESULTS.md): a weighted
 * blend leaning on words beat RRF (k 10 and 60) and blends from 0.5 to 0.85;
 * with both scores on absolute scales (BM25F over the best reachable score,
 * cosine up to a perfect match) words 0.7 to 0.8 tie on the seven npm tuning
 * libraries (0.532, 0.529, 0.529), while on Python's standard library, whose
 * names say less and whose docstrings average to vectors near everything,
 * meaning is weaker still and the hybrid at 0.7 scored below words alone
 * (0.322 against 0.342); 0.8 scored 0.421. 0.8 is the best over both.
 * With averaged word vectors the meaning ranking is the weaker one, so it
 * mostly reorders what the words found and rescues queries that share no
 * word with the code.
 */
export const DEFAULT_SEARCH: SearchOptions = {
  bm25: DEFAULT_BM25,
  fusion: 'blend',
  lexicalWeight: 0.8,
  // similar() on renamed twins (RESULTS.md): 0.7 to 0.75 rank the twin best
  // (MRR@10 0.208-0.212); from 0.8 name-alikes crowd it out (0.187).
  similarLexicalWeight: 0.7,
  rrfK: 60,
  depth: 200,
  // Settled on eval/ with the built-in model (RESULTS.md): 0.6 keeps
  // `web`→`url` and `coordinates`→`latitude` and drops the loose neighbours
  // averaged vectors give every word (`average`→`percentile`).
  expandTop: 2,
  expandMinSimilarity: 0.6,
  expandPower: 2,
  meaningScale: 'perfect',
  // Priors in the sense of Kraaij, Westerveld & Hiemstra (SIGIR 2002), who
  // found that entry pages are what people mostly search for: a file's main
  // symbol, not its helpers, and a public symbol, not a private one. Both
  // scale the fused score rather than add to it, so they reorder candidates
  // that words or meaning already found about equally and never lift a
  // namesake that barely matches (an added prior put express's `init`
  // middleware in the top five of most express queries). The entry prior
  // lowers a namesake file's helpers rather than lifting the namesake: a
  // lift raised every function of one-function-per-file code over every
  // method of class code, which in one index of several libraries cost
  // commander's and express's questions 0.04-0.07 MRR@10 (RESULTS.md). On
  // the seven tuning libraries a prior from 0.2 to 0.45 and a penalty from
  // 0.1 to 0.3 score within 0.01 of each other.
  entryPrior: 0.3,
  privatePenalty: 0.2,
  // A third prior, on the query's form: stop words take `is`, `does` and
  // `whether` out of both rankings, so a question would otherwise rank
  // `isToday` and `startOfToday` alike. On the seven tuning libraries
  // 0.2 to 1 score alike (RESULTS.md).
  questionPrior: 0.3,
};

/**
 * Ranking over one index's symbols: hybrid search by description (words and
 * meaning together), code-to-code similarity and nearest neighbours, all in
 * the full embedding space. Immutable: after files change, build a new one;
 * symbols' words are cached per symbol object, so a rebuild costs little more
 * than packing the postings.
 */
export class SearchIndex {
  readonly size: number;
  private readonly bm25: Bm25Index;
  private readonly byNameKey = new Map<string, number[]>();
  private readonly options: SearchOptions;
  /** The index's terms (stems), in the order of `vocabulary` and of the word vectors. */
  private readonly terms: readonly string[];
  /** The index's words, one per stem: what setWordVectors() expects embedded, in order. */
  readonly vocabulary: readonly string[];
  private wordVectors: VectorStore | undefined;
  /** 1 for another top-level symbol of a file that has an entry symbol (its helpers), else 0. */
  readonly helpers: Uint8Array;
  /** 1 for a private symbol (isPrivateSymbol), else 0. */
  readonly privates: Uint8Array;
  /** 1 for a symbol that answers yes or no (isPredicateSymbol), else 0. */
  readonly predicates: Uint8Array;

  /** The symbols' vectors, row i symbol i's (a word-only index has dims 0). */
  readonly store: VectorStore;

  constructor(
    readonly symbols: readonly IndexedSymbol[],
    store: VectorStore,
    options: Partial<SearchOptions> = {},
    derived?: Derived,
  ) {
    if (store.dims > 0 && store.size !== symbols.length) {
      throw new Error(`SearchIndex: ${symbols.length} symbols and ${store.size} vectors`);
    }
    this.store = store;
    this.options = { ...DEFAULT_SEARCH, ...options };
    this.size = symbols.length;
    this.bm25 = derived?.bm25 ?? new Bm25Index(symbols.map(docTerms), this.options.bm25);
    this.terms = this.bm25.terms();
    this.vocabulary = this.terms.map(surfaceOf);
    this.privates = derived?.privates ?? Uint8Array.from(symbols, (s) => (isPrivateSymbol(s) ? 1 : 0));
    this.predicates = derived?.predicates ?? Uint8Array.from(symbols, (s) => (isPredicateSymbol(s) ? 1 : 0));
    this.helpers = derived?.helpers ?? Uint8Array.from(symbols, helperTest(symbols, Uint8Array.from(symbols, (s) => (entryOf(s) ? 1 : 0))));
    const keys = derived?.nameKeys ?? symbols.map((s) => nameKey(s.name));
    keys.forEach((key, i) => {
      if (!key) return;
      const list = this.byNameKey.get(key);
      if (list) list.push(i);
      else this.byNameKey.set(key, [i]);
    });
  }

  /**
   * Like the constructor, deriving the symbols' terms and the word index a
   * slice at a time, so that the event loop gets a turn every few
   * milliseconds (see slices.ts): at 100k symbols that is seconds of work.
   */
  static async create(
    symbols: readonly IndexedSymbol[],
    store: VectorStore,
    options: Partial<SearchOptions> = {},
    signal?: AbortSignal,
  ): Promise<SearchIndex> {
    const docs = await mapSliced(symbols, docTerms, signal);
    const bm25 = await Bm25Index.create(docs, { ...DEFAULT_SEARCH, ...options }.bm25, signal);
    const entries = Uint8Array.from(await mapSliced(symbols, (s) => (entryOf(s) ? 1 : 0), signal));
    const privates = Uint8Array.from(await mapSliced(symbols, (s) => (isPrivateSymbol(s) ? 1 : 0), signal));
    const helpers = Uint8Array.from(await mapSliced(symbols, helperTest(symbols, entries), signal));
    const predicates = Uint8Array.from(await mapSliced(symbols, (s) => (isPredicateSymbol(s) ? 1 : 0), signal));
    const nameKeys = await mapSliced(symbols, (s) => nameKey(s.name), signal);
    return new SearchIndex(symbols, store, options, { bm25, helpers, privates, predicates, nameKeys });
  }

  /**
   * Symbols matching a description, best first, scores in 0..1. Words and
   * meaning are fused; a query that spells a symbol's name
   * (`parseHttpResponse`, `parse http response`) puts that symbol first.
   * `queryVector` is the query embedded by the index's model;
   * `queryWordVectors`, optional, the words of `SearchIndex.queryWords(query)`
   * embedded one by one (see lexicalHits).
   */
  search(query: string, queryVector: Float32Array, k: number, queryWordVectors?: Float32Array): RankedSymbol[] {
    return this.searchHits(query, queryVector, k, queryWordVectors).map((h) => this.ranked(h));
  }

  /** Like search(), as positions in `symbols`. */
  searchHits(query: string, queryVector: Float32Array, k: number, queryWordVectors?: Float32Array): Hit[] {
    if (k <= 0 || this.size === 0) return [];
    const { depth } = this.options;
    const lexical = this.lexicalHits(query, depth, queryWordVectors);
    const semantic = this.nearestHits(queryVector, depth);
    const fused = this.withPriors(this.options.fusion === 'rrf' ? this.rrf(lexical, semantic) : this.blend(lexical, semantic), query);
    return this.exactFirst(query, fused).slice(0, k);
  }

  /**
   * Words alone, for a page with no model to embed the query (an exported
   * map, see src/core/export): search() without its meaning half, so with
   * the same word scores, the same priors and a spelled name first. An
   * index for this alone may be built with no vectors (dims 0).
   */
  wordSearch(query: string, k: number): RankedSymbol[] {
    if (k <= 0 || this.size === 0) return [];
    const hits = this.withPriors(this.lexicalHits(query, this.options.depth), query);
    return this.exactFirst(query, hits).slice(0, k).map((h) => this.ranked(h));
  }

  /**
   * Word matching (BM25F), scores in 0..1. With `queryWordVectors` and
   * setWordVectors() done, a query word that no symbol uses also matches the
   * index's words nearest it in meaning, each counting less than a typed word:
   * `web address` finds `url`, `book number` finds `isbn`. Words the code
   * does use are never widened (there the user's word is the code's), nor
   * numbers and vague words (VAGUE_WORDS).
   */
  lexicalHits(query: string, k: number, queryWordVectors?: Float32Array): Hit[] {
    const typed = SearchIndex.queryWords(query);
    if (typed.length === 0) return [];
    const terms: string[] = [];
    const weights: number[] = [];
    const dims = this.dims;
    const widen = this.wordVectors && queryWordVectors?.length === typed.length * dims;
    const { expandTop, expandMinSimilarity, expandPower } = this.options;
    typed.forEach((word, i) => {
      const term = stem(word);
      terms.push(term);
      weights.push(1);
      if (!widen || this.bm25.idf(term) > 0 || VAGUE_WORDS.has(word) || /\p{N}/u.test(word)) return;
      for (const h of this.wordVectors!.nearest(queryWordVectors!.subarray(i * dims, (i + 1) * dims), expandTop)) {
        if (h.score < expandMinSimilarity) break;
        terms.push(this.terms[h.index]!);
        weights.push(h.score ** expandPower);
      }
    });
    // A word typed and also reached by widening another counts as typed (Bm25Index.scores).
    return topK(this.bm25.scores(terms, weights), k).filter((h) => h.score > 0);
  }

  /** The words of a query that carry meaning, one per stem, as typed: what `queryWordVectors` embeds, in order. */
  static queryWords(query: string): string[] {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const word of contentWords(words(query))) {
      const s = stem(word);
      if (seen.has(s)) continue;
      seen.add(s);
      out.push(word);
    }
    return out;
  }


  /** Vectors of `vocabulary` (packed, L2-normalised), which let lexicalHits widen unknown query words. */
  setWordVectors(vectors: Float32Array): void {
    if (vectors.length !== this.terms.length * this.dims) {
      throw new Error(`SearchIndex: ${this.terms.length} words need ${this.terms.length * this.dims} vector values, got ${vectors.length}`);
    }
    this.wordVectors = VectorStore.fromPacked(vectors, this.dims);
  }

  /** Cosine similarity alone, best first; `exclude` is left out (a symbol's own position). */
  nearestHits(vector: Float32Array, k: number, exclude: number | ((i: number) => boolean) = -1): Hit[] {
    return this.store.nearest(vector, k, exclude);
  }

  /** The vectors' length (0 for a word-only index). */
  get dims(): number {
    return this.store.dims;
  }

  /** The symbols nearest a vector (a term's or a symbol's), by cosine similarity. */
  nearest(vector: Float32Array, k: number, exclude?: number | ((i: number) => boolean)): RankedSymbol[] {
    return this.nearestHits(unit(vector), k, exclude).map((h) => this.ranked(h));
  }

  /**
   * Symbols that mean what symbol `index` means, best first, never itself.
   * The score shown is the one they were ranked by (see similarHits), so a
   * list reads in the order of its scores wherever it is shown: the map's
   * tooltip, the editor hover, Find Similar and the CLI.
   */
  similar(index: number, k: number): RankedSymbol[] {
    return this.similarHits(index, k).map((h) => this.ranked(h));
  }

  /**
   * Like similar(), as positions. Hybrid like search: the target's own words
   * (name and comment) as a query, fused with cosine in the full space. On
   * renamed twins across lodash and underscore this ranks the twin far higher
   * than cosine alone (eval/RESULTS.md), because the comments say what the
   * code does in words two authors share, while averaged word vectors mostly
   * follow the name: cosine alone fills the top with `uniqBy`, `uniqWith`...
   *
   * Scores are the fused score after the priors, as a share of the fused
   * score the target itself would get: 1 reads "as alike as the symbol
   * itself", and the first result is not 1.00 every time, as the blend's
   * relative scales alone would make it. (Showing the cosine instead, as
   * before, listed 0.87, 0.91, 0.87 in ranked order, issue 17.) One divisor
   * per target, so the order is the fused order.
   */
  similarHits(index: number, k: number): Hit[] {
    if (index < 0 || index >= this.size) throw new RangeError(`SearchIndex: no symbol at ${index}`);
    if (k <= 0) return [];
    const { depth, similarLexicalWeight: w } = this.options;
    const vector = this.store.row(index);
    const semantic = this.nearestHits(vector, depth, index);
    const own = docTerms(this.symbols[index]!);
    // What the comment says the code does; the name only when there is no
    // comment, so that sharing a name word is not what makes a match.
    const terms = own.comment.length >= MIN_COMMENT_TERMS ? own.comment : [...own.name, ...own.params, ...own.comment];
    const wordScores = terms.length ? this.bm25.scores(terms) : undefined;
    // A symbol's own words are a long query that no other symbol fully
    // matches, so word scores are taken relative to the best candidate's.
    const lexical = wordScores ? topK(wordScores, depth + 1, index).filter((h) => h.score > 0) : [];
    const best = lexical[0]?.score ?? 1;
    // The priors as in search: among symbols about as alike, a public
    // function goes before a private helper (eval/RESULTS.md: renamed twins
    // MRR@10 0.163 without, 0.208 with, and fewer name-alikes in the top 10).
    const fused = this.withPriors(this.blend(lexical.map((h) => ({ index: h.index, score: h.score / best })), semantic, 'best', w));
    // The target as its own candidate: cosine 1 on the blend's meaning scale, its own word score on the words'.
    const top = semantic[0]?.score ?? 0;
    const floor = semantic[semantic.length - 1]?.score ?? 0;
    const self = (1 - w) * ((1 - floor) / (top - floor || 1)) + w * ((wordScores?.[index] ?? 0) / best);
    const scale = self > 0 ? 1 / self : 1;
    // A shorter text with the same words can outscore the target on words: such a twin shows 1.
    return fused.slice(0, k).map((h) => ({ index: h.index, score: Math.min(1, h.score * scale) }));
  }

  /**
   * Scores (fused, or a single ranking's on a 0..1 scale) with the priors
   * applied, best first, still in 0..1: among candidates that score about the
   * same, a file's main symbol goes before the helpers beside it and a public
   * symbol before a private one and, when `query` asks yes or no
   * (asksYesOrNo), a symbol that answers yes or no before one that does
   * not. Symbols of different files are never lifted over one another by how
   * their files are laid out.
   */
  withPriors(hits: readonly Hit[], query?: string): Hit[] {
    const p = this.options.entryPrior;
    const q = this.options.privatePenalty;
    const y = query !== undefined && asksYesOrNo(query) ? this.options.questionPrior : 0;
    if (p <= 0 && q <= 0 && y <= 0) return [...hits];
    return sortHits(
      hits.map((h) => ({
        index: h.index,
        score: (h.score * (1 - q * this.privates[h.index]!)) / (1 + p * this.helpers[h.index]!) / (1 + y * (1 - this.predicates[h.index]!)),
      })),
    );
  }

  private blend(lexical: Hit[], semantic: Hit[], scale = this.options.meaningScale, w = this.options.lexicalWeight): Hit[] {
    // Cosines sit in a band that depends on the model (averaged word vectors
    // give 0.5-0.9 for nearly everything), so they are rescaled from the
    // depth-th best. Up to a perfect match ('perfect'), a query that nothing
    // matches closely in meaning leaves the words in charge, the way BM25F
    // scores, taken over the best score any symbol could reach, are low when
    // no symbol has the query's words; on eval/ that beat rescaling up to the
    // best cosine there is (RESULTS.md). similar() compares a symbol with
    // itself-like texts and keeps 'best'.
    const top = scale === 'perfect' ? 1 : (semantic[0]?.score ?? 0);
    const floor = semantic[semantic.length - 1]?.score ?? 0;
    const span = top - floor || 1;
    const fused = new Map<number, number>();
    for (const h of semantic) fused.set(h.index, (1 - w) * ((h.score - floor) / span));
    for (const h of lexical) fused.set(h.index, (fused.get(h.index) ?? 0) + w * h.score);
    return sortHits([...fused].map(([index, score]) => ({ index, score })));
  }

  private rrf(lexical: Hit[], semantic: Hit[]): Hit[] {
    const c = this.options.rrfK;
    const fused = new Map<number, number>();
    lexical.forEach((h, r) => fused.set(h.index, (fused.get(h.index) ?? 0) + 1 / (c + r + 1)));
    semantic.forEach((h, r) => fused.set(h.index, (fused.get(h.index) ?? 0) + 1 / (c + r + 1)));
    // Rank 1 in both lists scores 1.
    const best = 2 / (c + 1);
    return sortHits([...fused].map(([index, s]) => ({ index, score: s / best })));
  }

  /** Symbols whose whole name the query spells go first, in the fused order among themselves. */
  private exactFirst(query: string, hits: Hit[]): Hit[] {
    const exact = this.byNameKey.get(nameKey(query));
    if (!exact) return hits;
    const set = new Set(exact);
    const order = new Map(hits.map((h, r) => [h.index, r]));
    const first: Hit[] = exact
      .map((index) => ({ index, score: 1 }))
      .sort((a, b) => (order.get(a.index) ?? Infinity) - (order.get(b.index) ?? Infinity) || a.index - b.index);
    return [...first, ...hits.filter((h) => !set.has(h.index))];
  }

  ranked(hit: Hit): RankedSymbol {
    const s = this.symbols[hit.index]!;
    return { id: s.id, name: s.name, kind: s.kind, container: s.container, file: s.file, line: s.line, score: Math.round(hit.score * 10_000) / 10_000 };
  }
}

/**
 * A file's entry symbol: the one named after its file (`debounce` in
 * debounce.ts, `isEmail` in is-email.js) or, in an index file (index, mod,
 * __init__), after its folder (`addDays` in addDays/index.js). Libraries and
 * most modules are laid out this way, and the entry symbol is what the file
 * exists for; the rest are its helpers.
 */
export function isEntrySymbol(symbol: Pick<IndexedSymbol, 'name' | 'file'>): boolean {
  const file = symbol.file;
  const slash = file.lastIndexOf('/');
  const dot = file.lastIndexOf('.');
  let base = file.slice(slash + 1, dot > slash ? dot : file.length);
  if (slash > 0 && ENTRY_FILES.has(base.toLowerCase())) base = file.slice(file.lastIndexOf('/', slash - 1) + 1, slash);
  const name = entryKey(symbol.name);
  return name.length > 0 && name === entryKey(base);
}

/**
 * A symbol its code marks as private: one the language keeps internal
 * (ExtractedSymbol.internal: not exported, `private`), a name starting with `_` or `#`
 * (JavaScript's private fields, the underscore convention of JavaScript,
 * Python, Dart...) or a file whose name starts with `_` (lodash's
 * `_baseFlatten.js`, Python's `_internal.py`). Python's special methods
 * (`__init__`, `__eq__`) are public protocol, not private.
 */
export function isPrivateSymbol(symbol: Pick<IndexedSymbol, 'name' | 'file' | 'internal'>): boolean {
  if (symbol.internal) return true;
  if (symbol.name.startsWith('#')) return true;
  if (underscored(symbol.name)) return true;
  const file = symbol.file.slice(symbol.file.lastIndexOf('/') + 1);
  const dot = file.indexOf('.');
  return underscored(dot > 0 ? file.slice(0, dot) : file);
}

/**
 * `_helper`, not `_` alone (underscore.js's main function) nor a Python
 * special name (`__init__`, `__main__.py`), which is public protocol.
 */
function underscored(name: string): boolean {
  return name.length > 1 && name.startsWith('_') && !/^__\w+__$/.test(name);
}

/** Letters and digits only, lower case: `is-email` and `isEmail` agree. */
function entryKey(text: string): string {
  // The common all-ASCII case without a Unicode-class regex (5x faster over 20k symbols).
  const lower = text.toLowerCase();
  return /^[\x00-\x7f]*$/.test(lower) ? lower.replace(/[^a-z0-9]/g, '') : lower.replace(/[^\p{L}\p{N}]/gu, '');
}

/** File names that stand for their folder (JavaScript, Rust and Deno, Python). */
const ENTRY_FILES = new Set(['index', 'mod', '__init__']);

// Per symbol object, like docTerms: the index is rebuilt after every file
// change with mostly the same symbols (20k symbols cost 10-25 ms uncached).
const entryCache = new WeakMap<IndexedSymbol, boolean>();
function entryOf(symbol: IndexedSymbol): boolean {
  let entry = entryCache.get(symbol);
  if (entry === undefined) entryCache.set(symbol, (entry = isEntrySymbol(symbol)));
  return entry;
}

/** Fewer comment terms than this say too little to find a twin by: the name is added. */
const MIN_COMMENT_TERMS = 3;

/** 1 for a helper: a top-level symbol, not the entry, of a file that has an entry symbol (`entries`: 1 for an entry symbol, isEntrySymbol). */
function helperTest(symbols: readonly IndexedSymbol[], entries: Uint8Array): (symbol: IndexedSymbol, i: number) => number {
  const entryFiles = new Set<string>();
  for (let i = 0; i < symbols.length; i++) if (entries[i] === 1) entryFiles.add(symbols[i]!.file);
  return (s, i) => (entries[i] === 0 && s.container === '' && entryFiles.has(s.file) ? 1 : 0);
}

/** What SearchIndex.create derives a slice at a time and hands to the constructor. */
interface Derived {
  readonly bm25: Bm25Index;
  readonly helpers: Uint8Array;
  readonly privates: Uint8Array;
  readonly predicates: Uint8Array;
  readonly nameKeys: readonly string[];
}

/** A name or a query as its words in order: `parseHTTPResponse` and `parse http response` agree. */
function nameKey(text: string): string {
  return text.trim().split(/[\s.,;:()]+/).flatMap(splitIdentifier).join(' ');
}

function sortHits(hits: Hit[]): Hit[] {
  return hits.sort((a, b) => b.score - a.score || a.index - b.index);
}
