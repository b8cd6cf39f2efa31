// The shapes every stage of the pipeline agrees on. The JSON written by
// `latent-map index` (see DESIGN.md, "The command-line contract") is built from
// these; fields may be added, never renamed or dropped.

export type SymbolKind =
  | 'function'
  | 'method'
  | 'class'
  | 'interface'
  | 'enum'
  | 'type'
  | 'struct'
  | 'trait'
  | 'module';

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
  /** Relative to the indexed folder, `/` separators. */
  readonly file: string;
  /** The embedding text (see src/core/text/embeddingText.ts). */
  readonly text: string;
}

/** A symbol on the map, as written to the index JSON. */
export interface MapSymbol {
  readonly id: string;
  readonly name: string;
  readonly kind: SymbolKind;
  readonly container: string;
  readonly file: string;
  readonly line: number;
  readonly endLine: number;
  readonly comment: string;
  readonly x: number;
  readonly y: number;
  /** Top-level region, -1 for none. */
  readonly cluster: number;
  /** The finest region the symbol is in (an id of `regions`), -1 for none. */
  readonly region: number;
}

/**
 * A region of the map. Regions nest: the top level (level 0, `parent` -1)
 * divides the map into a few dozen at most, and each finer level divides a
 * region of the level above (`parent`, its id).
 */
export interface Cluster {
  readonly id: number;
  readonly label: string;
  readonly size: number;
  /** Where its label sits: a member in its densest part. */
  readonly x: number;
  readonly y: number;
  /** 0 for the top level, 1, 2 for finer ones. */
  readonly level: number;
  /** Id of the region one level up, -1 at the top level. */
  readonly parent: number;
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
}

export interface IndexStats {
  files: number;
  symbols: number;
  /** Texts the model had to embed this run: 0 when all came from the cache. */
  embedded: number;
  skipped: Partial<Record<SkipReason, number>>;
  ms: StageTimes;
}

export interface MapJson {
  readonly version: 1;
  readonly model: { readonly id: string; readonly dimensions: number };
  readonly root: string;
  readonly symbols: readonly MapSymbol[];
  /** The top level of regions (ids as in `symbols[].cluster`). */
  readonly clusters: readonly Cluster[];
  /** Every level of regions, the top level first; `id` is the index, `parent` the id one level up. */
  readonly regions: readonly Cluster[];
  readonly stats: IndexStats;
}

/**
 * A symbol's name with what it is defined in: `Command.option`,
 * `res.redirect`, `debounce`. With `max`, a long one keeps the name and
 * loses the start of the container (`…ServiceExtensions.AddSingleton`): the
 * name is what a reader looks for and what `latent-map similar` takes.
 */
export function qualifiedName(symbol: { readonly name: string; readonly container: string }, max = Infinity): string {
  const full = symbol.container ? `${symbol.container}.${symbol.name}` : symbol.name;
  if (full.length <= max) return full;
  if (symbol.name.length + 2 >= max) return symbol.name.length <= max ? symbol.name : `${symbol.name.slice(0, max - 1)}…`;
  return `…${full.slice(full.length - (max - 1))}`;
}

/** One ranked answer of search, similar or neighbours. */
export interface RankedSymbol {
  readonly id: string;
  readonly name: string;
  readonly kind: SymbolKind;
  /** What the symbol is defined in (`Command`, `res`, `Geometry.Plane`); '' at the top level. */
  readonly container: string;
  readonly file: string;
  readonly line: number;
  readonly score: number;
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
