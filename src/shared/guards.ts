// Runtime guards for the messages in ./protocol.ts. Both sides call them on
// everything they receive: the webview on what the host posts, the host on what
// the webview posts. A message that fails is dropped whole, never repaired.
//
// Message tops are checked strictly (no unknown keys), so a request cannot
// smuggle extra fields such as a path next to an id. Nested records (symbols,
// clusters, results) may carry extra fields, because MapSymbol and friends are
// a contract that grows by adding fields (DESIGN.md); only the checked fields
// are ever read.
import type { Cluster, MapSymbol, RankedSymbol, SymbolKind } from './types';
import type { AxisPoles, ColourBy, FromWebviewMessage, MapColumnsMessage, MapPayload, ToWebviewMessage } from './protocol';
import { KIND_CODES, type MapColumns, type TextColumn } from './columns';

/**
 * Length limits. Generous on purpose: issue 5 feeds the indexer 10,000-character
 * names, and an id is `file#container.name`, so an id can be several times that.
 * They exist to stop unbounded data, not to judge names.
 */
export const LIMITS = {
  /** ids, names, containers, files, labels. */
  text: 65_536,
  /** Comments (the webview shows only their first line). */
  comment: 262_144,
  /** Search query typed by the user. */
  query: 1_000,
  /** Status line text. */
  status: 4_096,
  /** Symbols in one map: issue 4 benchmarks 100k, leave room above that. */
  symbols: 2_000_000,
  /** Results in one reply (search, neighbours). */
  results: 10_000,
  /** Neighbours setting: how many to show. */
  neighbours: 1_000,
  /** Symbols in one lasso selection sent to the host (find similar, export). */
  selection: 100_000,
  /** A PNG of the map as a data URL: a 4k-wide view at 2× is well under this. */
  png: 64 << 20,
} as const;

const KINDS: ReadonlySet<string> = new Set<SymbolKind>([
  'function',
  'method',
  'class',
  'interface',
  'enum',
  'type',
  'struct',
  'trait',
  'module',
]);

const COLOUR_BY: ReadonlySet<string> = new Set<ColourBy>(['folder', 'kind', 'cluster']);
const STATUS_STATES: ReadonlySet<string> = new Set(['indexing', 'ready', 'error']);

type Rec = Record<string, unknown>;

function isRecord(x: unknown): x is Rec {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** True when `x` has exactly these own keys (order free). */
function hasExactKeys(x: Rec, keys: readonly string[]): boolean {
  const own = Object.keys(x);
  if (own.length !== keys.length) return false;
  for (const k of keys) if (!Object.prototype.hasOwnProperty.call(x, k)) return false;
  return true;
}

function isText(x: unknown, max: number, min = 0): x is string {
  return typeof x === 'string' && x.length >= min && x.length <= max;
}

function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

function isInt(x: unknown, min: number, max = Number.MAX_SAFE_INTEGER): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;
}

function isRequestId(x: unknown): x is number {
  return isInt(x, 0);
}

function isKind(x: unknown): x is SymbolKind {
  return typeof x === 'string' && KINDS.has(x);
}

export function isColourBy(x: unknown): x is ColourBy {
  return typeof x === 'string' && COLOUR_BY.has(x);
}

export function isMapSymbol(x: unknown): x is MapSymbol {
  if (!isRecord(x)) return false;
  return (
    isText(x.id, LIMITS.text, 1) &&
    isText(x.name, LIMITS.text) &&
    isKind(x.kind) &&
    isText(x.container, LIMITS.text) &&
    isText(x.file, LIMITS.text) &&
    isInt(x.line, 0) &&
    isInt(x.endLine, 0) &&
    isText(x.comment, LIMITS.comment) &&
    isFiniteNumber(x.x) &&
    isFiniteNumber(x.y) &&
    isInt(x.cluster, -1) &&
    isInt(x.region, -1)
  );
}

export function isCluster(x: unknown): x is Cluster {
  if (!isRecord(x)) return false;
  return (
    isInt(x.id, -1) &&
    isText(x.label, LIMITS.text) &&
    isInt(x.size, 0) &&
    isFiniteNumber(x.x) &&
    isFiniteNumber(x.y) &&
    isInt(x.level, 0) &&
    isInt(x.parent, -1) &&
    (x.colour === undefined || isInt(x.colour, 0))
  );
}

export function isRankedSymbol(x: unknown): x is RankedSymbol {
  if (!isRecord(x)) return false;
  return (
    isText(x.id, LIMITS.text, 1) &&
    isText(x.name, LIMITS.text) &&
    isKind(x.kind) &&
    isText(x.container, LIMITS.text) &&
    isText(x.file, LIMITS.text) &&
    isInt(x.line, 0) &&
    isFiniteNumber(x.score)
  );
}

function isArrayOf<T>(x: unknown, max: number, item: (v: unknown) => v is T): x is readonly T[] {
  if (!Array.isArray(x) || x.length > max) return false;
  for (let i = 0; i < x.length; i++) if (!item(x[i])) return false;
  return true;
}

