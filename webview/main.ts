// The map page: builds the shared context (context.ts) and its parts, and
// connects them to the host. Each part lives in its own file: zoom
// (zoomView), drawing (drawing), colours and legend (colouring), pointer and
// selection (pointer), search (searchBox), host messages (hostMessages) and
// input (input); what can be pure (colour, geometry, labels, regions, state,
// model, text) is unit-tested on its own.
import { zoomIdentity } from 'd3';
import { isToWebviewMessage } from '../src/shared/guards';
import { RequestChannel } from '../src/shared/requests';
import { AxesView } from './axes';
import { assignColours } from './colour';
import { Colours } from './colouring';
import type { Context, Elements, ViewState } from './context';
import { byId } from './dom';
import { bench, Drawing } from './drawing';
import type { Transform } from './geometry';
import { HostMessages } from './hostMessages';
import { wireInput } from './input';
import { MapModel } from './model';
import { Pointer } from './pointer';
import { Renderer } from './renderer';
import { SearchBox } from './searchBox';
import { parseSavedState } from './state';
import { readTheme } from './theme';
import { Panel } from './panel';
import { LabelLayer, Legend, ResultsList, Tooltip } from './views';
import { Tools } from './tools';
import { connectHost } from './vscode';
import { ZoomView } from './zoomView';

const DEFAULT_NEIGHBOURS = 8;

const host = connectHost();
const saved = parseSavedState(host.getState());
const model = new MapModel();

const searchInput = byId<HTMLInputElement>('search');
const labelsEl = byId<HTMLDivElement>('labels');
const legendEl = byId<HTMLDivElement>('legend');
const canvas = byId<HTMLCanvasElement>('canvas');
// The legend and results lists call back into parts that exist once the context is whole.
const els: Elements = {
  stage: byId<HTMLDivElement>('stage'),
  canvas,
  searchInput,
  colourSelect: byId<HTMLSelectElement>('colour-by'),
  fitButton: byId<HTMLButtonElement>('fit'),
  statusEl: byId<HTMLSpanElement>('status'),
  summaryEl: byId<HTMLSpanElement>('summary'),
  emptyEl: byId<HTMLDivElement>('empty'),
  labelsEl,
  legendEl,
  renderer: new Renderer(canvas, byId<HTMLCanvasElement>('overlay')),
  tooltip: new Tooltip(byId('tooltip')),
  labelLayer: new LabelLayer(labelsEl),
  legend: new Legend(legendEl, (slot) => ctx.colours.toggleLegendSlot(slot)),
  results: new ResultsList(byId<HTMLUListElement>('results'), searchInput, (i) => ctx.search.openResult(i)),
  panel: new Panel(byId('panel'), byId('details'), byId('selection'), byId('panel-hint'), byId('results'), {
    pick: (id) => ctx.pointer.pickById(id),
    open: (id) => host.post({ type: 'open', id }),
    act: (action, id) => host.post({ type: 'action', action, id }),
    similarToSelection: (ids) => ctx.search.similarTo(ids),
    exportSelection: (ids) => host.post({ type: 'exportSymbols', ids }),
    clearSelection: () => ctx.pointer.setArea([]),
    symbol: (id) => {
      const i = model.indexOf(id);
      return i === undefined ? undefined : model.symbols[i];
    },
  }),
  lassoCanvas: byId<HTMLCanvasElement>('lasso'),
  menu: byId<HTMLUListElement>('menu'),
  keys: byId<HTMLDivElement>('keys'),
  folderDepth: byId<HTMLSelectElement>('folder-depth'),
  kindFilter: byId<HTMLSelectElement>('kind-filter'),
};

const state: ViewState = {
  theme: readTheme(),
  colourBy: saved.colourBy ?? 'folder',
  neighbourLimit: DEFAULT_NEIGHBOURS,
  colouring: assignColours([]),
  groups: [],
  palette: [],
  tree: null,
  regions: [],
  dataBounds: null,
  transform: zoomIdentity,
  hasMap: false,
  restoredView: false,
  fitWhenSized: false,
  drawX: model.wx,
  drawY: model.wy,
  layoutAnimation: 0,
  positionsVersion: 0,
  hovered: -1,
  hoverPoint: null,
  selected: -1,
  pinSelection: false,
  highlight: null,
  legendSlots: new Set(),
  shown: new Uint8Array(0),
  folderDepth: 0,
  kindFilter: '',
  area: [],
  searchResults: [],
  activeResult: -1,
  neighbourCache: new Map(),
  previousIds: [],
  axesShown: false,
};

let saveTimer = 0;
// The parts are made once the context exists (each keeps it); until then they are unset, and nothing calls them.
const ctx = {
  host,
  requests: new RequestChannel((m) => host.post(m)),
  saved,
  model,
  els,
  state,
  saveStateSoon() {
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(() => {
      host.setState({
        transform: { k: state.transform.k, x: state.transform.x, y: state.transform.y },
        colourBy: state.colourBy,
        query: searchInput.value,
        selectedId: state.selected >= 0 ? model.symbols[state.selected]?.id : undefined,
      });
    }, 250);
  },
  setStatus: (s, message) => ctx.messages.setStatus(s, message),
  setPanelVisible(visible) {
    els.panel.setVisible(visible);
    byId('panel-toggle').setAttribute('aria-expanded', String(visible));
  },
} as Context;
Object.assign(ctx, { drawing: new Drawing(ctx), colours: new Colours(ctx), pointer: new Pointer(ctx), search: new SearchBox(ctx), messages: new HostMessages(ctx) });
Object.assign(ctx, { view: new ZoomView(ctx), tools: new Tools(ctx) });
Object.assign(ctx, { axes: new AxesView(ctx) });

window.addEventListener('message', (e: MessageEvent) => {
  const t0 = performance.now();
  // Read `data` once: each read of a MessageEvent's data can deserialise the
  // whole payload again (a 100k-symbol map cost seconds before this).
  const data: unknown = e.data;
  if (!isToWebviewMessage(data)) {
    console.warn('Latent Map: dropped a malformed message');
    return;
  }
  if (bench && (data.type === 'map' || data.type === 'mapColumns')) {
    bench.mapAt = t0;
    bench.firstDrawMs = undefined;
  }
  ctx.messages.receive(data);
  if (bench && (data.type === 'map' || data.type === 'mapColumns')) bench.mapLoadMs = performance.now() - t0;
});

wireInput(ctx);
ctx.setStatus('indexing', '');

if (bench) {
  Object.assign(bench, {
    hitTest: (x: number, y: number) => ctx.pointer.hitTest(x, y),
    setTransform: (t: Transform) => ctx.view.setTransform(t, false),
    zoomBy: (f: number) => ctx.view.setTransform({ k: state.transform.k * f, x: els.renderer.width / 2 - (els.renderer.width / 2 - state.transform.x) * f, y: els.renderer.height / 2 - (els.renderer.height / 2 - state.transform.y) * f }, false),
    renderNow: () => ctx.drawing.render(),
    size: () => model.size,
  });
}

host.post({ type: 'ready' });
