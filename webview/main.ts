// The map page: wires the host messages, the model, the canvas renderer, d3
// zoom and the DOM views together. Everything that can be pure lives in its
// own module (colour, geometry, labels, state, model, text) and is unit-tested.
import { quadtree, select, zoom, zoomIdentity, type Quadtree, type ZoomBehavior, type ZoomTransform } from 'd3';
import type { RankedSymbol } from '../src/core/types';
import { isToWebviewMessage } from '../src/shared/guards';
import type { ColourBy, ToWebviewMessage } from '../src/shared/protocol';
import { adaptPalette, assignColours, basePalette, colourKey, folderDepth, type Colouring } from './colour';
import { byId } from './dom';
import { boundsOf, centreOn, fitTransform, pointRadius, visibleShare, WORLD, type Bounds, type Transform } from './geometry';
import { placeLabels, type LabelCandidate } from './labels';
import { NAME_MIN_ZOOM, NAME_POINTS_IN_VIEW, regionCandidates } from './regions';
import { MapModel } from './model';
import { Renderer, type Scene } from './renderer';
import { parseSavedState, type SavedState } from './state';
import { readTheme, watchTheme, type Theme } from './theme';
import { LabelLayer, Legend, ResultsList, Tooltip } from './views';
import { connectHost } from './vscode';

/** Delay before a typed query is sent: one request per pause, not per key. */
const SEARCH_DEBOUNCE_MS = 200;
/** Hover must rest this long before neighbours are asked for (moving across points asks nothing). */
const NEIGHBOURS_DELAY_MS = 90;
/** Hit radius around the cursor, CSS px: a 1 px point is still easy to hover. */
const HIT_RADIUS_PX = 6;
/** Length of the animation to a new intermediate layout. */
const LAYOUT_ANIMATION_MS = 450;
/** Users who ask the system for less motion get jumps instead of animations. */
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
const motion = (ms: number): number => (reducedMotion.matches ? 0 : ms);
const FIT_PADDING_PX = 36;
/** Most points named at once at close zoom, and the size of their names. */
const MAX_POINT_NAMES = 160;
const POINT_NAME_FONT_PX = 11;
const DEFAULT_NEIGHBOURS = 8;

const host = connectHost();
const saved: SavedState = parseSavedState(host.getState());

const stage = byId<HTMLDivElement>('stage');
const canvas = byId<HTMLCanvasElement>('canvas');
const searchInput = byId<HTMLInputElement>('search');
const colourSelect = byId<HTMLSelectElement>('colour-by');
const fitButton = byId<HTMLButtonElement>('fit');
const statusEl = byId<HTMLSpanElement>('status');
const summaryEl = byId<HTMLSpanElement>('summary');
const emptyEl = byId<HTMLDivElement>('empty');

const renderer = new Renderer(canvas, byId<HTMLCanvasElement>('overlay'));
const tooltip = new Tooltip(byId('tooltip'));
const labelsEl = byId<HTMLDivElement>('labels');
const labelLayer = new LabelLayer(labelsEl);
const legendEl = byId<HTMLDivElement>('legend');
const legend = new Legend(legendEl, toggleLegendSlot);
const results = new ResultsList(byId<HTMLUListElement>('results'), searchInput, (i) => openResult(i));

const model = new MapModel();
let theme: Theme = readTheme();
let colourBy: ColourBy = saved.colourBy ?? 'folder';
let neighbourLimit = DEFAULT_NEIGHBOURS;
let colouring: Colouring = assignColours([]);
let groups: Scene['groups'] = [];
/** Colour per slot, "other" last; follows colourBy and the theme. */
let palette: string[] = [];
let tree: Quadtree<number> | null = null;
let regions = model.regionViews();
/** World bounds of all points, for sizing them by how many are in view. */
let dataBounds: Bounds | null = null;
let transform: Transform = zoomIdentity;
let hasMap = false;
let restoredView = false;
/** The map came before the page had a size: fit once it has one. */
let fitWhenSized = false;

// Positions drawn: the model's, or in-between ones while a layout animates.
let drawX = model.wx;
let drawY = model.wy;
let layoutAnimation = 0;

let hovered = -1;
let hoverPoint: [number, number] | null = null;
let selected = -1;
let highlight: Set<number> | null = null;
let legendSlot: number | null = null;
let searchResults: RankedSymbol[] = [];
let activeResult = -1;