function isMapPayload(x: unknown): x is MapPayload {
  if (!isRecord(x)) return false;
  const model = x.model;
  return (
    isText(x.root, LIMITS.text) &&
    isRecord(model) &&
    isText(model.id, LIMITS.text) &&
    isInt(model.dimensions, 0) &&
    isArrayOf(x.symbols, LIMITS.symbols, isMapSymbol) &&
    isArrayOf(x.clusters, LIMITS.symbols, isCluster) &&
    isArrayOf(x.regions, LIMITS.symbols, isCluster)
  );
}

/** A text column of `count` items, each at most `max` long and at least `min`. */
function isTextColumn(x: unknown, count: number, max: number, min = 0): x is TextColumn {
  if (!isRecord(x) || typeof x.text !== 'string' || !(x.ends instanceof Uint32Array) || x.ends.length !== count) return false;
  const ends = x.ends;
  let at = 0;
  for (let i = 0; i < count; i++) {
    const len = ends[i]! - at;
    if (len < min || len > max) return false;
    at = ends[i]!;
  }
  return at === x.text.length;
}

/** Every value below `size`. */
function isIndexColumn(x: unknown, count: number, size: number): x is Uint32Array {
  if (!(x instanceof Uint32Array) || x.length !== count) return false;
  for (let i = 0; i < count; i++) if (x[i]! >= size) return false;
  return true;
}

function isFiniteColumn(x: unknown, count: number): x is Float64Array {
  if (!(x instanceof Float64Array) || x.length !== count) return false;
  for (let i = 0; i < count; i++) if (!Number.isFinite(x[i])) return false;
  return true;
}

function isRegionColumn(x: unknown, count: number): x is Int32Array {
  if (!(x instanceof Int32Array) || x.length !== count) return false;
  for (let i = 0; i < count; i++) if (x[i]! < -1) return false;
  return true;
}

/** The columns of a big map: every column as long as the others and every value as isMapSymbol would accept it. */
export function isMapColumns(x: unknown): x is MapColumns {
  if (!isRecord(x) || !(x.kind instanceof Uint8Array)) return false;
  const n = x.kind.length;
  if (n > LIMITS.symbols) return false;
  for (let i = 0; i < n; i++) if (x.kind[i]! >= KIND_CODES.length) return false;
  const tableSize = (c: unknown): number => (isRecord(c) && c.ends instanceof Uint32Array ? c.ends.length : -1);
  const files = tableSize(x.files);
  const containers = tableSize(x.containers);
  return (
    isTextColumn(x.id, n, LIMITS.text, 1) &&
    isTextColumn(x.name, n, LIMITS.text) &&
    isTextColumn(x.comment, n, LIMITS.comment) &&
    isTextColumn(x.files, files, LIMITS.text) &&
    isTextColumn(x.containers, containers, LIMITS.text) &&
    isIndexColumn(x.file, n, files) &&
    isIndexColumn(x.container, n, containers) &&
    x.line instanceof Uint32Array &&
    x.line.length === n &&
    x.endLine instanceof Uint32Array &&
    x.endLine.length === n &&
    isFiniteColumn(x.x, n) &&
    isFiniteColumn(x.y, n) &&
    isRegionColumn(x.cluster, n) &&
    isRegionColumn(x.region, n)
  );
}

function isMapColumnsPayload(x: unknown): x is MapColumnsMessage['map'] {
  if (!isRecord(x)) return false;
  const model = x.model;
  return (
    hasExactKeys(x, ['root', 'model', 'columns', 'clusters', 'regions']) &&
    isText(x.root, LIMITS.text) &&
    isRecord(model) &&
    isText(model.id, LIMITS.text) &&
    isInt(model.dimensions, 0) &&
    isMapColumns(x.columns) &&
    isArrayOf(x.clusters, LIMITS.symbols, isCluster) &&
    isArrayOf(x.regions, LIMITS.symbols, isCluster)
  );
}

function isIdText(x: unknown): x is string {
  return isText(x, LIMITS.text, 1);
}

function isAxisPoles(x: unknown): x is AxisPoles {
  return isRecord(x) && hasExactKeys(x, ['from', 'to']) && isText(x.from, LIMITS.query, 1) && isText(x.to, LIMITS.query, 1);
}

function isNumberArray(x: unknown, max: number): x is readonly number[] {
  if (!Array.isArray(x) || x.length > max) return false;
  for (let i = 0; i < x.length; i++) if (!isFiniteNumber(x[i])) return false;
  return true;
}

function isLayoutArray(x: unknown): x is readonly number[] | Float32Array {
  if (!(Array.isArray(x) || x instanceof Float32Array) || x.length > LIMITS.symbols * 2 || x.length % 2 !== 0) return false;
  for (let i = 0; i < x.length; i++) if (!isFiniteNumber(x[i])) return false;
  return true;
}

