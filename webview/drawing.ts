// Drawing a frame: the points (canvas), the overlay (hover, selection,
// neighbour lines) and the names on the map, on the next animation frame
// after anything changes.
import type { Context } from './context';
import { pointRadius, visibleShare } from './geometry';
import { placeLabels, type LabelCandidate, type PlacedLabel } from './labels';
import { NAME_MIN_ZOOM, NAME_POINTS_IN_VIEW, regionCandidates } from './regions';
import { buildGrid, forEachNear, type PointGrid } from './grid';
import { DENSITY_ABOVE, type Scene } from './renderer';

/** Most points named at once at close zoom, and the size of their names. */
const MAX_POINT_NAMES = 160;
const POINT_NAME_FONT_PX = 11;

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** What the benchmark (bench/render.ts) reads and drives; absent in the product. */
export interface BenchHooks {
  frames: number[];
  /** How each frame in `frames` drew the points. */
  modes?: string[];
  noFlush?: boolean;
  mapLoadMs?: number;
  /** When the last map message arrived, and how long after it its first frame was on the canvas (performance.now() ms). */
  mapAt?: number;
  firstDrawMs?: number;
}
export const bench = (globalThis as { __LATENT_MAP_BENCH__?: BenchHooks }).__LATENT_MAP_BENCH__;

export class Drawing {
  private queued = false;
  /** What the points canvas last showed: the points are stamped again only when one of these changed. */
  private lastInputs: unknown[] = [];
  /** The legend's box in stage coordinates (measured when the legend changes, not per frame). */
  private legendRect: Box | null = null;
  private readonly measureCtx = document.createElement('canvas').getContext('2d');
  private readonly measureCache = new Map<string, number>();
  /** The names the last frame placed, for the PNG picture. */
  placed: readonly PlacedLabel[] = [];

  constructor(private readonly ctx: Context) {}

