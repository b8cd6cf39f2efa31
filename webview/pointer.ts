// The pointer on the map: hit-testing, hover and its tooltip, selection, and
// asking the host for a symbol's neighbours (one request at a time: moving
// on to another point cancels the last one, on the host too).
import { quadtree, type Quadtree } from 'd3';
import { Latest, RequestCancelled } from '../src/shared/requests';
import type { Context } from './context';
import { boundsOf } from './geometry';

/** Hover must rest this long before neighbours are asked for (moving across points asks nothing). */
const NEIGHBOURS_DELAY_MS = 90;
/** Hit radius around the cursor, CSS px: a 1 px point is still easy to hover. */
const HIT_RADIUS_PX = 6;

export class Pointer {
  /** The symbol whose details the tooltip holds. */
  private tooltipFor = -1;
  private neighboursTimer = 0;
  private treeTimer = 0;
  /** One question in flight for the hovered point and one for the selected one: moving on cancels only the hover's. */
  private readonly asking = { hover: new Latest(), select: new Latest() };
  /** The symbol ids whose neighbours are being asked for. */
  private readonly askingFor: { hover?: string; select?: string } = {};

  constructor(private readonly ctx: Context) {}

  pinned(): boolean {
    return this.ctx.state.pinSelection && this.ctx.state.selected >= 0;
  }

  /** After a new map or layout: new bounds, and a hit-test tree built once the first frame is up. */
  rebuildIndex(): void {
    const { state: s, model, els } = this.ctx;
    els.renderer.setPointCount(model.size);
    // The positions drawn: the map's, or an Axes view's.
    s.dataBounds = boundsOf(s.drawX, s.drawY);
    s.regions = model.regionViews();
    // The quadtree is only needed for hovering and clicking: build it after the
    // first frame is up (or on the first hover, whichever comes first), so a
    // big map appears without waiting for it.
    s.tree = null;
    window.clearTimeout(this.treeTimer);
    requestAnimationFrame(() => {
      window.clearTimeout(this.treeTimer);
      this.treeTimer = window.setTimeout(() => this.ensureTree(), 0);
    });
  }

  private ensureTree(): Quadtree<number> {
    const { state: s, model } = this.ctx;
    if (!s.tree) {
      const wx = s.drawX;
      const wy = s.drawY;
      const all: number[] = [];
      for (let i = 0; i < model.size; i++) if (s.shown[i]) all.push(i);
      s.tree = quadtree<number>()
        .x((i) => wx[i])
        .y((i) => wy[i])
        .addAll(all);
    }
    return s.tree;
  }

  /** The point under screen position (px, py), or -1. */
  hitTest(px: number, py: number): number {
    const { state: s, model } = this.ctx;
    if (model.size === 0) return -1;
    const { k, x, y } = s.transform;
    const found = this.ensureTree().find((px - x) / k, (py - y) / k, HIT_RADIUS_PX / k);
    return found === undefined ? -1 : found;
  }

  onMove(px: number, py: number, dragging: boolean): void {
    this.ctx.state.hoverPoint = [px, py];
    if (!dragging) this.updateHover();
  }

  onLeave(): void {
    const s = this.ctx.state;
    s.hoverPoint = null;
    if (s.hovered >= 0) {
      s.hovered = -1;
      this.ctx.drawing.requestRender();
    }
    if (!this.pinned()) this.ctx.els.tooltip.hide();
  }

  updateHover(): void {
    const { state: s, model, els } = this.ctx;
    if (!s.hoverPoint || s.layoutAnimation) return;
    const i = this.hitTest(s.hoverPoint[0], s.hoverPoint[1]);
    if (i !== s.hovered) {
      s.hovered = i;
      els.stage.classList.toggle('over-point', i >= 0);
      this.ctx.drawing.requestRender();
      window.clearTimeout(this.neighboursTimer);
      if (i >= 0) {
        const id = model.symbols[i].id;
        if (!s.neighbourCache.has(id)) this.neighboursTimer = window.setTimeout(() => this.askNeighbours(id, 'hover'), NEIGHBOURS_DELAY_MS);
      }
    }
    if (i < 0) {
      if (!this.pinned()) els.tooltip.hide();
    } else if (this.tooltipFor !== i || !els.tooltip.visible) this.showTooltip(i, s.hoverPoint);
    else els.tooltip.move(s.hoverPoint[0], s.hoverPoint[1], els.renderer.width, els.renderer.height);
  }

  private showTooltip(i: number, at: [number, number]): void {
    const { state: s, model, els } = this.ctx;
    const sym = model.symbols[i];
    this.tooltipFor = i;
    const copies = (model.copies.get(i) ?? []).map((j) => model.symbols[j]);
    els.tooltip.show(sym, s.neighbourCache.get(sym.id), s.neighbourLimit, at[0], at[1], els.renderer.width, els.renderer.height, copies);
  }

  /** Keeps the pinned tooltip on its point (called after each frame), unless the mouse is on another. */
  placePinnedTooltip(): void {
    const { state: s, els } = this.ctx;
    if (!this.pinned() || s.hovered >= 0) return;
    const x = s.transform.x + s.transform.k * s.drawX[s.selected];
    const y = s.transform.y + s.transform.k * s.drawY[s.selected];
    if (x < 0 || y < 0 || x > els.renderer.width || y > els.renderer.height) {
      els.tooltip.hide();
      return;
    }
    if (this.tooltipFor !== s.selected || !els.tooltip.visible) this.showTooltip(s.selected, [x, y]);
    else els.tooltip.move(x, y, els.renderer.width, els.renderer.height);
  }