let nextRequestId = 1;
const pendingNeighbours = new Map<number, string>();
const neighbourCache = new Map<string, readonly RankedSymbol[]>();
let latestSearchId = 0;
let searchTimer = 0;
let neighboursTimer = 0;

// ---- view -----------------------------------------------------------------

/** Zoom at which the world square fits the smaller side of the view. */
function baseK(): number {
  return Math.max(1e-6, Math.min(renderer.width, renderer.height) / WORLD);
}

const zoomBehaviour: ZoomBehavior<HTMLDivElement, unknown> = zoom<HTMLDivElement, unknown>()
  .scaleExtent([0.05, 2000])
  // The view's size as last measured: d3's default reads clientWidth on every
  // event, which forced a layout per frame (seen in a CPU profile).
  .extent(() => [
    [0, 0],
    [renderer.width, renderer.height],
  ])
  .on('zoom', (e: { transform: ZoomTransform }) => {
    transform = e.transform;
    if (!pinned()) tooltip.hide();
    requestRender();
    saveStateSoon();
  });
const stageSel = select(stage);
stageSel.call(zoomBehaviour);

function updateScaleExtent(): void {
  const b = baseK();
  // From a quarter of the whole map to single points well apart at 100k symbols.
  zoomBehaviour.scaleExtent([b * 0.25, b * 1500]);
}

function setTransform(t: Transform, animate: boolean): void {
  const zt = zoomIdentity.translate(t.x, t.y).scale(t.k);
  if (animate && !reducedMotion.matches) stageSel.transition().duration(350).call(zoomBehaviour.transform, zt);
  else stageSel.call(zoomBehaviour.transform, zt);
}

function frame(b: Bounds | null, animate: boolean, maxZoom: number): void {
  if (!b) return;
  const legendWidth = legendEl.childElementCount > 0 ? legendEl.offsetWidth + 8 : 0;
  setTransform(fitTransform(b, renderer.width, renderer.height, FIT_PADDING_PX, baseK() * maxZoom, legendWidth), animate);
}

function fitAll(animate: boolean): void {
  frame(boundsOf(model.wx, model.wy), animate, 1.2);
}

// ---- drawing --------------------------------------------------------------

let renderQueued = false;
const bench = (globalThis as { __LATENT_MAP_BENCH__?: { frames: number[]; noFlush?: boolean; mapLoadMs?: number } })
  .__LATENT_MAP_BENCH__;

function requestRender(): void {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(render);
}

/** What the points canvas last showed: the points are stamped again only when one of these changed. */
const lastPoints: { inputs: unknown[] } = { inputs: [] };
/** Bumped on every step of a layout animation (its arrays change in place). */
let positionsVersion = 0;

function render(): void {
  renderQueued = false;
  const t0 = performance.now();
  const radius = pointRadius(model.points * visibleShare(dataBounds, transform, renderer.width, renderer.height));
  const scene: Scene = {
    wx: drawX,
    wy: drawY,
    groups,
    palette,
    theme,
    transform,
    radius,
    highlight,
    selected,
    neighbours: selectedNeighbourIndices(),
    hovered,
  };
  const inputs = [transform, groups, highlight, drawX, palette, theme, positionsVersion, renderer.sizeVersion];
  if (inputs.some((v, i) => v !== lastPoints.inputs[i])) {
    renderer.drawPoints(scene);
    lastPoints.inputs = inputs;
  }
  renderer.drawOverlay(scene);
  // The one test hook: how many points the last frame drew (the end-to-end
  // suite compares it with the number of indexed symbols).
  const drawn = String(renderer.drawn);
  if (canvas.dataset.drawn !== drawn) canvas.dataset.drawn = drawn;
  drawLabels();
  placePinnedTooltip();
  if (bench) {
    if (!bench.noFlush) renderer.flush();
    bench.frames.push(performance.now() - t0);
  }
}

/**
 * Names on the map, placed in order of importance so that none overlaps an
 * earlier one: the points the user asked about (selected, its neighbours,
 * search results), then regions at the level the zoom reveals
 * (regions.ts), then, when few points are in view, the points' own names.
 */
