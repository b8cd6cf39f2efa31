// The shapes every stage of the pipeline agrees on. The JSON written by
// `latent-map index` (see DESIGN.md, "The command-line contract") is built from
// these; fields may be added, never renamed or dropped.
// The shapes the map page also uses live in src/shared/types.ts (the page
// may import nothing platform-specific) and are re-exported here.
import type { Cluster, MapSymbol, SymbolKind } from '../shared/types';

export { qualifiedName } from '../shared/types';
export type { Cluster, MapSymbol, RankedSymbol, SymbolKind } from '../shared/types';


/** A symbol as the extractor finds it in one file. */
export interface ExtractedSymbol {
  readonly name: string;
  readonly kind: SymbolKind;
  /** Enclosing class, namespace, module or impl, dotted; '' at top level. */
  readonly container: string;
  /** Parameter names in order (no types, no defaults). */
  readonly params: readonly string[];
  /** 1-based first line (of the declaration, not its comment). */
  readonly line: number;
  /** 1-based last line, inclusive. */
  readonly endLine: number;
  /** Doc comment or the comment block right above, as plain text; '' when none. */
  readonly comment: string;
  /**
   * Set when the language says the symbol is not visible outside its module
   * or class: not exported from a JavaScript or TypeScript module that
   * exports others, a lower-case Go name, a `private` member, a doc comment
   * tagged `@private` or `@internal`, a function declared inside another.
   * Absent when it is public or nothing says.
   */
  readonly internal?: true;
  /**
   * Set when the code says the function returns a boolean: a declared return
   * type (`: boolean`, `x is T`, `-> bool`, Go `bool` result, Java/C#
   * `boolean`/`bool`), or, without one, every `return` in its own body returns
   * a boolean expression. Absent otherwise.
   */
  readonly returnsBoolean?: true;
}

/** A symbol placed in the index: where it lives and what is embedded for it. */
export interface IndexedSymbol extends ExtractedSymbol {
  /** Stable within an index: `file#container.name`, suffixed `@n` for repeats. */
  readonly id: string;
  /**
   * Relative to the indexed folder, `/` separators; with several folders on
   * one map, its workspace path: the folder's name, '/', the relative path
   * (see roots.ts).
   */
  readonly file: string;
  /** The embedding text (see src/core/text/embeddingText.ts). */
  readonly text: string;
}



/** Why a file was left out, counted in `stats.skipped`. */
export type SkipReason =
  | 'ignored'
  | 'excluded'
  | 'unsupported'
  | 'tooLarge'
  | 'binary'
  | 'minified'
  | 'generated'
  | 'unreadable'
  | 'fileCap'
  | 'symlink';

/** Wall time of each stage, in ms. */
export interface StageTimes {
  discover: number;
  extract: number;
  /** Embedding the symbols' texts (waiting for the model included). */
  embed: number;
  /** Layout and clusters, with the search index built and its words embedded meanwhile. */
  project: number;
  total: number;
  /** From the start until a first map from the built-in model was handed over (IndexOptions.onFirstMap); absent when none was. */
  firstMap?: number;
}

export interface IndexStats {
  files: number;
  symbols: number;
  /** Texts the model had to embed this run: 0 when all came from the cache. */
  embedded: number;
  skipped: Partial<Record<SkipReason, number>>;
  ms: StageTimes;
  /**
   * How the map was made: `saved` (this exact layout was in the snapshot),
   * `refined` (from the previous map of the folder, unchanged symbols kept in
   * place) or `fresh` (a new layout).
   */
  layout?: 'saved' | 'refined' | 'fresh';
}

export interface MapJson {
  readonly version: 1;
  readonly model: { readonly id: string; readonly dimensions: number };
  /** The folder; with several, the first. */
  readonly root: string;
  /** With several folders only: each folder, `name` as in `symbols[].root`. */
  readonly roots?: readonly { readonly name: string; readonly path: string }[];
  /** With several folders, each has `root` (its folder's name) and `file` relative to that folder. */
  readonly symbols: readonly (MapSymbol & { readonly root?: string })[];
  /** The top level of regions (ids as in `symbols[].cluster`). */
  readonly clusters: readonly Cluster[];
  /** Every level of regions, the top level first; `id` is the index, `parent` the id one level up. */
  readonly regions: readonly Cluster[];
  readonly stats: IndexStats;
}



/** Progress of long work, by phase; `done`/`total` when countable. */
export interface Progress {
  readonly phase: 'discover' | 'extract' | 'download' | 'embed' | 'project' | 'cluster';
  readonly message?: string;
  readonly done?: number;
  readonly total?: number;
}

export type ProgressSink = (progress: Progress) => void;

/** Thrown when work stops because its AbortSignal fired. */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** An error whose message is meant for the user as is (one line, no stack). */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
