// The messages between the extension host and the map webview: one union per
// direction, every message readonly and tagged by `type`. Neither side trusts
// the other: each checks what it receives with the guards in ./guards.ts.
import type { MapColumns } from './columns';
import type { Cluster, MapSymbol, RankedSymbol } from './types';

export type ColourBy = 'folder' | 'kind' | 'cluster';

export interface MapPayload {
  readonly root: string;
  readonly model: { readonly id: string; readonly dimensions: number };
  readonly symbols: readonly MapSymbol[];
  /** The top level of regions. */
  readonly clusters: readonly Cluster[];
  /** Every level of regions, the top level first (see MapJson.regions). */
  readonly regions: readonly Cluster[];
}

// ---- host → webview -------------------------------------------------------

/** The whole map (first load, rebuild). */
export interface MapMessage {
  readonly type: 'map';
  readonly map: MapPayload;
}

/** The whole map as columns (src/shared/columns.ts): what the host sends for a big map instead of MapMessage. */
export interface MapColumnsMessage {
  readonly type: 'mapColumns';
  readonly map: Omit<MapPayload, 'symbols'> & { readonly columns: MapColumns };
}

/**
 * An intermediate layout while the projection refines: x,y per symbol in map
 * order. The host sends a Float32Array (the projection's own numbers; VS Code
 * passes it as a binary buffer, where a million symbols' two million numbers
 * as a JSON list would be tens of megabytes of text); a plain list is accepted too.
 */
export interface LayoutMessage {
  readonly type: 'layout';
  readonly xy: readonly number[] | Float32Array;
}

/** Symbols added/changed or removed by an incremental update. */
export interface UpdateMessage {
  readonly type: 'update';
  readonly upserted: readonly MapSymbol[];
  readonly removed: readonly string[];
}

export interface StatusMessage {
  readonly type: 'status';
  readonly state: 'indexing' | 'ready' | 'error';
  readonly message: string;
}

/** Reply to a NeighboursRequest. */
export interface NeighboursMessage {
  readonly type: 'neighbours';
  readonly requestId: number;
  readonly id: string;
  readonly results: readonly RankedSymbol[];
}

/** Reply to a SearchRequest. */
export interface SearchResultsMessage {
  readonly type: 'searchResults';
  readonly requestId: number;
  readonly query: string;
  readonly results: readonly RankedSymbol[];
}

/** Centre and select a symbol (Reveal in Map). */
export interface RevealMessage {
  readonly type: 'reveal';
  readonly id: string;
}

export interface SettingsMessage {
  readonly type: 'settings';
  readonly colourBy: ColourBy;
  readonly neighbours: number;
}

/** The two ends of a semantic axis, each a symbol name or free text. */
export interface AxisPoles {
  readonly from: string;
  readonly to: string;
}

/** Reply to an AxesRequest: every symbol's coordinate on each axis (0 halfway between the poles), or why there are none. */
export interface AxesMessage {
  readonly type: 'axes';
  readonly requestId: number;
  readonly ids: readonly string[];
  readonly x: readonly number[];
  /** Coordinates on the y axis; empty when none was asked for (the map's y is kept). */
  readonly y: readonly number[];
  /** Why the axes could not be computed ('' when they were). */
  readonly error: string;
}

/** Reply to a DirectionsRequest: directions found in the workspace, strongest first, each named by words at its two ends. */
export interface DirectionsMessage {
  readonly type: 'directions';
  readonly requestId: number;
  readonly directions: readonly AxisPoles[];
}

export type ToWebviewMessage =
  | MapMessage
  | MapColumnsMessage
  | AxesMessage
  | DirectionsMessage
  | LayoutMessage
  | UpdateMessage
  | StatusMessage
  | NeighboursMessage
  | SearchResultsMessage
  | RevealMessage
  | SettingsMessage;

// ---- webview → host -------------------------------------------------------

export interface ReadyMessage {
  readonly type: 'ready';
}

/** Open a symbol in the editor. Names the symbol by id only; the host resolves it. */
export interface OpenRequest {
  readonly type: 'open';
  readonly id: string;
}

export interface NeighboursRequest {
  readonly type: 'neighbours';
  readonly requestId: number;
  readonly id: string;
}

export interface SearchRequest {
  readonly type: 'search';
  readonly requestId: number;
  readonly query: string;
}

/** The user picked another colouring in the map; the host stores it. */
export interface ColourByRequest {
  readonly type: 'colourBy';
  readonly value: ColourBy;
}

/** Symbols nearest the selection taken as a whole (the mean of their vectors), its own members left out. */
export interface SimilarToManyRequest {
  readonly type: 'similarToMany';
  readonly requestId: number;
  readonly ids: readonly string[];
}

/** What the map's context menu and selection panel ask the host to do with one symbol. */
export type SymbolAction = 'findSimilar' | 'revealInExplorer' | 'copyName' | 'copyLocation';

export interface SymbolActionRequest {
  readonly type: 'action';
  readonly action: SymbolAction;
  readonly id: string;
}

/** Save the named symbols (a lasso selection) as JSON, where the user picks. */
export interface ExportSymbolsRequest {
  readonly type: 'exportSymbols';
  readonly ids: readonly string[];
}

/** Save a picture of the map: a PNG as a data URL, where the user picks. */
export interface SavePngRequest {
  readonly type: 'savePng';
  readonly dataUrl: string;
}

/** The page no longer wants the reply to request `requestId` (a newer query or hover superseded it): the host may stop. */
export interface CancelRequest {
  readonly type: 'cancel';
  readonly requestId: number;
}

/** Every symbol's place on an x axis (and optionally a y axis) between two poles. */
export interface AxesRequest {
  readonly type: 'axes';
  readonly requestId: number;
  readonly x: AxisPoles;
  /** null: keep the map's y. */
  readonly y: AxisPoles | null;
}

/** Directions worth offering as axes, found in the workspace itself. */
export interface DirectionsRequest {
  readonly type: 'directions';
  readonly requestId: number;
}

export type FromWebviewMessage =
  | ReadyMessage
  | AxesRequest
  | DirectionsRequest
  | OpenRequest
  | NeighboursRequest
  | SearchRequest
  | SimilarToManyRequest
  | ColourByRequest
  | SymbolActionRequest
  | ExportSymbolsRequest
  | SavePngRequest
  | CancelRequest;