function drawLabels(): void {
  const { width, height } = renderer;
  const zoomRatio = transform.k / baseK();
  const maxLabels = Math.max(16, Math.min(80, Math.round(14 * zoomRatio)));
  const base = { width, height, measure: measureText };
  const pinned = placeLabels(pointCandidates(pinnedPoints(), 'pinned'), { ...base, fixedFont: POINT_NAME_FONT_PX + 1, maxLabels: 60, obstacles: legendBox() });
  // One region is no grouping at all: its name would only cover the middle of the map.
  const tops = regions.filter((r) => r.parent < 0);
  const named = tops.length > 1 || tops.some((r) => r.children.length > 0) ? regions : [];
  const areas = placeLabels(regionCandidates(named, transform), { ...base, maxLabels, obstacles: [...legendBox(), ...pinned] });
  let names: ReturnType<typeof placeLabels> = [];
  const inView = zoomRatio >= NAME_MIN_ZOOM ? pointsInView() : [];
  if (inView.length > 0 && inView.length <= NAME_POINTS_IN_VIEW) {
    names = placeLabels(pointCandidates(inView, 'name'), {
      ...base,
      fixedFont: POINT_NAME_FONT_PX,
      maxLabels: MAX_POINT_NAMES,
      obstacles: [...legendBox(), ...pinned, ...areas],
    });
  }
  labelLayer.show([...pinned, ...areas, ...names]);
  // Labels stay for orientation while a search or legend entry is highlighted, but step back.
  labelsEl.classList.toggle('dimmed', highlight !== null);
  labelsEl.dataset.regions = String(areas.length);
  labelsEl.dataset.names = String(names.length + pinned.length);
}

/** The selected point, its neighbours and the current search results. */
function pinnedPoints(): number[] {
  const out = new Set<number>();
  if (selected >= 0) out.add(model.rep[selected]);
  for (const i of selectedNeighbourIndices()) out.add(model.rep[i]);
  if (searchInput.value.trim() !== '') {
    for (const r of searchResults) {
      const i = model.indexOf(r.id);
      if (i !== undefined) out.add(model.rep[i]);
    }
  }
  return [...out];
}

/** Indices of the points on screen, or none once there are more than NAME_POINTS_IN_VIEW. */
function pointsInView(): number[] {
  const { k, x, y } = transform;
  const { width, height } = renderer;
  const out: number[] = [];
  for (let i = 0; i < drawX.length; i++) {
    if (model.rep[i] !== i) continue;
    const sx = x + k * drawX[i];
    const sy = y + k * drawY[i];
    if (sx < 0 || sy < 0 || sx > width || sy > height) continue;
    if (out.length === NAME_POINTS_IN_VIEW) return [];
    out.push(i);
  }
  return out;
}

/** Name labels for points: nearer the view's centre first, so the middle of the view is named before its edges. */
function pointCandidates(indices: readonly number[], style: 'pinned' | 'name'): LabelCandidate[] {
  const { k, x, y } = transform;
  const cx = renderer.width / 2;
  const cy = renderer.height / 2;
  return indices.map((i) => {
    const sx = x + k * drawX[i];
    const sy = y + k * drawY[i];
    return {
      id: i,
      text: model.symbols[i].name,
      x: sx,
      y: sy,
      weight: 1 / (1 + Math.hypot(sx - cx, sy - cy)),
      align: 'beside' as const,
      style,
    };
  });
}

/** The legend's box in stage coordinates (measured when the legend changes, not per frame). */
let legendRect: { left: number; top: number; width: number; height: number } | null = null;
function legendBox(): { left: number; top: number; width: number; height: number }[] {
  return legendRect ? [legendRect] : [];
}
function measureLegend(): void {
  if (legendEl.childElementCount === 0) {
    legendRect = null;
    return;
  }
  const l = legendEl.getBoundingClientRect();
  const s = stage.getBoundingClientRect();
  legendRect = { left: l.left - s.left, top: l.top - s.top, width: l.width, height: l.height };
}

const measureCtx = document.createElement('canvas').getContext('2d');
const measureCache = new Map<string, number>();
function measureText(text: string, size: number): number {
  const key = `${size}|${text}`;
  let w = measureCache.get(key);
  if (w === undefined) {
    if (measureCtx) {
      measureCtx.font = `600 ${size}px ${theme.fontFamily}`;
      w = measureCtx.measureText(text).width;
    } else {
      w = text.length * size * 0.6;
    }
    if (measureCache.size > 5000) measureCache.clear();
    measureCache.set(key, w);
  }
  return w;
}

