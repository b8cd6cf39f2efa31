// Messages from the host: a whole map, an intermediate layout (animated to),
// an incremental update, status, settings and Reveal. Replies to the page's
// own requests go to the request channel (src/shared/requests.ts).
import { fromColumns } from '../src/shared/columns';
import type { ToWebviewMessage } from '../src/shared/protocol';
import type { Context } from './context';
import { glide } from './motion';

/** Length of the animation to a new intermediate layout. */
const LAYOUT_ANIMATION_MS = 450;

export class HostMessages {
  private lastStatus: { state: 'indexing' | 'ready' | 'error'; message: string } = { state: 'indexing', message: '' };

  constructor(private readonly ctx: Context) {}

  /** Checked messages from the host. */
  receive(m: ToWebviewMessage): void {
    const { state: s, model, pointer, colours, search } = this.ctx;
    // A new map, layout or update moves the points: the Axes view is left (without moving them back).
    if (m.type === 'map' || m.type === 'mapColumns' || m.type === 'layout' || m.type === 'update') this.ctx.axes.leave();
    switch (m.type) {
      case 'map':
      case 'mapColumns': {
        s.previousIds = model.symbols.map((x) => x.id);
        if (m.type === 'map') model.setMap(m.map);
        else {
          const { columns, ...rest } = m.map;
          model.setMap({ ...rest, symbols: fromColumns(columns) });
        }
        this.onMap();
        break;
      }
      case 'layout':
        this.onLayout(m.xy);
        break;
      case 'update': {
        const selectedId = s.selected >= 0 ? model.symbols[s.selected].id : undefined;
        const hoveredId = s.hovered >= 0 ? model.symbols[s.hovered].id : undefined;
        model.applyUpdate(m.upserted, m.removed);
        s.drawX = model.wx;
        s.drawY = model.wy;
        pointer.forgetNeighbours();
        s.selected = selectedId !== undefined ? (model.indexOf(selectedId) ?? -1) : -1;
        s.hovered = hoveredId !== undefined ? (model.indexOf(hoveredId) ?? -1) : -1;
        if (s.selected >= 0) pointer.askNeighbours(model.symbols[s.selected].id, 'select');
        // The selected symbol left the map (its file deleted): the panel no longer shows it.
        else if (selectedId !== undefined) pointer.showDetails();
        pointer.rebuildIndex();
        colours.recolour();
        if (s.searchResults.length > 0) s.highlight = search.highlight();
        search.showSummary();
        break;
      }
      case 'status':
        this.ctx.setStatus(m.state, m.message);
        break;
      case 'neighbours':
      case 'searchResults':
      case 'axes':
      case 'directions':
        if (!this.ctx.requests.receive(m)) return; // stale, cancelled or unasked-for
        break;
      case 'reveal':
        pointer.reveal(m.id);
        break;
      case 'settings':
        s.neighbourLimit = m.neighbours;
        if (m.colourBy !== s.colourBy) {
          s.colourBy = m.colourBy;
          colours.recolour();
        }
        break;
    }
  }

  private onMap(): void {
    const { state: s, model, pointer, colours, search, view, els, saved } = this.ctx;
    // Indices refer to the old map: keep what can be kept by id.
    const selectedId = s.selected >= 0 ? s.previousIds[s.selected] : undefined;
    s.hovered = -1;
    s.selected = selectedId !== undefined ? (model.indexOf(selectedId) ?? -1) : -1;
    s.highlight = search.highlight();
    s.legendSlots = new Set();
    s.area = [];
    this.ctx.els.panel.showArea([]);
    els.tooltip.hide();
    pointer.forgetNeighbours();
    if (s.selected >= 0) pointer.askNeighbours(model.symbols[s.selected].id, 'select');
    // The selected symbol is not on the new map (its folder removed from the workspace): the panel no longer shows it.
    else if (selectedId !== undefined) pointer.showDetails();
    s.drawX = model.wx;
    s.drawY = model.wy;
    pointer.rebuildIndex();
    colours.recolour();
    // An empty map (no index yet) does not count: the first real one is framed or restored.
    const first = !s.hasMap;
    s.hasMap = model.size > 0 || s.hasMap;
    search.showSummary();
    if (model.size === 0) return;
    if (saved.transform && !s.restoredView) {
      s.restoredView = true;
      view.setTransform(saved.transform, false);
      if (saved.selectedId) {
        const i = model.indexOf(saved.selectedId);
        if (i !== undefined) pointer.select(i, false);
      }
      if (saved.query) {
        els.searchInput.value = saved.query;
        // The restored query repeats without moving the restored view.
        search.run(false);
      }
    } else if (els.renderer.width > 0 && els.renderer.height > 0) {
      view.fitAll(!first);
    } else {
      s.fitWhenSized = true;
    }
  }

  private onLayout(xy: ArrayLike<number>): void {
    const { state: s, model, pointer, drawing } = this.ctx;
    const size = s.drawX.length;
    if (!model.applyLayout(xy)) {
      console.warn('Latent Map: dropped a layout whose length does not match the map');
      return;
    }
    if (size !== model.size) {
      s.drawX = model.wx;
      s.drawY = model.wy;
      pointer.rebuildIndex();
      drawing.requestRender();
      return;
    }
    glide(this.ctx, model.wx, model.wy, LAYOUT_ANIMATION_MS);
  }

  setStatus(state: 'indexing' | 'ready' | 'error', message: string): void {
    const { statusEl } = this.ctx.els;
    this.lastStatus = { state, message };
    statusEl.textContent = message;
    statusEl.className = `state-${state}`;
    this.showEmpty();
  }

  /** The empty-state text, while there is no map. */
  showEmpty(): void {
    const { model, els, state: s } = this.ctx;
    els.emptyEl.hidden = model.size > 0;
    if (model.size > 0) return;
    els.emptyEl.textContent = this.lastStatus.message || (s.hasMap ? 'No symbols on the map.' : 'Waiting for the map…');
    els.emptyEl.className = `empty state-${this.lastStatus.state}`;
  }
}
