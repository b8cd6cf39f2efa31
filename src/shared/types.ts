// The symbol shapes that cross from the extension host to the map page:
// what a point on the map is, a region, and a ranked answer. The CLI's JSON
// (src/core/types.ts MapJson) is built from the same shapes; fields may be
// added, never renamed or dropped.

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
 * Most regions at the top level of a map (src/core/cluster/cut.ts), and so
 * the number of distinct colours a map by region needs (webview/colour.ts):
 * a region's colour is a palette slot below this.
 */
export const MAX_TOP_REGIONS = 30;

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
  /**
   * Top level only: the region's colour (a palette slot). The id of a fresh
   * map's region; a region kept from the last layout keeps its colour even
   * when its id changes (src/core/cluster/follow.ts). Absent in maps saved
   * before colours were kept: then the id.
   */
  readonly colour?: number;
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