function selectedNeighbourIndices(): number[] {
  if (selected < 0) return [];
  const n = neighbourCache.get(model.symbols[selected].id);
  if (!n) return [];
  const out: number[] = [];
  for (const r of n.slice(0, neighbourLimit)) {
    const i = model.indexOf(r.id);
    if (i !== undefined) out.push(i);
  }
  return out;
}

function recolour(): void {
  const depth = colourBy === 'folder' ? folderDepth(model.symbols.map((s) => s.file)) : 1;
  // Many symbols share a file: work out each file's folder key once.
  const byFile = new Map<string, string>();
  const keys = model.symbols.map((s) => {
    if (colourBy !== 'folder') return colourKey(s, colourBy, depth);
    let k = byFile.get(s.file);
    if (k === undefined) byFile.set(s.file, (k = colourKey(s, colourBy, depth)));
    return k;
  });
  const base = basePalette(colourBy);
  const other = base.length;
  const labelOf =
    colourBy === 'cluster' ? (k: string) => model.clusterLabel(Number(k)) : (k: string) => (k === '.' ? '(top level)' : k);
  colouring = assignColours(keys, labelOf, other);
  updatePalette();
  // Draw order: "other" first (quiet, underneath), then big groups, small groups on top.
  const bySlot: number[][] = Array.from({ length: other + 1 }, () => []);
  // A copy is drawn by its representative only (see MapModel.rep).
  const rep = model.rep;
  colouring.slots.forEach((slot, i) => {
    if (rep[i] === i) bySlot[slot].push(i);
  });
  groups = bySlot
    .map((indices, slot) => ({ slot, indices: Uint32Array.from(indices) }))
    .filter((g) => g.indices.length > 0)
    .sort((a, b) => (a.slot === other ? -1 : b.slot === other ? 1 : b.indices.length - a.indices.length));
  if (legendSlot !== null) {
    // A legend highlight names a colour that may no longer exist.
    legendSlot = null;
    highlight = searchHighlight();
  }
  showLegend();
  colourSelect.value = colourBy;
  requestRender();
}

function updatePalette(): void {
  palette = [...adaptPalette(basePalette(colourBy), theme.kind), theme.other];
}

function showLegend(): void {
  const title = colourBy === 'folder' ? 'Folder' : colourBy === 'kind' ? 'Kind' : 'Cluster';
  legend.show(colouring.legend, palette, legendSlot, title);
  measureLegend();
}

function toggleLegendSlot(slot: number): void {
  legendSlot = legendSlot === slot ? null : slot;
  if (legendSlot === null) {
    highlight = searchHighlight();
  } else {
    highlight = new Set();
    colouring.slots.forEach((s, i) => {
      if (s === slot) highlight!.add(i);
    });
  }
  showLegend();
  requestRender();
}

function rebuildIndex(): void {
  renderer.setPointCount(model.size);
  dataBounds = boundsOf(model.wx, model.wy);
  regions = model.regionViews();
  // The quadtree is only needed for hovering and clicking: build it after the
  // first frame is up (or on the first hover, whichever comes first), so a
  // big map appears without waiting for it.
  tree = null;
  window.clearTimeout(treeTimer);
  requestAnimationFrame(() => {
    window.clearTimeout(treeTimer);
    treeTimer = window.setTimeout(ensureTree, 0);
  });
}

let treeTimer = 0;
function ensureTree(): Quadtree<number> {
  if (!tree) {
    const wx = model.wx;
    const wy = model.wy;
    const all: number[] = [];
    for (let i = 0; i < model.size; i++) if (model.rep[i] === i) all.push(i);
    tree = quadtree<number>()
      .x((i) => wx[i])
      .y((i) => wy[i])
      .addAll(all);
  }
  return tree;
}

function showSummary(): void {
  const count = model.size > 0 ? `${model.size.toLocaleString('en-US')} symbols` : '';
  const matches = searchResults.length > 0 ? `${searchResults.length} matches · ` : '';
  summaryEl.textContent = count && matches + count;
  showEmpty();
}

/** With no points, the middle of the map says why: the latest status (indexing, error, not indexed). */
function showEmpty(): void {
  emptyEl.hidden = model.size > 0;
  if (model.size > 0) return;
  emptyEl.textContent = lastStatus.message || (hasMap ? 'No symbols on the map.' : 'Waiting for the map…');
  emptyEl.className = `empty state-${lastStatus.state}`;
}