  /** Asks the host for `id`'s neighbours, cancelling the question before of the same purpose (the pointer moved on). */
  askNeighbours(id: string, purpose: 'hover' | 'select'): void {
    if (this.askingFor.hover === id || this.askingFor.select === id) return;
    this.askingFor[purpose] = id;
    const { state: s, model, requests } = this.ctx;
    requests
      .request({ type: 'neighbours', id }, this.asking[purpose].next())
      .then((reply) => {
        if (this.askingFor[purpose] === id) this.askingFor[purpose] = undefined;
        if (model.indexOf(reply.id) === undefined) return;
        s.neighbourCache.set(reply.id, reply.results.filter((r) => r.id !== reply.id));
        if (s.selected >= 0 && model.symbols[s.selected].id === reply.id) this.showDetails();
        if (s.hovered >= 0 && model.symbols[s.hovered].id === reply.id && s.hoverPoint) this.showTooltip(s.hovered, s.hoverPoint);
        if (this.pinned() && s.hovered < 0 && model.symbols[s.selected].id === reply.id) this.tooltipFor = -1; // rebuilt on the next frame
        this.ctx.drawing.requestRender();
      })
      .catch((error: unknown) => {
        if (this.askingFor[purpose] === id) this.askingFor[purpose] = undefined;
        if (!(error instanceof RequestCancelled)) console.warn('Latent Map: neighbours failed', error);
      });
  }

  /** Forgets cached neighbours (the map changed) and the question in flight. */
  forgetNeighbours(): void {
    this.ctx.state.neighbourCache.clear();
    for (const purpose of ['hover', 'select'] as const) {
      this.asking[purpose].cancel();
      this.askingFor[purpose] = undefined;
    }
  }

  selectedNeighbourIndices(): number[] {
    const { state: s, model } = this.ctx;
    if (s.selected < 0) return [];
    const n = s.neighbourCache.get(model.symbols[s.selected].id);
    if (!n) return [];
    const out: number[] = [];
    for (const r of n.slice(0, s.neighbourLimit)) {
      const i = model.indexOf(r.id);
      if (i !== undefined) out.push(i);
    }
    return out;
  }

  select(i: number, open: boolean, pin = false): void {
    const { state: s, model, els, host } = this.ctx;
    s.selected = i;
    s.pinSelection = pin;
    if (!pin && s.hovered < 0) els.tooltip.hide();
    if (i >= 0) {
      const id = model.symbols[i].id;
      if (!s.neighbourCache.has(id)) this.askNeighbours(id, 'select');
      if (open) host.post({ type: 'open', id });
    }
    this.showDetails();
    this.ctx.drawing.requestRender();
    this.ctx.saveStateSoon();
  }

  /** The selected symbol in the side panel. */
  showDetails(): void {
    const { state: s, model, els } = this.ctx;
    if (s.selected < 0) {
      els.panel.showSymbol(undefined, undefined, 0, []);
      return;
    }
    const sym = model.symbols[s.selected];
    const copies = (model.copies.get(model.rep[s.selected]) ?? []).map((j) => model.symbols[j]);
    els.panel.showSymbol(sym, s.neighbourCache.get(sym.id), s.neighbourLimit, copies);
  }

  /** Selects symbol `id` from the panel (a neighbour, a member of the area), bringing it into view when it is off screen. */
  pickById(id: string): void {
    const { model } = this.ctx;
    const found = model.indexOf(id);
    if (found === undefined) return;
    const i = model.rep[found];
    this.select(i, false, true);
    this.keepInView(i);
  }

  /** Pans (at the same zoom) so point i is on screen, when it is not. */
  keepInView(i: number): void {
    const { state: s, els, view } = this.ctx;
    if (i < 0 || i >= s.drawX.length) return;
    const { k, x, y } = s.transform;
    const px = x + k * s.drawX[i];
    const py = y + k * s.drawY[i];
    const margin = 24;
    if (px >= margin && py >= margin && px <= els.renderer.width - margin && py <= els.renderer.height - margin) return;
    view.setTransform({ k, x: els.renderer.width / 2 - k * s.drawX[i], y: els.renderer.height / 2 - k * s.drawY[i] }, true);
  }

  /** The area selected with the lasso: highlighted on the map and listed in the panel. */
  setArea(indices: readonly number[]): void {
    const { state: s, model, els, search } = this.ctx;
    s.area = [...indices];
    els.panel.showArea(s.area.map((i) => model.symbols[i]));
    s.highlight = s.area.length > 0 ? new Set(s.area) : search.highlight();
    if (s.area.length > 0 && !els.panel.visible) this.ctx.setPanelVisible(true);
    this.ctx.drawing.requestRender();
  }

  /** Centres and selects symbol `id` (Reveal in Map); a copy is shown by the point that stands for it. */
  reveal(id: string): void {
    const { model } = this.ctx;
    const found = model.indexOf(id);
    const i = found === undefined ? undefined : model.rep[found];
    if (i === undefined) {
      this.ctx.setStatus('ready', 'That symbol is not on the map.');
      return;
    }
    this.select(i, false, true);
    this.ctx.view.centreOn(i);
  }
}
