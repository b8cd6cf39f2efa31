// What every part of the map page shares: the host connection, the DOM, the
// model and one state object. Each part (zoom, drawing, colours, pointer,
// search, messages, input) is a class in its own file that reads and writes
// this state and calls the others through the context, so no part holds a
// copy of another's state and the parts import only each other's types.
import type { Quadtree } from 'd3';
import type { RankedSymbol } from '../src/shared/types';
import type { RequestChannel } from '../src/shared/requests';
import type { ColourBy } from '../src/shared/protocol';
import type { AxesView } from './axes';
import type { Colouring } from './colour';
import type { Colours } from './colouring';
import type { Drawing } from './drawing';
import type { Bounds, Transform } from './geometry';
import type { HostMessages } from './hostMessages';
import type { MapModel } from './model';
import type { Pointer } from './pointer';
import type { RegionView } from './regions';
import type { Renderer, Scene } from './renderer';
import type { SearchBox } from './searchBox';
import type { SavedState } from './state';
import type { Theme } from './theme';
import type { Tools } from './tools';
import type { Panel } from './panel';
import type { LabelLayer, Legend, ResultsList, Tooltip } from './views';
import type { Host } from './vscode';
import type { ZoomView } from './zoomView';

/** The page's elements and the views built on them. */
export interface Elements {
  readonly stage: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  readonly searchInput: HTMLInputElement;
  readonly colourSelect: HTMLSelectElement;
  readonly fitButton: HTMLButtonElement;
  readonly statusEl: HTMLSpanElement;
  readonly summaryEl: HTMLSpanElement;
  readonly emptyEl: HTMLDivElement;
  readonly labelsEl: HTMLDivElement;
  readonly legendEl: HTMLDivElement;
  readonly renderer: Renderer;
  readonly tooltip: Tooltip;
  readonly labelLayer: LabelLayer;
  readonly legend: Legend;
  readonly results: ResultsList;
  readonly panel: Panel;
  readonly lassoCanvas: HTMLCanvasElement;
  readonly menu: HTMLUListElement;
  readonly keys: HTMLDivElement;
  readonly folderDepth: HTMLSelectElement;
  readonly kindFilter: HTMLSelectElement;
}

/** Everything that changes while the page runs. */
export interface ViewState {
  theme: Theme;
  colourBy: ColourBy;
  neighbourLimit: number;
  colouring: Colouring;
  /** Points per colour slot, in draw order. */
  groups: Scene['groups'];
  /** Colour per slot, "other" last; follows colourBy and the theme. */
  palette: string[];
  /** For hit-testing; built lazily after a map arrives. */
  tree: Quadtree<number> | null;
  regions: RegionView[];
  /** World bounds of all points, for sizing them by how many are in view. */
  dataBounds: Bounds | null;
  transform: Transform;
  hasMap: boolean;
  restoredView: boolean;
  /** The map came before the page had a size: fit once it has one. */
  fitWhenSized: boolean;
  /** Positions drawn: the model's, or in-between ones while a layout animates. */
  drawX: Float64Array;
  drawY: Float64Array;
  layoutAnimation: number;
  /** Bumped on every step of a layout animation (its arrays change in place). */
  positionsVersion: number;
  hovered: number;
  hoverPoint: [number, number] | null;
  selected: number;
  /** A selection made from the keyboard or by Reveal keeps its tooltip by the point. */
  pinSelection: boolean;
  /** Highlighted points (search results, a legend entry); everything else dims. */
  highlight: Set<number> | null;
  /** Legend entries picked: only their points are shown (empty: all). */
  legendSlots: Set<number>;
  /** Which points are drawn, hit and named: 1 for a symbol standing for itself and its copies that the legend picks and the kind filter let through. */
  shown: Uint8Array;
  /** Folder depth for colouring by folder: 0 picks one by itself (colour.ts folderDepth). */
  folderDepth: number;
  /** Only symbols of this kind are shown; '' for all. */
  kindFilter: string;
  /** Points in the area selected with the lasso. */
  area: number[];
  searchResults: RankedSymbol[];
  activeResult: number;
  /** Neighbours by symbol id, as the host ranked them. */
  readonly neighbourCache: Map<string, readonly RankedSymbol[]>;
  /** Symbol ids of the map before the latest `map` message, to carry the selection over. */
  previousIds: string[];
  /** The Axes view is shown (points along axes of meaning, not the map's layout): regions are not named. */
  axesShown: boolean;
}

export interface Context {
  readonly host: Host;
  readonly requests: RequestChannel;
  readonly saved: SavedState;
  readonly model: MapModel;
  readonly els: Elements;
  readonly state: ViewState;
  readonly view: ZoomView;
  readonly drawing: Drawing;
  readonly colours: Colours;
  readonly pointer: Pointer;
  readonly search: SearchBox;
  readonly messages: HostMessages;
  readonly tools: Tools;
  readonly axes: AxesView;
  /** Remembers the view, colouring, query and selection a moment after they change. */
  saveStateSoon(): void;
  setStatus(state: 'indexing' | 'ready' | 'error', message: string): void;
  /** Shows or hides the side panel (the map keeps its selection in view). */
  setPanelVisible(visible: boolean): void;
}