// ---- hover, selection ------------------------------------------------------

function hitTest(px: number, py: number): number {
  if (model.size === 0) return -1;
  const { k, x, y } = transform;
  const found = ensureTree().find((px - x) / k, (py - y) / k, HIT_RADIUS_PX / k);
  return found === undefined ? -1 : found;
}

function onPointerMove(e: PointerEvent): void {
  const r = stage.getBoundingClientRect();
  hoverPoint = [e.clientX - r.left, e.clientY - r.top];
  if (e.buttons !== 0) return; // dragging pans; no hover work
  updateHover();
}

function updateHover(): void {
  if (!hoverPoint || layoutAnimation) return;
  const i = hitTest(hoverPoint[0], hoverPoint[1]);
  if (i !== hovered) {
    hovered = i;
    stage.classList.toggle('over-point', i >= 0);
    requestRender();
    window.clearTimeout(neighboursTimer);
    if (i >= 0) {
      const id = model.symbols[i].id;
      if (!neighbourCache.has(id)) neighboursTimer = window.setTimeout(() => askNeighbours(id), NEIGHBOURS_DELAY_MS);
    }
  }
  if (i < 0) {
    if (!pinned()) tooltip.hide();
  } else if (tooltipFor !== i || !tooltip.visible) showTooltip(i, hoverPoint);
  else tooltip.move(hoverPoint[0], hoverPoint[1], renderer.width, renderer.height);
}

/** The symbol whose details the tooltip holds. */
let tooltipFor = -1;
/**
 * A selection made from the keyboard (search results) or by Reveal in Map
 * keeps its tooltip next to the point, since there is no mouse to hover it.
 */
let pinSelection = false;
const pinned = (): boolean => pinSelection && selected >= 0;

function showTooltip(i: number, at: [number, number]): void {
  const s = model.symbols[i];
  tooltipFor = i;
  const copies = (model.copies.get(i) ?? []).map((j) => model.symbols[j]);
  tooltip.show(s, neighbourCache.get(s.id), neighbourLimit, at[0], at[1], renderer.width, renderer.height, copies);
}

/** Keeps the pinned tooltip on its point (called after each frame), unless the mouse is on another. */
function placePinnedTooltip(): void {
  if (!pinned() || hovered >= 0) return;
  const x = transform.x + transform.k * drawX[selected];
  const y = transform.y + transform.k * drawY[selected];
  if (x < 0 || y < 0 || x > renderer.width || y > renderer.height) {
    tooltip.hide();
    return;
  }
  if (tooltipFor !== selected || !tooltip.visible) showTooltip(selected, [x, y]);
  else tooltip.move(x, y, renderer.width, renderer.height);
}

function askNeighbours(id: string): void {
  for (const pendingId of pendingNeighbours.values()) if (pendingId === id) return;
  const requestId = nextRequestId++;
  pendingNeighbours.set(requestId, id);
  host.post({ type: 'neighbours', requestId, id });
}

function select_(i: number, open: boolean, pin = false): void {
  selected = i;
  pinSelection = pin;
  if (!pin && hovered < 0) tooltip.hide();
  if (i >= 0) {
    const id = model.symbols[i].id;
    if (!neighbourCache.has(id)) askNeighbours(id);
    if (open) host.post({ type: 'open', id });
  }
  requestRender();
  saveStateSoon();
}

function reveal(id: string): void {
  const found = model.indexOf(id);
  // A copy is shown by the point that stands for it (its tooltip lists every copy).
  const i = found === undefined ? undefined : model.rep[found];
  if (i === undefined) {
    setStatus('ready', 'That symbol is not on the map.');
    return;
  }
  select_(i, false, true);
  // Close enough to tell the symbol from its neighbours: deeper on crowded
  // maps (about √n / 10 times the whole-map zoom, between 1.5× and 12×),
  // and never zooming out if the user is already closer.
  const k = Math.max(transform.k, baseK() * Math.min(12, Math.max(1.5, Math.sqrt(model.size) / 10)));
  setTransform(centreOn(model.wx[i], model.wy[i], k, renderer.width, renderer.height), true);
}

// ---- search ---------------------------------------------------------------