/** Everything the host may post to the map webview. */
export function isToWebviewMessage(x: unknown): x is ToWebviewMessage {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'map':
      return hasExactKeys(x, ['type', 'map']) && isMapPayload(x.map);
    case 'mapColumns':
      return hasExactKeys(x, ['type', 'map']) && isMapColumnsPayload(x.map);
    case 'layout':
      return hasExactKeys(x, ['type', 'xy']) && isLayoutArray(x.xy);
    case 'update':
      return (
        hasExactKeys(x, ['type', 'upserted', 'removed']) &&
        isArrayOf(x.upserted, LIMITS.symbols, isMapSymbol) &&
        isArrayOf(x.removed, LIMITS.symbols, isIdText)
      );
    case 'status':
      return (
        hasExactKeys(x, ['type', 'state', 'message']) &&
        typeof x.state === 'string' &&
        STATUS_STATES.has(x.state) &&
        isText(x.message, LIMITS.status)
      );
    case 'neighbours':
      return (
        hasExactKeys(x, ['type', 'requestId', 'id', 'results']) &&
        isRequestId(x.requestId) &&
        isIdText(x.id) &&
        isArrayOf(x.results, LIMITS.results, isRankedSymbol)
      );
    case 'searchResults':
      return (
        hasExactKeys(x, ['type', 'requestId', 'query', 'results']) &&
        isRequestId(x.requestId) &&
        isText(x.query, LIMITS.query) &&
        isArrayOf(x.results, LIMITS.results, isRankedSymbol)
      );
    case 'reveal':
      return hasExactKeys(x, ['type', 'id']) && isIdText(x.id);
    case 'axes':
      return (
        hasExactKeys(x, ['type', 'requestId', 'ids', 'x', 'y', 'error']) &&
        isRequestId(x.requestId) &&
        isArrayOf(x.ids, LIMITS.symbols, isIdText) &&
        isNumberArray(x.x, LIMITS.symbols) &&
        isNumberArray(x.y, LIMITS.symbols) &&
        (x.x as unknown[]).length === (x.ids as unknown[]).length &&
        ((x.y as unknown[]).length === 0 || (x.y as unknown[]).length === (x.ids as unknown[]).length) &&
        isText(x.error, LIMITS.status)
      );
    case 'directions':
      return hasExactKeys(x, ['type', 'requestId', 'directions']) && isRequestId(x.requestId) && isArrayOf(x.directions, LIMITS.results, isAxisPoles);
    case 'settings':
      return (
        hasExactKeys(x, ['type', 'colourBy', 'neighbours']) &&
        isColourBy(x.colourBy) &&
        isInt(x.neighbours, 1, LIMITS.neighbours)
      );
    default:
      return false;
  }
}

/** Everything the map webview may post to the host. */
const SYMBOL_ACTIONS: ReadonlySet<string> = new Set(['findSimilar', 'revealInExplorer', 'copyName', 'copyLocation']);
const PNG_PREFIX = 'data:image/png;base64,';

export function isFromWebviewMessage(x: unknown): x is FromWebviewMessage {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'ready':
      return hasExactKeys(x, ['type']);
    case 'open':
      return hasExactKeys(x, ['type', 'id']) && isIdText(x.id);
    case 'neighbours':
      return hasExactKeys(x, ['type', 'requestId', 'id']) && isRequestId(x.requestId) && isIdText(x.id);
    case 'search':
      return hasExactKeys(x, ['type', 'requestId', 'query']) && isRequestId(x.requestId) && isText(x.query, LIMITS.query);
    case 'colourBy':
      return hasExactKeys(x, ['type', 'value']) && isColourBy(x.value);
    case 'cancel':
      return hasExactKeys(x, ['type', 'requestId']) && isRequestId(x.requestId);
    case 'similarToMany':
      return hasExactKeys(x, ['type', 'requestId', 'ids']) && isRequestId(x.requestId) && isArrayOf(x.ids, LIMITS.selection, isIdText) && (x.ids as unknown[]).length > 0;
    case 'action':
      return hasExactKeys(x, ['type', 'action', 'id']) && typeof x.action === 'string' && SYMBOL_ACTIONS.has(x.action) && isIdText(x.id);
    case 'exportSymbols':
      return hasExactKeys(x, ['type', 'ids']) && isArrayOf(x.ids, LIMITS.selection, isIdText) && (x.ids as unknown[]).length > 0;
    case 'axes':
      return hasExactKeys(x, ['type', 'requestId', 'x', 'y']) && isRequestId(x.requestId) && isAxisPoles(x.x) && (x.y === null || isAxisPoles(x.y));
    case 'directions':
      return hasExactKeys(x, ['type', 'requestId']) && isRequestId(x.requestId);
    case 'savePng':
      return hasExactKeys(x, ['type', 'dataUrl']) && typeof x.dataUrl === 'string' && x.dataUrl.length <= LIMITS.png && x.dataUrl.startsWith(PNG_PREFIX);
    default:
      return false;
  }
}