  requestRender(): void {
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => this.render());
  }

  render(): void {
    this.queued = false;
    const { state: s, els, model } = this.ctx;
    const t0 = performance.now();
    const radius = pointRadius(model.points * visibleShare(s.dataBounds, s.transform, els.renderer.width, els.renderer.height));
    // What the points' pixels depend on besides the transform.
    const content = [s.groups, s.highlight, s.drawX, s.palette, s.theme, s.positionsVersion, els.renderer.sizeVersion];
    const grid = this.pointGrid();
    const scene: Scene = {
      wx: s.drawX,
      wy: s.drawY,
      groups: s.groups,
      palette: s.palette,
      theme: s.theme,
      transform: s.transform,
      radius,
      highlight: s.highlight,
      selected: s.selected,
      neighbours: this.ctx.pointer.selectedNeighbourIndices(),
      hovered: s.hovered,
      bounds: s.dataBounds,
      grid,
      content,
    };
    const inputs = [s.transform, ...content];
    if (inputs.some((v, i) => v !== this.lastInputs[i])) {
      els.renderer.drawPoints(scene);
      this.lastInputs = inputs;
    }
    els.renderer.drawOverlay(scene);
    // The test hooks: how many points the last frame drew (the end-to-end
    // suite compares it with the number of indexed symbols), and whether as
    // points or as their density.
    const drawn = String(els.renderer.drawn);
    if (els.canvas.dataset.drawn !== drawn) els.canvas.dataset.drawn = drawn;
    if (els.canvas.dataset.mode !== els.renderer.mode) els.canvas.dataset.mode = els.renderer.mode;
    this.drawLabels();
    this.ctx.pointer.placePinnedTooltip();
    if (bench) {
      if (!bench.noFlush) els.renderer.flush();
      const t1 = performance.now();
      bench.frames.push(t1 - t0);
      (bench.modes ??= []).push(els.renderer.mode);
      if (bench.mapAt !== undefined && bench.firstDrawMs === undefined && model.size > 0) bench.firstDrawMs = t1 - bench.mapAt;
    }
  }

  /**
   * Names on the map, placed in order of importance so that none overlaps an
   * earlier one: the points the user asked about (selected, its neighbours,
   * search results), then regions at the level the zoom reveals
   * (regions.ts), then, when few points are in view, the points' own names.
   */
  private drawLabels(): void {
    const { state: s, els } = this.ctx;
    const { width, height } = els.renderer;
    const zoomRatio = s.transform.k / this.ctx.view.baseK();
    const maxLabels = Math.max(16, Math.min(80, Math.round(14 * zoomRatio)));
    const base = { width, height, measure: (text: string, size: number) => this.measureText(text, size) };
    const legend = this.legendRect ? [this.legendRect] : [];
    const pinned = placeLabels(this.pointCandidates(this.pinnedPoints(), 'pinned'), { ...base, fixedFont: POINT_NAME_FONT_PX + 1, maxLabels: 60, obstacles: legend });
    // One region is no grouping at all: its name would only cover the middle of the map.
    const tops = s.regions.filter((r) => r.parent < 0);
    // In the Axes view the regions are scattered along the axes: their names would label nothing.
    const named = !s.axesShown && (tops.length > 1 || tops.some((r) => r.children.length > 0)) ? s.regions : [];
    const areas = placeLabels(regionCandidates(named, s.transform, zoomRatio), { ...base, maxLabels, obstacles: [...legend, ...pinned] });
    let names: PlacedLabel[] = [];
    const inView = zoomRatio >= NAME_MIN_ZOOM ? this.pointsInView() : [];
    if (inView.length > 0 && inView.length <= NAME_POINTS_IN_VIEW) {
      names = placeLabels(this.pointCandidates(inView, 'name'), {
        ...base,
        fixedFont: POINT_NAME_FONT_PX,
        maxLabels: MAX_POINT_NAMES,
        obstacles: [...legend, ...pinned, ...areas],
      });
    }
    this.placed = [...pinned, ...areas, ...names];
    els.labelLayer.show(this.placed);
    // Labels stay for orientation while a search or legend entry is highlighted, but step back.
    els.labelsEl.classList.toggle('dimmed', s.highlight !== null);
    els.labelsEl.dataset.regions = String(areas.length);
    els.labelsEl.dataset.names = String(names.length + pinned.length);
  }

  /** The selected point, its neighbours and the current search results. */
  private pinnedPoints(): number[] {
    const { state: s, model, els } = this.ctx;
    const out = new Set<number>();
    if (s.selected >= 0) out.add(model.rep[s.selected]);
    for (const i of this.ctx.pointer.selectedNeighbourIndices()) out.add(model.rep[i]);
    if (els.searchInput.value.trim() !== '') {
      for (const r of s.searchResults) {
        const i = model.indexOf(r.id);
        if (i !== undefined) out.add(model.rep[i]);
      }
    }
    return [...out];
  }

  /**
   * The grid over the points shown, for maps too big to go through every
   * point each frame (more than DENSITY_ABOVE shown); rebuilt when what is
   * shown or where it is changes.
   */
  private pointGrid(): PointGrid | null {
    const s = this.ctx.state;
    let shown = 0;
    for (const g of s.groups) shown += g.indices.length;
    if (shown <= DENSITY_ABOVE || !s.dataBounds) return null;
    const key = [s.groups, s.drawX, s.drawY, s.positionsVersion, s.dataBounds];
    if (!this.grid || key.some((v, i) => v !== this.grid!.key[i])) this.grid = { key, grid: buildGrid(s.drawX, s.drawY, s.groups, s.dataBounds) };
    return this.grid.grid;
  }

  private grid: { key: unknown[]; grid: PointGrid } | null = null;

  /** Indices of the points on screen, or none once there are more than NAME_POINTS_IN_VIEW. */
  private pointsInView(): number[] {
    const { state: s, els } = this.ctx;
    const { k, x, y } = s.transform;
    const { width, height } = els.renderer;
    const out: number[] = [];
    const grid = this.pointGrid();
    if (grid) {
      let over = false;
      forEachNear(grid, -x / k, -y / k, (width - x) / k, (height - y) / k, (_slot, indices) => {
        for (let j = 0; j < indices.length && !over; j++) {
          const i = indices[j];
          const sx = x + k * s.drawX[i];
          const sy = y + k * s.drawY[i];
          if (sx < 0 || sy < 0 || sx > width || sy > height) continue;
          if (out.length === NAME_POINTS_IN_VIEW) over = true;
          else out.push(i);
        }
      });
      return over ? [] : out;
    }
    for (let i = 0; i < s.drawX.length; i++) {
      if (!s.shown[i]) continue;
      const sx = x + k * s.drawX[i];
      const sy = y + k * s.drawY[i];
      if (sx < 0 || sy < 0 || sx > width || sy > height) continue;
      if (out.length === NAME_POINTS_IN_VIEW) return [];
      out.push(i);
    }
    return out;
  }

  /** Name labels for points: nearer the view's centre first, so the middle of the view is named before its edges. */
  private pointCandidates(indices: readonly number[], style: 'pinned' | 'name'): LabelCandidate[] {
    const { state: s, model, els } = this.ctx;
    const { k, x, y } = s.transform;
    const cx = els.renderer.width / 2;
    const cy = els.renderer.height / 2;
    return indices.map((i) => {
      const sx = x + k * s.drawX[i];
      const sy = y + k * s.drawY[i];
      // The selected point's name is placed before any other (its neighbours' and results' names weigh at most 1).
      const weight = i === model.rep[s.selected] ? 2 : 1 / (1 + Math.hypot(sx - cx, sy - cy));
      return { id: i, text: model.symbols[i].name, x: sx, y: sy, weight, align: 'beside' as const, style };
    });
  }

  measureLegend(): void {
    const { legendEl, stage } = this.ctx.els;
    if (legendEl.childElementCount === 0) {
      this.legendRect = null;
      return;
    }
    const l = legendEl.getBoundingClientRect();
    const st = stage.getBoundingClientRect();
    this.legendRect = { left: l.left - st.left, top: l.top - st.top, width: l.width, height: l.height };
  }

  /** Text widths for label placement: the theme's font at the label's weight, cached. */
  measureText(text: string, size: number): number {
    const key = `${size}|${text}`;
    let w = this.measureCache.get(key);
    if (w === undefined) {
      if (this.measureCtx) {
        this.measureCtx.font = `600 ${size}px ${this.ctx.state.theme.fontFamily}`;
        w = this.measureCtx.measureText(text).width;
      } else {
        w = text.length * size * 0.6;
      }
      if (this.measureCache.size > 5000) this.measureCache.clear();
      this.measureCache.set(key, w);
    }
    return w;
  }

  /** The theme changed: fonts measure differently. */
  forgetMeasures(): void {
    this.measureCache.clear();
  }
}