function searchHighlight(): Set<number> | null {
  if (searchResults.length === 0 || searchInput.value.trim() === '') return null;
  const s = new Set<number>();
  for (const r of searchResults) {
    const i = model.indexOf(r.id);
    if (i !== undefined) s.add(model.rep[i]);
  }
  return s;
}

function runSearch(): void {
  const query = searchInput.value.trim();
  saveStateSoon();
  if (query === '') {
    clearSearch(false);
    return;
  }
  latestSearchId = nextRequestId++;
  host.post({ type: 'search', requestId: latestSearchId, query: query.slice(0, 1000) });
}

function onSearchResults(m: Extract<ToWebviewMessage, { type: 'searchResults' }>, frameMatches: boolean): void {
  if (m.requestId !== latestSearchId) return; // an older query's answer
  searchResults = m.results.filter((r) => model.indexOf(r.id) !== undefined);
  activeResult = -1;
  legendSlot = null;
  highlight = searchHighlight() ?? new Set();
  results.show(searchResults, m.query);
  showLegend();
  showSummary();
  if (frameMatches && highlight.size > 0) frame(boundsOf(model.wx, model.wy, highlight), true, 8);
  requestRender();
}

function clearSearch(clearInput: boolean): void {
  window.clearTimeout(searchTimer);
  latestSearchId = 0;
  if (clearInput) searchInput.value = '';
  searchResults = [];
  activeResult = -1;
  results.hide();
  showSummary();
  if (legendSlot === null) highlight = null;
  requestRender();
  saveStateSoon();
}

function moveActive(delta: number): void {
  if (searchResults.length === 0) return;
  activeResult = (activeResult + delta + searchResults.length) % searchResults.length;
  results.setActive(activeResult);
  const i = model.indexOf(searchResults[activeResult].id);
  if (i !== undefined) select_(i, false, true);
}

function openResult(index: number): void {
  const r = searchResults[index];
  if (!r) return;
  activeResult = index;
  results.setActive(index);
  const i = model.indexOf(r.id);
  if (i !== undefined) select_(i, true, true);
}

// ---- status and state -----------------------------------------------------

let lastStatus: { state: 'indexing' | 'ready' | 'error'; message: string } = { state: 'indexing', message: '' };
function setStatus(state: 'indexing' | 'ready' | 'error', message: string): void {
  lastStatus = { state, message };
  statusEl.textContent = message;
  statusEl.className = `state-${state}`;
  showEmpty();
}

let saveTimer = 0;
function saveStateSoon(): void {
  window.clearTimeout(saveTimer);
  saveTimer = window.setTimeout(() => {
    host.setState({
      transform: { k: transform.k, x: transform.x, y: transform.y },
      colourBy,
      query: searchInput.value,
      selectedId: selected >= 0 ? model.symbols[selected]?.id : undefined,
    });
  }, 250);
}

// ---- messages -------------------------------------------------------------

function onMap(): void {
  // Indices refer to the old map: keep what can be kept by id.
  const selectedId = selected >= 0 ? previousIds[selected] : undefined;
  hovered = -1;
  selected = selectedId !== undefined ? (model.indexOf(selectedId) ?? -1) : -1;
  highlight = searchHighlight();
  legendSlot = null;
  tooltip.hide();
  neighbourCache.clear();
  pendingNeighbours.clear();
  if (selected >= 0) askNeighbours(model.symbols[selected].id);
  drawX = model.wx;
  drawY = model.wy;
  rebuildIndex();
  recolour();
  // An empty map (no index yet) does not count: the first real one is framed or restored.
  const first = !hasMap;
  hasMap = model.size > 0 || hasMap;
  showSummary();
  if (model.size === 0) return;
  if (saved.transform && !restoredView) {
    restoredView = true;
    setTransform(saved.transform, false);
    if (saved.selectedId) {
      const i = model.indexOf(saved.selectedId);
      if (i !== undefined) select_(i, false);
    }
    if (saved.query) {
      searchInput.value = saved.query;
      runSearchQuiet();
    }
  } else if (renderer.width > 0 && renderer.height > 0) {
    fitAll(!first);
  } else {
    fitWhenSized = true;
  }
}

/** Symbol ids of the map before the latest `map` message, to carry the selection over. */
let previousIds: string[] = [];

/** Repeats the restored query without moving the restored view. */
let quietSearchId = 0;
function runSearchQuiet(): void {
  runSearch();
  quietSearchId = latestSearchId;
}

function onLayout(xy: readonly number[]): void {
  const fromX = Float64Array.from(drawX);
  const fromY = Float64Array.from(drawY);
  if (!model.applyLayout(xy)) {
    console.warn('Latent Map: dropped a layout whose length does not match the map');
    return;
  }
  if (fromX.length !== model.size) {
    drawX = model.wx;
    drawY = model.wy;
    rebuildIndex();
    requestRender();
    return;
  }
  const toX = model.wx;
  const toY = model.wy;
  const curX = new Float64Array(model.size);
  const curY = new Float64Array(model.size);
  drawX = curX;
  drawY = curY;
  const start = performance.now();
  cancelAnimationFrame(layoutAnimation);
  tooltip.hide();
  const step = (now: number): void => {
    const t = Math.min(1, (now - start) / Math.max(1, motion(LAYOUT_ANIMATION_MS)));
    const e = t * t * (3 - 2 * t); // smoothstep: eases in and out
    for (let i = 0; i < curX.length; i++) {
      curX[i] = fromX[i] + (toX[i] - fromX[i]) * e;
      curY[i] = fromY[i] + (toY[i] - fromY[i]) * e;
    }
    positionsVersion++;
    requestRender();
    if (t < 1) {
      layoutAnimation = requestAnimationFrame(step);
    } else {
      layoutAnimation = 0;
      drawX = model.wx;
      drawY = model.wy;
      rebuildIndex();
      requestRender();
    }
  };
  layoutAnimation = requestAnimationFrame(step);
}

function onMessage(m: ToWebviewMessage): void {
  switch (m.type) {
    case 'map':
      previousIds = model.symbols.map((s) => s.id);
      model.setMap(m.map);
      onMap();
      break;
    case 'layout':
      onLayout(m.xy);
      break;
    case 'update': {
      const selectedId = selected >= 0 ? model.symbols[selected].id : undefined;
      const hoveredId = hovered >= 0 ? model.symbols[hovered].id : undefined;
      model.applyUpdate(m.upserted, m.removed);
      drawX = model.wx;
      drawY = model.wy;
      neighbourCache.clear();
      selected = selectedId !== undefined ? (model.indexOf(selectedId) ?? -1) : -1;
      hovered = hoveredId !== undefined ? (model.indexOf(hoveredId) ?? -1) : -1;
      if (selected >= 0) askNeighbours(model.symbols[selected].id);
      rebuildIndex();
      recolour();
      if (searchResults.length > 0) highlight = searchHighlight();
      showSummary();
      break;
    }
    case 'status':
      setStatus(m.state, m.message);
      break;
    case 'neighbours': {
      const asked = pendingNeighbours.get(m.requestId);
      if (asked === undefined || asked !== m.id) return; // stale or unasked-for
      pendingNeighbours.delete(m.requestId);
      neighbourCache.set(m.id, m.results.filter((r) => r.id !== m.id));
      if (hovered >= 0 && model.symbols[hovered].id === m.id && hoverPoint) showTooltip(hovered, hoverPoint);
      if (pinned() && hovered < 0 && model.symbols[selected].id === m.id) tooltipFor = -1; // rebuilt on the next frame
      requestRender();
      break;
    }
    case 'searchResults':
      onSearchResults(m, m.requestId !== quietSearchId);
      break;
    case 'reveal':
      reveal(m.id);
      break;
    case 'settings':
      neighbourLimit = m.neighbours;
      if (m.colourBy !== colourBy) {
        colourBy = m.colourBy;
        recolour();
      }
      break;
  }
}

window.addEventListener('message', (e: MessageEvent) => {
  const t0 = performance.now();
  // Read `data` once: each read of a MessageEvent's data can deserialise the
  // whole payload again (a 100k-symbol map cost seconds before this).
  const data: unknown = e.data;
  if (!isToWebviewMessage(data)) {
    console.warn('Latent Map: dropped a malformed message');
    return;
  }
  onMessage(data);
  if (bench && data.type === 'map') bench.mapLoadMs = performance.now() - t0;
});

// ---- input ----------------------------------------------------------------

stage.addEventListener('pointermove', onPointerMove);
stage.addEventListener('pointerleave', () => {
  hoverPoint = null;
  if (hovered >= 0) {
    hovered = -1;
    requestRender();
  }
  if (!pinned()) tooltip.hide();
});
stage.addEventListener('click', (e) => {
  const r = stage.getBoundingClientRect();
  const i = hitTest(e.clientX - r.left, e.clientY - r.top);
  if (i >= 0) select_(i, true);
  else if (selected >= 0) select_(-1, false);
});
// Double-click zooms (d3-zoom), unless it lands on a point: that click opened it.
zoomBehaviour.filter((e: Event) => {
  if (e.type === 'dblclick') {
    const me = e as MouseEvent;
    const r = stage.getBoundingClientRect();
    if (hitTest(me.clientX - r.left, me.clientY - r.top) >= 0) return false;
  }
  const m = e as MouseEvent;
  return (!m.ctrlKey || e.type === 'wheel') && !m.button;
});

stage.addEventListener('keydown', (e) => {
  const pan = 80;
  const { k } = transform;
  switch (e.key) {
    case '+':
    case '=':
      stageSel.transition().duration(motion(150)).call(zoomBehaviour.scaleBy, 1.5);
      break;
    case '-':
    case '_':
      stageSel.transition().duration(motion(150)).call(zoomBehaviour.scaleBy, 1 / 1.5);
      break;
    case 'ArrowLeft':
      stageSel.call(zoomBehaviour.translateBy, pan / k, 0);
      break;
    case 'ArrowRight':
      stageSel.call(zoomBehaviour.translateBy, -pan / k, 0);
      break;
    case 'ArrowUp':
      stageSel.call(zoomBehaviour.translateBy, 0, pan / k);
      break;
    case 'ArrowDown':
      stageSel.call(zoomBehaviour.translateBy, 0, -pan / k);
      break;
    case '0':
      fitAll(true);
      break;
    case 'Enter':
      if (selected >= 0) host.post({ type: 'open', id: model.symbols[selected].id });
      break;
    case 'Escape':
      if (selected >= 0) select_(-1, false);
      else if (legendSlot !== null) toggleLegendSlot(legendSlot);
      else if (highlight) clearSearch(true);
      break;
    default:
      return;
  }
  e.preventDefault();
});

document.addEventListener('keydown', (e) => {
  const inField = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
  if ((e.key === '/' && !inField) || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f')) {
    e.preventDefault();
    searchInput.focus();
    searchInput.select();
  }
});

searchInput.addEventListener('input', () => {
  window.clearTimeout(searchTimer);
  searchTimer = window.setTimeout(runSearch, SEARCH_DEBOUNCE_MS);
});
searchInput.addEventListener('keydown', (e) => {
  switch (e.key) {
    case 'ArrowDown':
      moveActive(1);
      break;
    case 'ArrowUp':
      moveActive(-1);
      break;
    case 'Enter':
      window.clearTimeout(searchTimer);
      if (searchResults.length > 0) openResult(Math.max(0, activeResult));
      else runSearch();
      break;
    case 'Escape':
      if (searchInput.value === '' && !highlight) stage.focus();
      clearSearch(true);
      break;
    default:
      return;
  }
  e.preventDefault();
});

colourSelect.value = colourBy;
colourSelect.addEventListener('change', () => {
  const v = colourSelect.value;
  if (v !== 'folder' && v !== 'kind' && v !== 'cluster') return;
  colourBy = v;
  host.post({ type: 'colourBy', value: v });
  recolour();
  saveStateSoon();
});

fitButton.addEventListener('click', () => fitAll(true));

watchTheme(() => {
  theme = readTheme();
  updatePalette();
  measureCache.clear();
  showLegend();
  requestRender();
});

function resize(): void {
  const r = stage.getBoundingClientRect();
  renderer.resize(r.width, r.height, window.devicePixelRatio || 1);
  measureLegend();
  updateScaleExtent();
  if (fitWhenSized && r.width > 0 && r.height > 0) {
    fitWhenSized = false;
    fitAll(false);
  }
  requestRender();
}
new ResizeObserver(resize).observe(stage);
resize();
setStatus('indexing', '');

if (bench) {
  Object.assign(bench, {
    hitTest,
    setTransform: (t: Transform) => setTransform(t, false),
    renderNow: () => render(),
    size: () => model.size,
  });
}

host.post({ type: 'ready' });
